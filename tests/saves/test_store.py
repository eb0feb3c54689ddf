"""The save folder: slot names that can never become paths, atomic writes, and a listing that a bad
file never spoils."""

from __future__ import annotations

import errno
import os
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game import userdirs
from game.saves import (
    ALL_SLOTS,
    AUTOSAVES,
    QUICK,
    SLOTS,
    Entry,
    SaveProblem,
    Shelf,
    check_name,
    check_save_name,
    encode,
    newest_of,
    to_continue,
)
from game.saves.store import file_name, parse_slot
from game.userdirs import story_save_folder as story_folder
from tests.saves.helpers import V1_ROUTE, evolved, run_of, save_of


@pytest.fixture
def shelf(tmp_path: Path) -> Shelf:
    return Shelf(tmp_path / "saves", "evolve")


def a_save(name: str = "In the lab") -> bytes:
    return encode(save_of(run_of(evolved("v1"), V1_ROUTE), name))


def test_there_are_nine_numbered_slots_a_quicksave_and_three_autosaves() -> None:
    assert SLOTS == ("1", "2", "3", "4", "5", "6", "7", "8", "9")
    assert (*SLOTS, QUICK, *AUTOSAVES) == ALL_SLOTS and len(AUTOSAVES) == 3
    assert [file_name(s) for s in ("3", QUICK, "auto-2")] == ["slot-3.json", "quick.json", "auto-2.json"]


def test_each_story_keeps_its_saves_in_a_folder_of_its_own(tmp_path: Path) -> None:
    assert Shelf(tmp_path, "stars-gossip").folder == tmp_path / "stars-gossip"
    assert story_folder(tmp_path, "../../etc") == tmp_path / "_.._etc"
    assert story_folder(tmp_path, "..") == tmp_path / "story"


@pytest.mark.parametrize(
    ("typed", "slot"),
    [("3", "3"), ("slot 3", "3"), ("Slot-9", "9"), ("quick", QUICK), ("Q", QUICK), ("auto-2", "auto-2")],
)
def test_slots_are_named_by_number_or_kind(typed: str, slot: str) -> None:
    assert parse_slot(typed) == slot


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("../x", "'../x' cannot be a slot name: names may not hold '/' or '\\' or start with '.'"),
        ("/etc/passwd", "'/etc/passwd' cannot be a slot name: names may not hold '/' or '\\' or start with '.'"),
        ("..\\..\\boot.ini", "'..\\..\\boot.ini' cannot be a slot name"),
        ("a/b", "'a/b' cannot be a slot name"),
        (".hidden", "'.hidden' cannot be a slot name"),
        ("nul\x00byte", "a slot name cannot hold control characters (such as NUL or a line break)"),
        ("two\nlines", "a slot name cannot hold control characters"),
        ("", "a slot name cannot be empty"),
        ("x" * 41, "a slot name has at most 40 characters; this one has 41"),
        ("10", "there is no slot '10': slots are 1-9, quick and auto-1 to auto-3"),
    ],
    ids=["dotdot", "absolute", "backslashes", "separator", "hidden", "nul", "newline", "empty", "long", "ten"],
)
def test_a_name_that_could_reach_outside_the_folder_is_refused_with_why(typed: str, message: str) -> None:
    problem = parse_slot(typed)
    assert isinstance(problem, SaveProblem)
    assert problem.message.startswith(message)


def test_names_are_trimmed_and_may_be_anything_printable() -> None:
    assert check_name("  Before the party  ") == "Before the party"
    assert check_name("Ça va? 우주 ✦") == "Ça va? 우주 ✦"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("auto", "'auto' already names a slot"),
        ("Quick", "'Quick' already names a slot"),
        ("slot 3", "'slot 3' already names a slot"),
        ("auto-2", "'auto-2' already names a slot"),
        ("10", "there is no slot 10: slots are 1-9"),
        ("0", "there is no slot 0: slots are 1-9"),
    ],
)
def test_a_save_cannot_take_a_name_that_load_would_read_as_a_slot(typed: str, message: str) -> None:
    problem = check_save_name(typed)
    assert isinstance(problem, SaveProblem) and problem.message.startswith(message)


RUN = run_of(evolved("v1"), V1_ROUTE)
NAMES = st.one_of(
    st.text(min_size=1, max_size=12),
    st.sampled_from(["auto", "autosave", "q", "quick", "slot 3", "Slot-9", "auto-1", "12", "3 ", "Lab 2"]),
)


@given(NAMES)
def test_every_name_a_save_may_take_loads_that_save_back_by_its_name(typed: str) -> None:
    name = check_save_name(typed)
    if isinstance(name, SaveProblem):
        return
    shelf = Shelf(Path("/nonexistent-folder"), "evolve")
    saved = save_of(RUN, name)
    entries = tuple(replace(e, save=saved) if e.slot == "5" else e for e in shelf.entries())  # nothing on disk
    assert shelf.find(name, entries) == "5"


def test_a_traversal_name_never_touches_the_disk(shelf: Shelf, tmp_path: Path) -> None:
    for typed in ("../x", "/tmp/x", "..", "a\x00b"):
        assert isinstance(shelf.find(typed), SaveProblem)
    with pytest.raises(ValueError):
        shelf.path_of("../x")  # unparsed keys are a bug, never a path
    assert not (tmp_path / "x").exists() and not shelf.folder.exists()


def test_a_written_slot_reads_back_and_leaves_no_temporary_file(shelf: Shelf) -> None:
    data = a_save()
    assert shelf.write_bytes("3", data) is None
    assert shelf.path_of("3").read_bytes() == data
    assert sorted(os.listdir(shelf.folder)) == ["slot-3.json"]
    entry = shelf.read("3")
    assert entry.save is not None and entry.save.name == "In the lab" and entry.problem is None


def test_listing_shows_every_slot_and_a_bad_file_never_hides_the_others(shelf: Shelf) -> None:
    shelf.write_bytes("1", a_save("First"))
    shelf.write_bytes("2", a_save("Second"))
    shelf.path_of("3").write_bytes(b'{"kind": "stars-gossip save", "form')
    shelf.path_of(QUICK).write_bytes(b"")
    (shelf.folder / "notes.json").write_text("{}")
    (shelf.folder / "readme.txt").write_text("not json: ignored")
    (shelf.folder / ".slot-4.json.abc123").write_bytes(b"half a save")
    entries = shelf.entries()
    by_slot = {e.slot: e for e in entries}
    assert [e.slot for e in entries] == [*ALL_SLOTS, None]
    assert by_slot["1"].save is not None and by_slot["2"].save is not None
    assert by_slot["3"].problem is not None and "not valid JSON" in by_slot["3"].problem.message
    assert by_slot[QUICK].problem == SaveProblem("the file is empty (a save that was never finished?)")
    assert by_slot["4"].empty
    assert by_slot[None].path.name == "notes.json" and by_slot[None].problem is not None


def test_a_folder_where_a_slot_belongs_is_shown_as_such(shelf: Shelf) -> None:
    shelf.path_of("5").mkdir(parents=True)
    assert shelf.read("5").problem == SaveProblem("a folder stands where the save file belongs")


def test_a_pipe_where_a_slot_belongs_is_never_read(shelf: Shelf) -> None:
    shelf.folder.mkdir(parents=True)
    os.mkfifo(shelf.path_of("6"))
    assert shelf.read("6").problem == SaveProblem("not a file: something else stands where the save belongs")


def test_a_temporary_file_left_by_a_crash_is_cleared_once_stale(shelf: Shelf) -> None:
    shelf.folder.mkdir(parents=True)
    fresh, stale = shelf.folder / ".slot-1.json.aaa", shelf.folder / ".slot-2.json.bbb"
    fresh.write_bytes(b"{")
    stale.write_bytes(b"{")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    shelf.entries()
    assert fresh.exists() and not stale.exists()


def refuse(error: int) -> object:
    def failing(*args: object, **kwargs: object) -> object:
        raise OSError(error, os.strerror(error))

    return failing


def test_a_read_only_folder_names_the_folder_and_the_fix_and_keeps_the_old_save(
    shelf: Shelf, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf.write_bytes("1", a_save("Kept"))
    before = shelf.path_of("1").read_bytes()
    monkeypatch.setattr(userdirs.tempfile, "mkstemp", refuse(errno.EACCES))
    problem = shelf.write_bytes("1", a_save("Lost"))
    assert problem == SaveProblem(
        f"Cannot save: the save folder {shelf.folder} is read-only. Make it writable, or play with "
        "--save-dir DIR (or STARS_GOSSIP_SAVE_DIR) to save elsewhere."
    )
    assert shelf.path_of("1").read_bytes() == before


def test_a_full_disk_keeps_the_old_save_and_leaves_no_temporary_file(
    shelf: Shelf, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf.write_bytes("1", a_save("Kept"))
    before = shelf.path_of("1").read_bytes()
    monkeypatch.setattr(userdirs.os, "fsync", refuse(errno.ENOSPC))
    problem = shelf.write_bytes("1", a_save("Lost"))
    assert problem is not None and problem.message.startswith(f"Cannot save: the disk holding {shelf.folder} is full.")
    assert shelf.path_of("1").read_bytes() == before
    assert sorted(os.listdir(shelf.folder)) == ["slot-1.json"]


def test_a_folder_that_cannot_be_made_says_why(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file, not a folder")
    shelf = Shelf(tmp_path / "file" / "saves", "evolve")
    problem = shelf.write_bytes("1", a_save())
    assert problem is not None and problem.message.startswith(f"Cannot save in {shelf.folder}:")


def test_deleting_empties_the_slot_and_an_empty_slot_stays_empty(shelf: Shelf) -> None:
    shelf.write_bytes("2", a_save())
    assert shelf.delete("2") is None and shelf.read("2").empty
    assert shelf.delete("2") is None


def test_a_slot_is_found_by_its_key_its_name_or_as_the_newest_autosave(shelf: Shelf) -> None:
    shelf.write_bytes("4", a_save("Before the party"))
    shelf.write_bytes("auto-1", a_save("older"))
    time.sleep(0.01)
    shelf.write_bytes("auto-3", a_save("newer"))
    assert shelf.find("4") == "4"
    assert shelf.find("before THE party") == "4"
    assert shelf.find("quick") == QUICK
    assert shelf.find("auto") == "auto-3"  # same moment inside: the file's time decides
    assert shelf.find("nothing like it") == SaveProblem(
        "no slot is called 'nothing like it': slots are 1-9, quick, auto, or a save's name"
    )


def test_the_newest_entry_is_the_one_updated_last(shelf: Shelf) -> None:
    assert newest_of(shelf.entries()) is None
    shelf.write_bytes("2", a_save())
    assert newest_of(shelf.entries()) is not None


def test_the_default_save_folder_is_under_the_data_folder_and_moves_with_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("STARS_GOSSIP_SAVE_DIR")
    assert userdirs.save_dir() == userdirs.data_dir() / "saves"
    monkeypatch.setenv("STARS_GOSSIP_SAVE_DIR", str(tmp_path / "elsewhere"))
    assert userdirs.save_dir() == tmp_path / "elsewhere"
    assert userdirs.save_dir(tmp_path / "flag") == tmp_path / "flag"


RUNS = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 50), st.booleans()),  # run, moment, at an ending
    max_size=8,
)


@given(RUNS)
def test_continue_goes_to_the_newest_save_made_before_an_ending(saves: list[tuple[int, int, bool]]) -> None:
    base = save_of(run_of(evolved("v1"), V1_ROUTE))
    start = base.created

    def made(run: int, moment: int, ending: bool) -> Entry:
        save = replace(
            base,
            created=start + timedelta(days=run),
            updated=start + timedelta(days=run, minutes=moment),
            ending="home" if ending else None,
        )
        return Entry("1", Path("slot-1.json"), save)

    entries = [made(*spec) for spec in saves]
    going, ended = to_continue(entries)
    open_saves = [e for e in entries if e.save is not None and e.save.ending is None]
    if not open_saves:
        assert going is None and ended is None
        return
    assert going is not None and going.save is not None and going.save.ending is None
    assert going.save.updated == max(e.save.updated for e in open_saves if e.save is not None)
    later_endings = [
        e.save
        for e in entries
        if e.save is not None
        and e.save.ending is not None
        and e.save.created == going.save.created
        and e.save.updated > going.save.updated
    ]
    if later_endings:
        assert ended is not None and ended.updated == max(s.updated for s in later_endings)
    else:
        assert ended is None


def test_a_run_that_reached_its_ending_is_continued_from_before_it(shelf: Shelf) -> None:
    before = save_of(run_of(evolved("v1"), V1_ROUTE), "Before the end")
    at_end = replace(before, name="The end", ending="home", updated=before.updated + timedelta(minutes=1))
    yesterday = before.created - timedelta(days=1)
    other_run = replace(before, name="Another run", created=yesterday, updated=yesterday)
    shelf.write("auto-1", before)
    shelf.write("auto-2", at_end)
    shelf.write("2", other_run)
    going, ended = to_continue(shelf.entries())
    assert going is not None and going.slot == "auto-1"
    assert ended is not None and ended.name == "The end"
    shelf.write("auto-3", replace(before, name="Went on", updated=at_end.updated + timedelta(minutes=1)))
    going, ended = to_continue(shelf.entries())
    assert going is not None and going.slot == "auto-3" and ended is None  # played on past the save: not over
