"""SVG snapshots of the writer's tools at 100x30: the problem panel of a failed reload, the offer
after a reload that strands the run, and writer mode's state panel.

Regenerate with ``pytest tests/tui/test_writer_snapshots.py --snapshot-update`` and look at every
changed SVG before committing it. The story is copied to a folder named by a relative path, so
the file names the problems show are the same on every machine.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from game.tui.writer import WriterApp
from tests.tui.conftest import SEED, TEST_SETTINGS, TUI_SMALL, start_game
from tests.tui.test_writer import NEVER, edited

SnapCompare = Callable[..., bool]
SIZE = (100, 30)


@pytest.fixture
def story_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small story in ``story/`` below the working folder."""
    shutil.copytree(TUI_SMALL, tmp_path / "story")
    monkeypatch.chdir(tmp_path)
    return Path("story")


def test_problem_panel_of_a_half_written_file(snap_compare: SnapCompare, story_here: Path) -> None:
    scenes = story_here / "scenes.yaml"
    whole = scenes.read_text(encoding="utf-8")

    async def half_written(pilot: Pilot[Any]) -> None:
        await start_game(pilot)
        scenes.write_text(whole[: whole.index("  choices:")] + "  choices:\n    - say: [half", encoding="utf-8")
        await edited(pilot)

    app = WriterApp(story_here, SEED, TEST_SETTINGS, watch=True, poll_seconds=NEVER)
    assert snap_compare(app, terminal_size=SIZE, run_before=half_written)


def test_reload_that_removes_the_current_scene(snap_compare: SnapCompare, story_here: Path) -> None:
    scenes = story_here / "scenes.yaml"

    async def removed(pilot: Pilot[Any]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.pause()
        text = scenes.read_text(encoding="utf-8")
        scenes.write_text(text.replace("scene: corridor", "scene: hallway").replace("go: corridor", "go: hallway"))
        await edited(pilot)

    app = WriterApp(story_here, SEED, TEST_SETTINGS, watch=True, poll_seconds=NEVER)
    assert snap_compare(app, terminal_size=SIZE, run_before=removed)


def test_dev_panel_mid_scene(snap_compare: SnapCompare) -> None:
    async def mid_scene(pilot: Pilot[Any]) -> None:
        await start_game(pilot)
        await pilot.press("3", "1")
        await pilot.pause()

    app = WriterApp(TUI_SMALL, SEED, TEST_SETTINGS, dev=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=mid_scene)
