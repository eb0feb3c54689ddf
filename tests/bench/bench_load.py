"""Benchmark of loading: run as ``.venv/bin/python tests/bench/bench_load.py``.

Loads and validates the bundled story and a generated 10,000-scene story (the checker
benchmark's generator, real YAML format), and in the same run times PyYAML composing the
same files alone: the floor for any loader built on it. Then the outline cache, on the
bundled story (it is loaded as the game starts) and on the big one: a load with the cache
empty (every file parsed and written to it), with every file in it, and (the big story)
after editing one file (the edited file parsed again), each against the load without the
cache in the same run. Each cache figure is the median wall time, then the least and the
median CPU time of the process (steadier than wall time on a busy machine). Prints figures;
asserts nothing.
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from game.engine.diagnostics import Diagnostic  # noqa: E402
from game.loader import load_story  # noqa: E402
from game.loader.files import scene_files  # noqa: E402
from game.loader.yamlread import read_yaml  # noqa: E402
from game.paths import bundled_story_dir  # noqa: E402
from game.userdirs import CACHE_ENV  # noqa: E402
from tests.bench.bench_check import write_story  # noqa: E402

RUNS = 5


def median_seconds(action: object, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        result = action()  # type: ignore[operator]
        times.append(time.perf_counter() - began)
        del result  # freeing what was loaded is no part of loading it
    return statistics.median(times)


def cpu_figures(action: object, before: object = None, runs: int = RUNS) -> tuple[float, float, float]:
    """The median wall time of ``action``, and the least and median CPU time, in seconds;
    ``before``, when given, is run before each run, off the clock."""
    walls, cpus = [], []
    for _ in range(runs):
        if before is not None:
            before()  # type: ignore[operator]
        began, began_cpu = time.perf_counter(), time.process_time()
        result = action()  # type: ignore[operator]
        cpus.append(time.process_time() - began_cpu)
        walls.append(time.perf_counter() - began)
        del result  # freeing what was loaded is no part of loading it
    return statistics.median(walls), min(cpus), statistics.median(cpus)


def shown(figures: tuple[float, float, float], against: float | None = None) -> str:
    """Figures from ``cpu_figures`` in ms, with the wall time's ratio to ``against``."""
    wall, least, median = figures
    ratio = f" ({wall / against:.2f}x)" if against else ""
    return f"{wall * 1000:.0f} ms{ratio} [CPU least {least * 1000:.0f}, median {median * 1000:.0f}]"


def compose_only(directory: Path) -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    gc.disable()  # as the loader does, so the comparison is fair
    try:
        for path in [directory / "story.yaml", *scene_files(directory)]:
            yaml.compose(path.read_text(encoding="utf-8"), Loader=loader)
    finally:
        gc.enable()


def report(name: str, directory: Path) -> None:
    result = load_story(directory, use_cache=False)
    assert result.story is not None, [str(d) for d in result.errors]
    scenes = len(result.story.scenes)
    load = median_seconds(lambda: load_story(directory, use_cache=False))
    compose = median_seconds(lambda: compose_only(directory))
    print(
        f"{name}: {scenes} scenes: load+validate {load * 1000:.0f} ms "
        f"(PyYAML compose alone {compose * 1000:.0f} ms, ratio {load / compose:.2f}); "
        f"{load / scenes * 1e6:.0f} µs per scene"
    )


Figures = tuple[float, float, float]


def cache_figures(directory: Path, cache: Path) -> tuple[Figures, Figures, Figures]:
    """Loading ``directory`` without the cache, with it empty, and with it full (``cpu_figures``)."""
    os.environ[CACHE_ENV] = str(cache)
    uncached = cpu_figures(lambda: load_story(directory, use_cache=False))

    cold_load = cpu_figures(lambda: load_story(directory), before=lambda: shutil.rmtree(cache, ignore_errors=True))
    load_story(directory)
    warm = cpu_figures(lambda: load_story(directory))
    return uncached, cold_load, warm


def report_bundled_cache(cache: Path) -> None:
    uncached, cold_load, warm = cache_figures(bundled_story_dir(), cache)
    print(
        f"outline cache, bundled story (without the cache {shown(uncached)}): "
        f"cold {shown(cold_load, uncached[0])}, warm {shown(warm, uncached[0])}"
    )


def report_cache(directory: Path, cache: Path) -> None:
    """The big story through the outline cache: empty, full, and after one file was edited."""
    uncached, cold_load, warm = cache_figures(directory, cache)
    edited_file = scene_files(directory)[len(scene_files(directory)) // 2]
    original = edited_file.read_text(encoding="utf-8")
    edits = iter(range(1, 1_000))

    def edit() -> None:
        # A different edit each time (a scene's text), so the file is never in the cache.
        edited_file.write_text(original.replace(" hums.", f" hums (take {next(edits)}).", 1), encoding="utf-8")

    def load() -> object:
        result = load_story(directory)
        assert result.story is not None
        return result

    after_edit = cpu_figures(load, before=edit)
    edited_file.write_text(original, encoding="utf-8")
    size = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file())
    files = len(scene_files(directory))
    print(
        f"outline cache, generated story ({files} scene files; without the cache {shown(uncached)}):\n"
        f"  cold {shown(cold_load, uncached[0])}\n"
        f"  warm {shown(warm, uncached[0])}\n"
        f"  one file edited {shown(after_edit, uncached[0])}\n"
        f"  cache {size / 1024 / 1024:.1f} MiB"
    )


def hostile_files() -> dict[str, str]:
    """The bad inputs the loader must refuse quickly: name -> file content."""
    line = "- scene: a\n  text: " + "x" * 1000 + "\n"
    laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    laughs += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return {
        "10 MB file": line * (10 * 1024 * 1024 // len(line) + 1),
        "10,000-deep nesting": "[" * 10_000 + "]" * 10_000,
        "billion laughs": "\n".join(laughs) + "\n",
        "python tag": '- scene: a\n  text: !!python/object/apply:os.system ["true"]\n',
    }


def report_hostile() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in hostile_files().items():
            path = Path(tmp) / "scene.yaml"
            path.write_text(content, encoding="utf-8")
            problems: list[Diagnostic] = []
            began = time.perf_counter()
            read_yaml(path, "scene.yaml", problems)
            elapsed = time.perf_counter() - began
            codes = ", ".join(d.code for d in problems)
            print(f"hostile input, {name}: refused in {elapsed * 1000:.1f} ms ({codes})")


def main() -> None:
    print(f"PyYAML C loader: {getattr(yaml, '__with_libyaml__', False)}; median of {RUNS} runs")
    report("bundled story", bundled_story_dir())
    with tempfile.TemporaryDirectory() as tmp:
        report_bundled_cache(Path(tmp) / "bundled-cache")
        directory = Path(tmp) / "big"
        write_story(directory, 10_000)
        report("generated story", directory)
        report_cache(directory, Path(tmp) / "cache")
    report_hostile()


if __name__ == "__main__":
    main()
