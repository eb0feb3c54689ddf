"""The status sidebar explains itself: the writer's help on hover, line by line on focus, always
when there is room, and in the help screen, which says where the status is at this width.
However many lines it has, the player can reach each of them, and the story keeps its room."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from game.tui.app import StarsGossipApp
from game.tui.screens.help import SIDEBAR, STRIP, HelpScreen
from game.tui.screens.play import PlayScreen
from game.tui.widgets.status import StatusPanel
from tests.tui.conftest import SEED, TEST_SETTINGS, AppFactory, drive, screen_text, start_game

TRUST_HELP = "How far Eve trusts you. Full means she takes you at your word."
CROWDED = Path(__file__).resolve().parent.parent / "stories" / "tui_status"
"""A story with thirteen status lines, more than the sidebar holds under the portrait at 100x30."""
FIRST_HELP = "How far Commander Eve Kim trusts you."
SECOND_HELP = "How much the crew suspects you are hiding something."
LAST_HELP = "Your engagement to Choi Go Eun, back on Earth."


def crowded() -> StarsGossipApp:
    return StarsGossipApp(CROWDED, SEED, TEST_SETTINGS)


def panel_of(pilot: Pilot[int]) -> StatusPanel:
    return pilot.app.screen.query_one(StatusPanel)


def panel_text(pilot: Pilot[int]) -> str:
    return " ".join(panel_of(pilot).shown.split())


def in_panel(pilot: Pilot[int]) -> str:
    """The words the status panel shows on screen now (what is scrolled out of it is not)."""
    region = panel_of(pilot).region
    rows = screen_text(pilot.app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(row[region.x : region.right] for row in rows).split())


def footer_keys(pilot: Pilot[int]) -> list[str]:
    return [key.description for key in pilot.app.screen.query(FooterKey)]


async def press(pilot: Pilot[int], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    await pilot.pause()  # the scroll that keeps the cursor in view comes after a refresh


def test_hovering_a_status_line_shows_its_help(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        lines = panel_of(pilot).text
        await pilot.hover(StatusPanel, offset=(2, 1))  # the first line: Trust (Eve)
        await pilot.pause()
        assert lines.tooltip == f"Trust (Eve): {TRUST_HELP}"
        await pilot.hover(StatusPanel, offset=(2, 4))  # Stomach: no help written
        await pilot.pause()
        assert lines.tooltip is None

    drive(make_app(), scenario, size=(120, 40))


def test_clicking_a_status_line_reads_that_line() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.click(StatusPanel, offset=(2, 3))  # the second line: Suspicion
        await pilot.pause()
        panel = panel_of(pilot)
        assert pilot.app.screen.focused is panel and panel.cursor == 1
        assert SECOND_HELP in panel_text(pilot) and FIRST_HELP not in panel_text(pilot)

    drive(crowded(), scenario, size=(100, 30))


def test_tab_reads_the_status_one_line_at_a_time_and_escape_goes_back(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        assert TRUST_HELP not in panel_text(pilot)
        await press(pilot, "tab")
        panel = panel_of(pilot)
        assert pilot.app.screen.focused is panel and panel.cursor == 0
        assert TRUST_HELP in in_panel(pilot) and "› Trust (Eve)" in in_panel(pilot)
        await press(pilot, "1")  # number keys still choose
        assert pilot.app.screen.focused is panel
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, PlayScreen)  # Escape leaves the status, not the game
        assert pilot.app.screen.focused is pilot.app.screen.choices
        assert TRUST_HELP not in panel_text(pilot) and "› Trust" not in in_panel(pilot)
        await press(pilot, "tab", "shift+tab")
        assert pilot.app.screen.focused is pilot.app.screen.choices
        assert TRUST_HELP not in panel_text(pilot)

    drive(make_app(), scenario, size=(120, 40))


def test_up_down_home_and_end_move_through_every_line_and_keep_it_in_view() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await press(pilot, "tab")
        panel = panel_of(pilot)
        assert FIRST_HELP in in_panel(pilot) and SECOND_HELP not in panel_text(pilot)  # one at a time
        await press(pilot, "down")
        assert panel.cursor == 1
        assert SECOND_HELP in in_panel(pilot) and FIRST_HELP not in panel_text(pilot)
        for index in range(2, len(panel.lines)):
            await press(pilot, "down")
            line = panel.lines[index]
            assert panel.cursor == index
            assert f"› {line.label}" in in_panel(pilot)
            assert line.help.split()[-1] in in_panel(pilot)  # the end of its help is in view
        assert LAST_HELP in in_panel(pilot) and panel.scroll_y > 0
        await press(pilot, "down")  # past the last line: it stays there
        assert panel.cursor == len(panel.lines) - 1
        await press(pilot, "home")
        assert panel.cursor == 0 and panel.scroll_y == 0 and FIRST_HELP in in_panel(pilot)
        await press(pilot, "end")
        assert panel.cursor == len(panel.lines) - 1 and LAST_HELP in in_panel(pilot)

    drive(crowded(), scenario, size=(100, 30))


def test_the_footer_shows_the_keys_that_read_the_status_while_it_has_the_focus() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        assert "Read" not in footer_keys(pilot) and "Title" in footer_keys(pilot)
        await press(pilot, "tab")
        keys = footer_keys(pilot)
        assert keys[:2] == ["Read", "Back"] and "Title" not in keys
        assert {"Choose", "Quit", "Help"} <= set(keys)
        bottom = screen_text(pilot.app).splitlines()[-1]
        assert all(word in bottom for word in ("↑↓ Read", "esc Back", "1-9 Choose", "Quit", "f1 Help"))
        await press(pilot, "escape")
        assert "Read" not in footer_keys(pilot) and "Title" in footer_keys(pilot)

    drive(crowded(), scenario, size=(80, 24))


def test_the_sidebar_scrolls_when_its_lines_do_not_fit() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        panel = panel_of(pilot)
        assert panel.max_scroll_y > 0 and panel.show_vertical_scrollbar  # seen to go on below
        assert "Go Eun" not in in_panel(pilot)
        panel.scroll_end(animate=False)
        await pilot.pause()
        assert "Go Eun" in in_panel(pilot)  # and it does, to the last line

    drive(crowded(), scenario, size=(100, 30))


def test_the_strip_grows_to_read_the_status_and_gives_the_choices_back_when_left() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        strip = panel_of(pilot)
        assert strip.has_class("-compact") and strip.outer_size.height <= 4
        await press(pilot, "tab", "end")
        assert LAST_HELP in in_panel(pilot)
        assert strip.outer_size.height <= 12  # half the screen at most
        sidebar = screen.query_one("#sidebar")
        assert sidebar.outer_size.height == strip.outer_size.height + 1  # its rule under it, no gap
        await press(pilot, "tab")
        assert screen.focused is screen.choices
        assert strip.outer_size.height <= 4 and strip.scroll_y == 0
        shown = screen_text(pilot.app)
        for choice in screen.playthrough.scene.choices if screen.playthrough.scene else ():
            assert f"{choice.number}. {choice.text}" in shown

    drive(crowded(), scenario, size=(80, 24))


def test_at_the_smallest_size_the_strip_leaves_the_story_room() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        strip = panel_of(pilot)
        assert strip.outer_size.height == 3 and strip.show_vertical_scrollbar
        assert screen.transcript.size.height >= 5
        rows = screen_text(pilot.app).splitlines()[1:4]
        assert not any(row.strip().startswith(("█", "░")) for row in rows)  # no bar on a row of its own
        assert "Trust (Eve) █" in rows[0]

    drive(crowded(), scenario, size=(60, 18))


def test_a_roomy_terminal_always_explains_the_status(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        assert TRUST_HELP in panel_text(pilot)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert TRUST_HELP not in panel_text(pilot)

    drive(make_app(), scenario, size=(160, 50))


def help_text(pilot: Pilot[int]) -> str:
    console = Console(width=70, record=True, file=io.StringIO())
    console.print(pilot.app.screen.query_one("#help-text", Static).content)
    return console.export_text()


def test_help_lists_the_status_lines_and_says_where_they_are(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        for size, where in (((120, 40), SIDEBAR), ((80, 24), STRIP)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            text = " ".join(help_text(pilot).split())
            assert f"During play, {where} shows how things stand." in text
            assert f"Trust (Eve) {TRUST_HELP}" in text and "Stomach" in text
            await pilot.press("escape")
            await pilot.pause()

    drive(make_app(), scenario, size=(120, 40))


def test_help_gives_each_explanation_once_naming_every_line_it_explains() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await press(pilot, "f1")
        text = help_text(pilot)
        assert text.count("Where the result of the procedure is.") == 1
        assert text.count("Embryos") == 1
        assert text.count("Each place you go uses one block") == 1
        rows = [row.strip() for row in text.splitlines()]
        at = next(n for n, row in enumerate(rows) if row.startswith("Free time used today (of 3)"))
        assert rows[at + 1].startswith("Free time used today (of 2)")  # both labels, one entry
        words = " ".join(text.split())
        assert "3/3 means full" not in words  # not true of a meter out of 4 or 6
        assert "it is full when the two numbers after it are the same" in words

    drive(crowded(), scenario, size=(100, 30))


def test_a_status_change_lays_the_screen_out_again_only_when_the_panel_changes_height(make_app: AppFactory) -> None:
    """A meter that moves repaints the panel alone; a line that wraps onto another row, or one
    more line, lays the screen out again so nothing below is drawn over."""

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        panel = panel_of(pilot)
        lines = panel.lines
        layouts: list[bool] = []
        original = panel.text.refresh

        def spy(*regions: object, layout: bool = False, **kwargs: object) -> object:
            layouts.append(layout)
            return original(*regions, layout=layout, **kwargs)  # type: ignore[arg-type]

        panel.text.refresh = spy  # type: ignore[method-assign]
        first = lines[0]
        assert first.maximum is not None and first.value != first.maximum
        panel.show((replace(first, value=first.maximum), *lines[1:]))
        await pilot.pause()
        layouts.clear()
        panel.show(lines)
        assert layouts and not any(layouts)  # the meter moved: the same rows
        layouts.clear()
        panel.show((*lines, replace(first, label="One more line")))
        assert any(layouts)
        await pilot.pause()
        height = panel.text.size.height
        layouts.clear()
        panel.show((*lines[:-1], replace(lines[-1], label=lines[-1].label + " and a label long enough to wrap" * 3)))
        assert any(layouts)
        await pilot.pause()
        assert panel.text.size.height > height - 1  # laid out at its new height

    drive(make_app(), scenario, size=(120, 40))


def test_a_choice_lays_the_screen_out_once_with_a_sidebar_that_scrolls() -> None:
    """The keypress budget holds with more lines than fit: one layout per choice at most."""

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = pilot.app.screen
        layouts: list[str] = []
        refresh_layout = screen._refresh_layout

        def spy_layout(*args: object, **kwargs: object) -> None:
            layouts.append("layout")
            refresh_layout(*args, **kwargs)  # type: ignore[arg-type]

        screen._refresh_layout = spy_layout  # type: ignore[method-assign]
        await press(pilot, "1", "1")  # until the transcript overflows (its own scrollbar shown)
        for _ in range(6):  # the galley and the corridor in turn: status lines come and go
            layouts.clear()
            await press(pilot, "1")
            assert len(layouts) <= 1
            assert panel_of(pilot).show_vertical_scrollbar

    drive(crowded(), scenario, size=(100, 30))
