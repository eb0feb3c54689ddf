"""SVG snapshots of each screen on the small fixed test story: fixed theme, instant text, no motion.

Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at every
changed SVG before committing it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from game.engine.playthrough import Pick
from game.saves import QUICK, encode
from tests.saves.helpers import run_of, save_of, story_at
from tests.tui.conftest import SEED, TUI_SMALL, AppFactory, start_game, wait_for_story
from tests.tui.test_saving import shelf_of

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


@pytest.fixture
def saves_on_the_shelf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A few saves of the small story made at a fixed moment, one from an older version of it and
    one damaged file; dates shown in UTC, whatever the machine's time zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    story = story_at(TUI_SMALL)
    shelf = shelf_of()
    polite = run_of(story, [Pick("airlock#1")], SEED)
    shelf.write_bytes("1", encode(save_of(polite, "Straight to the point")))
    older = replace(save_of(run_of(story, [Pick("airlock#3")], SEED)), fingerprint="0123456789abcdef", play_seconds=754)
    shelf.write_bytes("2", encode(older))
    shelf.path_of("4").write_bytes(b'{"kind": "stars-gossip save", "format": 1, "compa')
    quick = save_of(polite)
    shelf.write_bytes(QUICK, encode(replace(quick, play_seconds=4000, updated=quick.updated - timedelta(hours=1))))
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


async def save_dialog(pilot: Pilot[Any]) -> None:
    await mid_scene(pilot)
    await pilot.press("s")
    await pilot.pause()


async def load_dialog(pilot: Pilot[Any]) -> None:
    await wait_for_story(pilot)
    await pilot.press("l")
    await pilot.pause()


def test_save_dialog_80x24(snap_compare: SnapCompare, make_app: AppFactory, saves_on_the_shelf: None) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=save_dialog)


def test_load_dialog_80x24(snap_compare: SnapCompare, make_app: AppFactory, saves_on_the_shelf: None) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=load_dialog)


def test_load_dialog_120x40(snap_compare: SnapCompare, make_app: AppFactory, saves_on_the_shelf: None) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=load_dialog)


def test_title_screen_with_a_save_to_continue(
    snap_compare: SnapCompare, make_app: AppFactory, saves_on_the_shelf: None
) -> None:
    assert snap_compare(make_app(), run_before=wait_for_story)
