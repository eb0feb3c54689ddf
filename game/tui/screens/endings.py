"""The endings gallery: every ending of the story, found ones with the day they were found,
the rest as "???" with the writer's hint; a reward line once all are found."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.engine import Story
from game.saves.records import StoryRecords
from game.tui.rendering import marked

FOUND_MARK, UNFOUND_MARK = "✦", "?"
REWARD = "Every ending found. The station will be gossiping about you for years."


def found_on(moment: datetime | None) -> str:
    """When an ending was first found, as a reader says a date (in the player's time zone)."""
    if moment is None:
        return "Found in an earlier version of the game."
    local = moment.astimezone()
    return f"Found {local.day} {local:%B %Y}."


def gallery(story: Story, records: StoryRecords) -> RenderableType:
    """The gallery's text: a count, then each ending in the manifest's order."""
    found = [e for e in story.endings if e in records.endings]
    total = len(story.endings)
    parts: list[RenderableType] = [Text.assemble(("Endings found: ", "bold"), f"{len(found)} of {total}")]
    if total and len(found) == total:
        parts.append(Text(""))
        parts.append(marked(FOUND_MARK, Text(REWARD, style="bold italic")))
    for ending_id, ending in story.endings.items():
        parts.append(Text(""))
        if ending_id in records.endings:
            body = Text.assemble((ending.title, "bold"))
            if ending.description:
                body.append("\n" + ending.description)
            body.append("\n" + found_on(records.endings[ending_id]), style="italic")
            parts.append(marked(FOUND_MARK, body))
        else:
            body = Text.assemble(("???", "bold"))
            body.append("\n" + (f"Hint: {ending.hint}" if ending.hint else "Not found yet."), style="italic")
            parts.append(marked(UNFOUND_MARK, body))
    return Group(*parts)


class EndingsScreen(Screen[None]):
    """The gallery, over the title screen; Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,e,q", "app.pop_screen", "Back", id="endings_back", tooltip="Back to the title screen"),
    ]

    def __init__(self, story: Story, records: StoryRecords) -> None:
        super().__init__()
        self.story, self.records = story, records

    def compose(self) -> ComposeResult:
        yield Header(icon="✦")
        with VerticalScroll(id="endings-page"):
            yield Static(gallery(self.story, self.records), id="endings")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Endings"
        self.sub_title = self.story.title
        self.query_one("#endings-page").focus()
