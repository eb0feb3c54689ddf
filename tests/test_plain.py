"""The line-mode front end: what a player at a screen reader or a pipe sees."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.model import Story
from game.loader import load_story
from game.plain import PlainGame
from tests.conftest import STORIES


@pytest.fixture(scope="module")
def story() -> Story:
    loaded = load_story(STORIES / "minimal").story
    assert loaded is not None
    return loaded


def play(story: Story, inputs: list[str], seed: int = 3) -> tuple[int, str]:
    out = io.StringIO()
    status = PlainGame(story, out, echo_input=True).play(iter(line + "\n" for line in inputs), seed)
    return status, out.getvalue()


def test_scene_shows_heading_text_speakers_status_and_numbered_choices(story: Story) -> None:
    _, out = play(story, [])
    assert "== The hatch — Node 1 ==" in out
    assert "The hatch swings open. [Brackets] stay as written." in out
    assert 'Eve Kim: "Trust is 0. No card."' in out
    assert "[Trust: 0]" in out
    assert '  1. "Hello, Commander."\n  2. Take the card\n  3. Flip a coin' in out


def test_spoken_choice_is_echoed_as_the_players_line(story: Story) -> None:
    _, out = play(story, ["1"])
    assert 'Gong Ryong: "Hello, Commander."' in out


def test_reaching_an_ending_prints_it_and_exits_zero(story: Story) -> None:
    status, out = play(story, ["1", "1", "2"])
    assert status == 0
    assert "*** Ending: Home safe ***" in out
    assert out.rstrip().endswith("Thank you for playing.")


def test_end_of_input_stops_cleanly(story: Story) -> None:
    status, out = play(story, ["1"])
    assert status == 0
    assert out.rstrip().endswith("Goodbye. (The story stops here; nothing was saved.)")


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("9", "'9' is not a choice here: type a number (1-3)"),
        ("0", "'0' is not a choice here"),
        ("-1", "'-1' is not a choice here"),
        ("hello", "'hello' is not a choice here"),
        ("", "Type a number (1-3) and press Enter."),
        ("h", "Type the number of a choice"),
    ],
)
def test_invalid_input_gets_a_hint_and_the_prompt_again(story: Story, typed: str, hint: str) -> None:
    status, out = play(story, [typed, "1"])
    assert status == 0
    assert hint in out
    assert 'Gong Ryong: "Hello, Commander."' in out


def test_quit_stops_at_once(story: Story) -> None:
    status, out = play(story, ["q", "1"])
    assert status == 0
    assert "Gong Ryong" not in out


@given(st.lists(st.text(max_size=12).filter(lambda s: "\n" not in s and "\r" not in s), max_size=25))
def test_garbage_input_never_crashes(story: Story, lines: list[str]) -> None:
    status, out = play(story, lines)
    assert status == 0
    assert "Traceback" not in out


def test_undo_takes_back_the_last_choice(story: Story) -> None:
    status, out = play(story, ["1", "u", "1"])
    assert status == 0
    after_undo = out.split("(You think better of it.)", 1)[1]
    assert '"Hello, Commander."' in after_undo.split("> 1", 1)[0]  # the once-only greeting is back
    assert "[Trust: 0]" in after_undo.split("> 1", 1)[0]


def test_undo_at_the_start_says_there_is_nothing_to_take_back(story: Story) -> None:
    _, out = play(story, ["u"])
    assert "Nothing to take back: this is where the story starts." in out


def test_a_dead_end_says_the_story_is_stuck_and_undo_gets_out() -> None:
    dead_end = load_story(STORIES / "defect_dead_end").story
    assert dead_end is not None
    status, out = play(dead_end, ["2", "1", "u", "1", "1"])
    assert status == 0
    assert out.count("No choice is open here: the story is stuck (a soft-lock).") == 2
    assert "*** Ending: Through the hatch ***" in out


def test_a_huge_number_is_not_a_choice(story: Story) -> None:
    status, out = play(story, ["1" * 5000])
    assert status == 0
    assert "is not a choice here" in out
