"""SVG snapshots of each screen on the small fixed test story: fixed theme, instant text, no motion.

Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at every
changed SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from tests.tui.conftest import AppFactory, start_game, wait_for_story

SnapCompare = Callable[..., bool]


async def mid_scene(pilot: Pilot[Any]) -> None:
    """One choice made: the second scene under the first, the player's line echoed between."""
    await start_game(pilot)
    await pilot.press("1")
    await pilot.pause()


async def at_ending(pilot: Pilot[Any]) -> None:
    await mid_scene(pilot)
    await pilot.press("1", "1")
    await pilot.pause()


async def help_over_play(pilot: Pilot[Any]) -> None:
    await start_game(pilot)
    await pilot.press("f1")
    await pilot.pause()


def test_title_screen(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), run_before=wait_for_story)


def test_play_screen_mid_scene_80x24(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=mid_scene)


def test_play_screen_mid_scene_120x40(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=mid_scene)


def test_ending_screen(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), run_before=at_ending)


def test_help_screen(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), run_before=help_over_play)


def test_terminal_too_small(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(50, 14), run_before=wait_for_story)
