"""Starting the game: the collector the command turns off for start-up is on again once the
story has loaded after the title's first frame, with what start-up and loading built set aside
(frozen) so no collection walks it."""

from __future__ import annotations

import gc

from textual.pilot import Pilot

from game.tui.screens.title import TitleScreen
from tests.tui.conftest import AppFactory, drive, wait_for_story


def test_the_loaded_story_turns_the_collector_back_on(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # start-up's objects, out of the collector's sight
        assert isinstance(pilot.app.screen, TitleScreen)
        assert pilot.app.story is not None

    gc.unfreeze()
    gc.disable()  # as ``stars-gossip play`` starts the game (game/cli.py)
    try:
        drive(make_app(), scenario)
    finally:
        gc.enable()
        gc.unfreeze()  # back to the collector: the test process goes on


def test_a_collector_left_on_stays_on(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0  # a collector the app did not find off is not its to tune

    gc.unfreeze()
    assert gc.isenabled()
    drive(make_app(), scenario)
