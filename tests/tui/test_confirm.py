"""Yes/no questions: buttons centred under the question, their keys in the footer, and no game
command in the command palette while one is up."""

from __future__ import annotations

from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Button

from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.play import PlayScreen
from tests.tui.conftest import AppFactory, drive, screen_text, start_game

SIZES = [(60, 18), (80, 24), (100, 30)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]


async def quit_asked(pilot: Pilot[Any]) -> ConfirmScreen:
    """Mid-run, Ctrl+Q: the quit question is up."""
    await start_game(pilot)
    await pilot.press("1", "ctrl+q")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ConfirmScreen)
    return screen


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_buttons_are_centred_under_the_question(make_app: AppFactory, size: tuple[int, int]) -> None:
    """The playtest saw "Yes (y) / No (n)" sit to the left under the centred text."""

    async def scenario(pilot: Pilot[Any]) -> None:
        screen = await quit_asked(pilot)
        dialog = screen.query_one("#dialog").content_region
        yes, no = screen.query_one("#yes", Button).region, screen.query_one("#no", Button).region
        left, right = yes.x - dialog.x, dialog.right - no.right
        assert abs(left - right) <= 1, (left, right)

    drive(make_app(), scenario, size=size)


def test_the_questions_keys_show_in_the_footer(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await quit_asked(pilot)
        footer = screen_text(pilot.app).splitlines()[-1]
        assert "y Yes" in footer and "n No" in footer

    drive(make_app(), scenario)


async def palette_offers(pilot: Pilot[Any], query: str) -> list[str]:
    """What the command palette lists for ``query``."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.4)
    commands = pilot.app.screen.query_one(CommandList)
    return [str(option.prompt).splitlines()[0] for option in commands.options]


@pytest.mark.parametrize("query", ["new game", "continue", "save", "load", "title"])
def test_the_palette_offers_no_game_command_over_a_question(make_app: AppFactory, query: str) -> None:
    """The playtest's Ctrl+P over "Quit the game?" offered New game, Continue and Save."""

    async def scenario(pilot: Pilot[Any]) -> None:
        await quit_asked(pilot)
        offered = await palette_offers(pilot, query)
        assert not any(line.lower().startswith(query) for line in offered), offered
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)  # the question is still up, unanswered

    drive(make_app(), scenario)


def test_the_palette_still_offers_game_commands_over_the_story(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await start_game(pilot)
        assert isinstance(pilot.app.screen, PlayScreen)
        assert "Save" in await palette_offers(pilot, "save")

    drive(make_app(), scenario)
