"""The title menu's highlight: nothing until the story and its saves are known, then the item an
Enter should open (Continue when there is a save, else New game), never one it then leaves."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from game.tui.app import StarsGossipApp
from game.tui.screens.title import TitleScreen
from tests.tui.conftest import TEST_SETTINGS, TUI_SMALL, drive, wait_for_story
from tests.tui.test_snapshots import saves_on_the_shelf  # noqa: F401  (a fixture)

REAL_LOAD = StarsGossipApp.load_story


def held_app(monkeypatch: pytest.MonkeyPatch) -> StarsGossipApp:
    """An app whose story loads only when the test says so (``REAL_LOAD(app)``)."""
    monkeypatch.setattr(StarsGossipApp, "load_story", lambda self: None)
    return StarsGossipApp(TUI_SMALL, 7, TEST_SETTINGS)


def highlights(menu: OptionList) -> list[str | None]:
    """Each item the menu highlights from now on, by id (None: nothing)."""
    seen: list[str | None] = []

    def record(index: int | None) -> None:
        seen.append(None if index is None else menu.get_option_at_index(index).id)

    menu.watch(menu, "highlighted", record, init=True)
    return seen


def test_nothing_is_highlighted_while_the_story_loads_and_enter_opens_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The playtest's first frame highlighted Settings, then the highlight jumped to New game."""
    app = held_app(monkeypatch)

    async def scenario(pilot: Pilot[Any]) -> None:
        menu = app.screen.query_one("#menu", OptionList)
        seen = highlights(menu)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)  # an early Enter opened nothing
        assert menu.has_focus
        REAL_LOAD(app)
        await wait_for_story(pilot)
        assert seen == [None, "new-game"]

    drive(app, scenario)


def test_with_a_save_the_first_highlight_is_continue(
    monkeypatch: pytest.MonkeyPatch,
    saves_on_the_shelf: None,  # noqa: F811
) -> None:
    app = held_app(monkeypatch)

    async def scenario(pilot: Pilot[Any]) -> None:
        seen = highlights(app.screen.query_one("#menu", OptionList))
        REAL_LOAD(app)
        await wait_for_story(pilot)
        assert seen == [None, "continue"]

    drive(app, scenario)


def test_an_item_the_player_highlights_while_loading_keeps_the_highlight(monkeypatch: pytest.MonkeyPatch) -> None:
    app = held_app(monkeypatch)

    async def scenario(pilot: Pilot[Any]) -> None:
        menu = app.screen.query_one("#menu", OptionList)
        await pilot.press("down")  # the first item open before the story: Settings
        await pilot.pause()
        REAL_LOAD(app)
        await wait_for_story(pilot)
        assert menu.highlighted == menu.get_option_index("settings")

    drive(app, scenario)
