"""The transcript's newest scene can be taken back and shown again as it now reads (a live reload)."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.app import App, ComposeResult

from game.tui.widgets.transcript import LIVE_ENTRIES, Transcript


class TranscriptApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Transcript(id="transcript")


def screen_text(app: App[None]) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def test_the_newest_scene_is_taken_back_whole_even_after_older_entries_were_folded() -> None:
    async def main() -> None:
        app = TranscriptApp()
        async with app.run_test(size=(80, 24)) as pilot:
            transcript = app.query_one(Transcript)
            for n in range(LIVE_ENTRIES):  # enough scenes that the oldest entries are folded away
                transcript.add_heading(Text(f"Scene {n}"))
                transcript.add_scene(Text(f"Text of scene {n}."))
                transcript.add_echo(Text(f"Pick {n}"))
            transcript.add_heading(Text("The newest"))
            transcript.add_scene(Text("Its old text."))
            await pilot.pause()
            assert app.query(".archive")
            entries = len(transcript.children)
            transcript.retract_scene()
            transcript.add_heading(Text("The newest"))
            transcript.add_scene(Text("Its new text."))
            await pilot.pause()
            assert len(transcript.children) == entries
            text = screen_text(app)
            assert "Its new text." in text and "Its old text." not in text
            assert text.count("The newest") == 1 and f"Pick {LIVE_ENTRIES - 1}" in text

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
            assert not transcript.children
            transcript.retract_scene()  # nothing more to take back: nothing happens
            transcript.add_heading(Text("First"))
            transcript.add_scene(Text("New."))
            await pilot.pause()
            assert len(transcript.children) == 2
            lines = screen_text(app).splitlines()
            assert lines[0].strip().startswith("First ─")  # a first heading again: no blank line above it
            assert "New." in screen_text(app) and "Old." not in screen_text(app)

    asyncio.run(main())
