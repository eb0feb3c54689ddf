"""Writer mode (``play --dev``): the state panel follows each step; jumps land where the checker's
shortest play leaves the run; F8 shows the check's verdict and findings."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot

from game.analysis import explore, replay_to
from game.analysis.explore import key_of
from game.tui.screens.diagnostics import DiagnosticsScreen
from game.tui.screens.play import PlayScreen
from game.tui.widgets.devpanel import DevPanel
from game.tui.writer import WriterApp
from tests.conftest import STORIES
from tests.tui.conftest import SEED, TEST_SETTINGS, TUI_SMALL, drive, screen_text, start_game, wait_for_story
from tests.tui.test_play import transcript_text
from tests.tui.test_writer import NEVER, WIDE, until

MINIMAL = STORIES / "minimal"


def dev_app(directory: Path = TUI_SMALL) -> WriterApp:
    return WriterApp(directory, SEED, TEST_SETTINGS, dev=True)


def panel_text(pilot: Pilot[int]) -> str:
    panel = pilot.app.screen.query_one(DevPanel)
    lines = screen_text(pilot.app).splitlines()[panel.region.y : panel.region.bottom]
    return "\n".join(line[panel.region.x : panel.region.right] for line in lines)


def row(text: str, name: str) -> list[str]:
    """The words after ``name`` on its line of the panel (its value, then its domain or note)."""
    for line in text.splitlines():
        words = line.strip("│ ").split()
        if words and words[0] == name:
            return [w for w in words[1:] if w != "│"]
    raise AssertionError(f"no line for {name!r} in:\n{text}")


def test_the_dev_panel_shows_every_variable_with_its_domain_and_follows_each_step() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        text = panel_text(pilot)
        assert "Writer · F7 jump · F8 check" in text and "airlock" in text
        assert "trust" in text and "0..5" in text and "fine/queasy" in text
        assert row(text, "trust") == ["1", "0..5"]
        assert row(text, "nausea") == ["fine", "fine/queasy"]
        await pilot.press("3")  # Look at the sign again: once-only, back to the airlock
        await pilot.pause()
        text = panel_text(pilot)
        assert "Taken once" in text and "airlock#3" in text
        assert row(text, "airlock")[:1] == ["2"]  # entered twice
        await pilot.press("1")
        await pilot.pause()
        assert row(panel_text(pilot), "trust") == ["2", "0..5"]
        await pilot.press("u")
        await pilot.pause()
        assert row(panel_text(pilot), "trust") == ["1", "0..5"]

    drive(dev_app(), scenario, size=WIDE)


def test_a_jump_lands_in_the_state_the_checkers_shortest_play_leaves() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        await pilot.press("1")  # Hello, Commander: trust 1, back in the hatch
        await pilot.pause()
        before = screen.playthrough.state
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press(*"home")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: screen.playthrough.state.scene == "home")
        run = screen.playthrough
        exploration = explore(run.story, origin=before)
        expected = replay_to(exploration, exploration.first_in_scene["home"])
        assert key_of(run.state) == key_of(expected)
        assert run.state.scene == "home" and run.choices_made == 2
        assert run.path[-1].choice == "hatch#3" and run.path[-1].outcome == 1  # the coin, forced to fall home
        assert "Jumped to 'home' from here: Flip a coin (outcome 2 of 2)." in transcript_text(pilot)
        await pilot.press("u")  # a jump is a choice like another: undo takes it back
        await pilot.pause()
        assert screen.playthrough.state == before

    drive(dev_app(MINIMAL), scenario, size=WIDE)


def test_a_jump_from_the_palette_starts_a_run_there_from_the_title() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Jump to scene corridor")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, PlayScreen))
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        assert screen.playthrough.state.scene == "corridor" and screen.playthrough.choices_made == 1
        assert "Jumped to 'corridor' from the start of the story" in transcript_text(pilot)
        assert "corridor" in panel_text(pilot)

    drive(dev_app(), scenario, size=WIDE)


def test_the_check_shows_the_verdict_and_each_finding_with_its_way_there() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(pilot.app.screen, DiagnosticsScreen))
        assert isinstance(pilot.app.screen, DiagnosticsScreen)
        verdict = str(pilot.app.screen.query_one("#verdict").render())
        assert verdict.startswith("Proven: every scene and ending is reachable and no play gets stuck.")
        assert "(4 scenes, 2 endings, 5 states explored in " in verdict
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayScreen)

    drive(dev_app(), scenario, size=WIDE)


def test_writer_keys_do_nothing_without_dev() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("f8", "f7")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayScreen)
        assert not pilot.app.screen.query(DevPanel)

    drive(WriterApp(TUI_SMALL, SEED, TEST_SETTINGS, watch=True, poll_seconds=NEVER), scenario, size=WIDE)


def test_the_check_lists_each_finding_at_its_place_with_the_play_that_shows_it() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(pilot.app.screen, DiagnosticsScreen))
        screen = pilot.app.screen
        assert str(screen.query_one("#verdict").render()).startswith("Not proven: 1 error.")
        findings = str(screen.query_one("#findings Static").render())
        assert "scenes.yaml:34:3: error SG303: soft-lock" in findings
        assert "shortest way: Pocket the commander's badge > Open the sample freezer > Hurry on" in findings

    drive(dev_app(STORIES / "defect_softlock_flags"), scenario, size=WIDE)


def test_scene_titles_in_the_jump_lists_are_shown_as_written_never_as_markup(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(MINIMAL, folder)
    scenes = folder / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8").replace("title: The hatch", 'title: "Deck [/] 3"')
    text = text.replace("  ending: home\n", '  title: "[@click=app.quit]Quit[/]"\n  place: Pod\n  ending: home\n')
    scenes.write_text(text, encoding="utf-8")

    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Jump to scene")
        await pilot.pause(0.5)
        assert "Deck [/] 3" in screen_text(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause(0.5)
        shown = screen_text(pilot.app)
        assert "Deck [/] 3" in shown and "Node 1" in shown
        assert pilot.app.is_running

    drive(dev_app(folder), scenario, size=WIDE)
