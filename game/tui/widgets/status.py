"""The status sidebar: whatever the story's manifest declares, meters for int ranges."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.engine import StatusLine
from game.tui.rendering import status_text


class StatusPanel(Static):
    """The writer's status lines; on one line when ``compact`` (narrow terminals)."""

    DEFAULT_CSS = """
    StatusPanel {
        padding: 1 1 0 1;
        height: auto;
    }
    StatusPanel.-compact {
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self._lines: tuple[StatusLine, ...] = ()
        self._compact = False

    def show(self, lines: tuple[StatusLine, ...]) -> None:
        """Show ``lines`` (hidden when the story declares none)."""
        self._lines = lines
        self.display = bool(lines)
        self.update(status_text(lines, self._compact))

    def set_compact(self, compact: bool) -> None:
        """Switch between one line per item and everything on one line."""
        if compact != self._compact:
            self._compact = compact
            self.set_class(compact, "-compact")
            self.update(status_text(self._lines, compact))
