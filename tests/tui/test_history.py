"""Choices taken before (in any earlier run, or before a load) are marked in the choice list, from
the records kept across runs."""

from __future__ import annotations

from textual.pilot import Pilot

from game.saves.records import records_of
from game.tui.screens.play import PlayScreen
from game.tui.widgets.choices import ChoiceList
from tests.tui.conftest import AppFactory, drive, screen_text, start_game


def choice_lines(pilot: Pilot[int]) -> list[str]:
    choices = pilot.app.screen.query_one(ChoiceList)
    region = choices.region
    lines = screen_text(pilot.app).splitlines()[region.y + 1 : region.bottom - 1]
    return [line[region.x + 1 : region.right - 1].strip() for line in lines]


async def a_first_run(pilot: Pilot[int]) -> None:
    """A run to an ending: float past, lead the way, see the ending."""
    await start_game(pilot)
    await pilot.press("2", "1", "1")
    await pilot.pause()


def test_a_first_run_marks_nothing(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        assert not any("✓" in line for line in choice_lines(pilot))
        assert pilot.app.screen.query_one(ChoiceList).border_subtitle == ""

    drive(make_app(), scenario)


def test_choices_of_an_ended_run_are_marked_in_the_next(make_app: AppFactory) -> None:
    async def second_run(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        lines = choice_lines(pilot)
        assert lines[0].startswith("› 1. “Commander Kim")
        assert lines[1].startswith("2. ✓ Float past without a word")
        assert "✓" not in lines[2]
        assert pilot.app.screen.query_one(ChoiceList).border_subtitle == "✓ taken before"

    drive(make_app(), a_first_run)
    assert records_of("tui-small").choices == {"airlock#2", "corridor#1"}
    drive(make_app(), second_run)


def test_a_run_left_for_the_title_is_remembered_too(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, PlayScreen)

    drive(make_app(), scenario)
    assert records_of("tui-small").choices == {"airlock#1"}


def test_the_pointer_follows_the_highlight(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("down")
        await pilot.pause()
        lines = choice_lines(pilot)
        assert lines[0].startswith("1.") and lines[1].startswith("› 2.")

    drive(make_app(), scenario)


def test_the_end_box_has_no_mark_to_explain(make_app: AppFactory) -> None:
    async def second_run(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        choices = pilot.app.screen.query_one(ChoiceList)
        assert choices.border_subtitle == "✓ taken before"
        await pilot.press("2", "1")  # the same way, to the ending's box
        await pilot.pause()
        assert choices.border_title == "The end"
        assert choices.border_subtitle == ""

    drive(make_app(), a_first_run)
    drive(make_app(), second_run)
