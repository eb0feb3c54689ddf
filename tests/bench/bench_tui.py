"""Benchmarks of the Textual game; prints figures and asserts nothing.

Run: ``.venv/bin/python tests/bench/bench_tui.py`` (``--runs N`` for more start-up runs).

1. Cold start: import to the first frame of the title screen (``on_ready``), against a
   minimal Textual app (Header, one Static, Footer), each in fresh subprocesses, medians.
2. Choice latency: a number key pressed to the next scene rendered, through Pilot, over 200
   choices of a looping story. "Our work" is the choice handler plus the play screen's
   layout and redraw that follow (timed inside the app); the Pilot round trip and the round
   trip of an unbound key are shown for context.
3. Peak memory (max RSS) of a subprocess playing 200 choices, against the minimal app.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START = time.perf_counter()  # before any Textual import: the start-up clock

ROOT = Path(__file__).resolve().parents[2]
BENCH_STORY = ROOT / "tests" / "stories" / "tui_bench"
CHOICES = 200
SIZE = (100, 30)

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def minimal_app() -> type:
    """The yardstick: a Textual app with a header, one label and a footer (imported when called,
    so its import time is measured in the child)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Minimal(App[int]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    return Minimal


def child_startup(kind: str) -> None:
    """Print seconds from the start of this process's imports to the first frame, then exit."""
    if kind == "minimal":

        class TimedMinimal(minimal_app()):  # type: ignore[misc]
            def on_ready(self) -> None:
                print(json.dumps({"ready": time.perf_counter() - START}))
                self.exit(0)

        TimedMinimal().run(headless=True, size=SIZE)
        return

    from game.tui.app import StarsGossipApp
    from game.tui.settings import Settings

    class Timed(StarsGossipApp):
        def on_ready(self) -> None:
            print(json.dumps({"ready": time.perf_counter() - START}))
            self.exit(0)

    Timed(BENCH_STORY, 1, Settings(reveal="instant", reduced_motion=True)).run(headless=True, size=SIZE)


def child_memory(kind: str) -> None:
    """Print the peak RSS (KiB) of running the minimal app, or of playing CHOICES choices."""
    if kind == "minimal":

        async def run_minimal() -> None:
            async with minimal_app()().run_test(size=SIZE) as pilot:
                for _ in range(20):
                    await pilot.press("x")

        asyncio.run(run_minimal())
    else:
        asyncio.run(play_choices(CHOICES))
    print(json.dumps({"maxrss_kib": peak_rss_kib()}))


def peak_rss_kib() -> int:
    """This process's peak resident memory in KiB.

    Linux's VmHWM belongs to this program alone; ``ru_maxrss`` would also count the parent's
    memory at fork, which the exec'd child inherits as its starting maximum.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def play_choices(count: int) -> dict[str, list[float]]:
    """Press '1' ``count`` times on the looping story and time each choice.

    ``round_trip`` is the wall time Pilot takes (press, then wait until the screen has been
    redrawn); ``idle`` the same for an unbound key. ``work`` is the CPU time (of the UI thread) of our work for
    one choice: the choice handler plus the layout and redraw of the play screen that follow
    it (the harness's waiting is excluded); ``handler`` is the handler alone.
    """
    from game.tui.app import StarsGossipApp
    from game.tui.screens.play import PlayScreen
    from game.tui.settings import Settings

    spent: list[float] = []
    handler: list[float] = []
    patched = {name: getattr(PlayScreen, name) for name in ("action_pick", "_refresh_layout", "_compositor_refresh")}

    def timed(name: str):  # type: ignore[no-untyped-def]
        original = patched[name]

        def wrapper(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            began = time.thread_time()  # CPU time: other processes on a busy machine do not count
            try:
                return original(self, *args, **kwargs)
            finally:
                elapsed = time.thread_time() - began
                spent.append(elapsed)
                if name == "action_pick":
                    handler.append(elapsed)

        return wrapper

    for name in patched:
        setattr(PlayScreen, name, timed(name))
    app = StarsGossipApp(BENCH_STORY, 1, Settings(reveal="instant", reduced_motion=True))
    round_trips: list[float] = []
    idle: list[float] = []
    work: list[float] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, PlayScreen)
            for _ in range(count):
                spent.clear()
                began = time.perf_counter()
                await pilot.press("1")
                await pilot.pause()  # until the refresh that draws the new scene has run
                round_trips.append(time.perf_counter() - began)
                work.append(sum(spent))
                began = time.perf_counter()
                await pilot.press("x")  # unbound: what Pilot and an idle repaint cost alone
                await pilot.pause()
                idle.append(time.perf_counter() - began)
            assert app.screen.playthrough.choices_made == count
    finally:
        for name, original in patched.items():
            setattr(PlayScreen, name, original)
    return {"round_trip": round_trips, "idle": idle, "work": work, "handler": handler}


def run_child(mode: str, kind: str) -> dict[str, float]:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as home:
        env["STARS_GOSSIP_DATA_DIR"] = str(Path(home) / "data")
        env["STARS_GOSSIP_CONFIG_DIR"] = str(Path(home) / "config")
        env["STARS_GOSSIP_CACHE_DIR"] = str(Path(home) / "cache")
        env["STARS_GOSSIP_SAVE_DIR"] = str(Path(home) / "saves")
        began = time.perf_counter()
        result = subprocess.run(
            [sys.executable, __file__, "--child", mode, kind],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        wall = time.perf_counter() - began
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    figures: dict[str, float] = json.loads(lines[-1])
    figures["wall"] = wall
    return figures


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def bench_startup(runs: int) -> None:
    print(f"Cold start to the first frame ({runs} runs each, alternating, fresh subprocesses)")
    ready: dict[str, list[float]] = {"minimal": [], "game": []}
    wall: dict[str, list[float]] = {"minimal": [], "game": []}
    run_child("startup", "minimal")  # warm the OS file cache and .pyc files for both
    run_child("startup", "game")
    for _ in range(runs):
        for kind in ("minimal", "game"):
            figures = run_child("startup", kind)
            ready[kind].append(figures["ready"])
            wall[kind].append(figures["wall"])
    for kind in ("minimal", "game"):
        print(
            f"  {kind:8} import->ready median {ms(statistics.median(ready[kind]))}"
            f"   (min {ms(min(ready[kind]))}, max {ms(max(ready[kind]))});"
            f" whole process median {ms(statistics.median(wall[kind]))}"
        )
    ratio = statistics.median(ready["game"]) / statistics.median(ready["minimal"])
    wall_ratio = statistics.median(wall["game"]) / statistics.median(wall["minimal"])
    print(f"  ratio game/minimal: {ratio:.2f} (target <= 1.3); whole process {wall_ratio:.2f}")


def bench_choices() -> None:
    print(f"Choice keypress to the next scene rendered, via Pilot ({CHOICES} choices)")
    with tempfile.TemporaryDirectory() as home:
        os.environ["STARS_GOSSIP_DATA_DIR"] = str(Path(home) / "data")
        os.environ["STARS_GOSSIP_CONFIG_DIR"] = str(Path(home) / "config")
        os.environ["STARS_GOSSIP_CACHE_DIR"] = str(Path(home) / "cache")
        os.environ["STARS_GOSSIP_SAVE_DIR"] = str(Path(home) / "saves")
        figures = asyncio.run(play_choices(CHOICES))
    trips, idle, work, handler = figures["round_trip"], figures["idle"], figures["work"], figures["handler"]
    print(f"  Pilot round trip  median {ms(statistics.median(trips))}  worst {ms(max(trips))}")
    print(f"  idle key (no-op)  median {ms(statistics.median(idle))}  worst {ms(max(idle))}  (the harness alone)")
    print(f"  our work          median {ms(statistics.median(work))}  worst {ms(max(work))}  (target < 16 ms)")
    print(f"    of it, handler  median {ms(statistics.median(handler))}  worst {ms(max(handler))}")
    first, last = work[:20], work[-20:]
    print(f"  our work, first 20 median {ms(statistics.median(first))}, last 20 median {ms(statistics.median(last))}")


def bench_memory() -> None:
    print(f"Peak memory (max RSS): minimal app vs playing {CHOICES} choices")
    minimal = run_child("memory", "minimal")["maxrss_kib"]
    game = run_child("memory", "game")["maxrss_kib"]
    print(
        f"  minimal {minimal / 1024:6.1f} MiB   game {game / 1024:6.1f} MiB   ratio {game / minimal:.2f} (target <= 2)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per app (default 7)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "KIND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, kind = args.child
        (child_startup if mode == "startup" else child_memory)(kind)
        return
    bench_startup(args.runs)
    bench_memory()
    bench_choices()


if __name__ == "__main__":
    main()
