"""Help, quit confirmation, settings, the command palette and the problems screen."""

from __future__ import annotations

import errno
import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Checkbox, RadioButton

from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.help import HelpScreen, help_page
from game.tui.screens.play import PlayScreen
from game.tui.screens.problems import ProblemsScreen
from game.tui.screens.settings import SettingsScreen
from game.tui.screens.title import TitleScreen
from game.tui.settings import Settings, load_settings
from tests.tui.conftest import AppFactory, drive, screen_text, start_game, wait_for_story


def help_page_text() -> str:
    """The help page as plain text (every key, whatever fits on the screen)."""
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(help_page())
    return console.export_text()


def test_help_opens_with_f1_and_question_mark_and_closes(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            assert "F1 or ?" in screen_text(pilot.app)
            pilot.app.screen.query_one(VerticalScroll).scroll_end(animate=False)
            await pilot.pause()
            assert "Nine slots you name" in screen_text(pilot.app)  # the last paragraph
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(pilot.app.screen, PlayScreen)

    drive(make_app(), scenario)


def test_help_lists_the_saving_keys_and_says_runs_are_saved() -> None:
    text = " ".join(help_page_text().split())
    for key, meaning in (
        ("S / L", "save in a slot you name / load a save"),
        ("F5 / F9", "quicksave / quickload"),
        ("C", "continue the newest save (title screen)"),
        ("D or Delete", "delete the highlighted save (asks first)"),
    ):
        assert f"{key} {meaning}" in text
    assert "Your run is saved after every choice" in text


def test_quit_without_progress_exits_at_once(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ConfirmScreen)
        assert pilot.app.return_code == 0

    drive(make_app(), scenario)


def test_quit_mid_story_asks_first_and_no_keeps_playing(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1", "ctrl+q")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayScreen)
        assert pilot.app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.return_code == 0

    drive(make_app(), scenario)


def test_escape_mid_story_asks_first_only_when_the_run_could_not_be_saved(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("game.userdirs.tempfile.mkstemp", refuse)

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        pilot.app.keeper.writer.flush()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TitleScreen)

    drive(make_app(), scenario)


def test_settings_are_applied_and_persisted(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("f2")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, SettingsScreen)
        slow = next(b for b in screen.query(RadioButton) if b.name == "slow")
        slow.value = True
        screen.query_one(Checkbox).value = False
        screen.query_one("#theme").value = "nord"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TitleScreen)
        assert pilot.app.theme == "nord"

    drive(make_app(), scenario)
    saved = load_settings()
    assert (saved.theme, saved.reveal, saved.reduced_motion) == ("nord", "slow", False)


def test_cancelled_settings_put_the_theme_back_and_save_nothing(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("f2")
        await pilot.pause()
        pilot.app.screen.query_one("#theme").value = "dracula"  # type: ignore[attr-defined]
        await pilot.pause()
        assert pilot.app.theme == "dracula"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.theme == "textual-dark"

    drive(make_app(), scenario)
    assert load_settings().theme == "textual-dark"
    from game.tui.settings import settings_path

    assert not settings_path().exists()


def test_command_palette_offers_new_game(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"new game")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(pilot.app.screen, PlayScreen)

    drive(make_app(), scenario)


def test_a_broken_story_lists_its_problems_with_places(make_app: AppFactory, tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text("id: broken\ntitle: Broken\nstart: nowhere\nendings: {end: The end}\n")
    (tmp_path / "scenes.yaml").write_text("- scene: here\n  ending: end\n  text: Hi.\n")

    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ProblemsScreen)
        listing = str(screen.query_one("#diagnostics").render())
        assert f"{tmp_path / 'story.yaml'}:3:8: error SG120" in listing
        assert pilot.app.story is None

    drive(make_app(tmp_path), scenario)


def test_command_palette_has_one_quit_our_own(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert "Quit" not in titles
        assert "Keys" in titles

    drive(make_app(), scenario)


def test_settings_open_even_when_the_saved_theme_no_longer_exists(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SettingsScreen)

    drive(make_app(settings=Settings(theme="no-such-theme")), scenario)
