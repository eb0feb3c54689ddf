"""A run of the small story: choices by number, by arrows and Enter, by mouse; to an ending."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml
from textual.pilot import Pilot
from textual.widgets import OptionList

from game.loader import load_story
from game.tui.app import StarsGossipApp
from game.tui.screens.ending import EndingScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from game.tui.settings import Settings
from game.tui.widgets.choices import ChoiceList
from game.tui.widgets.portrait import Portrait
from game.tui.widgets.status import StatusPanel
from game.tui.widgets.transcript import Transcript
from tests.conftest import BUNDLED, ROOT, STORIES
from tests.support import write_chaptered_story
from tests.tui.conftest import TEST_SETTINGS, TUI_SMALL, AppFactory, drive, screen_text, start_game, wait_for_story

WIDE = (160, 50)
BENCH = Path(__file__).resolve().parent.parent / "stories" / "tui_bench"


def transcript_text(pilot: Pilot[int]) -> str:
    """The transcript as shown (the tests run wide enough that no line of the story wraps)."""
    region = pilot.app.screen.query_one(Transcript).region
    lines = screen_text(pilot.app).splitlines()[region.y : region.bottom]
    return "\n".join(line[region.x : region.right].strip() for line in lines)


def play_screen(pilot: Pilot[int]) -> PlayScreen:
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    return screen


def test_title_screen_shows_the_story_once_loaded(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        assert isinstance(pilot.app.screen, TitleScreen)
        assert "Orbit Test Flight" in str(pilot.app.screen.query_one("#story-name").render())
        menu = pilot.app.screen.query_one("#menu", OptionList)
        assert menu.get_option("continue").disabled
        assert not menu.get_option("new-game").disabled

    drive(make_app(), scenario, size=WIDE)


def test_new_game_shows_the_first_scene_and_its_choices(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = play_screen(pilot)
        assert screen.title == "The airlock" and screen.sub_title == "Node 1, G.O-10"
        text = transcript_text(pilot)
        assert '"[AUTHORISED CREW ONLY]"' in text
        assert "[laughs]" in text
        assert screen.query_one(ChoiceList).option_count == 3
        assert "Kiko Kim" in str(screen.query_one(Portrait).query_one("#nameplate").render())

    drive(make_app(), scenario, size=WIDE)


def test_number_key_picks_that_choice_and_echoes_the_line(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.pause()
        screen = play_screen(pilot)
        assert screen.playthrough.state.scene == "corridor"
        text = transcript_text(pilot)
        assert "“Commander Kim, it is an honour.”" in text
        assert "Follow me, Doctor." in text
        assert "2/5" in screen.query_one(StatusPanel).shown

    drive(make_app(), scenario, size=WIDE)


def test_number_without_a_choice_is_ignored(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("9")
        await pilot.pause()
        assert play_screen(pilot).playthrough.choices_made == 0

    drive(make_app(), scenario, size=WIDE)


def test_arrows_and_enter_pick_the_highlighted_choice(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = play_screen(pilot)
        assert screen.playthrough.state.scene == "corridor"
        assert "› Float past without a word" in transcript_text(pilot)
        assert "Stay behind me and touch nothing." in transcript_text(pilot)

    drive(make_app(), scenario, size=WIDE)


def test_clicking_a_choice_picks_it(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        # Row 0 is the border; choice 3 is on row 3.
        await pilot.click(ChoiceList, offset=(6, 3))
        await pilot.pause()
        screen = play_screen(pilot)
        assert screen.playthrough.state.scene == "airlock"
        assert "› Look at the sign again" in transcript_text(pilot)
        # Once-only: not offered again.
        assert screen.query_one(ChoiceList).option_count == 2

    drive(make_app(), scenario, size=WIDE)


def test_reaching_an_ending_shows_the_ending_screen_and_remembers_it(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("2", "2")
        await pilot.pause()
        assert play_screen(pilot).playthrough.finished
        await pilot.press("1")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, EndingScreen)
        assert screen.ending.id == "sent_home"
        summary = str(screen.query_one("#ending-summary").render())
        assert "Choices made: 2" in summary and "Endings found: 1 of 2" in summary
        await pilot.press("n")  # play again
        await pilot.pause()
        await pilot.press("1", "1", "1")
        await pilot.pause()
        summary = str(pilot.app.screen.query_one("#ending-summary").render())
        assert "Endings found: 2 of 2" in summary

    drive(make_app(), scenario, size=WIDE)


def test_found_endings_persist_across_app_runs(make_app: AppFactory) -> None:
    async def reach_docked(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1", "1", "1")
        await pilot.pause()

    async def reach_sent_home(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1", "2", "1")
        await pilot.pause()
        assert "Endings found: 2 of 2" in str(pilot.app.screen.query_one("#ending-summary").render())

    drive(make_app(), reach_docked)
    drive(make_app(), reach_sent_home)


def test_ending_screen_goes_back_to_the_title(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1", "1", "1")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TitleScreen)

    drive(make_app(), scenario, size=WIDE)


def test_keyboard_only_and_mouse_only_runs_reach_an_ending(make_app: AppFactory) -> None:
    async def mouse(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.click("#menu", offset=(12, 1))  # the first row: New game
        await pilot.pause()
        for _ in range(3):
            await pilot.click(ChoiceList, offset=(6, 1))
            await pilot.pause()
        assert isinstance(pilot.app.screen, EndingScreen)
        await pilot.click("#title")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TitleScreen)

    async def keyboard(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("enter")  # New game has the focus once the story is loaded
        await pilot.pause()
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EndingScreen)

    drive(make_app(), keyboard)  # first: with no save yet, New game has the focus
    drive(make_app(), mouse)


def test_a_given_start_state_begins_the_first_run_there() -> None:
    from game.engine import choose, start
    from game.loader import load_story
    from game.tui.app import StarsGossipApp
    from tests.tui.conftest import SEED, TEST_SETTINGS, TUI_SMALL

    story = load_story(TUI_SMALL).story
    assert story is not None
    state = choose(story, start(story, SEED), 2)

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        assert play_screen(pilot).playthrough.state.scene == "corridor"

    drive(StarsGossipApp(TUI_SMALL, SEED, TEST_SETTINGS, start=state), scenario, size=WIDE)


def test_first_seed_is_the_one_asked_for_else_the_storys_else_fresh(make_app: AppFactory) -> None:
    story = load_story(TUI_SMALL).story
    assert story is not None
    assert make_app(seed=3).first_seed(story) == 3
    fixed = replace(story, seed=11)
    assert StarsGossipApp(TUI_SMALL, None, TEST_SETTINGS).first_seed(fixed) == 11
    fresh = StarsGossipApp(TUI_SMALL, None, TEST_SETTINGS)
    assert fresh.first_seed(story) == fresh.first_seed(story)  # drawn once, then kept


def test_undo_key_takes_back_the_last_choice(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = play_screen(pilot)
        first = screen.playthrough.scene
        await pilot.press("1")
        assert screen.playthrough.choices_made == 1
        await pilot.press("u")
        await pilot.pause()
        assert screen.playthrough.choices_made == 0
        assert screen.playthrough.scene == first
        assert "You think better of it." in transcript_text(pilot)
        await pilot.press("ctrl+z")  # nothing left to undo: the run stays at its start
        await pilot.pause()
        assert screen.playthrough.choices_made == 0

    drive(make_app(), scenario)


def test_the_bundled_story_plays_to_an_ending_with_keys_and_with_clicks(make_app: AppFactory) -> None:
    """The first-option route through Chapters 1 and 2 (its one other choice is typed, not clicked)."""
    route = yaml.safe_load((ROOT / "tests" / "transcripts" / "all_ones.yaml").read_text(encoding="utf-8"))
    story = load_story(BUNDLED).story
    assert story is not None
    title = story.endings[route["ending"]].title

    async def keys(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        for number in route["inputs"]:
            await pilot.press(str(number))
        await pilot.press("1")  # "See how it ends"
        await pilot.pause()
        assert isinstance(pilot.app.screen, EndingScreen)
        assert title in screen_text(pilot.app)

    async def clicks(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.click("#menu", offset=(12, 1))  # the first row: New game
        await pilot.pause()
        for number in [*route["inputs"], 1]:
            if number == 1:
                await pilot.click(ChoiceList, offset=(8, 1))  # the first choice's first line
            else:
                await pilot.press(str(number))
            await pilot.pause()
        assert isinstance(pilot.app.screen, EndingScreen)

    for scenario in (keys, clicks):
        drive(make_app(BUNDLED, seed=route["seed"]), scenario, size=(120, 40))


def test_a_dead_end_says_the_story_is_stuck(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("2")
        await pilot.pause()
        choices = pilot.app.screen.query_one(ChoiceList)
        assert choices.border_title == "No choice is open here"
        assert "The story is stuck at this point" in screen_text(pilot.app)
        await pilot.press("u")
        await pilot.pause()
        assert choices.border_title == "What do you do?"

    drive(make_app(STORIES / "defect_dead_end"), scenario)


def test_page_up_during_the_reveal_stays_where_the_reader_put_it(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        transcript = pilot.app.screen.query_one(Transcript)
        for _ in range(160):  # until the revealed text overflows the view
            if transcript.max_scroll_y > 3:
                break
            await pilot.pause(0.05)
        assert transcript.revealing_now
        await pilot.press("pageup")
        await pilot.pause(0.3)  # several reveal ticks later
        assert transcript.scroll_y < transcript.max_scroll_y
        await pilot.press("ctrl+end")
        await pilot.pause(0.2)
        assert transcript.scroll_y == transcript.max_scroll_y

    slow = Settings(theme="textual-dark", reveal="fast", reduced_motion=False)
    drive(make_app(BUNDLED, settings=slow), scenario, size=(80, 24))


def test_a_story_fault_is_explained_and_the_player_stays_free_to_choose_or_undo(make_app: AppFactory) -> None:
    """As in line mode: say what failed and where, keep the scene, offer undo."""

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = play_screen(pilot)
        await pilot.press("1")  # send someone home: two aboard become one, then zero
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert screen.playthrough.choices_made == 2
        await pilot.press("1")  # share the food: 12 / 0
        await pilot.pause()
        assert screen.playthrough.choices_made == 2 and screen.playthrough.state.scene == "pantry"
        (notice,) = [n for n in pilot.app._notifications if n.title == "Story fault"]
        assert "scenes.yaml:12:23: '/' divided by zero" in notice.message
        assert "pick another choice or undo the last one" in notice.message
        await pilot.press("u")
        await pilot.pause()
        assert screen.playthrough.choices_made == 1

    drive(make_app(STORIES / "defect_div_zero"), scenario, size=WIDE)


def test_the_first_pick_while_text_appears_shows_the_rest_and_the_next_one_chooses(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = play_screen(pilot)
        transcript = screen.query_one(Transcript)
        assert transcript.revealing_now
        await pilot.press("1")
        await pilot.pause()
        assert not transcript.revealing_now and screen.playthrough.choices_made == 0
        await pilot.press("1")
        await pilot.pause()
        assert screen.playthrough.choices_made == 1

    slow = Settings(theme="textual-dark", reveal="slow", reduced_motion=False)
    drive(make_app(BUNDLED, settings=slow), scenario, size=(80, 24))


def test_a_chapter_heading_shows_when_the_chapter_is_first_entered_only(tmp_path: Path) -> None:
    folder = write_chaptered_story(tmp_path / "story")

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        for key in "111u":  # a -> a2 -> b (chapter 2) -> back to a2 (chapter 1) -> undo to b
            await pilot.press(key)
            await pilot.pause()
        play_screen(pilot).query_one(Transcript).finish_reveal()
        await pilot.pause()
        text = transcript_text(pilot)
        assert text.count("Chapter 1 · Lift-off") == 1 and text.count("Chapter 2 · Day One") == 1

    drive(StarsGossipApp(folder, 7, TEST_SETTINGS), scenario, size=WIDE)


def test_the_header_follows_each_scene_s_title_and_place(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")
        await pilot.pause()
        screen = play_screen(pilot)
        assert (screen.title, screen.sub_title) == ("The long corridor", "Module 3")
        header = screen_text(pilot.app).splitlines()[0]
        assert "The long corridor" in header and "Module 3" in header and "airlock" not in header

    drive(make_app(), scenario, size=WIDE)


def test_the_portrait_follows_the_speaker_from_scene_to_scene(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("1")  # the corridor, where only Eve speaks
        await pilot.pause()
        nameplate = play_screen(pilot).portrait.query_one("#nameplate")
        assert "Eve Kim" in str(nameplate.render())
        await pilot.press("u")  # back to the airlock, where Kiko speaks last
        await pilot.pause()
        assert "Kiko Kim" in str(nameplate.render()) and "Eve" not in str(nameplate.render())

    drive(make_app(), scenario, size=WIDE)


def test_the_choice_list_keeps_its_height_for_up_to_three_choices_and_grows_for_more(tmp_path: Path) -> None:
    story = yaml.safe_load((BENCH / "story.yaml").read_text(encoding="utf-8"))
    (tmp_path / "story.yaml").write_text(yaml.safe_dump(story), encoding="utf-8")

    def doors(count: int, to: str) -> list[dict[str, str]]:
        return [{"choice": f"Door {n}", "go": to} for n in range(1, count + 1)]  # fresh: no YAML aliases

    scenes = [
        {"scene": "ring.a", "title": "One door", "text": ["A door."], "choices": [{"choice": "Onward", "go": "many"}]},
        {"scene": "many", "title": "Five doors", "text": ["Doors."], "choices": doors(5, "few")},
        {"scene": "few", "title": "Three doors", "text": ["Fewer."], "choices": doors(3, "out")},
        {"scene": "out", "ending": "out", "text": "Out."},
    ]
    (tmp_path / "scenes.yaml").write_text(yaml.safe_dump(scenes, allow_unicode=True), encoding="utf-8")

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = play_screen(pilot)
        one = (screen.choices.outer_size.height, screen.transcript.outer_size.height)
        await pilot.press("1")
        await pilot.pause()
        five = (screen.choices.outer_size.height, screen.transcript.outer_size.height)
        await pilot.press("1")
        await pilot.pause()
        three = (screen.choices.outer_size.height, screen.transcript.outer_size.height)
        assert one == three  # one choice or three: the same room, the transcript does not move
        assert five[0] == one[0] + 2 and five[1] == one[1] - 2  # five choices: two rows more
        assert [screen.choices.get_option_at_index(i).prompt.text.plain for i in range(3)] == [
            "Door 1",
            "Door 2",
            "Door 3",
        ]
        assert "3. Door 3" in screen_text(pilot.app)

    drive(StarsGossipApp(tmp_path, 1, TEST_SETTINGS), scenario, size=WIDE)


def test_the_scrollbar_measures_the_whole_history_after_many_choices() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = play_screen(pilot)
        for _ in range(40):
            await pilot.press("1")
            await pilot.pause()
        transcript = screen.transcript
        lines = len(transcript.history_lines())
        assert transcript.virtual_size.height == lines
        assert transcript.vertical_scrollbar.window_virtual_size == lines
        assert transcript.scroll_y == transcript.max_scroll_y  # the newest text in view
        assert "Round again" in screen_text(pilot.app)

    drive(StarsGossipApp(BENCH, 1, TEST_SETTINGS), scenario, size=(100, 30))


VARIED = Path(__file__).resolve().parent.parent / "stories" / "tui_bench_varied"


def test_a_choice_that_changes_the_lists_height_lays_the_screen_out_once_and_draws_the_text_once() -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = play_screen(pilot)
        layouts: list[str] = []
        drawn: list[set[str]] = []  # for each redraw, which of the transcript and the list it paints
        refresh_layout, compositor_refresh = screen._refresh_layout, screen._compositor_refresh

        def spy_layout(*args: object, **kwargs: object) -> None:
            layouts.append("layout")
            refresh_layout(*args, **kwargs)  # type: ignore[arg-type]

        def spy_redraw() -> None:
            names = {type(widget).__name__ for widget in screen._dirty_widgets}
            drawn.append(names & {"Transcript", "ChoiceList"})
            compositor_refresh()

        screen._refresh_layout = spy_layout  # type: ignore[method-assign]
        screen._compositor_refresh = spy_redraw  # type: ignore[method-assign]
        for _ in range(4):  # until the history overflows the transcript: its scrollbar is shown
            await pilot.press("1")
            await pilot.pause()
        assert screen.transcript.show_vertical_scrollbar
        heights = set()
        for _ in range(6):
            layouts.clear()
            drawn.clear()
            await pilot.press("1")
            await pilot.pause()
            heights.add(screen.choices.outer_size.height)
            assert layouts == ["layout"]  # the list's new height, and no second layout after it
            assert drawn[0] == {"Transcript", "ChoiceList"}
            assert not any(drawn[1:])  # what follows repaints neither a second time
            transcript = screen.transcript
            assert transcript.scroll_y == transcript.max_scroll_y  # the newest text stays in view
            count = len(screen.playthrough.scene.choices) if screen.playthrough.scene else 0
            assert screen.choices.option_count == count
            assert f"{count}. " in screen_text(pilot.app)  # the last choice is on screen
            assert not screen.choices.show_vertical_scrollbar  # every choice fits: no scrollbar
            for widget in (transcript, transcript.vertical_scrollbar, screen.choices):
                # What the one redraw painted is what the widget shows now (nothing left stale).
                whole = widget.size.region
                painted = [tuple(strip) for strip in widget.render_lines(whole)]
                widget.refresh()  # drawn afresh below
                assert painted == [tuple(strip) for strip in widget.render_lines(whole)]
            await pilot.pause()  # the repaints asked for here are drawn before the next choice
        assert len(heights) == 2  # the list did change its height

    drive(StarsGossipApp(VARIED, 1, TEST_SETTINGS), scenario, size=(100, 30))


def test_a_list_too_tall_for_its_room_scrolls_and_a_short_one_after_it_does_not(tmp_path: Path) -> None:
    story = yaml.safe_load((BENCH / "story.yaml").read_text(encoding="utf-8"))
    (tmp_path / "story.yaml").write_text(yaml.safe_dump(story), encoding="utf-8")
    many = [{"choice": f"Door {n}", "go": "ring.a"} for n in range(1, 13)]
    scenes = [
        {"scene": "ring.a", "title": "One door", "text": ["A door."], "choices": [{"choice": "Onward", "go": "hub"}]},
        {"scene": "hub", "title": "Twelve doors", "text": ["Doors."], "choices": many},
    ]
    (tmp_path / "scenes.yaml").write_text(yaml.safe_dump(scenes, allow_unicode=True), encoding="utf-8")

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = play_screen(pilot)
        choices = screen.choices
        for _ in range(2):
            await pilot.press("1")  # to the twelve doors
            await pilot.pause()
            assert choices.option_count == 12
            room = choices.scrollable_content_region.height
            assert room < 12 and choices.show_vertical_scrollbar  # 60x18: the list scrolls
            assert choices.vertical_scrollbar.display
            await pilot.press("end")
            await pilot.pause()
            assert "12. Door 12" in screen_text(pilot.app)  # reached by scrolling
            await pilot.press("1")  # back to one door
            await pilot.pause()
            assert choices.option_count == 1
            assert not choices.show_vertical_scrollbar and not choices.vertical_scrollbar.display
            assert "1. Onward" in screen_text(pilot.app)

    drive(StarsGossipApp(tmp_path, 1, TEST_SETTINGS), scenario, size=(60, 18))
