"""Benchmarks of the Textual game; prints figures and asserts nothing.

Run: ``.venv/bin/python tests/bench/bench_tui.py`` (``--runs N`` for more start-up runs,
``--only PART`` for one part).

1. Cold start: import to the first frame of the title screen (``on_ready``), against a
   minimal Textual app (Header, one Static, Footer), each in fresh subprocesses, medians.
2. Time to interactive: from launching the process in a pseudo-terminal of 100x30 until its
   output settles with New game enabled (the bundled story loaded, its saves read), against
   the minimal app settling, medians; with the caches filled by an earlier run (as a player
   has them from the second launch on), and for context with a run saved as well (the
   title reads the saves and offers Continue) and with an empty cache folder.
   Both parts also print the CPU time each process had used by then (all its threads): on a
   busy machine wall times swing with the load, CPU times far less. Both let the children
   write and read compiled bytecode (in a folder of the bench's own), as installed apps have
   it, and start the game as ``stars-gossip play`` does (the cyclic collector off until the
   first frame).
3. Peak memory (max RSS) of a subprocess playing 200 choices, against the minimal app.
4. Choice latency: a number key pressed to the next scene rendered, through Pilot, over 1,000
   choices of a looping story. "Our work" is the choice handler plus the play screen's
   layout and redraw that follow (timed inside the app); the Pilot round trip and the round
   trip of an unbound key are shown for context; then the curve: our work's median over each
   hundred choices, which should stay flat. Then the same over 300 choices of a story whose
   choice list changes its height on every choice (one choice, then five): the layout path.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import gc
import json
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from pathlib import Path

START = time.perf_counter()  # before any Textual import: the start-up clock

ROOT = Path(__file__).resolve().parents[2]
BENCH_STORY = ROOT / "tests" / "stories" / "tui_bench"
CHOICES = 1000
VARIED_STORY = ROOT / "tests" / "stories" / "tui_bench_varied"
VARIED_CHOICES = 300
MEMORY_CHOICES = 200
SIZE = (100, 30)
QUIET = 0.4
"""Seconds without output after which a screen counts as settled."""

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
                print(json.dumps({"ready": time.perf_counter() - START, "cpu": time.process_time()}))
                self.exit(0)

        TimedMinimal().run(headless=True, size=SIZE)
        return

    gc.disable()  # as ``stars-gossip play`` starts the game (game/cli.py); it turns it back on later
    from textual import events

    from game.tui.app import StarsGossipApp
    from game.tui.settings import Settings

    class Timed(StarsGossipApp):
        def on_ready(self, event: events.Ready) -> None:
            # Textual calls every class's handler along the MRO: without prevent_default the
            # game's own on_ready would start loading the story while this one exits.
            event.prevent_default()
            print(json.dumps({"ready": time.perf_counter() - START, "cpu": time.process_time()}))
            self.exit(0)

    Timed(BENCH_STORY, 1, Settings(reveal="instant", reduced_motion=True)).run(headless=True, size=SIZE)


def child_memory(kind: str) -> None:
    """Print the peak RSS (KiB) of running the minimal app, or of playing MEMORY_CHOICES choices."""
    if kind == "minimal":

        async def run_minimal() -> None:
            async with minimal_app()().run_test(size=SIZE) as pilot:
                for _ in range(20):
                    await pilot.press("x")

        asyncio.run(run_minimal())
    else:
        asyncio.run(play_choices(MEMORY_CHOICES))
    print(json.dumps({"maxrss_kib": peak_rss_kib()}))


def child_interactive(kind: str) -> None:
    """Run an app full-screen on this process's terminal; write one byte to the file descriptor
    in ``BENCH_READY_FD`` once it is interactive (the minimal app: its first frame; the game:
    New game enabled on the title screen). The parent ends the process."""
    ready_fd = int(os.environ["BENCH_READY_FD"])
    if kind == "minimal":

        class ReadyMinimal(minimal_app()):  # type: ignore[misc]
            def on_ready(self) -> None:
                os.write(ready_fd, ready_note())

        ReadyMinimal().run()
        return

    gc.disable()  # as ``stars-gossip play`` starts the game (game/cli.py); it turns it back on later
    from game.paths import bundled_story_dir
    from game.tui.app import StarsGossipApp
    from game.tui.messages import StoryLoaded

    class ReadyGame(StarsGossipApp):
        def on_ready(self) -> None:
            # No super().on_ready(): Textual calls StarsGossipApp.on_ready itself (handlers run
            # along the MRO), and calling it here too would load the story twice.
            self.noted = False
            self.watching = self.set_interval(0.05, self.check_interactive)

        def on_story_loaded(self, message: StoryLoaded) -> None:
            # New game opens in the app's own handler: noted the moment it opens, not at the
            # next poll. Textual would call that handler after this one (handlers run along the
            # MRO), so it is called here and the message's default stopped.
            message.prevent_default()
            super().on_story_loaded(message)
            self.check_interactive()

        def check_interactive(self) -> None:
            from textual.widgets import OptionList

            menus = self.screen.query("#menu")
            if not self.noted and menus and not menus.first(OptionList).get_option("new-game").disabled:
                self.noted = True
                self.watching.stop()
                os.write(ready_fd, ready_note())

    ReadyGame(bundled_story_dir(), 1).run()


def ready_note() -> bytes:
    """What the interactive child writes once interactive: one line, "r" and the CPU seconds
    this process has used so far (every thread), which a busy machine does not inflate."""
    return f"r{time.process_time():.6f}\n".encode()


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


async def play_choices(count: int, story: Path = BENCH_STORY) -> dict[str, list[float]]:
    """Press '1' ``count`` times on a looping ``story`` and time each choice.

    ``round_trip`` is the wall time Pilot takes (press, then wait until the screen has been
    redrawn); ``idle`` the same for an unbound key. ``work`` is the CPU time (of the UI thread) of our work for
    one choice: the choice handler plus the layout and redraw of the play screen that follow
    it (the harness's waiting is excluded; a redraw run by a layout counts once, within the
    layout); ``handler`` is the handler alone.
    """
    from game.tui.app import StarsGossipApp
    from game.tui.screens.play import PlayScreen
    from game.tui.settings import Settings

    spent: list[float] = []
    handler: list[float] = []
    depth: list[str] = []  # the timed call running now, if any
    patched = {name: getattr(PlayScreen, name) for name in ("action_pick", "_refresh_layout", "_compositor_refresh")}

    def timed(name: str):  # type: ignore[no-untyped-def]
        original = patched[name]

        def wrapper(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            if depth:  # within another timed call (a layout draws the screen itself): counted there
                return original(self, *args, **kwargs)
            depth.append(name)
            began = time.thread_time()  # CPU time: other processes on a busy machine do not count
            try:
                return original(self, *args, **kwargs)
            finally:
                elapsed = time.thread_time() - began
                depth.pop()
                spent.append(elapsed)
                if name == "action_pick":
                    handler.append(elapsed)

        return wrapper

    for name in patched:
        setattr(PlayScreen, name, timed(name))
    app = StarsGossipApp(story, 1, Settings(reveal="instant", reduced_motion=True))
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
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, **user_dirs(Path(home)))
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


def user_dirs(home: Path) -> dict[str, str]:
    """The game's folders moved under ``home``, as environment variables."""
    return {
        "STARS_GOSSIP_DATA_DIR": str(home / "data"),
        "STARS_GOSSIP_CONFIG_DIR": str(home / "config"),
        "STARS_GOSSIP_CACHE_DIR": str(home / "cache"),
        "STARS_GOSSIP_SAVE_DIR": str(home / "saves"),
    }


def time_to_interactive(kind: str, home: Path) -> tuple[float, float]:
    """Seconds from launching ``kind`` in a 100x30 pseudo-terminal until it is interactive and
    its output has settled (the time of the last byte drawn before ``QUIET`` seconds of silence),
    and the CPU seconds the process had used when it became interactive."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    ready_read, ready_write = os.pipe()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(SIZE[0]), LINES=str(SIZE[1]))
    env.update(user_dirs(home), BENCH_READY_FD=str(ready_write))
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", "interactive", kind],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=ROOT,
        pass_fds=(ready_write,),
        start_new_session=True,
    )
    os.close(slave)
    os.close(ready_write)
    ready = False
    cpu = 0.0
    last_output = began
    try:
        while True:
            waiting = [master] if ready else [master, ready_read]
            readable, _, _ = select.select(waiting, [], [], QUIET if ready else 30)
            now = time.perf_counter()
            if not readable:
                if ready:
                    return last_output - began, cpu
                raise RuntimeError(f"{kind} never became interactive")
            if ready_read in readable:
                note = b""
                while not note.endswith(b"\n"):
                    note += os.read(ready_read, 64)
                cpu = float(note[1:])
                ready = True
                last_output = max(last_output, now)
            if master in readable:
                try:
                    if os.read(master, 65536):
                        last_output = now
                except OSError as err:
                    raise RuntimeError(f"{kind} ended before it became interactive") from err
    finally:
        process.kill()
        process.wait()
        os.close(master)
        os.close(ready_read)


def play_a_little(home: Path) -> None:
    """Play three choices of the bundled story in line mode with ``home``'s folders and quit:
    the run is autosaved, as a returning player's is."""
    subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--seed", "1"],
        input="1\n1\n1\nq\n",
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=dict(os.environ, **user_dirs(home)),
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


@contextlib.contextmanager
def compiled_bytecode() -> Iterator[None]:
    """Let the children write and read bytecode, in a folder of their own.

    An installed game has its ``.pyc`` files (pip compiles them), as Textual has. Where
    ``PYTHONDONTWRITEBYTECODE`` is set, an editable install would compile every module of
    the game at each launch while Textual's come compiled: the warm-up runs fill this folder
    for both apps instead, and the measured runs read it.
    """
    saved = {name: os.environ.get(name) for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    with tempfile.TemporaryDirectory() as folder:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = folder
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def bench_startup(runs: int) -> None:
    with compiled_bytecode():
        startup(runs)


def startup(runs: int) -> None:
    print(f"Cold start to the first frame ({runs} runs each, alternating, fresh subprocesses)")
    ready: dict[str, list[float]] = {"minimal": [], "game": []}
    wall: dict[str, list[float]] = {"minimal": [], "game": []}
    cpu: dict[str, list[float]] = {"minimal": [], "game": []}
    run_child("startup", "minimal")  # warm the OS file cache and .pyc files for both
    run_child("startup", "game")
    for _ in range(runs):
        for kind in ("minimal", "game"):
            figures = run_child("startup", kind)
            ready[kind].append(figures["ready"])
            wall[kind].append(figures["wall"])
            cpu[kind].append(figures["cpu"])
    for kind in ("minimal", "game"):
        print(
            f"  {kind:8} import->ready median {ms(statistics.median(ready[kind]))}"
            f"   (min {ms(min(ready[kind]))}, max {ms(max(ready[kind]))});"
            f" whole process median {ms(statistics.median(wall[kind]))};"
            f" CPU until ready median {ms(statistics.median(cpu[kind]))}"
        )
    ratio = statistics.median(ready["game"]) / statistics.median(ready["minimal"])
    wall_ratio = statistics.median(wall["game"]) / statistics.median(wall["minimal"])
    cpu_ratio = statistics.median(cpu["game"]) / statistics.median(cpu["minimal"])
    print(
        f"  ratio game/minimal: {ratio:.2f} (target <= 1.3); min/min {min(ready['game']) / min(ready['minimal']):.2f};"
        f" whole process {wall_ratio:.2f}; CPU {cpu_ratio:.2f}"
    )


def bench_interactive(runs: int) -> None:
    with compiled_bytecode():
        interactive(runs)


def interactive(runs: int) -> None:
    print(f"Launch to interactive in a {SIZE[0]}x{SIZE[1]} pseudo-terminal, settled ({runs} runs each, alternating)")
    with tempfile.TemporaryDirectory() as kept:
        home = Path(kept)
        time_to_interactive("minimal", home)  # warm the OS file cache, .pyc files and the game's caches
        time_to_interactive("game", home)
        # A returning player: the same warm caches, and a run saved (the title then reads the
        # saves and offers Continue).
        returning = Path(kept) / "returning"
        shutil.copytree(home, returning)
        play_a_little(returning)
        times: dict[str, list[float]] = {"minimal": [], "game": [], "game, with a save": [], "game, empty cache": []}
        cpu: dict[str, list[float]] = {kind: [] for kind in times}

        def measure(kind: str, label: str, folder: Path) -> None:
            wall, used = time_to_interactive(kind, folder)
            times[label].append(wall)
            cpu[label].append(used)

        for _ in range(runs):
            for kind in ("minimal", "game"):
                measure(kind, kind, home)
            measure("game", "game, with a save", returning)
            with tempfile.TemporaryDirectory() as fresh:
                measure("game", "game, empty cache", Path(fresh))
    for kind, figures in times.items():
        print(
            f"  {kind:19} median {ms(statistics.median(figures))}   (min {ms(min(figures))}, max {ms(max(figures))});"
            f"  CPU until interactive median {ms(statistics.median(cpu[kind]))} (min {ms(min(cpu[kind]))})"
        )
    minimal, minimal_cpu = statistics.median(times["minimal"]), statistics.median(cpu["minimal"])
    print(
        f"  ratio game/minimal: {statistics.median(times['game']) / minimal:.2f} (target <= 1.3);"
        f" with a save {statistics.median(times['game, with a save']) / minimal:.2f};"
        f" with an empty cache {statistics.median(times['game, empty cache']) / minimal:.2f};"
        f" min/min {min(times['game']) / min(times['minimal']):.2f}"
    )
    print(
        f"  CPU ratio game/minimal: {statistics.median(cpu['game']) / minimal_cpu:.2f};"
        f" with a save {statistics.median(cpu['game, with a save']) / minimal_cpu:.2f};"
        f" with an empty cache {statistics.median(cpu['game, empty cache']) / minimal_cpu:.2f}"
        "  (CPU time is what a busy machine leaves alone)"
    )


def bench_choices() -> None:
    print(f"Choice keypress to the next scene rendered, via Pilot ({CHOICES} choices)")
    with tempfile.TemporaryDirectory() as home:
        os.environ.update(user_dirs(Path(home)))
        figures = asyncio.run(play_choices(CHOICES))
    trips, idle, work, handler = figures["round_trip"], figures["idle"], figures["work"], figures["handler"]
    print(f"  Pilot round trip  median {ms(statistics.median(trips))}  worst {ms(max(trips))}")
    print(f"  idle key (no-op)  median {ms(statistics.median(idle))}  worst {ms(max(idle))}  (the harness alone)")
    print(f"  our work          median {ms(statistics.median(work))}  worst {ms(max(work))}  (target < 16 ms)")
    print(f"    of it, handler  median {ms(statistics.median(handler))}  worst {ms(max(handler))}")
    first, last = work[:20], work[-20:]
    print(f"  our work, first 20 median {ms(statistics.median(first))}, last 20 median {ms(statistics.median(last))}")
    curve = "  ".join(
        f"{start + 100}: {statistics.median(work[start : start + 100]) * 1000:.1f}"
        for start in range(0, len(work), 100)
    )
    print(f"  our work, median per 100 choices (ms): {curve}")
    bench_choices_varied()


def bench_choices_varied() -> None:
    """The same keypress where the choice list changes its height on every choice (one choice,
    then five): the screen is laid out again each time, which the looping story above never needs."""
    print(f"Choice keypress, the choice list's height changing every choice ({VARIED_CHOICES} choices)")
    with tempfile.TemporaryDirectory() as home:
        os.environ.update(user_dirs(Path(home)))
        figures = asyncio.run(play_choices(VARIED_CHOICES, VARIED_STORY))
    work, handler = figures["work"], figures["handler"]
    print(f"  our work          median {ms(statistics.median(work))}  worst {ms(max(work))}  (target < 16 ms)")
    print(f"    of it, handler  median {ms(statistics.median(handler))}  worst {ms(max(handler))}")
    curve = "  ".join(
        f"{start + 100}: {statistics.median(work[start : start + 100]) * 1000:.1f}"
        for start in range(0, len(work), 100)
    )
    print(f"  our work, median per 100 choices (ms): {curve}")


def bench_memory() -> None:
    print(f"Peak memory (max RSS): minimal app vs playing {MEMORY_CHOICES} choices")
    minimal = run_child("memory", "minimal")["maxrss_kib"]
    game = run_child("memory", "game")["maxrss_kib"]
    print(
        f"  minimal {minimal / 1024:6.1f} MiB   game {game / 1024:6.1f} MiB   ratio {game / minimal:.2f} (target <= 2)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per app (default 7)")
    parser.add_argument(
        "--only",
        choices=("startup", "interactive", "memory", "choices"),
        action="append",
        help="run only this part (repeatable; default: all)",
    )
    parser.add_argument("--child", nargs=2, metavar=("MODE", "KIND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, kind = args.child
        {"startup": child_startup, "memory": child_memory, "interactive": child_interactive}[mode](kind)
        return
    parts = args.only or ["startup", "interactive", "memory", "choices"]
    if "startup" in parts:
        bench_startup(args.runs)
    if "interactive" in parts:
        bench_interactive(args.runs)
    if "memory" in parts:
        bench_memory()
    if "choices" in parts:
        bench_choices()


if __name__ == "__main__":
    main()
