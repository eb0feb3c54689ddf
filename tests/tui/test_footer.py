"""The footer of keys: composed with its screen, rebuilt when the keys it shows change, kept
as it is when nothing did, and a key opened or closed in place."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from game.tui.footer import Fit, KeyFooter, fit
from game.tui.screens.play import PlayScreen
from tests.tui.conftest import AppFactory, drive, screen_text, wait_for_story


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


class KeysOfPlay(Screen[None]):
    """The play screen's keys over the game's footer (the play screen itself needs a run)."""

    BINDINGS = PlayScreen.BINDINGS

    def compose(self) -> ComposeResult:
        yield Static("The story")
        yield KeyFooter()


def whole_keys(app: App[Any]) -> list[str]:
    """The keys the footer shows, each "key label", after checking that each is drawn whole:
    inside the footer, clear of the palette's key, and on the screen's last line as it is."""
    footer = app.screen.query_one(KeyFooter)
    keys = list(footer.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    line = screen_text(app).splitlines()[-1]  # type: ignore[arg-type]
    shown = []
    for key in keys:
        assert footer.region.contains_region(key.region), key
        if key not in palette and palette:
            assert key.region.right <= palette[0].region.x, (key, palette[0])
        label = f"{key.key_display} {key.description}".strip()
        assert label in line, (label, line)
        shown.append(label)
    return shown


WIDTHS = [60, 64, 72, 80, 100]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_title_footer_shows_whole_keys_and_always_quit_and_help(make_app: AppFactory, width: int) -> None:
    """The playtest at 60 columns: "f2 Se▏^p palette", Settings cut by the palette's key."""

    async def scenario(pilot: Pilot[Any]) -> None:
        await wait_for_story(pilot)
        shown = whole_keys(pilot.app)
        assert {"^q Quit", "f1 Help"} <= set(shown)
        if width >= 80:
            assert {"n New game", "f2 Settings", "^p palette"} <= set(shown)

    drive(make_app(), scenario, size=(width, 24))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_play_keys_fit_with_quit_and_help_whole(make_app: AppFactory, width: int) -> None:
    """The playtest at 60 columns: "esc Title  ^▏^p palette", Quit and Help lost."""

    async def scenario(pilot: Pilot[Any]) -> None:
        await wait_for_story(pilot)
        await pilot.app.push_screen(KeysOfPlay())
        await pilot.pause()
        shown = whole_keys(pilot.app)
        assert {"1-9 Choose", "^q Quit", "f1 Help"} <= set(shown)

    drive(make_app(), scenario, size=(width, 24))


def test_the_footer_fits_again_when_the_terminal_narrows_and_widens(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await wait_for_story(pilot)
        wide = whole_keys(pilot.app)
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        narrow = whole_keys(pilot.app)
        assert "^p palette" not in narrow and {"^q Quit", "f1 Help"} <= set(narrow)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert whole_keys(pilot.app) == wide

    drive(make_app(), scenario)


def test_fit_leaves_keys_out_from_the_right_but_never_quit_or_help() -> None:
    keys = tuple(
        (key, Binding(key, "act_" + key, label, id=binding_id), key, True, "")
        for key, label, binding_id in (
            ("a", "Alpha alpha", "a"),
            ("b", "Bravo bravo", "b"),
            ("ctrl+q", "Quit", "quit"),
            ("f1", "Help", "help"),
            ("c", "Charlie charlie", "c"),
        )
    )
    assert fit(keys, "^p", 200) == Fit()
    assert fit(keys, "^p", 80) == Fit(compact=True)
    assert fit(keys, "^p", 40) == Fit(compact=True, bare_palette=True, left_out=frozenset({"c", "b"}))
    assert fit(keys, "", 10) == Fit(compact=True, left_out=frozenset({"a", "b", "c"}))
