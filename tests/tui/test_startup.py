"""Starting the game: the collector the command turns off for start-up is on again once the
story has loaded after the title's first frame, with what start-up and loading built set aside
(frozen) so no collection walks it."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from textual import work
from textual.pilot import Pilot

from game.tui.app import StarsGossipApp
from game.tui.messages import StoryLoaded
from game.tui.screens.play import PlayScreen
from game.tui.screens.problems import ProblemsScreen
from game.tui.screens.title import TitleScreen
from tests.conftest import STORIES
from tests.tui.conftest import TEST_SETTINGS, TUI_SMALL, AppFactory, drive, wait_for_story


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


class GatedLoad(StarsGossipApp):
    """The game, its story held back until ``gate`` is set (a slow disk, a huge story)."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory, 0, TEST_SETTINGS)
        self.gate = threading.Event()

    @work(thread=True, exclusive=True, group="load")
    def load_story(self) -> None:
        from game.loader import load_story

        self.gate.wait(10)
        self.post_message(StoryLoaded(load_story(self.directory)))


def test_new_game_asked_for_while_the_story_loads_starts_once_it_is_there() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app = pilot.app
        assert isinstance(app, GatedLoad)
        await pilot.pause()
        assert app.story is None
        await pilot.press("n")  # the footer offers it from the first frame
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert not app._notifications  # nothing refused, nothing alarming
        app.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)

    drive(GatedLoad(TUI_SMALL), scenario)


def test_new_game_on_a_story_with_errors_says_so() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app = pilot.app
        assert isinstance(app, GatedLoad)
        await pilot.press("n")
        app.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)  # the asked-for run is dropped, the problems shown
        app.action_new_game()
        await pilot.pause()
        assert any("has errors" in n.message for n in app._notifications)

    drive(GatedLoad(STORIES / "broken_scenes"), scenario)
