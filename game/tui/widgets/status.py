"""The status sidebar: whatever the story's manifest declares, meters for int ranges, and what
each line means (its ``help:``) on hover and while the panel has the focus."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Static

from game.engine import StatusLine
from game.tui.rendering import status_text


class StatusPanel(Static, can_focus=True):
    """The writer's status lines; on one line when ``compact`` (narrow terminals).

    Hovering a line shows its help as a tooltip; focusing the panel (Tab from the choices)
    shows every line's help under it, for players on the keyboard; on very wide terminals
    the help is always shown.
    """

    DEFAULT_CSS = """
    StatusPanel {
        padding: 1 1 0 1;
        height: auto;
    }
    StatusPanel.-compact {
        padding: 0 1;
    }
    StatusPanel:focus {
        background: $boost;
        text-style: none;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self._lines: tuple[StatusLine, ...] = ()
        self._compact = False
        self._explained = False
        self._focused = False  # set in the focus handlers: ``has_focus`` changes only after them
        self._rows = -1  # the rows the lines took when last drawn, at ``_width`` (-1: not drawn yet)
        self._width = 0

    @property
    def lines(self) -> tuple[StatusLine, ...]:
        """The lines shown now."""
        return self._lines

    def show(self, lines: tuple[StatusLine, ...]) -> None:
        """Show ``lines`` (hidden when the story declares none)."""
        if lines == self._lines and self.display == bool(lines):
            return  # the same lines: no repaint, no re-layout
        self._lines = lines
        self.display = bool(lines)
        self._render_lines()

    def set_compact(self, compact: bool) -> None:
        """Switch between one line per item and everything on one line."""
        if compact != self._compact:
            self._compact = compact
            self.set_class(compact, "-compact")
            self._render_lines()

    def set_explained(self, explained: bool) -> None:
        """Show every line's help under it all the time (when there is room), not only on focus."""
        if explained != self._explained:
            self._explained = explained
            self._render_lines()

    def _render_lines(self) -> None:
        """Draw the lines; lay the screen out again only when they take another number of rows
        (a meter that moves or a label that changes on a choice repaints just this panel)."""
        self.update(status_text(self._lines, self._compact, explained=self._explained or self._focused), layout=False)
        width = self.content_size.width
        self.clear_cached_dimensions()
        rows = self.get_content_height(self.size, self.app.size, width) if width > 0 else -1  # as the layout measures
        if rows != self._rows or width != self._width or rows < 0:
            self.refresh(layout=True)
        self._rows, self._width = rows, width

    def on_focus(self) -> None:
        self._focused = True
        self._render_lines()

    def on_blur(self) -> None:
        self._focused = False
        self._render_lines()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = event.style.meta.get("status")
        line = self._lines[index] if isinstance(index, int) and 0 <= index < len(self._lines) else None
        self.tooltip = f"{line.label}: {line.help}" if line is not None and line.help else None
