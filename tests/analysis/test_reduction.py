"""The reduction keeps every verdict and needs no help from the writer.

Writers should not have to reset flags by hand to keep the check fast: a flag nobody reads
any more is set aside by the check itself. These tests hold the packed codec to the engine's
states, and the reduced search to the plain one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.analysis import check_story, explore
from game.analysis.packing import StatePacking
from game.engine import Story
from game.loader import load_story
from tests.conftest import BUNDLED, STORIES

# Every story that loads (the broken ones are the loader's fixtures and have no states).
EVERY_STORY = [
    p for p in [BUNDLED, *sorted(STORIES.iterdir())] if (p / "story.yaml").is_file() and load_story(p).story is not None
]

# The prologue's one-scene echoes, reset by hand so they never multiplied the states.
HAND_RESETS = {
    "prologue/02-ascent.yaml": ("  enter: cup_holder = false\n", ""),
    "prologue/03-orbit.yaml": ("enter: sang = false", ""),
    "prologue/04-station.yaml": ("enter: [hour += 1, shocked = false, eyes_shut = false]", "enter: hour += 1"),
}
LATER_RESETS = {
    "prologue/04-station.yaml": ("enter: [hour += 1, clutched = false, kept_quiet = false]", "enter: hour += 1"),
}


def loaded(directory: Path) -> Story | None:
    return load_story(directory).story


@pytest.mark.parametrize("directory", EVERY_STORY, ids=lambda p: p.name)
@pytest.mark.parametrize("reduce", [False, True])
def test_the_codec_round_trips_every_reachable_state(directory: Path, reduce: bool) -> None:
    story = loaded(directory)
    assert story is not None
    packing = StatePacking(story, reduce)
    exploration = explore(story, max_states=20_000, reduce=reduce)
    for packed in exploration.states:
        assert packing.canonical(packing.encode(packing.decode(packed))) == packed
        if not reduce:
            assert packing.encode(packing.decode(packed)) == packed


def test_without_its_hand_resets_the_prologue_checks_the_same_in_no_more_states(tmp_path: Path) -> None:
    copy = tmp_path / "scenes"
    shutil.copytree(BUNDLED, copy)
    for resets in (HAND_RESETS, LATER_RESETS):
        for name, (reset, kept) in resets.items():
            path = copy / name
            text = path.read_text(encoding="utf-8")
            assert reset in text, f"{name} no longer has '{reset}'"
            path.write_text(text.replace(reset, kept), encoding="utf-8")
    original, unreset = loaded(BUNDLED), loaded(copy)
    assert original is not None and unreset is not None
    before, after = check_story(original), check_story(unreset)
    assert before.proven and after.proven
    assert after.exploration.state_count <= before.exploration.state_count
    plain = check_story(unreset, reduce=False)
    assert plain.proven and plain.exploration.state_count > after.exploration.state_count


def test_text_only_counters_are_set_aside_and_read_ones_are_kept() -> None:
    story = loaded(STORIES / "defect_explosion")
    assert story is not None
    kept = {story.variables[i].name for i in StatePacking(story).relevant_variables}
    assert kept == {"stars", "comets", "satellites"}  # the wish reads all three
    minimal = loaded(STORIES / "minimal")
    assert minimal is not None
    names = {minimal.variables[i].name for i in StatePacking(minimal).relevant_variables}
    assert "mood" not in names and {"trust", "has_card"} <= names
