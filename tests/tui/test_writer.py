"""Live reload (``play --watch``) in a temporary copy of the small story: edit a scene and see the
new text; break it and see the problem panel while the game plays on; fix it and the panel goes;
remove the scene being played and be offered a replay, a restart or a jump."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from game.analysis.jump import jumped_run, route_to
from game.tui.screens.play import PlayScreen
from game.tui.screens.reloaded import ReloadedScreen
from game.tui.widgets.problem_panel import ProblemPanel
from game.tui.writer import JumpFound, WriterApp
from tests.support import write_chaptered_story
from tests.tui.conftest import SEED, TEST_SETTINGS, TUI_SMALL, drive, screen_text, start_game
from tests.tui.test_play import transcript_text

WIDE = (160, 50)
NEVER = 3600.0
"""A poll interval the tests never reach: they poll by hand, so every step is deterministic."""


async def until(pilot: Pilot[int], holds: Callable[[], bool]) -> None:
    """Wait (up to 10 s, the machine may be busy) for a worker's result to show."""
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if holds():
            return
        await pilot.pause(0.05)


def copy_of_small_story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(TUI_SMALL, folder)
    return folder


def writer_app(folder: Path, dev: bool = False) -> WriterApp:
    return WriterApp(folder, SEED, TEST_SETTINGS, watch=True, dev=dev, poll_seconds=NEVER)


async def poll(pilot: Pilot[int]) -> None:
    """One look at the folder, as the timer would take it, and whatever it leads to."""
    app = pilot.app
    assert isinstance(app, WriterApp)
    await app.workers.wait_for_complete()
    app.poll_tick()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def edited(pilot: Pilot[int]) -> None:
    """The polls a change takes to count: one sees it, the next finds it settled and reloads."""
    await poll(pilot)
    await poll(pilot)


def edit(folder: Path, old: str, new: str) -> None:
    scenes = folder / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    assert old in text
    scenes.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_scene_shows_its_new_text_in_place_of_the_old(tmp_path: Path) -> None:
    folder = copy_of_small_story(tmp_path)

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.pause()
        assert "The corridor hums." in screen_text(pilot.app)
        edit(folder, "The corridor hums.", "The corridor sings a low, steady note.")
        await edited(pilot)
        text = screen_text(pilot.app)
        assert "The corridor sings a low, steady note." in text
        assert "The corridor hums." not in text
        assert transcript_text(pilot).count("The long corridor") == 1  # the scene replaced, not shown twice
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        assert screen.playthrough.state.scene == "corridor" and screen.playthrough.choices_made == 1

    drive(writer_app(folder), scenario, size=WIDE)


def test_a_broken_edit_shows_its_problems_and_the_next_good_save_recovers(tmp_path: Path) -> None:
    folder = copy_of_small_story(tmp_path)
    scenes = folder / "scenes.yaml"
    whole = scenes.read_text(encoding="utf-8")

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        scenes.write_text(whole[: whole.index("  choices:")] + "  choices:\n    - say: [half", encoding="utf-8")
        await edited(pilot)
        panels = pilot.app.screen.query(ProblemPanel)
        assert len(panels) == 1
        text = screen_text(pilot.app)
        assert "scenes.yaml:" in text and "The edited story does not load" in text
        assert "The inner hatch hisses open." in text  # the game plays on
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayScreen) and pilot.app.screen.playthrough.state.scene == "corridor"
        scenes.write_text(whole.replace("Somewhere a fan", "Somewhere a new fan"), encoding="utf-8")
        await edited(pilot)
        assert not pilot.app.screen.query(ProblemPanel)
        assert "Somewhere a new fan rattles" in screen_text(pilot.app)

    drive(writer_app(folder), scenario, size=WIDE)


def test_a_removed_current_scene_says_why_and_offers_restart_or_jump(tmp_path: Path) -> None:
    folder = copy_of_small_story(tmp_path)

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.pause()
        edit(folder, "scene: corridor", "scene: hallway")
        scenes = folder / "scenes.yaml"
        scenes.write_text(scenes.read_text(encoding="utf-8").replace("go: corridor", "go: hallway"), encoding="utf-8")
        await edited(pilot)
        offer = pilot.app.screen
        assert isinstance(offer, ReloadedScreen)
        assert offer.why.startswith("Scene 'corridor' is no longer in the story. Replaying its 1 choice")
        text = screen_text(pilot.app)
        assert "Restart (r)" in text and "Jump (j)" in text and "Esc keeps playing" in text and "Replay (p)" in text
        await pilot.press("r")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        assert screen.playthrough.state.scene == "airlock" and screen.playthrough.choices_made == 0
        await pilot.press("1")
        await pilot.pause()
        assert screen.playthrough.state.scene == "hallway"

    drive(writer_app(folder), scenario, size=WIDE)


def rename_corridor(folder: Path) -> None:
    scenes = folder / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    scenes.write_text(text.replace("scene: corridor", "scene: hallway").replace("go: corridor", "go: hallway"))


def test_a_stranded_run_can_replay_its_choices_or_keep_the_old_version(tmp_path: Path) -> None:
    folder = copy_of_small_story(tmp_path)

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        old = screen.playthrough
        rename_corridor(folder)
        await edited(pilot)
        await pilot.press("escape")  # keep playing the version loaded before
        await pilot.pause()
        assert pilot.app.screen is screen and screen.playthrough is old
        edit(folder, "Somewhere a fan", "Somewhere a loud fan")
        await edited(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert pilot.app.screen is screen and screen.playthrough.story is pilot.app.story
        assert screen.playthrough.state.scene == "hallway" and screen.playthrough.choices_made == 1
        assert "↻ Replayed on the edited story." in transcript_text(pilot)
        assert "Somewhere a loud fan" in transcript_text(pilot)

    drive(writer_app(folder), scenario, size=WIDE)


def test_the_problem_panel_hides_and_shows_again_and_follows_the_screen(tmp_path: Path) -> None:
    folder = copy_of_small_story(tmp_path)

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        edit(folder, "go: docked", "go: [docked")
        await edited(pilot)
        assert pilot.app.screen.query(ProblemPanel)
        await pilot.click("#problem-close")
        await pilot.pause()
        assert not pilot.app.screen.query(ProblemPanel)
        await pilot.press("f6")
        await pilot.pause()
        assert pilot.app.screen.query(ProblemPanel)
        await pilot.press("f6")
        await pilot.pause()
        assert not pilot.app.screen.query(ProblemPanel)
        edit(folder, "go: [docked", "go: [[docked")  # a new failure shows again
        await edited(pilot)
        assert pilot.app.screen.query(ProblemPanel)
        await pilot.press("escape")  # to the title: the panel goes with the writer
        await pilot.pause()
        await poll(pilot)
        assert pilot.app.screen.query(ProblemPanel) and len(pilot.app.query(ProblemPanel)) <= 1

    drive(writer_app(folder), scenario, size=WIDE)


def test_a_stranded_run_can_jump_to_a_scene_of_the_edited_story(tmp_path: Path) -> None:
    folder = copy_of_small_story(tmp_path)

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.pause()
        edit(folder, "scene: corridor", "scene: hallway")
        scenes = folder / "scenes.yaml"
        scenes.write_text(scenes.read_text(encoding="utf-8").replace("go: corridor", "go: hallway"), encoding="utf-8")
        await edited(pilot)
        await pilot.press("j")
        await pilot.pause()
        await pilot.press(*"hallway")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: "Jumped to" in transcript_text(pilot))
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        assert screen.playthrough.state.scene == "hallway" and screen.playthrough.choices_made == 1
        assert "Jumped to 'hallway' from the start of the story" in transcript_text(pilot)

    drive(writer_app(folder), scenario, size=WIDE)


def test_the_watch_timer_reloads_an_edit_by_itself(tmp_path: Path) -> None:
    folder = copy_of_small_story(tmp_path)
    app = WriterApp(folder, SEED, TEST_SETTINGS, watch=True, poll_seconds=0.05)

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        edit(folder, "The inner hatch hisses open.", "The inner hatch sighs open.")
        for _ in range(200):  # up to 10 s on a loaded machine; a reload takes two polls
            if "The inner hatch sighs open." in screen_text(pilot.app):
                break
            await pilot.pause(0.05)
        assert "The inner hatch sighs open." in transcript_text(pilot)
        assert "The inner hatch hisses open." not in transcript_text(pilot)
        await pilot.app.workers.wait_for_complete()  # the saves listed after the reload, before the end
        await pilot.pause()

    drive(app, scenario, size=WIDE)


def test_a_newer_good_version_withdraws_the_question_and_carries_the_run_on(tmp_path: Path) -> None:
    folder = copy_of_small_story(tmp_path)
    scenes = folder / "scenes.yaml"
    whole = scenes.read_text(encoding="utf-8")

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.pause()
        rename_corridor(folder)
        await edited(pilot)
        assert isinstance(pilot.app.screen, ReloadedScreen)
        scenes.write_text(whole.replace("The corridor hums.", "The corridor hums again."), encoding="utf-8")
        await edited(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen) and screen.playthrough.state.scene == "corridor"
        assert "The corridor hums again." in transcript_text(pilot)

    drive(writer_app(folder), scenario, size=WIDE)


def test_a_new_story_id_says_the_run_belongs_to_the_old_one(tmp_path: Path) -> None:
    folder = copy_of_small_story(tmp_path)
    manifest = folder / "story.yaml"

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        manifest.write_text(manifest.read_text(encoding="utf-8").replace("id: tui-small", "id: tui-bigger"))
        await edited(pilot)
        offer = pilot.app.screen
        assert isinstance(offer, ReloadedScreen) and not offer.can_rebuild
        assert offer.why.startswith("The story's id changed from 'tui-small' to 'tui-bigger'")
        assert "Replay (p)" not in screen_text(pilot.app)

    drive(writer_app(folder), scenario, size=WIDE)


def test_a_reload_that_moves_the_manifests_lines_shows_no_second_chapter_heading(tmp_path: Path) -> None:
    folder = write_chaptered_story(tmp_path / "story")

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        assert transcript_text(pilot).count("Chapter 1 · Lift-off") == 1
        manifest = folder / "story.yaml"
        manifest.write_text("# The chapters, one folder each.\n\n" + manifest.read_text(encoding="utf-8"), "utf-8")
        await edited(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen) and screen.story.chapters[0].pos.line == 9
        assert transcript_text(pilot).count("Chapter 1 · Lift-off") == 1

    drive(writer_app(folder), scenario, size=WIDE)


def test_a_way_found_on_the_story_before_a_reload_never_replaces_the_run(tmp_path: Path) -> None:
    folder = copy_of_small_story(tmp_path)

    async def scenario(pilot: Pilot[int]) -> None:
        app = pilot.app
        assert isinstance(app, WriterApp)
        await start_game(pilot)
        old = app.story
        assert old is not None
        route = route_to(old, "corridor", None, SEED)
        assert not isinstance(route, str)
        found = jumped_run(old, route, None, SEED)
        edit(folder, "The corridor hums.", "The corridor sings.")
        await edited(pilot)
        assert app.story is not old
        app.post_message(JumpFound("corridor", found, route, None))
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        assert screen.playthrough.story is app.story and screen.playthrough.state.scene == "airlock"
        assert any("The story changed" in n.message for n in app._notifications)

    drive(writer_app(folder), scenario, size=WIDE)


def test_a_capped_watch_is_said_once(tmp_path: Path) -> None:
    folder = copy_of_small_story(tmp_path)

    async def scenario(pilot: Pilot[int]) -> None:
        app = pilot.app
        assert isinstance(app, WriterApp) and app.watcher is not None
        app.watcher.limit = 2
        await poll(pilot)
        await poll(pilot)
        notes = [n.message for n in app._notifications if "story files are watched" in n.message]
        assert notes == ["Only the first 2 story files are watched: edits to the others are not seen."]

    drive(writer_app(folder), scenario, size=WIDE)
