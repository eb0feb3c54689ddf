"""Saves in words: each slot's status on a story, one listing line, and the check against a save."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.saves import Shelf, encode, listing_line, play_time, status_of
from game.saves.report import against_save, list_saves, saves_text
from tests.saves.helpers import V1_ROUTE, evolved, run_of, save_of


@pytest.fixture
def shelf(tmp_path: Path) -> Shelf:
    shelf = Shelf(tmp_path, "evolve")
    shelf.write_bytes("1", encode(save_of(run_of(evolved("v1"), V1_ROUTE), "In the lab")))
    shelf.path_of("2").write_text("{ not json")
    return shelf


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "under a minute"), (59.9, "under a minute"), (60, "1 min"), (754, "12 min"), (3600 + 240, "1 h 04 min")],
)
def test_play_time_reads_as_minutes_and_hours(seconds: float, shown: str) -> None:
    assert play_time(seconds) == shown


def test_each_slot_says_whether_it_plays_on_each_version_of_the_story(shelf: Shelf) -> None:
    saved, damaged, empty = shelf.read("1"), shelf.read("2"), shelf.read("3")
    assert status_of(saved, evolved("v1")).text == "ok"
    assert status_of(saved, evolved("inserted_scene")).text == "from an older version of the story: loads"
    assert status_of(saved, evolved("renamed_variable")).text == (
        "from an older version of the story: loads (new variable 'rapport' starts at 0; "
        "variable 'trust' is no longer in the story: its value 4 is dropped)"
    )
    assert status_of(saved, evolved("removed_scene")).text == (
        "from an older version of the story: rebuilt by replaying all 3 choices"
    )
    assert status_of(saved, evolved("removed_choice")).text == (
        "from an older version of the story: rebuilt by replay up to 2 of 3 choices"
    )
    assert status_of(saved, evolved("stranded")).kind == "unloadable"
    assert status_of(damaged, evolved("v1")).text.startswith("cannot be read: the file is not valid JSON")
    assert status_of(empty, evolved("v1")).kind == "empty"
    assert status_of(saved, None).kind == "unchecked"


def test_a_listing_line_names_the_slot_the_save_where_it_is_how_long_and_when(shelf: Shelf) -> None:
    entry = shelf.read("1")
    line = listing_line(entry, status_of(entry, evolved("v1")))
    assert line.startswith('Slot 1: "In the lab" at The lab, 1 min, ')
    assert line.endswith(" (ok)")
    assert listing_line(shelf.read("3"), status_of(shelf.read("3"), None)) == "Slot 3: empty"


def test_saves_are_listed_story_by_story_and_judged_against_the_story_given(shelf: Shelf, tmp_path: Path) -> None:
    Shelf(tmp_path, "other").write_bytes("quick", encode(save_of(run_of(evolved("v1"), V1_ROUTE), "Elsewhere")))
    text = saves_text(tmp_path, evolved("v1"))
    lines = text.splitlines()
    assert lines[0] == f"Saves in {tmp_path}:"
    assert lines[1] == "evolve (Evolving Orbit):"
    assert lines[2].startswith('  Slot 1: "In the lab"') and lines[2].endswith("(ok)")
    assert lines[3].startswith("  Slot 2: cannot be read: the file is not valid JSON")
    assert lines[4] == "other (Evolving Orbit):"
    assert lines[5].endswith("(not checked against its story)")
    items = [item.as_dict() for item in list_saves(tmp_path, evolved("v1"))]
    assert [(i["story"], i["slot"], i["status"]) for i in items] == [
        ("evolve", "1", "ok"),
        ("evolve", "2", "corrupt"),
        ("evolve", "quick", "unchecked"),
    ]
    json.dumps(items)  # every value is JSON
    assert items[0]["scene"] == "lab" and items[0]["choices"] == 3 and items[0]["play_seconds"] == 60.0


def test_no_saves_says_so(tmp_path: Path) -> None:
    assert saves_text(tmp_path / "nowhere", None) == f"No saves yet in {tmp_path / 'nowhere'}.\n"


def test_the_check_against_a_save_warns_when_an_edit_strands_it(shelf: Shelf) -> None:
    path = shelf.path_of("1")
    [same] = against_save(path, [evolved("v1")])
    assert same.ok and str(same) == f"{path}: ok: the save loads as it is (same version of 'evolve')"
    [adapted] = against_save(path, [evolved("renamed_variable")])
    assert adapted.ok and str(adapted).splitlines()[1:] == [
        "    new variable 'rapport' starts at 0",
        "    variable 'trust' is no longer in the story: its value 4 is dropped",
    ]
    [rebuilt] = against_save(path, [evolved("removed_choice")])
    assert not rebuilt.ok and str(rebuilt).startswith(
        f"{path}: warning: this version strands the save as it is: it can only be rebuilt by replaying its choices\n"
        "    scene 'lab' is no longer in the story: rebuilt by replaying 2 of its 3 choices"
    )
    [stranded] = against_save(path, [evolved("stranded")])
    assert str(stranded).startswith(f"{path}: warning: this version strands the save: cannot load: variable 'mood'")
    assert stranded.as_dict()["severity"] == "warning"


def test_the_check_against_a_save_of_no_story_checked_or_no_save_says_so(shelf: Shelf) -> None:
    [other] = against_save(shelf.path_of("1"), [])
    assert str(other) == f"{shelf.path_of('1')}: warning: a save of story 'evolve'; the stories checked: none"
    [damaged] = against_save(shelf.path_of("2"), [evolved("v1")])
    assert str(damaged).startswith(f"{shelf.path_of('2')}: warning: not a save the game can read: the file is not")
    [missing] = against_save(shelf.path_of("9"), [evolved("v1")])
    assert str(missing).startswith(f"{shelf.path_of('9')}: warning: the save cannot be read:")
