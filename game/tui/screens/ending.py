"""The ending screen: which ending, what it means, and a summary of the run."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from game.engine import Ending, Story
from game.tui.footer import KeyFooter


def summary_text(story: Story, choices_made: int, found: frozenset[str]) -> Text:
    """The run in numbers, then every ending: found ones by title, the rest hidden."""
    known = [e for e in story.endings if e in found]
    text = Text.assemble(
        ("Choices made: ", "bold"),
        str(choices_made),
        "\n",
        ("Endings found: ", "bold"),
        f"{len(known)} of {len(story.endings)}",
        "\n",
    )
    for ending_id, ending in story.endings.items():
        if ending_id in found:
            text.append("\n✦ ")
            text.append(ending.title)
        else:
            text.append("\n· ???", style="dim")
    return text


class EndingScreen(Screen[None]):
    """Shown once a run reaches an ending; offers another run or the title screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new_game", "Play again", id="play_again", tooltip="Start a new run"),
        Binding("t,escape", "app.title", "Title", id="ending_title", tooltip="Back to the title screen"),
    ]

    def __init__(self, story: Story, ending: Ending, choices_made: int, found: frozenset[str]) -> None:
        super().__init__()
        self.story, self.ending = story, ending
        self.choices_made, self.found = choices_made, found

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="ending-page"):
            yield Static(Text("✦  Ending  ✦", style="italic"), id="ending-kicker")
            yield Static(Text(self.ending.title, style="bold"), id="ending-title")
            if self.ending.description:
                yield Static(Text(self.ending.description), id="ending-description")
            with Center():
                yield Static(summary_text(self.story, self.choices_made, self.found), id="ending-summary")
            with Center(), Horizontal(classes="buttons"):
                yield Button("Play again", id="again", variant="primary", compact=True)
                yield Button("Title screen", id="title", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = self.story.title
        # Focus without scrolling to the button: the page opens at its top, on the ending's name.
        self.query_one("#again", Button).focus(scroll_visible=False)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        await self.app.run_action("new_game" if event.button.id == "again" else "title")
