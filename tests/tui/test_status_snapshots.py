"""SVG snapshots of the status panel with more lines than fit: the sidebar with its scrollbar,
a line read by keyboard, the strip of narrow terminals read the same way and at rest.

Regenerate with ``pytest tests/tui/test_status_snapshots.py --snapshot-update`` and look at
every changed SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from game.tui.app import StarsGossipApp
from tests.tui.conftest import SEED, TEST_SETTINGS, start_game
from tests.tui.test_status import CROWDED

SnapCompare = Callable[..., bool]


def crowded() -> StarsGossipApp:
    return StarsGossipApp(CROWDED, SEED, TEST_SETTINGS)


async def reading(pilot: Pilot[Any]) -> None:
    """Tab to the status, then down to its sixth line (Kang Soo)."""
    await start_game(pilot)
    await pilot.press("tab", *["down"] * 5)
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", [(100, 30), (60, 18)], ids=["100x30", "60x18"])
def test_status_at_rest(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """More lines than fit: the sidebar and the strip show a scrollbar; the story keeps its room."""
    assert snap_compare(crowded(), terminal_size=size, run_before=start_game)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_status_read_by_keyboard(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """One line pointed at and explained, scrolled into view; the footer's keys for reading."""
    assert snap_compare(crowded(), terminal_size=size, run_before=reading)
