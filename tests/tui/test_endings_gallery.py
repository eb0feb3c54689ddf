"""The endings gallery: reached from the title, found endings with their dates, the rest as
"???" with the writer's hint, a reward line for finding them all."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import OptionList

from game.loader import load_story
from game.saves.records import StoryRecords, record_ending
from game.tui.screens.endings import REWARD, EndingsScreen, found_on, gallery
from game.tui.screens.title import TitleScreen
from tests.tui.conftest import TUI_SMALL, AppFactory, drive, screen_text, wait_for_story

FOUND = datetime(2026, 3, 1, 21, 30, tzinfo=UTC)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates shown in UTC, whatever the machine's time zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def text_of(records: StoryRecords) -> str:
    story = load_story(TUI_SMALL).story
    assert story is not None
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(gallery(story, records))
    return " ".join(console.export_text().split())


def test_found_endings_show_title_description_and_date_and_the_rest_their_hint(utc: None) -> None:
    text = text_of(StoryRecords({"docked": FOUND}))
    assert "Endings found: 1 of 2" in text
    assert "✦ Docked at Last The station takes you in. Eve almost smiles. Found 1 March 2026." in text
    assert "? ??? Hint: Some buttons are best left alone." in text
    assert "Sent Home" not in text and REWARD not in text


def test_an_ending_without_a_hint_says_it_is_not_found_yet() -> None:
    text = text_of(StoryRecords({"sent_home": None}))
    assert "? ??? Not found yet." in text
    assert "Sent Home The next capsule down has your name on it. Found in an earlier version of the game." in text


def test_finding_every_ending_earns_the_reward_line(utc: None) -> None:
    text = text_of(StoryRecords({"docked": FOUND, "sent_home": FOUND}))
    assert "Endings found: 2 of 2" in text and REWARD in text and "???" not in text


def test_found_on_is_told_in_the_players_time_zone(utc: None) -> None:
    assert found_on(datetime(2026, 12, 31, 23, 59, tzinfo=UTC)) == "Found 31 December 2026."


def test_the_gallery_opens_from_the_title_menu_and_with_e_and_closes_with_escape(make_app: AppFactory) -> None:
    record_ending("tui-small", "docked", when=FOUND)

    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        menu = pilot.app.screen.query_one("#menu", OptionList)
        menu.highlighted = menu.get_option_index("endings")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EndingsScreen)
        assert "Docked at Last" in screen_text(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TitleScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EndingsScreen)

    drive(make_app(), scenario)


def test_an_ending_reached_in_play_appears_in_the_gallery(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("n", "1", "1", "1")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "Endings found: 1 of 2" in text and "Docked at Last" in text
        assert f"Found {datetime.now().day} " in text

    drive(make_app(), scenario)
