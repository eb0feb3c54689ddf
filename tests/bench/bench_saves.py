"""Benchmarks of the saves; prints figures and asserts nothing.

Run: ``.venv/bin/python tests/bench/bench_saves.py`` (``--runs N`` for more repetitions).

1. Save and load after a full playthrough of the bundled story (the first choice every time,
   to its ending), and after 1,000 choices of the looping benchmark story (the undo history
   capped at 50, the path of choices whole): save = capture the run + encode + atomic write
   with fsync; load = read + decode + restore + the playthrough ready to show. Target < 10 ms.
2. The file's size.
3. The autosave's cost per choice: the part the Textual game does on the UI thread (capture),
   and the part its writer thread does (encode + atomic write), and line mode's whole autosave.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.engine import Story  # noqa: E402  (after the path is set)
from game.engine.playthrough import Playthrough  # noqa: E402
from game.loader import load_story  # noqa: E402
from game.saves import Restored, Save, Session, Shelf, decode, encode, restore  # noqa: E402


def loaded(directory: Path) -> Story:
    story = load_story(directory).story
    assert story is not None, directory
    return story


def full_playthrough(story: Story) -> Playthrough:
    run = Playthrough.begin(story, 1)
    assert isinstance(run, Playthrough)
    while run.scene is not None and run.scene.choices:
        run.choose(1)
    return run


def long_run(story: Story, choices: int) -> Playthrough:
    run = Playthrough.begin(story, 1)
    assert isinstance(run, Playthrough)
    for _ in range(choices):
        run.choose(1)
    return run


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return times


def ms(times: list[float]) -> str:
    return (
        f"median {statistics.median(times) * 1000:6.2f} ms  (min {min(times) * 1000:.2f}, max {max(times) * 1000:.2f})"
    )


def bench_run(label: str, story: Story, run: Playthrough, folder: Path, runs: int) -> None:
    shelf = Shelf(folder, story.id)
    session = Session(run, shelf)

    def save() -> None:
        assert session.save("1") is None

    def load() -> None:
        entry = shelf.read("1")
        assert entry.save is not None
        restored = restore(story, entry.save)
        assert isinstance(restored, Restored)
        assert isinstance(restored.playthrough(story), Playthrough)

    save()
    size = shelf.path_of("1").stat().st_size
    capture = timed(session.capture, runs)
    snapshot: Save = session.capture()
    encoding = timed(lambda: encode(snapshot), runs)
    data = encode(snapshot)
    decoding = timed(lambda: decode(data), runs)
    print(f"{label}: {run.choices_made} choices, {len(snapshot.history)} undo steps kept, {size:,} bytes")
    print(f"  save (capture + encode + atomic write)   {ms(timed(save, runs))}   target < 10 ms")
    print(f"  load (read + decode + restore + run)     {ms(timed(load, runs))}   target < 10 ms")
    print(f"    of which capture {ms(capture)}")
    print(f"    of which encode  {ms(encoding)}")
    print(f"    of which decode  {ms(decoding)}")


def bench_autosave(story: Story, folder: Path, choices: int) -> None:
    """Autosave after each of ``choices`` choices, as the game does, timing each part."""
    run = Playthrough.begin(story, 1)
    assert isinstance(run, Playthrough)
    shelf = Shelf(folder, story.id)
    session = Session(run, shelf)
    ui_thread, writer_thread, whole, choosing = [], [], [], []
    for _ in range(choices):
        began = time.perf_counter()
        run.choose(1)
        choosing.append(time.perf_counter() - began)
        began = time.perf_counter()
        slot = session.claim_autosave()
        snapshot = session.capture()
        captured = time.perf_counter()
        assert shelf.write(slot, snapshot) is None
        written = time.perf_counter()
        ui_thread.append(captured - began)
        writer_thread.append(written - captured)
        whole.append(written - began)
    print(f"Autosave per choice, over {choices} choices of the looping story")
    print(f"  the choice itself (engine + view)       {ms(choosing)}")
    print(f"  UI thread: capture                      {ms(ui_thread)}")
    print(f"  writer thread: encode + atomic write    {ms(writer_thread)}")
    print(f"  line mode, all of it on one thread      {ms(whole)}")
    first, last = whole[:50], whole[-50:]
    print(
        f"  flat? first 50 median {statistics.median(first) * 1000:.2f} ms, "
        f"last 50 median {statistics.median(last) * 1000:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="repetitions of each timing (default 200)")
    args = parser.parse_args()
    bundled = loaded(ROOT / "scenes")
    looping = loaded(ROOT / "tests" / "stories" / "tui_bench")
    places = [("on disk", None)]
    if Path("/dev/shm").is_dir():  # memory: what is left without the disk's fsync
        places.append(("in memory (/dev/shm)", "/dev/shm"))
    for where, base in places:
        with tempfile.TemporaryDirectory(dir=base) as folder:
            print(f"== Save folder {where}: {folder}")
            bench_run("Bundled story, full playthrough", bundled, full_playthrough(bundled), Path(folder), args.runs)
            bench_run("Looping story, 1,000 choices", looping, long_run(looping, 1000), Path(folder), args.runs)
            bench_autosave(looping, Path(folder), 1000)
            print()
    print("(Each save is fsynced twice, the file and its folder: on disk that is most of its time.)")


if __name__ == "__main__":
    main()
