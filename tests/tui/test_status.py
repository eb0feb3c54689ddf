"""The status sidebar explains itself: the writer's help on hover, on focus, always when there
is room, and in the help screen, which says where the status is at this width."""

from __future__ import annotations

import io
from dataclasses import replace

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from game.tui.screens.help import SIDEBAR, STRIP, HelpScreen
from game.tui.widgets.status import StatusPanel
from tests.tui.conftest import AppFactory, drive, start_game

TRUST_HELP = "How far Eve trusts you. Full means she takes you at your word."


def panel_text(pilot: Pilot[int]) -> str:
    return " ".join(str(pilot.app.screen.query_one(StatusPanel).render()).split())


def test_hovering_a_status_line_shows_its_help(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        panel = pilot.app.screen.query_one(StatusPanel)
        await pilot.hover(StatusPanel, offset=(2, 1))  # the first line: Trust (Eve)
        await pilot.pause()
        assert panel.tooltip == f"Trust (Eve): {TRUST_HELP}"
        await pilot.hover(StatusPanel, offset=(2, 4))  # Stomach: no help written
        await pilot.pause()
        assert panel.tooltip is None

    drive(make_app(), scenario, size=(120, 40))


def test_tab_to_the_status_explains_every_line_and_back_hides_it(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        assert TRUST_HELP not in panel_text(pilot)
        await pilot.press("tab")
        await pilot.pause()
        assert pilot.app.screen.focused is pilot.app.screen.query_one(StatusPanel)
        assert TRUST_HELP in panel_text(pilot)
        await pilot.press("1")  # number keys still choose
        await pilot.pause()
        await pilot.press("shift+tab")
        await pilot.pause()
        assert TRUST_HELP not in panel_text(pilot)

    drive(make_app(), scenario, size=(120, 40))


def test_a_roomy_terminal_always_explains_the_status(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        assert TRUST_HELP in panel_text(pilot)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert TRUST_HELP not in panel_text(pilot)

    drive(make_app(), scenario, size=(160, 50))


def test_help_lists_the_status_lines_and_says_where_they_are(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        for size, where in (((120, 40), SIDEBAR), ((80, 24), STRIP)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            console = Console(width=70, record=True, file=io.StringIO())
            console.print(pilot.app.screen.query_one("#help-text", Static).content)
            text = " ".join(console.export_text().split())
            assert f"During play, {where} shows how things stand." in text
            assert f"Trust (Eve) {TRUST_HELP}" in text and "Stomach" in text
            await pilot.press("escape")
            await pilot.pause()

    drive(make_app(), scenario, size=(120, 40))


def test_a_status_change_lays_the_screen_out_again_only_when_the_panel_changes_height(make_app: AppFactory) -> None:
    """A meter that moves repaints the panel alone; a line that wraps onto another row, or one
    more line, lays the screen out again so nothing below is drawn over."""

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        panel = pilot.app.screen.query_one(StatusPanel)
        lines = panel.lines
        layouts: list[bool] = []
        original = panel.refresh

        def spy(*regions: object, layout: bool = False, **kwargs: object) -> object:
            layouts.append(layout)
            return original(*regions, layout=layout, **kwargs)  # type: ignore[arg-type]

        panel.refresh = spy  # type: ignore[method-assign]
        first = lines[0]
        assert first.maximum is not None and first.value != first.maximum
        panel.show((replace(first, value=first.maximum), *lines[1:]))
        await pilot.pause()
        layouts.clear()
        panel.show(lines)
        assert layouts and not any(layouts)  # the meter moved: the same rows
        layouts.clear()
        panel.show((*lines, replace(first, label="One more line")))
        assert any(layouts)
        await pilot.pause()
        height = panel.size.height
        layouts.clear()
        panel.show((*lines[:-1], replace(lines[-1], label=lines[-1].label + " and a label long enough to wrap" * 3)))
        assert any(layouts)
        await pilot.pause()
        assert panel.size.height > height - 1  # laid out at its new height

    drive(make_app(), scenario, size=(120, 40))
