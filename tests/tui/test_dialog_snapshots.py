"""SVG snapshots of the dialogs and screens a playtest found wanting: the open theme list, the
settings with motion on, a yes/no question, the map at the minimum size, and the ending screen
at the minimum size (opened at its top). Fixed theme, instant text, isolated save folders.

Regenerate with ``pytest tests/tui/test_dialog_snapshots.py --snapshot-update`` and look at every
changed SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from game.engine.model import StationMap
from game.tui.screens.stationmap import MapScreen
from game.tui.settings import Settings
from tests.tui.conftest import AppFactory, wait_for_story
from tests.tui.test_confirm import quit_asked
from tests.tui.test_snapshots import at_ending, settings_dialog
from tests.tui.test_stationmap import PLACES

SnapCompare = Callable[..., bool]


async def theme_list_open(pilot: Pilot[Any]) -> None:
    await settings_dialog(pilot)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("size", [(60, 18), (80, 24)], ids=["60x18", "80x24"])
def test_theme_list_open(snap_compare: SnapCompare, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=theme_list_open)


def test_settings_with_motion_on(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    """The reveal speeds open (the other settings snapshots have Reduced motion ticked)."""
    settings = Settings(theme="textual-dark", reveal="normal", reduced_motion=False)
    assert snap_compare(make_app(settings=settings), terminal_size=(80, 24), run_before=settings_dialog)


async def quit_question(pilot: Pilot[Any]) -> None:
    await quit_asked(pilot)


def test_quit_question(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=quit_question)


async def map_of_many_places(pilot: Pilot[Any]) -> None:
    await wait_for_story(pilot)
    art = "\n".join(f"[ {place} ]" + "=" * 60 for place in PLACES)
    station = StationMap(art, tuple((place, place) for place in PLACES))
    await pilot.app.push_screen(MapScreen(station, "galley", PLACES))
    await pilot.pause()


def test_map_at_the_minimum_size(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(60, 18), run_before=map_of_many_places)


def test_ending_screen_at_the_minimum_size(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(60, 18), run_before=at_ending)
