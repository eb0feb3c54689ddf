"""The ending screen: it opens at its top, on the ending's name, whatever the terminal's size."""

from __future__ import annotations

from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from game.tui.app import StarsGossipApp
from game.tui.screens.ending import EndingScreen
from tests.conftest import BUNDLED
from tests.tui.conftest import TEST_SETTINGS, drive, screen_text, wait_for_story


@pytest.mark.parametrize("size", [(60, 18), (80, 24), (100, 30)], ids=["60x18", "80x24", "100x30"])
def test_the_ending_screen_opens_at_its_top_on_the_endings_name(size: tuple[int, int]) -> None:
    """The playtest's Clean Hands at 80x24 opened on "Choices made: 10", its name scrolled away."""
    app = StarsGossipApp(BUNDLED, 3, TEST_SETTINGS)

    async def scenario(pilot: Pilot[Any]) -> None:
        await wait_for_story(pilot)
        story = app.story
        assert story is not None
        ending = story.endings["honest"]
        await app.push_screen(EndingScreen(story, ending, 10, frozenset({"honest"})))
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#ending-page", VerticalScroll).scroll_y == 0
        text = screen_text(app)
        assert "✦  Ending  ✦" in text
        assert ending.title in text
        assert screen.focused is not None and screen.focused.id == "again"  # Enter still plays again

    drive(app, scenario, size=size)
