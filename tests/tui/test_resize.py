"""Small terminals: a clear message below the minimum, a narrow layout at 80 columns, no crash."""

from __future__ import annotations

from textual.pilot import Pilot

from game.tui.screens.play import PlayScreen
from game.tui.screens.too_small import TooSmallScreen
from game.tui.widgets.status import StatusPanel
from tests.tui.conftest import AppFactory, drive, start_game


def test_resizing_to_tiny_shows_the_message_and_back_restores_the_game(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        for size in ((40, 12), (10, 3), (59, 30), (1, 1)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert isinstance(pilot.app.screen, TooSmallScreen)
        assert "enlarge" in str(pilot.app.screen.query_one("#message").render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        assert screen.playthrough.choices_made == 1
        await pilot.press("1")
        await pilot.pause()
        assert screen.playthrough.finished

    drive(make_app(), scenario)


def test_starting_too_small_shows_the_message(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.pause()
        assert isinstance(pilot.app.screen, TooSmallScreen)

    drive(make_app(), scenario, size=(50, 15))


def test_sidebar_becomes_a_strip_on_narrow_terminals(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = pilot.app.screen
        assert screen.has_class("-wide")
        assert not screen.query_one(StatusPanel).has_class("-compact")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-narrow")
        assert screen.query_one(StatusPanel).has_class("-compact")
        assert screen.query_one("#art").region.height == 0

    drive(make_app(), scenario, size=(120, 40))


def test_a_new_game_from_the_palette_keeps_the_size_message_on_top(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        pilot.app.action_new_game()  # what the palette's "New game" runs
        await pilot.pause()
        assert isinstance(pilot.app.screen, TooSmallScreen)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayScreen)

    drive(make_app(), scenario)
