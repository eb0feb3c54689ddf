"""The story's problems, each at file:line:col, when it cannot be played; R reloads after a fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.engine import Diagnostic

if TYPE_CHECKING:
    from game.loader import LoadResult
    from game.tui.gameapp import GameApp

SEVERITY_STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def diagnostic_text(diagnostic: Diagnostic) -> Text:
    """``file:line:col: severity CODE: message``, the place first so it can be copied."""
    return Text.assemble(
        (f"{diagnostic.file}:{diagnostic.line}:{diagnostic.col}", "bold"),
        ": ",
        (f"{diagnostic.severity} {diagnostic.code}", SEVERITY_STYLES.get(diagnostic.severity, "bold")),
        f": {diagnostic.message}",
    )


class ProblemsScreen(Screen[None]):
    """Lists every problem the loader found; nothing here needs the story to load."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", "Reload", id="reload", tooltip="Read the story again after fixing it"),
        Binding("q,escape", "app.quit", "Quit", id="problems_quit", tooltip="Leave the game"),
    ]

    if TYPE_CHECKING:
        app: GameApp

    def __init__(self, result: LoadResult) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problems"):
            yield Static(id="summary")
            yield Static(id="diagnostics")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "The story cannot be played yet"
        self.show(self.result)

    def show(self, result: LoadResult) -> None:
        """List ``result``'s diagnostics, errors counted in the summary."""
        errors = len(result.errors)
        summary = Text.assemble(
            (f"{result.directory}", "bold"),
            f" has {errors} error{'s' if errors != 1 else ''}. Fix them in the files below, then press R.",
        )
        self.query_one("#summary", Static).update(summary)
        listing = Text("\n").join(diagnostic_text(d) for d in result.diagnostics)
        self.query_one("#diagnostics", Static).update(listing)

    def action_reload(self) -> None:
        """Read the story again; the app shows the result (this list again, or the title)."""
        self.app.load_story()
