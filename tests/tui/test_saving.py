"""Saving and loading in the full-screen game: the save and load dialogs, quicksave and quickload,
Continue, deletion, autosave failures, and quitting with nothing lost."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from game.engine.picks import Pick
from game.saves import QUICK, Shelf, encode, status_of
from game.tui.app import StarsGossipApp
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.load import LoadScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.save import SaveScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.slots import SlotList
from game.tui.widgets.status import StatusPanel
from tests.conftest import ROOT
from tests.saves.helpers import EVOLUTION, V1_ROUTE, evolved, run_of, save_of, story_at
from tests.tui.conftest import (
    SEED,
    TEST_SETTINGS,
    TUI_SMALL,
    AppFactory,
    drive,
    screen_text,
    start_game,
    wait_for_story,
)


def shelf_of(story_id: str = "tui-small") -> Shelf:
    return Shelf(Path(os.environ["STARS_GOSSIP_SAVE_DIR"]), story_id)


def keep_slot(slot: str, picks: list[Pick], name: str) -> None:
    """Write a save of the small story after ``picks`` into ``slot``."""
    shelf_of().write_bytes(slot, encode(save_of(run_of(story_at(TUI_SMALL), picks, SEED), name)))


def play_screen(pilot: Pilot[int]) -> PlayScreen:
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen), screen
    return screen


async def settle(pilot: Pilot[int]) -> None:
    """Let the autosaves asked for reach the disk, and the screen catch up."""
    app = pilot.app
    assert isinstance(app, StarsGossipApp)
    if app.keeper.writer is not None:
        app.keeper.writer.flush()
    await pilot.pause()


def flat(pilot: Pilot[int]) -> str:
    """The text of the dialog on top (question, detail, hint), whatever lines it wraps over."""
    shown = [str(w.render()) for w in pilot.app.screen.query("#question, #detail, #save-hint")]
    return " ".join(" ".join(shown).split())


def notices(pilot: Pilot[int]) -> list[str]:
    return [n.message for n in pilot.app._notifications]


def test_the_save_dialog_saves_in_the_slot_picked_under_the_name_typed(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1", "s")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, SaveScreen)
        assert dialog.query_one("#name", Input).value == "The long corridor"  # the scene's title by default
        await pilot.press("down", "enter")  # slot 2
        await pilot.pause()
        assert dialog.query_one("#name", Input).has_focus
        await pilot.press(*"Kitchen", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayScreen)
        assert "Saved in slot 2 as “Kitchen”." in notices(pilot)

    drive(make_app(), scenario)
    entry = shelf_of().read("2")
    assert entry.save is not None and entry.save.name == "Kitchen" and entry.save.state.scene == "corridor"


def test_replacing_a_save_asks_first(make_app: AppFactory) -> None:
    keep_slot("1", [], "Old")

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1", "s")
        await pilot.pause()
        await pilot.press("home", "enter", "enter")  # slot 1, the default name
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "Replace the save in slot 1?" in flat(pilot) and "It holds “Old”, The airlock." in flat(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SaveScreen)
        assert shelf_of().read("1").save.name == "Old"  # type: ignore[union-attr]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayScreen)

    drive(make_app(), scenario)
    assert shelf_of().read("1").save.name == "The long corridor"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("typed", "told"),
    [
        ("../x", "'../x' cannot be a slot name: names may not hold '/' or '\\' or start with '.'."),
        ("auto", "'auto' already names a slot, so a save called that could not be loaded by its name"),
    ],
)
def test_a_name_that_cannot_be_a_slot_name_is_explained_in_the_dialog(
    make_app: AppFactory, typed: str, told: str
) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter", *typed, "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SaveScreen)
        assert told in flat(pilot)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayScreen)

    drive(make_app(), scenario)
    assert not any(p.suffix == ".json" and p.name.startswith("slot") for p in shelf_of().folder.glob("*"))


def test_the_load_dialog_lists_every_slot_and_a_bad_one_says_why_while_the_others_load(make_app: AppFactory) -> None:
    keep_slot("1", [Pick("airlock#2")], "Rude")
    shelf_of().path_of("2").write_bytes(b'{"kind": "stars-gossip save", "fo')
    shelf_of().path_of(QUICK).write_bytes(encode(save_of(run_of(evolved("v1"), V1_ROUTE), "Foreign")))
    damaged = shelf_of().path_of("2").read_bytes()

    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("l")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, LoadScreen)
        slots = dialog.query_one(SlotList)
        assert [e.slot for e in slots.entries] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "quick", *AUTOS]
        assert [s.kind for s in slots.statuses][:3] == ["ok", "corrupt", "empty"]
        assert slots.statuses[9].kind == "unloadable"
        assert slots.highlighted == 0  # the newest save
        assert "Rude" in screen_text(pilot.app) and "Cannot be read" in screen_text(pilot.app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LoadScreen)
        assert any(m.startswith("Cannot be read: the file is not valid JSON") for m in notices(pilot))
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Slot 3 is empty." in notices(pilot)
        await pilot.press("up", "up", "enter")
        await pilot.pause()
        screen = play_screen(pilot)
        assert screen.playthrough.state.scene == "corridor" and screen.playthrough.choices_made == 1
        assert "Loaded slot 1: “Rude”" in screen_text(pilot.app)
        await pilot.press("u")  # undo reaches back before the save
        await pilot.pause()
        assert screen.playthrough.state.scene == "airlock"

    drive(make_app(), scenario)
    assert shelf_of().path_of("2").read_bytes() == damaged


AUTOS = ["auto-1", "auto-2", "auto-3"]


def test_deleting_a_save_asks_first(make_app: AppFactory) -> None:
    keep_slot("3", [], "Doomed")

    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "Delete the save in slot 3?" in screen_text(pilot.app)
        await pilot.press("n")
        await pilot.pause()
        assert shelf_of().read("3").save is not None
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LoadScreen)
        assert "Deleted slot 3." in notices(pilot)
        assert pilot.app.screen.query_one(SlotList).statuses[2].kind == "empty"

    drive(make_app(), scenario)
    assert shelf_of().read("3").empty


def test_quicksave_and_quickload_take_the_run_back_to_the_saved_scene(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1", "f5")
        await pilot.pause()
        assert "Saved in the quicksave." in notices(pilot)
        await pilot.press("1")
        await pilot.pause()
        assert play_screen(pilot).playthrough.finished
        await pilot.press("f9")
        await pilot.pause()
        screen = play_screen(pilot)
        assert screen.playthrough.state.scene == "corridor" and not screen.playthrough.finished
        assert "Loaded the quicksave: “The long corridor”" in screen_text(pilot.app)

    drive(make_app(), scenario)


def test_quit_then_continue_lands_on_the_same_scene_with_the_same_sidebar(make_app: AppFactory) -> None:
    before: dict[str, object] = {}

    async def first(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("3", "2")  # look at the sign again, then float past: trust 0
        await settle(pilot)
        screen = play_screen(pilot)
        before.update(
            scene=screen.playthrough.state,
            title=screen.title,
            sidebar=screen.query_one(StatusPanel).shown,
        )
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "Your run is saved: Continue on the title screen brings you back here." in flat(pilot)
        await pilot.press("y")
        await pilot.pause()

    async def second(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        title = pilot.app.screen
        assert isinstance(title, TitleScreen)
        menu = title.query_one("#menu", OptionList)
        assert not menu.get_option("continue").disabled and not menu.get_option("load").disabled
        assert menu.highlighted == menu.get_option_index("continue")
        assert "Continue at The long corridor" in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        screen = play_screen(pilot)
        assert screen.playthrough.state == before["scene"]
        assert screen.title == before["title"]
        assert screen.query_one(StatusPanel).shown == before["sidebar"]
        await pilot.press("u")  # undo survives the save: back to the airlock with the sign seen
        await pilot.pause()
        assert screen.playthrough.state.scene == "airlock" and screen.playthrough.state.taken == {"airlock#3"}

    drive(make_app(), first)
    drive(make_app(), second)


def test_continue_from_the_command_line_opens_the_newest_save(make_app: AppFactory) -> None:
    keep_slot("4", [Pick("airlock#1")], "Polite")

    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.pause()
        assert play_screen(pilot).playthrough.state.scene == "corridor"

    drive(StarsGossipApp(TUI_SMALL, SEED, TEST_SETTINGS, resume="newest"), scenario)


def test_leaving_a_saved_run_for_the_title_needs_no_question(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TitleScreen)
        await settle(pilot)
        menu = pilot.app.screen.query_one("#menu", OptionList)
        assert not menu.get_option("continue").disabled

    drive(make_app(), scenario)


def test_a_read_only_save_folder_is_told_once_and_leaving_then_asks_first(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EROFS, "Read-only file system")

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        monkeypatch.setattr("game.userdirs.tempfile.mkstemp", refuse)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("u", "1")
        await settle(pilot)
        failed = [m for m in notices(pilot) if "is read-only" in m]
        assert len(failed) == 1 and str(shelf_of().folder) in failed[0] and "--save-dir" in failed[0]
        await pilot.press("f5")
        await pilot.pause()
        assert sum("is read-only" in m for m in notices(pilot)) == 2  # the quicksave says so too
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "This run could not be saved, so leaving it loses it." in flat(pilot)
        await pilot.press("n")
        monkeypatch.undo()
        await pilot.press("u", "1")
        await settle(pilot)
        assert "Autosaving works again." in notices(pilot)

    drive(make_app(), scenario)


def test_a_save_from_an_older_version_that_must_be_rebuilt_is_offered_first(make_app: AppFactory) -> None:
    Shelf(Path(os.environ["STARS_GOSSIP_SAVE_DIR"]), "evolve").write_bytes(
        "2", encode(save_of(run_of(evolved("v1"), V1_ROUTE), "In the lab"))
    )

    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("l")
        await pilot.pause()
        statuses = pilot.app.screen.query_one(SlotList).statuses
        assert statuses[1].kind == "rebuilt"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        text = flat(pilot)
        assert "Slot 2 is from an older version of the story. Load it rebuilt?" in text
        await pilot.press("y")
        await pilot.pause()
        assert play_screen(pilot).playthrough.state.scene == "hall"

    drive(make_app(EVOLUTION / "removed_choice"), scenario)


def test_a_save_adapted_to_an_edited_story_says_what_changed(make_app: AppFactory) -> None:
    Shelf(Path(os.environ["STARS_GOSSIP_SAVE_DIR"]), "evolve").write_bytes(
        "quick", encode(save_of(run_of(evolved("v1"), V1_ROUTE), "In the lab"))
    )

    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("f9")
        await pilot.pause()
        assert play_screen(pilot).playthrough.state.scene == "lab"
        assert (
            "New variable 'rapport' starts at 0; variable 'trust' is no longer in the story: its value 4 is dropped."
            in notices(pilot)
        )

    drive(make_app(EVOLUTION / "renamed_variable"), scenario)


def test_every_slot_status_shown_is_the_one_the_saves_compute(make_app: AppFactory) -> None:
    keep_slot("5", [], "Start")

    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("l")
        await pilot.pause()
        slots = pilot.app.screen.query_one(SlotList)
        story = pilot.app.story  # type: ignore[attr-defined]
        assert [s.text for s in slots.statuses] == [status_of(e, story).text for e in slots.entries]

    drive(make_app(), scenario)


def test_the_command_palette_saves_and_continues(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"quicksave")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert "Saved in the quicksave." in notices(pilot)
        await pilot.press("escape")  # the run is saved: straight back to the title
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"continue")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert play_screen(pilot).playthrough.state.scene == "corridor"

    drive(make_app(), scenario)


def test_load_from_the_command_line_finds_a_save_by_name_or_says_why_not(make_app: AppFactory) -> None:
    keep_slot("6", [Pick("airlock#2")], "Rude")

    async def by_name(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.pause()
        assert play_screen(pilot).playthrough.choices_made == 1

    async def unknown(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.pause()
        assert isinstance(pilot.app.screen, TitleScreen)
        assert any(m.startswith("Cannot load '../x': '../x' cannot be a slot name") for m in notices(pilot))

    drive(StarsGossipApp(TUI_SMALL, SEED, TEST_SETTINGS, resume="rude"), by_name)
    drive(StarsGossipApp(TUI_SMALL, SEED, TEST_SETTINGS, resume="../x"), unknown)


def test_the_title_screen_starts_without_the_saves_code() -> None:
    """The saves are read after the first frame, in the story's loading worker: importing the app
    (all the title screen needs) loads none of them."""
    code = "import sys, game.tui.app; print(sorted(m for m in sys.modules if m.startswith('game.saves')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"


def test_continue_after_an_ending_goes_back_to_before_it_and_says_so(make_app: AppFactory) -> None:
    async def to_the_end(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("2", "1", "1")  # float past, lead the way, see the ending
        await pilot.pause()
        assert not isinstance(pilot.app.screen, PlayScreen)  # the ending is shown

    async def next_time(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        story = pilot.app.story
        assert story is not None
        ending = story.endings["docked"].title
        assert f"Continue at The long corridor, before “{ending}”" in screen_text(pilot.app)
        await pilot.press("enter")  # Continue is highlighted
        await pilot.pause()
        screen = play_screen(pilot)
        assert screen.playthrough.scene is not None and screen.playthrough.scene.ending is None
        assert screen.title.startswith("The long corridor")

    drive(make_app(), to_the_end)
    drive(make_app(), next_time)


def test_a_short_title_screen_says_where_continue_goes_in_place_of_the_description(make_app: AppFactory) -> None:
    async def first_visit(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        story = pilot.app.story
        assert story is not None and story.description
        shown = " ".join(screen_text(pilot.app).split())
        assert story.description in shown and "Continue at" not in shown  # a new player: the pitch
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("1")  # a choice: the run is autosaved
        await pilot.pause()

    async def next_visit(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        story = pilot.app.story
        assert story is not None
        shown = " ".join(screen_text(pilot.app).split())
        assert "Continue at The long corridor" in shown  # a returning player: where Continue goes
        assert story.description not in shown

    drive(make_app(), first_visit, size=(80, 24))
    drive(make_app(), next_visit, size=(80, 24))
