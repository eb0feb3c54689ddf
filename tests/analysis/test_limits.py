"""Absurd but valid stories are answered with a verdict, never an exception or a machine out of memory."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from game.analysis import check_story
from game.engine import Story
from game.loader import load_story
from tests.support import coverage, replay


def written(directory: Path, manifest: str, lines: list[str]) -> Story:
    (directory / "story.yaml").write_text(manifest, encoding="utf-8")
    (directory / "scenes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_story(directory)
    assert result.story is not None, [str(d) for d in result.diagnostics[:5]]
    return result.story


OUT = ["- scene: out", "  ending: out", "  text: Out."]
MANIFEST = "id: big\ntitle: Big\nstart: hub\nendings:\n  out: Out\n"


@pytest.mark.slow
def test_a_scene_with_more_choices_than_sixteen_bits_is_checked_and_its_last_choice_replayed(tmp_path: Path) -> None:
    count = 33_000
    doors = [f"    - {{choice: Door {i}, go: hub}}" for i in range(1, count)] + [
        f"    - {{choice: Door {count}, go: out}}"
    ]
    story = written(tmp_path, MANIFEST, ["- scene: hub", "  text: Doors.", "  choices:", *doors, *OUT])
    report = check_story(story)
    assert report.proven
    path = coverage(report.exploration)["out"]
    assert path.numbers == (count,)
    assert replay(story, path.numbers, path.seed or 0)[-1].scene == "out"


@pytest.mark.slow
def test_a_draw_with_more_outcomes_than_sixteen_bits_keeps_outcome_and_choice_apart(tmp_path: Path) -> None:
    count = 66_000
    outcomes = ["        - {weight: 1, go: hub}"] * (count - 1) + ["        - {weight: 1, go: out}"]
    story = written(
        tmp_path,
        MANIFEST,
        ["- scene: hub", "  text: A draw.", "  choices:", "    - choice: Draw", "      random:", *outcomes, *OUT],
    )
    report = check_story(story)
    assert report.proven
    path = coverage(report.exploration)["out"]
    assert path.numbers == (1,) and path.steps[0].outcome == count - 1
    assert path.seed is not None  # a 1-in-66,000 outcome, drawn to order
    assert replay(story, path.numbers, path.seed)[-1].scene == "out"


def test_the_state_limit_also_bounds_memory_for_stories_with_very_many_variables(tmp_path: Path) -> None:
    """1,020 flags, 20 of them toggled freely: a million states, each 1,020 values wide. The
    check stops at what fits its memory budget (states and caches together), with SG305."""
    flags, toggled = 1_020, 20
    manifest = MANIFEST + "variables:\n" + "".join(f"  f{i}: false\n" for i in range(flags))
    hub = ["- scene: hub", "  text: Switches.", "  choices:", "    - {choice: Leave, go: out}"]
    hub += [f"    - {{choice: Flip {i}, do: 'f{i} = not f{i}', go: hub}}" for i in range(toggled)]
    # Every flag decides something somewhere, so the check must keep them all in every state.
    panel = ["- scene: panel", "  text: Lights.", "  choices:"]
    panel += [f"    - {{choice: Light {i}, if: f{i}, go: out}}" for i in range(flags)]
    story = written(tmp_path, manifest, [*hub, *panel, *OUT])
    budget = 4 << 20
    tracemalloc.start()
    try:
        report = check_story(story, max_memory=budget)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    exploration = report.exploration
    assert not exploration.complete and exploration.state_count == exploration.limit < 2**toggled
    assert exploration.limit * exploration.state_bytes <= budget
    assert peak < 1.5 * budget, f"{peak >> 20} MiB traced against a budget of {budget >> 20} MiB"
    (limit,) = [f.diagnostic for f in report.findings if f.diagnostic.code == "SG305"]
    assert "as many as fit in" in limit.message and "NOT proven" in limit.message
