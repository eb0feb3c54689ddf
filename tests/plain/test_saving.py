"""Line mode's saving: which slot a ``save`` names, autosave notices, endings remembered."""

from __future__ import annotations

import errno
import io
from pathlib import Path

import pytest

from game.engine.model import Story
from game.engine.playthrough import Playthrough
from game.loader import load_story
from game.plain.page import Page
from game.plain.saving import autosave, remember_ending, save_target
from game.saves import QUICK, SaveProblem, Session, Shelf
from game.saves.records import found_endings, record_ending
from tests.conftest import STORIES


@pytest.fixture(scope="module")
def story() -> Story:
    loaded = load_story(STORIES / "minimal").story
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def two_endings() -> Story:
    loaded = load_story(STORIES / "routes_branches").story
    assert loaded is not None and len(loaded.endings) == 2
    return loaded


@pytest.fixture
def shelf(tmp_path: Path, story: Story) -> Shelf:
    return Shelf(tmp_path / "saves", story.id)


def session(story: Story, shelf: Shelf) -> Session:
    run = Playthrough.begin(story, 3)
    assert isinstance(run, Playthrough)
    return Session(run, shelf)


def fill(story: Story, shelf: Shelf, names: dict[str, str]) -> None:
    for slot, name in names.items():
        assert session(story, shelf).save(slot, name) is None


@pytest.mark.parametrize(
    ("argument", "target"),
    [
        ("", (QUICK, None)),
        ("q", (QUICK, None)),
        ("quick Before the hatch", (QUICK, "Before the hatch")),
        ("3", ("3", None)),
        ("3 Bridge run", ("3", "Bridge run")),
        ("9   spaced  ", ("9", "spaced")),
    ],
)
def test_a_slot_is_named_first_and_the_rest_is_the_saves_name(argument: str, target: tuple[str, str | None]) -> None:
    assert save_target(argument, ()) == target


def test_a_name_alone_goes_to_the_slot_already_called_that(story: Story, shelf: Shelf) -> None:
    fill(story, shelf, {"1": "galley", "4": "Bridge run"})
    assert save_target("bridge RUN", shelf.entries()) == ("4", "bridge RUN")


def test_a_new_name_alone_goes_to_the_first_empty_slot(story: Story, shelf: Shelf) -> None:
    fill(story, shelf, {"1": "galley", "2": "cupola"})
    assert save_target("Lab", shelf.entries()) == ("3", "Lab")


def test_a_new_name_with_every_slot_taken_says_how_to_replace_one(story: Story, shelf: Shelf) -> None:
    fill(story, shelf, {str(n): f"run {n}" for n in range(1, 10)})
    found = save_target("Lab", shelf.entries())
    assert found == SaveProblem("all nine slots are in use: type 'save N name' to replace slot N")


@pytest.mark.parametrize("argument", ["../outside", "3 ../outside", ".hidden", "auto", "3 quick", "autosave"])
def test_a_name_that_cannot_be_a_slots_name_is_refused(argument: str) -> None:
    assert isinstance(save_target(argument, ()), SaveProblem)


@pytest.mark.parametrize("argument", ["10", "0", "10 Kitchen"])
def test_a_slot_number_out_of_range_is_refused_never_taken_as_a_name(argument: str) -> None:
    problem = save_target(argument, ())
    assert isinstance(problem, SaveProblem) and problem.message.startswith("there is no slot ")


def test_a_failing_autosave_is_told_once_and_its_recovery_once(
    story: Story, shelf: Shelf, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.StringIO()
    page = Page(out)
    run = session(story, shelf)

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied")

    with monkeypatch.context() as patched:
        patched.setattr("game.userdirs.tempfile.mkstemp", refuse)
        autosave(page, run)
        autosave(page, run)
    told = out.getvalue()
    assert " ".join(told.split()).count("(Autosave failed: Cannot save: the save folder") == 1
    autosave(page, run)
    autosave(page, run)
    assert out.getvalue().removeprefix(told) == "(Autosaving works again.)\n\n"


def test_an_ending_is_remembered_and_the_endings_found_are_counted(two_endings: Story) -> None:
    story = two_endings
    out = io.StringIO()
    first, second = story.endings.values()
    remember_ending(Page(out), story, first)
    remember_ending(Page(out), story, first)
    remember_ending(Page(out), story, second)
    total = len(story.endings)
    assert out.getvalue() == (
        f"Endings found: 1 of {total}.\n\nEndings found: 1 of {total}.\n\nEndings found: 2 of {total}.\n\n"
    )
    assert found_endings(story.id) == {first.id, second.id}


def test_an_ending_that_cannot_be_remembered_is_still_counted(
    two_endings: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = two_endings
    out = io.StringIO()
    first, second = story.endings.values()
    record_ending(story.id, first.id)

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("game.plain.saving.record_ending", refuse)
    remember_ending(Page(out), story, second)
    assert out.getvalue() == (
        "(Could not remember this ending for next time: [Errno 13] Permission denied)\n"
        f"Endings found: 2 of {len(story.endings)}.\n\n"
    )
