"""The settings dialog: the reveal speeds greyed out, saying why, while Reduced motion is ticked;
the theme list opaque, inside the dialog, and the same themes as the command palette's."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Label

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
