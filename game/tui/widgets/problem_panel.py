"""Live reload's problem panel (``play --watch``): what stops the edited story from loading,
each at file:line:col, docked under the game that keeps running on the last version that loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Static

from game.engine.wording import plural
from game.tui.screens.problems import diagnostic_text

if TYPE_CHECKING:
    from game.loader import LoadResult


def summary_text(result: LoadResult) -> Text:
    """One line: how many errors, and that the game plays on as it was."""
    errors = len(result.errors)
    return Text.assemble(
        (f"The edited story does not load: {plural(errors, 'error')}.", "bold red"),
        " Still playing the last version that loaded; save a fix and it reloads. F6 hides this.",
    )


class ProblemPanel(Vertical):
    """The diagnostics of the last reload that failed; ``show`` a newer failure in place."""

    DEFAULT_CSS = """
    ProblemPanel {
        dock: bottom;
        margin-bottom: 1;  /* above the footer, which is docked there too */
        height: auto;
        max-height: 12;
        border-top: hkey $error;
        background: $panel;
        padding: 0 1;
    }
    ProblemPanel > #problem-head {
        height: auto;
    }
    ProblemPanel #problem-summary {
        width: 1fr;
    }
    ProblemPanel #problem-close {
        min-width: 5;
        width: 5;
        height: 1;
        border: none;
        margin-left: 1;
    }
    ProblemPanel > VerticalScroll {
        height: auto;
        max-height: 9;
        scrollbar-size-vertical: 1;
    }
    """

    class Closed(Message):
        """The writer closed the panel (its × button)."""

    def __init__(self, result: LoadResult, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.result = result

    def compose(self) -> ComposeResult:
        with Horizontal(id="problem-head"):
            yield Static(summary_text(self.result), id="problem-summary")
            yield Button("×", id="problem-close", tooltip="Hide these problems (F6 shows them again)")
        with VerticalScroll():
            yield Static(self._listing(self.result), id="problem-list")

    def show(self, result: LoadResult) -> None:
        """List ``result``'s diagnostics instead."""
        self.result = result
        self.query_one("#problem-summary", Static).update(summary_text(result))
        self.query_one("#problem-list", Static).update(self._listing(result))

    @staticmethod
    def _listing(result: LoadResult) -> Text:
        """Errors first (what stops the load), then the warnings, each group in file order."""
        ordered = sorted(result.diagnostics, key=lambda d: d.severity != "error")
        return Text("\n").join(diagnostic_text(d) for d in ordered)

    @on(Button.Pressed, "#problem-close")
    def close(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Closed())
