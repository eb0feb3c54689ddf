"""Reading what the player types in line mode: choices, commands, help, quitting, yes/no."""

from __future__ import annotations

import io

import pytest

from game.plain.page import Page
from game.plain.prompt import HELP, SAVE_HELP, UNDO, Command, Prompt


def prompt(*typed: str, echo: bool = False, saving: bool = False) -> tuple[Prompt, io.StringIO]:
    out = io.StringIO()
    return Prompt(iter(line + "\n" for line in typed), Page(out), echo, saving), out


@pytest.mark.parametrize(("typed", "count", "number"), [("1", 3, 1), (" 3 ", 3, 3), ("12", 12, 12), ("03", 12, 3)])
def test_a_number_in_range_is_that_choice(typed: str, count: int, number: int) -> None:
    p, _ = prompt(typed)
    assert p.ask(count) == number


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("u", UNDO),
        ("UNDO", UNDO),
        ("save", Command("save")),
        ("save 3 Bridge run", Command("save", "3 Bridge run")),
        ("Load  auto ", Command("load", "auto")),
        ("restore 2", Command("load", "2")),
        ("saves", Command("saves")),
        ("list", Command("saves")),
        ("map", Command("map")),
    ],
)
def test_a_command_is_read_with_the_rest_of_its_line(typed: str, command: Command) -> None:
    p, _ = prompt(typed)
    assert p.ask(3) == command


@pytest.mark.parametrize("typed", ["q", "Quit", "exit"])
def test_quitting_answers_none(typed: str) -> None:
    p, _ = prompt(typed, "1")
    assert p.ask(3) is None


def test_the_end_of_input_answers_none() -> None:
    p, out = prompt()
    assert p.ask(3) is None
    assert out.getvalue() == "> "


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("", "Type a number (1-3) and press Enter."),
        ("4", "'4' is not a choice here: type a number (1-3), 'u' to undo, 'h' for help or 'q' to quit."),
        ("0", "'0' is not a choice here"),
        ("03", "'03' is not a choice here"),
        ("1" * 30, "'" + "1" * 20 + "…' is not a choice here"),
        ("٣", "'٣' is not a choice here"),
    ],
)
def test_a_wrong_answer_gets_a_hint_and_the_prompt_again(typed: str, hint: str) -> None:
    p, out = prompt(typed, "2")
    assert p.ask(3) == 2
    assert out.getvalue().startswith(f"> {hint}")
    assert out.getvalue().count("> ") == 2


def test_one_choice_is_asked_for_as_the_number_one() -> None:
    p, out = prompt("", "3", "1")
    assert p.ask(1) == 1
    assert "Type 1 and press Enter." in out.getvalue()
    assert "'3' is not a choice here: type 1, 'u' to undo" in out.getvalue()


def test_help_mentions_saving_only_when_the_game_saves() -> None:
    p, out = prompt("h", "1")
    assert p.ask(2) == 1
    assert HELP in out.getvalue() and SAVE_HELP not in out.getvalue()
    p, out = prompt("?", "1", saving=True)
    assert p.ask(2) == 1
    assert f"{HELP}\n{SAVE_HELP}\n" in out.getvalue()


def test_with_no_choice_open_the_way_out_is_named_before_and_after_each_answer() -> None:
    p, out = prompt("1", "u")
    assert p.ask(0, can_undo=True) == UNDO
    assert out.getvalue().count("Type 'u' to undo or 'q' to quit;") == 2
    p, out = prompt("1", "q")
    assert p.ask(0, can_undo=False) is None
    assert out.getvalue().count("Type 'q' to quit;") == 2


def test_input_is_echoed_when_asked_so_a_piped_run_reads_as_typed() -> None:
    p, out = prompt("  2  ", echo=True)
    assert p.ask(3) == 2
    assert out.getvalue() == "> 2\n"
    p, out = prompt("2")
    p.ask(3)
    assert out.getvalue() == "> "


@pytest.mark.parametrize(("typed", "yes"), [("y", True), ("YES", True), ("n", False), (" No ", False), ("", False)])
def test_confirm_is_yes_only_for_yes(typed: str, yes: bool) -> None:
    p, out = prompt(typed, echo=True)
    assert p.confirm("Replace it? (y/n)") is yes
    assert out.getvalue() == f"Replace it? (y/n)\n> {typed.strip()}\n"


def test_confirm_asks_again_rather_than_swallow_a_command_typed_too_soon() -> None:
    p, out = prompt("load 1", "yep", "y", "2", echo=True)
    assert p.confirm("Replace it? (y/n)") is True
    assert out.getvalue() == (
        "Replace it? (y/n)\n"
        "> load 1\n'load 1' is not an answer here: type y (yes) or n (no), then Enter.\n"
        "> yep\n'yep' is not an answer here: type y (yes) or n (no), then Enter.\n"
        "> y\n"
    )
    assert p.ask(3) == 2  # the line after the answer is still there for the next question


def test_confirm_at_the_end_of_input_is_no() -> None:
    p, out = prompt(echo=True)
    assert p.confirm("Load the rebuilt run? (y/n)") is False
    assert out.getvalue() == "Load the rebuilt run? (y/n)\n> "
