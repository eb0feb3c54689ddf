"""Shared set-up for the Textual tests: a small fixed story, instant text, no motion, one theme."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from game.tui.app import StarsGossipApp
from game.tui.settings import Settings

TUI_SMALL = Path(__file__).resolve().parent.parent / "stories" / "tui_small"
SEED = 7
TEST_SETTINGS = Settings(theme="textual-dark", reveal="instant", reduced_motion=True)

AppFactory = Callable[..., StarsGossipApp]


@pytest.fixture
def make_app() -> AppFactory:
    """Builds the app on the small test story with deterministic settings."""

    def build(directory: Path = TUI_SMALL, seed: int = SEED, settings: Settings = TEST_SETTINGS) -> StarsGossipApp:
        return StarsGossipApp(directory, seed, settings)

    return build


def screen_text(app: StarsGossipApp) -> str:
    """What the player sees on the terminal now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for_story(pilot: Pilot[int]) -> None:
    """Let the loader worker finish and its result reach the title screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def start_game(pilot: Pilot[int]) -> None:
    """From a fresh app: wait for the story, then press N for a new game."""
    await wait_for_story(pilot)
    await pilot.press("n")
    await pilot.pause()


def drive(
    app: StarsGossipApp, scenario: Callable[[Pilot[int]], Awaitable[None]], size: tuple[int, int] = (100, 30)
) -> None:
    """Run ``scenario`` against ``app`` headless at ``size`` (the suite has no async test plugin)."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await scenario(pilot)

    asyncio.run(main())
