"""The footer of keys: composed with its screen, rebuilt when the keys it shows change, kept
as it is when nothing did, and a key opened or closed in place."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from game.tui.footer import KeyFooter


class MenuScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_game", "New game", tooltip="Start again"),
        Binding("c", "carry_on", "Continue", id="carry_on", tooltip="Carry on the newest save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saved = False

    def compose(self) -> ComposeResult:
        yield Static("Menu")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "carry_on":
            return self.saved or None  # greyed until there is a save
        return True

    def action_new_game(self) -> None:
        self.notify("new game")

    def action_carry_on(self) -> None:
        self.notify("carry on")


class MenuApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(MenuScreen())


def shown_keys(app: App[None]) -> dict[str, FooterKey]:
    return {key.description: key for key in app.screen.query(FooterKey)}


def play(scenario: Callable[[App[None], Pilot[None]], Awaitable[None]]) -> None:
    """Run ``scenario`` against a fresh ``MenuApp``, headless (the suite has no async test plugin)."""

    async def main() -> None:
        app = MenuApp()
        async with app.run_test() as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


def test_footer_keeps_its_keys_when_a_refresh_changes_nothing() -> None:
    async def scenario(app: App[None], pilot: Pilot[None]) -> None:
        before = shown_keys(app)
        assert {"New game", "Continue"} <= set(before)
        app.screen.refresh_bindings()
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        after = shown_keys(app)
        assert after.keys() == before.keys()
        assert all(after[name] is before[name] for name in before)  # the very same widgets: nothing rebuilt

    play(scenario)


async def set_saved(app: App[None], pilot: Pilot[None], saved: bool) -> None:
    """Say whether there is a save (Continue opens or closes) and let the footer catch up."""
    screen = app.screen
    assert isinstance(screen, MenuScreen)
    screen.saved = saved
    screen.refresh_bindings()
    await pilot.pause()
    await pilot.pause()


def test_footer_opens_a_key_in_place() -> None:
    async def scenario(app: App[None], pilot: Pilot[None]) -> None:
        before = shown_keys(app)
        assert before["Continue"].has_class("-disabled")
        await set_saved(app, pilot, True)
        keys = shown_keys(app)
        assert not keys["Continue"].has_class("-disabled")
        assert keys["Continue"].tooltip == "Carry on the newest save"
        assert not keys["New game"].has_class("-disabled")
        assert all(keys[name] is before[name] for name in before)  # opened where it stood
        await pilot.click(keys["Continue"])
        await pilot.pause()
        assert "carry on" in [n.message for n in app._notifications]  # a click on it now acts

    play(scenario)


def test_footer_closes_a_key_in_place() -> None:
    async def scenario(app: App[None], pilot: Pilot[None]) -> None:
        await set_saved(app, pilot, True)
        await set_saved(app, pilot, False)
        key = shown_keys(app)["Continue"]
        assert key.has_class("-disabled")
        await pilot.click(key)
        await pilot.pause()
        assert "carry on" not in [n.message for n in app._notifications]  # closed: a click does nothing

    play(scenario)


def test_footer_keys_are_there_from_the_first_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    rebuilt: list[Widget] = []
    recompose = Widget.recompose

    async def counted(self: Widget) -> None:
        if isinstance(self, KeyFooter):
            rebuilt.append(self)
        await recompose(self)

    monkeypatch.setattr(Widget, "recompose", counted)

    async def scenario(app: App[None], pilot: Pilot[None]) -> None:
        assert {"New game", "Continue"} <= set(shown_keys(app))
        assert rebuilt == []  # composed with the screen: nothing to fill in after the first frame

    play(scenario)


def test_footer_shows_a_key_the_keymap_changed() -> None:
    async def scenario(app: App[None], pilot: Pilot[None]) -> None:
        assert shown_keys(app)["Continue"].key == "c"
        app.update_keymap({"carry_on": "k"})
        await pilot.pause()
        await pilot.pause()
        assert shown_keys(app)["Continue"].key == "k"

    play(scenario)
