"""What a blind playtest hit, each reproduced as the player met it (see the player-experience issue).

Each test here failed before its fix: the settings dialog cut off at small sizes, a choice hidden
after a resize, a theme picked from the command palette forgotten, the settings' and choice
list's keyboard feedback, and the sidebar drawn twice when a narrowed terminal widened again.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import OptionList, RadioSet, Select

from game.tui.app import StarsGossipApp
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.settings import SettingsScreen
from game.tui.screens.title import TitleScreen
from game.tui.settings import Settings, load_settings
from game.tui.widgets.choices import ChoiceList
from game.tui.widgets.portrait import Portrait
from tests.conftest import BUNDLED
from tests.tui.conftest import AppFactory, drive, screen_text, start_game, wait_for_story
from tests.tui.terminal import VirtualTerminal

SMALL_SIZES = [(80, 24), (60, 18)]


def shown_whole(widget: Widget) -> bool:
    """Whether every cell of ``widget`` is on screen and not covered or clipped."""
    screen = widget.screen
    region = widget.region
    if region.area == 0 or not screen.region.contains_region(region):
        return False
    corners = ((region.x, region.y), (region.right - 1, region.bottom - 1))
    hits = [screen.get_widget_at(x, y)[0] for x, y in corners]
    return all(hit is widget or widget in hit.ancestors for hit in hits)


async def tab_to(pilot: Pilot[Any], widget: Widget) -> None:
    for _ in range(12):
        if pilot.app.screen.focused is widget:
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"Tab never reached {widget}")


@pytest.mark.parametrize("size", SMALL_SIZES)
def test_settings_save_and_cancel_are_on_screen_and_reachable_at_small_sizes(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """Bug 1: at 80x24 the dialog ended at the reduced-motion checkbox."""

    async def scenario(pilot: Pilot[Any]) -> None:
        await wait_for_story(pilot)
        await pilot.press("f2")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, SettingsScreen)
        for name in ("#theme", "#reveal", "#reduced-motion", "#save", "#cancel"):
            widget = screen.query_one(name)
            await tab_to(pilot, widget)
            assert shown_whole(widget), f"{name} is not fully on screen at {size}"
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TitleScreen)

    # Motion on: with Reduced motion ticked the speeds are greyed out and Tab passes them by.
    motion = Settings(theme="textual-dark", reveal="instant", reduced_motion=False)
    drive(make_app(settings=motion), scenario, size=size)


@pytest.mark.parametrize("size", SMALL_SIZES)
def test_the_title_menu_and_a_readable_title_fit_at_small_sizes(make_app: AppFactory, size: tuple[int, int]) -> None:
    """Bug 1: at 60x18 the title art was cut to "GOS" and the last menu items needed scrolling."""
    # The art's widest line fits its region: nothing of it is cut.

    async def scenario(pilot: Pilot[Any]) -> None:
        await wait_for_story(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, TitleScreen)
        assert shown_whole(screen.query_one("#menu", OptionList))
        art = screen.query_one("#title-art")
        assert art.region.width >= max(len(line) for line in str(art.render()).splitlines())

    drive(make_app(BUNDLED), scenario, size=size)


def test_help_and_quit_are_usable_at_the_minimum_size(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.press("f1")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        await pilot.press("end")
        await pilot.pause()
        assert "Saving" in screen_text(pilot.app)
        await pilot.press("escape", "ctrl+q")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert shown_whole(pilot.app.screen.query_one("#yes")) and shown_whole(pilot.app.screen.query_one("#no"))

    drive(make_app(), scenario, size=(60, 18))


def list_lines(pilot: Pilot[Any]) -> list[str]:
    choices = pilot.app.screen.query_one(ChoiceList)
    region = choices.region
    return [line[region.x : region.right] for line in screen_text(pilot.app).splitlines()[region.y : region.bottom]]


def test_choices_after_a_resize_are_laid_out_as_if_the_scene_began_at_that_size(make_app: AppFactory) -> None:
    """Bug 2: in "The Commander's Seat" at 100x30, resized to 80x24, choice 3 was cut and scrolled."""
    fresh: list[str] = []

    async def entered_at_80(pilot: Pilot[Any]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.pause()
        fresh.extend(list_lines(pilot))

    async def resized(pilot: Pilot[Any]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        choices = pilot.app.screen.query_one(ChoiceList)
        assert choices.max_scroll_y == 0
        assert list_lines(pilot) == fresh

    drive(make_app(BUNDLED, seed=1), entered_at_80, size=(80, 24))
    assert any("then" in line for line in fresh)
    drive(make_app(BUNDLED, seed=1), resized, size=(100, 30))


def test_a_theme_picked_from_the_command_palette_is_saved(make_app: AppFactory) -> None:
    """Bug 4: settings.json kept the old theme; F2 then showed it, and Cancel put it back."""

    async def scenario(pilot: Pilot[Any]) -> None:
        await wait_for_story(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert pilot.app.theme == "nord"
        assert load_settings().theme == "nord"
        await pilot.press("f2")
        await pilot.pause()
        assert pilot.app.screen.query_one("#theme", Select).value == "nord"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.theme == "nord"

    drive(make_app(), scenario)


def test_previewing_a_theme_in_settings_saves_nothing_until_save(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await wait_for_story(pilot)
        await pilot.press("f2")
        await pilot.pause()
        pilot.app.screen.query_one("#theme", Select).value = "dracula"
        await pilot.pause()
        assert pilot.app.theme == "dracula"
        assert load_settings().theme == "textual-dark"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.theme == "textual-dark" and load_settings().theme == "textual-dark"

    drive(make_app(), scenario)


def test_the_speed_highlight_starts_on_the_speed_in_use(make_app: AppFactory) -> None:
    """Bug 6: the keyboard highlight started on "Instant" whatever the current speed."""

    async def scenario(pilot: Pilot[Any]) -> None:
        await wait_for_story(pilot)
        await pilot.press("f2")
        await pilot.pause()
        speeds = pilot.app.screen.query_one("#reveal", RadioSet)
        assert pilot.app.screen.focused is pilot.app.screen.query_one("#theme")  # no hidden Tab stop first
        await tab_to(pilot, speeds)
        assert speeds.pressed_button is not None and speeds.pressed_button.name == "normal"
        highlighted = [b.name for b in speeds.query(".-selected")]
        assert highlighted == ["normal"]
        await pilot.press("enter")  # Enter on the highlight keeps the speed
        await pilot.click("#save")
        await pilot.pause()

    settings = Settings(theme="textual-dark", reveal="normal", reduced_motion=False)
    drive(make_app(settings=settings), scenario)
    assert load_settings().reveal == "normal"


def test_a_number_with_no_choice_says_so(make_app: AppFactory) -> None:
    """Bug 6: pressing 7 with three choices did nothing visible."""

    async def scenario(pilot: Pilot[Any]) -> None:
        await start_game(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        await pilot.press("7")
        await pilot.pause()
        assert screen.playthrough.choices_made == 0
        messages = [n.message for n in pilot.app._notifications]
        assert any("no choice 7" in m and "1 to 3" in m for m in messages)

    drive(make_app(), scenario)


async def to_weightless(pilot: Pilot[Any], pick: str = "1") -> PlayScreen:
    """From a fresh app at normal speed: a new game, played with the first choice from the launch
    pad to Lift-off, where ``pick`` leads into Weightless."""
    await start_game(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    while screen.playthrough.state.scene != "prologue.liftoff":
        await pilot.press("1")  # the first press shows the rest of the text, the second chooses
        await pilot.pause(0.05)
    await pilot.press("space", pick)
    await pilot.pause(0.05)
    assert screen.playthrough.state.scene == "prologue.orbit"  # Weightless
    return screen


def shown(app: StarsGossipApp) -> list[str]:
    """What the app means the terminal to show now, a line per row."""
    return [line.rstrip() for line in screen_text(app).splitlines()]


def normal_speed_app() -> StarsGossipApp:
    return StarsGossipApp(BUNDLED, 1, Settings(theme="textual-dark", reveal="normal", reduced_motion=False))


@pytest.mark.parametrize(
    ("size", "pick"),
    [((80, 24), "1"), ((100, 30), "1"), ((160, 50), "1"), ((100, 30), "2")],
    ids=["80x24", "100x30", "160x50", "100x30-nobody-speaks"],
)
def test_the_terminal_shows_one_sidebar_after_lift_off_at_normal_speed(size: tuple[int, int], pick: str) -> None:
    """Bug 5, at one size: every frame the game sends is replayed on a virtual terminal, which
    must then show exactly the screen the game meant: no stale copy of anything. With pick 2
    nobody speaks in Weightless, so the portrait's art is hidden and the sidebar's lines move up."""
    app = normal_speed_app()
    terminal = VirtualTerminal(app, *size)

    async def scenario(pilot: Pilot[Any]) -> None:
        screen = await to_weightless(pilot, pick)
        for _ in range(3):
            await pilot.press("space")
            await pilot.pause(0.1)
            assert terminal.lines == shown(pilot.app)
        assert sum("Trust (Eve)" in line for line in terminal.lines) == 1
        assert screen.query_one(Portrait).has_class("-empty") == (pick == "2")

    drive(app, scenario, size=size)


@pytest.mark.parametrize("narrow", [(80, 24), (60, 18)])
def test_a_widened_terminal_never_shows_the_sidebar_of_an_older_wider_frame(narrow: tuple[int, int]) -> None:
    """Bug 5, found: the sidebar drawn twice was the status strip of a narrow frame beside the
    right-hand sidebar of a wide one. tmux keeps the cells beyond a window's right edge when it
    narrows and shows them again when it widens, until the game has drawn at the new size (a
    third of a second on a busy machine). Played at 100x30 into Weightless, narrowed, then widened
    to 160x50: before the game is told, the terminal may show only what the game drew narrow."""
    app = normal_speed_app()
    terminal = VirtualTerminal(app, 100, 30)

    async def scenario(pilot: Pilot[Any]) -> None:
        await to_weightless(pilot)
        await pilot.press("space")  # the whole scene, so nothing below changes while we look
        await pilot.pause(0.1)
        assert any("▏ Trust (Eve)" in line for line in terminal.lines)  # the sidebar, on the right
        terminal.resize(*narrow)
        await pilot.resize_terminal(*narrow)
        await pilot.pause(0.2)
        drawn = shown(pilot.app)
        assert terminal.lines == drawn
        assert sum("Trust (Eve)" in line for line in drawn) == 1  # now in the strip on top

        terminal.resize(160, 50)  # the window widens; the game has not heard of it yet
        width = narrow[0]
        assert [line[:width].rstrip() for line in terminal.lines[: narrow[1]]] == drawn
        assert [line[width:] for line in terminal.lines] == [""] * 50  # nothing the game did not draw
        await pilot.resize_terminal(160, 50)
        await pilot.pause(0.2)
        assert terminal.lines == shown(pilot.app)
        assert sum("Trust (Eve)" in line for line in terminal.lines) == 1

    drive(app, scenario, size=(100, 30))


def test_a_preview_cancelled_at_once_saves_nothing(make_app: AppFactory) -> None:
    """A theme previewed and cancelled with no pause between leaves the saved theme alone."""

    async def scenario(pilot: Pilot[Any]) -> None:
        await wait_for_story(pilot)
        await pilot.press("f2")
        await pilot.pause()
        pilot.app.screen.query_one("#theme", Select).value = "dracula"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert pilot.app.theme == "textual-dark"
        assert pilot.app.settings.theme == "textual-dark"

    drive(make_app(), scenario)
    assert load_settings().theme == "textual-dark"
