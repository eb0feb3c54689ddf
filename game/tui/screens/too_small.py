"""Shown instead of any layout while the terminal is below the smallest size the game supports."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static


class TooSmallScreen(ModalScreen[None]):
    """Asks the player to enlarge the terminal; the app removes it once there is room."""

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
        background: $background;
    }
    TooSmallScreen > Static {
        width: 100%;
        content-align: center middle;
        text-align: center;
    }
    """

    def __init__(self, min_width: int, min_height: int) -> None:
        super().__init__()
        self.min_width, self.min_height = min_width, min_height

    def compose(self) -> ComposeResult:
        yield Static(id="message")

    def on_resize(self) -> None:
        size = self.app.size
        message = Text.assemble(
            ("Please enlarge the terminal\n", "bold"),
            f"It is {size.width}×{size.height}; the game needs at least {self.min_width}×{self.min_height}.",
        )
        self.query_one("#message", Static).update(message)
