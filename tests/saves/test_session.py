"""A run being kept: what a save of it holds, play time across sittings, autosaves in turn."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.engine.playthrough import Playthrough
from game.saves import AUTOSAVES, HISTORY, Session, Shelf
from game.saves.format import TAIL_CHARS
from game.saves.session import tail_of
from tests.conftest import BUNDLED, STORIES
from tests.saves.helpers import MOMENT, V1_ROUTE, evolved, run_of, session_of, story_at


def looping_run(choices: int) -> Playthrough:
    """A run of the benchmark's story, whose three scenes loop for ever: as long as asked."""
    run = run_of(story_at(STORIES / "tui_bench"), [], seed=1)
    for _ in range(choices):
        run.choose(1)
    return run


def test_a_capture_names_the_save_after_the_scene_unless_told_otherwise() -> None:
    session = session_of(run_of(evolved("v1"), V1_ROUTE))
    assert session.capture().name == "The lab"
    assert session.capture("Mine").name == "Mine"
    save = session.capture()
    assert (save.scene_title, save.tail, save.ending, save.choices) == (
        "The lab",
        ("Tomatoes grow under pink light.",),
        None,
        3,
    )
    assert save.created == save.updated == MOMENT and save.play_seconds == 60.0


def test_the_tail_is_the_scenes_last_lines_with_speakers_each_on_one_line() -> None:
    story = story_at(BUNDLED)
    run = run_of(story, [])
    assert run.scene is not None
    tail = tail_of(run.scene)
    assert 1 <= len(tail) <= 3 and all("\n" not in line and len(line) <= TAIL_CHARS for line in tail)
    speakers = [b for b in run.scene.blocks[-3:] if b.name]
    if speakers:
        assert any(line.startswith(f"{speakers[-1].name}: ") for line in tail)


def test_play_time_adds_this_sitting_to_the_ones_before() -> None:
    now = [100.0]
    session = Session(run_of(evolved("v1"), V1_ROUTE), None, played=30.0, clock=lambda: now[0])
    now[0] = 145.5
    assert session.play_seconds() == 75.5
    resumed = Session.resumed(session.run, None, session.capture(), clock=lambda: now[0])
    now[0] = 150.0
    assert resumed.play_seconds() == 80.0


def test_a_resumed_run_keeps_when_it_was_first_saved() -> None:
    session = session_of(run_of(evolved("v1"), V1_ROUTE))
    first = session.capture()
    later = Session.resumed(session.run, None, first)
    assert later.capture().created == first.created and later.capture().updated > first.updated


def test_autosaves_go_round_the_three_slots_starting_with_the_stalest(tmp_path: Path) -> None:
    shelf = Shelf(tmp_path, "evolve")
    session = session_of(run_of(evolved("v1"), V1_ROUTE), shelf)
    assert [session.claim_autosave() for _ in range(4)] == ["auto-1", "auto-2", "auto-3", "auto-1"]
    for slot, age in zip(AUTOSAVES, (300, 100, 200), strict=True):
        shelf.write_bytes(slot, b"{}")
        os.utime(shelf.path_of(slot), (1_000_000 - age, 1_000_000 - age))
    fresh = session_of(session.run, shelf)
    assert fresh.claim_autosave() == "auto-1"  # written longest ago: the newest two survive the next choice
    shelf.delete("auto-3")
    assert session_of(session.run, shelf).claim_autosave() == "auto-3"  # never written: first


def test_an_autosave_records_where_the_run_is_saved_and_why_not(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    session = session_of(run_of(evolved("v1"), V1_ROUTE), Shelf(blocked, "evolve"))
    problem = session.autosave()
    assert problem is not None and session.autosave_problem == problem and session.last_autosave is None
    session.shelf = Shelf(tmp_path / "saves", "evolve")
    assert session.autosave() is None
    assert session.last_autosave == "auto-2" and session.autosave_problem is None
    assert session.shelf.read("auto-2").save is not None


def test_a_save_keeps_the_last_fifty_undo_steps_and_the_whole_path() -> None:
    run = looping_run(80)
    save = session_of(run).capture()
    assert len(save.history) == HISTORY and save.choices == 80 and len(save.path) == 80
    assert save.state.scene == run.state.scene


def test_a_path_longer_than_the_limit_keeps_its_end(monkeypatch: pytest.MonkeyPatch) -> None:
    run = looping_run(60)
    monkeypatch.setattr("game.saves.session.PATH_LIMIT", 55)  # a smaller limit, for a short test
    save = session_of(run).capture()
    assert save.choices == 60 and len(save.path) == 55 and not save.complete_path
    assert save.path == tuple(run.path[-55:])


def test_saving_with_saving_off_says_so() -> None:
    session = session_of(run_of(evolved("v1"), V1_ROUTE))
    assert session.save("1") is not None and session.autosave() is None
