"""The transcript: the whole history shown and scrolled as one text, drawn again on every resize."""

from __future__ import annotations

import asyncio
from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from game.engine import SceneView
from game.tui.rendering import echo_text, heading_text, scene_text
from game.tui.screens.play import PlayScreen
from game.tui.widgets.transcript import Heading, Transcript, echo, paragraph
from tests.conftest import BUNDLED
from tests.tui.conftest import AppFactory, drive, screen_text, start_game

BENCH = Path(__file__).resolve().parent.parent / "stories" / "tui_bench"


def shown_lines(pilot: Pilot[int]) -> list[str]:
    """The transcript's lines as on the screen now, trailing spaces removed."""
    transcript = pilot.app.screen.query_one(Transcript)
    region = transcript.scrollable_content_region
    lines = screen_text(pilot.app).splitlines()[region.y : region.bottom]
    return [line[region.x : region.right].rstrip() for line in lines]


def history_text(transcript: Transcript) -> list[str]:
    return [strip.text.rstrip() for strip in transcript.history_lines()]


class Recorder:
    """The history of a run rebuilt from the engine's views and the picks made: what the
    transcript must show, drawn in one piece with Rich as a single unfolded text."""

    def __init__(self, screen: PlayScreen) -> None:
        self.screen = screen
        self.entries: list[RenderableType] = []
        self.enter(self.current())

    def current(self) -> SceneView:
        scene = self.screen.playthrough.scene
        assert scene is not None
        return scene

    def enter(self, scene: SceneView) -> None:
        self.entries.append(Heading(heading_text(scene), first=not self.entries))
        self.entries.append(paragraph(scene_text(scene)))

    async def pick(self, pilot: Pilot[int], number: int) -> None:
        picked = self.current().choices[number - 1]
        await pilot.press(str(number))
        await pilot.pause()
        self.entries.append(echo(echo_text(picked, self.screen.player)))
        self.enter(self.current())

    def lines(self, width: int) -> list[str]:
        console = Console(width=width, color_system=None, force_terminal=False, legacy_windows=False)
        rendered = console.render_lines(Group(*self.entries), console.options, pad=False)
        return ["".join(segment.text for segment in line).rstrip() for line in rendered]


def test_headings_cut_in_a_narrow_terminal_are_whole_again_when_it_widens(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        for _ in range(3):
            await pilot.press("1")
            await pilot.pause()
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        transcript = pilot.app.screen.query_one(Transcript)
        transcript.scroll_home(animate=False)
        await pilot.pause()
        shown = "\n".join(shown_lines(pilot))
        assert "Four in the Morning · Baikonur Cosmodrome, crew quarters ──" in shown
        assert "…" not in shown

    drive(make_app(BUNDLED), scenario, size=(60, 18))


def test_the_whole_history_is_the_unfolded_text_at_every_width(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        recorder = Recorder(screen)
        for _ in range(60):
            await recorder.pick(pilot, 1)
        transcript = screen.query_one(Transcript)
        for size in ((100, 30), (60, 18), (160, 50), (83, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            width = transcript.scrollable_content_region.width
            expected = recorder.lines(width)
            assert history_text(transcript) == expected
            assert transcript.virtual_size.height == len(expected)
            assert shown_lines(pilot)[-1] == expected[-1]  # still showing the newest text

    drive(make_app(BENCH), scenario, size=(100, 30))


def test_scrolling_shows_every_part_of_the_history_in_order(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        recorder = Recorder(screen)
        for _ in range(30):
            await recorder.pick(pilot, 1)
        transcript = screen.query_one(Transcript)
        expected = recorder.lines(transcript.scrollable_content_region.width)
        height = transcript.scrollable_content_region.height
        transcript.scroll_home(animate=False)
        await pilot.pause()
        seen: list[str] = []
        while True:
            top = round(transcript.scroll_y)
            shown = shown_lines(pilot)
            assert shown == (expected[top : top + height] + [""] * height)[:height]
            seen[top:] = shown
            if top >= transcript.max_scroll_y:
                break
            await pilot.press("pagedown")
            await pilot.pause()
        assert seen[: len(expected)] == expected

    drive(make_app(BENCH), scenario, size=(100, 30))


class TranscriptOnly(App[None]):
    """The transcript alone, for what it does without the play screen around it."""

    def compose(self) -> ComposeResult:
        yield Transcript()


def test_a_reader_scrolled_back_keeps_their_place_when_the_text_re_flows() -> None:
    async def main() -> None:
        app = TranscriptOnly()
        async with app.run_test(size=(60, 20)) as pilot:
            transcript = app.query_one(Transcript)
            for n in range(40):
                transcript.add_heading(Text(f"Scene {n}"))
                transcript.add_scene(Text(f"Paragraph {n}: " + "word " * 15))
            await pilot.pause()
            lines = history_text(transcript)
            assert any(line.startswith("word") for line in lines)  # the paragraphs wrap at this width
            heading = next(number for number, line in enumerate(lines) if line.startswith("Scene 20 "))
            transcript.scroll_to(y=heading, animate=False)
            await pilot.pause()
            assert transcript.render_line(0).text.startswith("Scene 20 ─")
            await pilot.resize_terminal(140, 20)
            await pilot.pause()
            assert not any(line.startswith("word") for line in history_text(transcript))  # and no longer here
            assert transcript.scroll_y < transcript.max_scroll_y
            assert transcript.render_line(0).text.startswith("Scene 20 ─")

    asyncio.run(main())


def test_a_new_choice_brings_a_reader_who_scrolled_back_to_the_newest_text(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        for _ in range(10):
            await pilot.press("1")
        await pilot.pause()
        transcript = pilot.app.screen.query_one(Transcript)
        transcript.scroll_home(animate=False)
        await pilot.pause()
        assert transcript.scroll_y == 0
        await pilot.press("1")
        await pilot.pause()
        assert transcript.scroll_y == transcript.max_scroll_y > 0

    drive(make_app(BENCH), scenario, size=(100, 30))


def test_back_to_the_newest_text_right_after_paging_up_stays_there(make_app: AppFactory) -> None:
    """Page Up twice and at once Ctrl+End, before the screen has drawn: every scroll happens in
    the order the keys came, so the reader ends at the newest text (no page scroll left to run
    after the jump and take them back up)."""

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        for _ in range(10):
            await pilot.press("1")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        transcript = screen.query_one(Transcript)
        newest = transcript.max_scroll_y
        screen.action_scroll_story(-1)
        screen.action_scroll_story(-1)
        assert transcript.scroll_y < newest  # paged up at once, as the keys come
        screen.action_follow_story()
        await pilot.pause()
        await pilot.pause()
        assert transcript.scroll_y == transcript.max_scroll_y == newest
        screen.action_scroll_story(-1)
        screen.action_scroll_story(1)
        await pilot.pause()
        assert transcript.scroll_y == newest

    drive(make_app(BENCH), scenario, size=(100, 30))


def test_text_revealed_while_the_terminal_is_resized_ends_whole(make_app: AppFactory) -> None:
    from game.tui.settings import Settings

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        transcript = pilot.app.screen.query_one(Transcript)
        assert transcript.revealing_now
        await pilot.resize_terminal(70, 20)
        await pilot.pause(0.1)
        await pilot.resize_terminal(120, 40)
        await pilot.press("space")
        await pilot.pause()
        assert not transcript.revealing_now
        scene = pilot.app.screen.playthrough.scene  # type: ignore[attr-defined]
        last_words = Text(scene.blocks[-1].text).plain.split()[-1]
        assert last_words in history_text(transcript)[-1]
        assert shown_lines(pilot)[-1] == history_text(transcript)[-1]

    slow = Settings(theme="textual-dark", reveal="slow", reduced_motion=False)
    drive(make_app(BUNDLED, settings=slow), scenario, size=(100, 30))


class TranscriptApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Transcript(id="transcript")


def test_the_newest_scene_is_taken_back_whole_and_shown_again_as_it_now_reads() -> None:
    """A live reload takes the current scene back, heading and all, and adds it as it now reads."""

    async def main() -> None:
        app = TranscriptApp()
        async with app.run_test(size=(80, 24)) as pilot:
            transcript = app.query_one(Transcript)
            for n in range(30):
                transcript.add_heading(Text(f"Scene {n}"))
                transcript.add_scene(Text(f"Text of scene {n}."))
                transcript.add_echo(Text(f"Pick {n}"))
            transcript.add_heading(Text("The newest"))
            transcript.add_scene(Text("Its old text."))
            await pilot.pause()
            before = history_text(transcript)
            transcript.retract_scene()
            transcript.add_heading(Text("The newest"))
            transcript.add_scene(Text("Its new text."))
            await pilot.pause()
            after = history_text(transcript)
            assert after == [line.replace("Its old text.", "Its new text.") for line in before]
            assert "Its new text." in screen_text(app) and "Pick 29" in screen_text(app)

    asyncio.run(main())


def test_taking_back_the_only_scene_leaves_an_empty_transcript_that_starts_afresh() -> None:
    async def main() -> None:
        app = TranscriptApp()
        async with app.run_test(size=(80, 24)) as pilot:
            transcript = app.query_one(Transcript)
            transcript.add_heading(Text("First"))
            transcript.add_scene(Text("Old."))
            await pilot.pause()
            transcript.retract_scene()
            await pilot.pause()
            assert history_text(transcript) == []
            transcript.retract_scene()  # nothing more to take back: nothing happens
            transcript.add_heading(Text("First"))
            transcript.add_scene(Text("New."))
            await pilot.pause()
            lines = history_text(transcript)
            assert lines[0].startswith("First ─")  # a first heading again: no blank line above it
            assert "New." in "\n".join(lines) and "Old." not in "\n".join(lines)

    asyncio.run(main())
