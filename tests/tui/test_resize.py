"""Small terminals: a clear message below the minimum, a narrow layout at 80 columns, no crash."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
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


def test_the_size_reported_again_at_start_lays_nothing_out_again(make_app: AppFactory) -> None:
    """The terminal driver reports the size once more as it starts; Textual would lay the title
    out again for it after the first frame. Before the first frame, an unchanged size is let go;
    after it, every report is handled (a terminal back from suspension reports its size so)."""
    app = make_app()
    size = Size(100, 30)
    first, again = events.Resize(size, size), events.Resize(size, size)
    app.on_resize(first)
    app.on_resize(again)
    assert not first._no_default_action
    assert again._no_default_action  # Textual's own handler does not see it
    wider = events.Resize(Size(120, 30), Size(120, 30))
    app.on_resize(wider)
    assert not wider._no_default_action
    app.drawn = True
    later = events.Resize(Size(120, 30), Size(120, 30))
    app.on_resize(later)
    assert not later._no_default_action


def test_a_started_game_draws_its_title_once_for_its_size(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.pause()
        title = pilot.app.screen
        laid_out: list[Size] = []
        original = title._refresh_layout

        def counted(size: Size | None = None, scroll: bool = False) -> None:
            laid_out.append(size or title.size)
            original(size, scroll)

        title._refresh_layout = counted  # type: ignore[method-assign]
        pilot.app.post_message(events.Resize(pilot.app.size, pilot.app.size))
        await pilot.pause()
        await pilot.pause()
        assert pilot.app.drawn
        assert laid_out  # after the first frame a report is handled as ever (Textual lays out again)

    drive(make_app(), scenario)
