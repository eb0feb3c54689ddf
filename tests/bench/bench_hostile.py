"""Benchmark of hostile but valid stories: run as ``.venv/bin/python tests/bench/bench_hostile.py``.

Each case is a story a writer could really write (or a tool could generate) that once cost
minutes or gigabytes; each must now be answered in bounded time and memory. Every case runs
in its own process, so peak memory is the case's own. ``--tree DIR`` runs the same cases
against another checkout of the project (an older commit, to compare). Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 300


def missing_scene_references(directory: Path) -> None:
    """3,000 scenes, each with a choice into a scene that does not exist: 3,000 did-you-mean searches."""
    scenes = "".join(
        f"- scene: s{i}\n  text: Room {i}.\n  choices:\n    - {{choice: On, go: s{i + 1}}}\n"
        f"    - {{choice: Astray, go: nowhere}}\n"
        for i in range(3_000)
    )
    _write(directory, scenes + "- scene: s3000\n  ending: out\n  text: Out.\n")


def many_visited_calls(directory: Path) -> None:
    """20,000 scenes, each asking whether it was visited before: 20,000 visit counters."""
    scenes = "".join(
        f"- scene: s{i}\n  text: \"{{if visited('s{i}')}}Again.{{else}}New.{{end}}\"\n"
        f"  choices:\n    - {{choice: On, go: s{i + 1}}}\n"
        for i in range(20_000)
    )
    _write(directory, scenes + "- scene: s20000\n  ending: out\n  text: Out.\n")


def thousand_flags(directory: Path) -> None:
    """1,020 declared flags, 20 of them toggled freely: a million states, each 1,020 values wide."""
    variables = "variables:\n" + "".join(f"  f{i}: false\n" for i in range(1_020))
    toggles = "".join(f"    - {{choice: Flip {i}, do: 'f{i} = not f{i}', go: s0}}\n" for i in range(20))
    scenes = f"- scene: s0\n  text: Switches.\n  choices:\n{toggles}    - {{choice: Leave, go: out}}\n"
    _write(directory, scenes + "- scene: out\n  ending: out\n  text: Out.\n", variables)


def rare_overflow(directory: Path) -> None:
    """A draw of 500 outcomes whose only overflowing one has weight 1 in 499,001: its replay needs a seed."""
    outcomes = "".join("        - {weight: 1000, go: out}\n" for _ in range(499))
    outcomes += "        - {weight: 1, do: n += 5, go: out}\n"
    scenes = f"- scene: s0\n  text: A draw.\n  choices:\n    - choice: Draw\n      random:\n{outcomes}"
    variables = "variables:\n  n: {type: int, min: 0, max: 3}\n"
    _write(directory, scenes + "- scene: out\n  ending: out\n  text: Out.\n", variables)


def _write(directory: Path, scenes: str, variables: str = "") -> None:
    manifest = f"id: hostile\ntitle: Hostile\nstart: s0\n{variables}endings:\n  out: Out\n"
    (directory / "story.yaml").write_text(manifest, encoding="utf-8")
    (directory / "scenes.yaml").write_text(scenes, encoding="utf-8")


CASES = {
    "3,000 references to a missing scene (load)": (missing_scene_references, "load"),
    "20,000 visited() calls (load)": (many_visited_calls, "load"),
    "1,020 flags, 20 toggled (check, default limits)": (thousand_flags, "check"),
    "500-outcome draw, rare overflow (check)": (rare_overflow, "check"),
}

# Run in a fresh process against the chosen tree: times the work, reports peak memory.
PROBE = textwrap.dedent(
    """
    import resource, sys, time
    sys.path.insert(0, sys.argv[1])
    from game.loader import load_story
    began = time.perf_counter()
    result = load_story(sys.argv[2])
    loaded = time.perf_counter()
    detail = f"{len(result.diagnostics)} diagnostics"
    if sys.argv[3] == "check":
        from game.analysis import check_story
        report = check_story(result.story)
        codes = sorted({str(f.diagnostic.code) for f in report.findings})
        detail = f"{report.exploration.state_count:,} states, findings {codes}"
    done = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"load {loaded - began:.2f} s, total {done - began:.2f} s, peak {peak} MiB, {detail}")
    """
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose game/ to run (default: this one)")
    args = parser.parse_args()
    print(f"tree: {args.tree}")
    for name, (build, mode) in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp))
            began = time.perf_counter()
            try:
                result = subprocess.run(
                    [sys.executable, "-c", PROBE, str(args.tree), tmp, mode],
                    capture_output=True,
                    text=True,
                    timeout=TIMEOUT,
                    check=False,
                )
                last = (result.stdout.strip() or result.stderr.strip() or "no output").splitlines()[-1]
            except subprocess.TimeoutExpired:
                last = f"still running after {TIMEOUT} s: stopped"
            print(f"{name}: {last} [{time.perf_counter() - began:.1f} s wall]")


if __name__ == "__main__":
    main()
