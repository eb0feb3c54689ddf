"""SVG snapshots of each screen on the small fixed test story: fixed theme, instant text, no motion.

Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at every
changed SVG before committing it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from game.engine.picks import Pick
from game.saves import QUICK, encode
from game.saves.records import record_choices, record_ending
from game.tui.settings import Settings
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


SIZES = [(60, 18), (80, 24), (160, 50)]
"""The minimum size, a classic terminal and a wide one: every main screen is shot at each."""
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]


@pytest.fixture
def earlier_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Records of earlier runs made at a fixed moment: one ending found, one choice taken before;
    dates shown in UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    record_ending("tui-small", "docked", when=datetime(2026, 3, 1, 21, 30, tzinfo=UTC))
    record_choices("tui-small", ["corridor#2"])
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


async def settings_dialog(pilot: Pilot[Any]) -> None:
    await wait_for_story(pilot)
    await pilot.press("f2")
    await pilot.pause()


async def endings_gallery(pilot: Pilot[Any]) -> None:
    await wait_for_story(pilot)
    await pilot.press("e")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_title_screen(snap_compare: SnapCompare, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=wait_for_story)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_play_screen_mid_scene(
    snap_compare: SnapCompare, make_app: AppFactory, earlier_runs: None, size: tuple[int, int]
) -> None:
    """The second scene, its second choice marked as taken before."""
    assert snap_compare(make_app(), terminal_size=size, run_before=mid_scene)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_settings_dialog(snap_compare: SnapCompare, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=settings_dialog)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_endings_gallery(
    snap_compare: SnapCompare, make_app: AppFactory, earlier_runs: None, size: tuple[int, int]
) -> None:
    """One ending found (with its date), one not (with its hint)."""
    assert snap_compare(make_app(), terminal_size=size, run_before=endings_gallery)


def test_endings_gallery_all_found(snap_compare: SnapCompare, make_app: AppFactory, earlier_runs: None) -> None:
    record_ending("tui-small", "sent_home", when=datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=endings_gallery)


def test_high_contrast_theme(snap_compare: SnapCompare, make_app: AppFactory, earlier_runs: None) -> None:
    settings = Settings(theme="high-contrast", reveal="instant", reduced_motion=True)
    assert snap_compare(make_app(settings=settings), terminal_size=(80, 24), run_before=mid_scene)


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
