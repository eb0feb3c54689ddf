"""The player's folders: where a story's saves are kept, and telling at a glance that there are none."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.saves import Shelf
from game.tui.messages import SavesFound
from game.userdirs import may_hold_saves, story_save_folder


def test_a_story_id_is_a_folder_inside_the_save_folder(tmp_path: Path) -> None:
    assert story_save_folder(tmp_path, "stars-gossip") == tmp_path / "stars-gossip"
    assert story_save_folder(tmp_path, "../../etc") == tmp_path / "_.._etc"
    assert story_save_folder(tmp_path, "..") == tmp_path / "story"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (None, False),  # no folder yet
        ([], False),
        ([".slot-1.json.tmp123"], False),  # a save being written
        (["notes.txt", "old"], False),
        (["auto-1.json"], True),
        (["mine.json"], True),  # not a slot: listed as a problem, so Load opens
        (["SLOT-1.JSON"], True),  # slot 1's file, where case is ignored
    ],
)
def test_a_folder_without_a_save_file_holds_no_save(tmp_path: Path, files: list[str] | None, expected: bool) -> None:
    folder = tmp_path / "story"
    if files is not None:
        folder.mkdir()
        for name in files:
            (folder / name).write_text("{}")
    assert may_hold_saves(folder) is expected
    if not expected:  # what the full listing finds there too: nothing to continue, nothing to load
        entries = [e for e in Shelf(tmp_path, "story").entries() if not e.empty]
        assert entries == [] and SavesFound(None, len(entries)).filled == 0


def test_a_folder_that_cannot_be_listed_is_left_to_the_saves_package(tmp_path: Path) -> None:
    blocked = tmp_path / "story"
    blocked.write_text("a file where the folder should be")
    assert may_hold_saves(blocked)
