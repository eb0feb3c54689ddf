"""The settings dialog: the reveal speeds greyed out, saying why, while Reduced motion is ticked;
the theme list opaque, inside the dialog, and the same themes as the command palette's."""

from __future__ import annotations

from typing import Any

import pytest
from textual.geometry import Spacing
from textual.pilot import Pilot
from textual.theme import ThemeProvider
from textual.widgets import Label, Select
from textual.widgets._select import SelectOverlay

from game.tui.screens.settings import REVEAL_OFF, SettingsScreen, SpeedSet
from game.tui.settings import Settings
from tests.tui.conftest import AppFactory, drive, screen_text, wait_for_story

MOTION_ON = Settings(theme="textual-dark", reveal="normal", reduced_motion=False)
MOTION_OFF = Settings(theme="textual-dark", reveal="normal", reduced_motion=True)


async def open_settings(pilot: Pilot[Any]) -> SettingsScreen:
    await wait_for_story(pilot)
    await pilot.press("f2")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


def speeds_unavailable(screen: SettingsScreen) -> bool:
    """Whether the speeds are greyed out and the line saying why is on screen."""
    speeds = screen.query_one("#reveal", SpeedSet)
    note = screen.query_one("#reveal-note", Label)
    return speeds.disabled and note.display and " ".join(REVEAL_OFF.split()[:4]) in screen_text(screen.app)


def test_with_reduced_motion_the_speeds_are_greyed_out_saying_why(make_app: AppFactory) -> None:
    """The playtest: with Reduced motion ticked the speeds looked active, and Normal did nothing."""

    async def scenario(pilot: Pilot[Any]) -> None:
        screen = await open_settings(pilot)
        assert speeds_unavailable(screen)
        for _ in range(6):  # Tab goes round the dialog without stopping on the speeds
            await pilot.press("tab")
            await pilot.pause()
            assert screen.focused is not screen.query_one("#reveal")

    drive(make_app(settings=MOTION_OFF), scenario)


def test_ticking_reduced_motion_greys_the_speeds_out_and_unticking_brings_them_back(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        screen = await open_settings(pilot)
        speeds = screen.query_one("#reveal", SpeedSet)
        assert not speeds.disabled and not screen.query_one("#reveal-note").display
        await pilot.click("#reduced-motion")
        await pilot.pause()
        assert speeds_unavailable(screen)
        await pilot.click("#reduced-motion")
        await pilot.pause()
        assert not speeds.disabled and not screen.query_one("#reveal-note").display
        assert REVEAL_OFF.split()[0] not in screen_text(pilot.app)

    drive(make_app(settings=MOTION_ON), scenario)


@pytest.mark.parametrize("size", [(60, 18), (80, 24), (100, 30)], ids=["60x18", "80x24", "100x30"])
def test_the_theme_list_is_opaque_and_inside_the_dialog(make_app: AppFactory, size: tuple[int, int]) -> None:
    """The playtest's list let the text behind show in its left column and ran past the dialog."""

    async def scenario(pilot: Pilot[Any]) -> None:
        screen = await open_settings(pilot)
        theme = screen.query_one("#theme", Select)
        await pilot.press("enter")
        await pilot.pause()
        overlay = theme.query_one(SelectOverlay)
        assert theme.expanded and overlay.has_focus
        dialog = screen.query_one("#settings-dialog").region.shrink(Spacing.all(1))  # inside its border
        region = overlay.region
        assert region.height > 2 and dialog.contains_region(region), (region, dialog)
        assert region.x == theme.region.x  # the list spans the whole field, its left column too
        for y in range(region.y, region.bottom):
            for x in range(region.x, region.right):
                hit, _ = screen.get_widget_at(x, y)
                assert hit is overlay or overlay in hit.ancestors, (x, y, hit)
        assert overlay.styles.background.a == 1

    drive(make_app(), scenario, size=size)


@pytest.mark.parametrize("size", [(60, 18), (100, 30)], ids=["60x18", "100x30"])
def test_the_theme_list_offers_the_command_palettes_themes_and_says_how_many(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """The playtest: F2's list seemed to start at catppuccin-macchiato while Ctrl+P's Theme listed
    catppuccin-frappe too. Both offer the same themes; the list says how many and scrolls to the rest."""

    async def scenario(pilot: Pilot[Any]) -> None:
        screen = await open_settings(pilot)
        palette = [name for name, _ in ThemeProvider(screen).commands]
        await pilot.press("enter")
        await pilot.pause()
        overlay = screen.query_one("#theme", Select).query_one(SelectOverlay)
        listed = [str(option.prompt) for option in overlay.options]
        assert listed == palette
        assert overlay.border_title == f"{len(palette)} themes"
        if overlay.max_scroll_y > 0:
            assert overlay.show_vertical_scrollbar  # the rest of the list is there to scroll to
        await pilot.press("home")
        await pilot.pause()
        assert overlay.scroll_y == 0 and palette[0] in screen_text(pilot.app)

    drive(make_app(), scenario, size=size)
