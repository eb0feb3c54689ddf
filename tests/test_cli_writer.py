"""``play --watch`` and ``--dev``: the writer's flags of the full-screen game."""

from __future__ import annotations

from tests.conftest import STORIES
from tests.test_cli import run


def test_watch_and_dev_are_listed_in_the_help_of_play() -> None:
    result = run("play", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "--watch reload the story when a file in its folder changes" in text
    assert "--dev writer mode:" in text


def test_watch_with_plain_is_a_usage_error_that_says_why() -> None:
    result = run("play", "--plain", "--watch", "--story", str(STORIES / "minimal"))
    assert result.returncode == 2
    assert "--watch and --dev are for the full-screen game, in a terminal (not --plain)" in result.stderr


def test_dev_without_a_terminal_is_a_usage_error_not_line_mode() -> None:
    result = run("play", "--dev", "--story", str(STORIES / "minimal"))  # the tests' pipes are no terminal
    assert result.returncode == 2
    assert "in a terminal" in result.stderr and result.stdout == ""
