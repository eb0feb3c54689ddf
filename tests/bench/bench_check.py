"""Benchmark of the completability check: run as ``.venv/bin/python tests/bench/bench_check.py``.

Three stories: the ring below; the 8-flag stress story of ``generators.py`` against a bare
breadth-first search over (scene, flags) packed in one int, in the same run; and stories shaped
like ours at 100, 1,000 and 10,000 scenes, checked with and without the state-space reduction.

Generates a large synthetic story in the real YAML format (10,000 scenes, three bools and a
small int, about 300k reachable states), loads it with the real loader, checks it, and in
the same run times a bare breadth-first search over the very graph the checker found,
encoded as integer adjacency lists: the floor any checker written in Python could reach.
Prints figures; asserts nothing (the test suite never times anything).
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from game.analysis import check_story  # noqa: E402
from game.analysis.explore import Exploration  # noqa: E402
from game.loader import load_story  # noqa: E402
from game.paths import bundled_story_dir  # noqa: E402
from tests.bench.generators import bare_bfs as packed_bfs  # noqa: E402
from tests.bench.generators import write_flag_story, write_realistic_story  # noqa: E402

SCENES_PER_FILE = 200
CHECK_RUNS = 3


def write_story(directory: Path, scenes: int) -> None:
    """A story of ``scenes`` scenes in a ring, with shortcuts, random branches and endings.

    Each scene flips one of three flags on the way forward, a shortcut raises a small
    counter, a backstep lowers it, and every 50th scene offers a coin toss; so most flag and
    counter combinations turn up in most scenes (about 32 states per scene).
    """
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "story.yaml").write_text(
        "id: bench\n"
        "title: Benchmark\n"
        "start: s0\n"
        "player: ryong\n"
        "characters:\n"
        '  ryong: {name: Gong Ryong, color: "#7fd1ff"}\n'
        "variables:\n"
        "  f0: false\n"
        "  f1: false\n"
        "  f2: false\n"
        "  power: {type: int, min: 0, max: 3, overflow: clamp}\n"
        "endings:\n"
        "  home: Home\n",
        encoding="utf-8",
    )
    for first in range(0, scenes, SCENES_PER_FILE):
        lines: list[str] = []
        for i in range(first, min(first + SCENES_PER_FILE, scenes)):
            nxt, far, back = (i + 1) % scenes, (i * 7 + 3) % scenes, (i - 1) % scenes
            flag = f"f{i % 3}"
            lines += [
                f"- scene: s{i}",
                f"  title: Module {i}",
                f"  text: Module {i} hums. Power is {{power}}.",
                "  choices:",
                "    - choice: Onward",
                f"      do: {flag} = not {flag}",
                f"      go: s{nxt}",
                "    - choice: Take the shortcut",
                "      if: power < 3",
                "      do: power += 1",
                f"      go: s{far}",
                "    - choice: Step back",
                f"      if: power > 0 and {flag}",
                "      do: power -= 1",
                f"      go: s{back}",
            ]
            if i % 50 == 25:
                lines += [
                    "    - choice: Toss a coin",
                    "      random:",
                    f"        - {{weight: 1, go: s{(i + 2) % scenes}}}",
                    f"        - {{weight: 2, do: f0 = true, go: s{(i + 5) % scenes}}}",
                ]
            if i % 500 == 499:
                lines += [
                    "    - choice: Dock",
                    "      if: f0 and f1 and power >= 2",
                    "      go: home",
                ]
        (directory / f"part{first // SCENES_PER_FILE:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (directory / "endings.yaml").write_text("- scene: home\n  ending: home\n  text: Home.\n", encoding="utf-8")


def bare_bfs(adjacency: list[list[int]]) -> int:
    """Breadth-first search over integer adjacency lists: the cost of the search alone."""
    seen = bytearray(len(adjacency))
    seen[0] = 1
    queue = [0]
    head = 0
    while head < len(queue):
        for target in adjacency[queue[head]]:
            if not seen[target]:
                seen[target] = 1
                queue.append(target)
        head += 1
    return len(queue)


def adjacency_of(exploration: Exploration) -> list[list[int]]:
    offsets, edges = exploration.offsets, exploration.edges
    lists = [edges[offsets[i] : offsets[i + 1]].tolist() for i in range(len(offsets) - 1)]
    lists += [[] for _ in range(exploration.state_count - len(lists))]
    return lists


def measure(directory: Path, label: str) -> None:
    gc.collect()
    began = time.perf_counter()
    result = load_story(directory)
    load_seconds = time.perf_counter() - began
    story = result.story
    if story is None:
        print(f"{label}: does not load: {result.errors[:3]}")
        return
    walls, cpus = [], []
    for _ in range(CHECK_RUNS):  # other work on the machine only ever adds: the least is the steadiest
        gc.collect()
        began, began_cpu = time.perf_counter(), time.process_time()
        report = check_story(story)
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - began_cpu)
    check_seconds, check_cpu = min(walls), min(cpus)
    states = report.exploration.state_count
    adjacency = adjacency_of(report.exploration)
    bfs_times = []
    for _ in range(CHECK_RUNS):
        gc.collect()
        began = time.perf_counter()
        found = bare_bfs(adjacency)
        bfs_times.append(time.perf_counter() - began)
        assert found == states, (found, states)
    bfs_seconds = min(bfs_times)
    checker_rate = states / check_seconds
    bfs_rate = states / bfs_seconds
    print(
        f"{label}: {len(story.scenes):,} scenes, {states:,} states, {report.exploration.transition_count:,} transitions"
    )
    print(f"  load            {load_seconds * 1000:9.0f} ms")
    print(
        f"  check           {check_seconds * 1000:9.0f} ms   {checker_rate:12,.0f} states/s  "
        f"(least of {CHECK_RUNS}; CPU {check_cpu * 1000:.0f} ms, median {statistics.median(cpus) * 1000:.0f})"
    )
    print(f"  bare BFS        {bfs_seconds * 1000:9.0f} ms   {bfs_rate:12,.0f} states/s  (least of {CHECK_RUNS})")
    print(f"  checker / bare BFS throughput: {checker_rate / bfs_rate:.1%}")
    print(f"  verdict: {'proven' if report.proven else f'{report.errors} error(s)'}")


def peak_memory(directory: Path) -> None:
    """Peak Python allocations of loading and checking, traced separately (tracing is slow)."""
    gc.collect()
    tracemalloc.start()
    result = load_story(directory)
    assert result.story is not None
    _, load_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    report = check_story(result.story)
    _, check_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  peak traced memory: load {load_peak / 2**20:.0f} MiB, check {check_peak / 2**20:.0f} MiB")
    print(
        f"  ({report.exploration.state_count:,} states: {check_peak / report.exploration.state_count:.0f} bytes/state)"
    )


def flag_story(scenes: int, memory: bool, rounds: int = 3) -> None:
    """The stress case: nothing to reduce; the checker against a bare packed-int BFS, same run.

    Both are run ``rounds`` times, one after the other, and compared by their least CPU time:
    other work on the machine only ever adds to a run's time, so the least is the steadiest."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "flags"
        write_flag_story(directory, scenes)
        story = load_story(directory).story
        assert story is not None
        bares, checks = [], []
        for _ in range(rounds):
            gc.collect()
            began = time.process_time()
            found = packed_bfs(scenes)
            bares.append(time.process_time() - began)
            gc.collect()
            began = time.process_time()
            report = check_story(story, max_states=10_000_000)
            checks.append(time.process_time() - began)
            states = report.exploration.state_count
            proven = report.proven
            del report
        print(f"flag story: {scenes:,} scenes, 8 flags, {states:,} states ({found:,} for the bare BFS, which keeps")
        print("  every flag at the ending too), verdict " + ("proven" if proven else "NOT proven"))
        bare, check = min(bares), min(checks)
        each = ", ".join(f"{b / c:.2f}" for b, c in zip(bares, checks, strict=True))
        print(
            f"  check (CPU, least of {rounds}) {check:6.2f} s   bare packed-int BFS {bare:6.2f} s   "
            f"ratio {bare / check:.3f} (round by round: {each})"
        )
        if memory:
            gc.collect()
            tracemalloc.start()
            check_story(story, max_states=10_000_000)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"  peak traced memory of the check: {peak / 2**20:.0f} MiB, {peak / states:.0f} bytes/state")


def realistic(sizes: list[int], acts_resolve: bool = False) -> None:
    """Stories shaped like ours, with and without the reduction (``acts_resolve``: acts that
    settle their meters, as a full-length story's do; see ``write_realistic_story``)."""
    for scenes in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp) / "realistic"
            write_realistic_story(directory, scenes, acts_resolve)
            story = load_story(directory).story
            assert story is not None
            rows = []
            for reduce in (True, False):
                gc.collect()
                began, began_cpu = time.perf_counter(), time.process_time()
                report = check_story(story, reduce=reduce)
                seconds, cpu = time.perf_counter() - began, time.process_time() - began_cpu
                verdict = "proven" if report.proven else ("state limit hit" if not report.complete else "errors")
                rows.append((report.exploration.state_count, seconds, cpu, verdict))
            (reduced, r_s, r_cpu, r_v), (plain, p_s, _, p_v) = rows
            gc.collect()
            tracemalloc.start()
            check_story(story)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            kind = "acts resolving their meters" if acts_resolve else "meters kept"
            print(
                f"realistic story ({kind}), {len(story.scenes):,} scenes: reduced {reduced:,} states in {r_s:.2f} s "
                f"(CPU {r_cpu:.2f} s, {r_v}, peak {peak / reduced:.0f} bytes/state traced); "
                f"plain {plain:,} states in {p_s:.2f} s ({p_v}); factor >= {plain / reduced:.1f}"
            )


def large(scenes: int) -> None:
    """A check of many millions of states with the state limit raised: CPU seconds and peak
    resident memory per million states (the process's peak, less what it held before the check)."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "flags"
        write_flag_story(directory, scenes)
        story = load_story(directory).story
        assert story is not None
        gc.collect()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        began = time.process_time()
        report = check_story(story, max_states=50_000_000, max_memory=16 << 30)
        cpu = time.process_time() - began
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        millions = report.exploration.state_count / 1e6
        verdict = "proven" if report.proven else f"{report.errors} error(s)"
        print(
            f"large flag story: {scenes:,} scenes, {report.exploration.state_count:,} states ({verdict}): "
            f"CPU {cpu:.1f} s ({cpu / millions:.1f} s a million states), peak RSS {peak / 1024:.0f} MiB "
            f"({(peak - before) / 1024 / millions:.0f} MiB a million states over the {before / 1024:.0f} MiB before)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=10_000)
    parser.add_argument("--no-memory", action="store_true", help="skip the (slow) traced-memory runs")
    parser.add_argument("--realistic", type=int, nargs="*", default=[100, 1_000, 10_000], metavar="N")
    parser.add_argument("--resolving", type=int, nargs="*", default=[10_000], metavar="N")
    parser.add_argument(
        "--large", type=int, default=0, metavar="N", help="only check an N-scene flag story (N=60000: ~15M states)"
    )
    parser.add_argument(
        "--flags-only", action="store_true", help="only the 8-flag stress story against the bare packed-int BFS"
    )
    args = parser.parse_args()
    if args.flags_only:
        flag_story(args.scenes, memory=not args.no_memory)
        return
    if args.large:
        large(args.large)
        return
    bundled = bundled_story_dir()
    if (bundled / "story.yaml").is_file():
        measure(bundled, "bundled story")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "bench"
        write_story(directory, args.scenes)
        measure(directory, "generated story")
        if not args.no_memory:
            peak_memory(directory)
    flag_story(args.scenes, memory=not args.no_memory)
    realistic(args.realistic)
    realistic(args.resolving, acts_resolve=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"process peak RSS: {rss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
