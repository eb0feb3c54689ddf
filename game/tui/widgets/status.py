"""The status sidebar: whatever the story's manifest declares, meters for int ranges, and what
each line means (its ``help:``) on hover, and line by line while the panel has the focus."""

from __future__ import annotations

import io
from typing import ClassVar

from rich.console import Console
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar
from textual.widgets import Static

from game.engine import StatusLine
from game.tui.rendering import StatusRows, status_text
from game.tui.widgets.steady import steady_vertical_scrollbar


class StatusLines(Static):
    """The lines, drawn as one text. Pointing at a line shows its help as a tooltip; clicking
    one moves the panel's cursor there (and the focus to the panel), to read it in full."""

    _pressed: int | None = None
    """The line under the mouse when its button went down."""

    def _index(self, event: events.MouseEvent) -> int | None:
        """The line under the mouse (a click carries no style of its own: it is read off the screen)."""
        style = event.style if event.style.meta else self.screen.get_style_at(event.screen_x, event.screen_y)
        index = style.meta.get("status")
        return index if isinstance(index, int) else None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        panel = self.parent
        index = self._index(event)
        line = panel.lines[index] if isinstance(panel, StatusPanel) and index is not None else None
        self.tooltip = f"{line.label}: {line.help}" if line is not None and line.help else None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Resized by a layout that has placed it already: no second layout for its "virtual size".
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        # Read before the focus this press gives the panel opens a line's help, moving the lines.
        self._pressed = self._index(event)

    def on_click(self, event: events.Click) -> None:
        panel = self.parent
        index = self._pressed
        if isinstance(panel, StatusPanel) and index is not None:
            panel.cursor = index
            panel.focus()


class StatusPanel(VerticalScroll, can_focus=True):
    """The writer's status lines; side by side, one row each item, when ``compact`` (the strip
    along the top of narrow terminals).

    The panel scrolls when its lines do not fit (its scrollbar shows it). Focusing it (Tab from
    the choices) puts a cursor on one line, with its help under it: Up and Down, Home and End
    move it, the panel scrolling to keep it in view; Escape goes back to the choices. On very
    wide terminals every line's help is shown all the time.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Read", key_display="↑↓", id="status_read", tooltip="The line above or below"),
        Binding("down", "move(1)", "Read", show=False, id="status_down"),
        Binding("home", "move_to(0)", "First line", show=False, id="status_first"),
        Binding("end", "move_to(-1)", "Last line", show=False, id="status_last"),
        Binding("escape", "leave", "Back", id="status_back", tooltip="Back to the choices (Tab too)"),
        # The play screen's keys work here as well; these keep three of them out of the footer,
        # so that the keys for reading the lines fit in 80 columns with the choosing ones.
        Binding("u,ctrl+z", "screen.undo", "Undo", show=False, id="status_undo"),
        Binding("s", "screen.save", "Save", show=False, id="status_save"),
        Binding("m", "screen.station_map", "Map", show=False, id="status_map"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"status-panel--cursor"}

    DEFAULT_CSS = """
    StatusPanel {
        padding: 1 1 0 1;
        height: auto;
        scrollbar-size-vertical: 1;
    }
    StatusPanel.-compact {
        padding: 0 1;
    }
    StatusPanel:focus {
        background: $boost;
    }
    StatusPanel > StatusLines {
        width: 1fr;
        height: auto;
    }
    StatusPanel > .status-panel--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: tuple[StatusLine, ...] = ()
        self._compact = False
        self._explained = False
        self._focused = False  # set in the focus handlers: ``has_focus`` changes only after them
        self._cursor = 0
        self._rows = -1  # the rows the lines took when last drawn, at ``_width`` (-1: not drawn yet)
        self._width = 0
        self.text = StatusLines(Text(""))

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's vertical scrollbar, as a ``SteadyScrollBar``."""
        return steady_vertical_scrollbar(self)

    def compose(self) -> ComposeResult:
        yield self.text

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # The layout that resized the panel placed its lines in it too: a change of its "virtual
        # size" (the lines' height) asks for no second layout of the screen.
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    @property
    def lines(self) -> tuple[StatusLine, ...]:
        """The lines shown now."""
        return self._lines

    @property
    def cursor(self) -> int:
        """The line read while the panel has the focus."""
        return self._cursor

    @cursor.setter
    def cursor(self, index: int) -> None:
        index = max(0, min(index, len(self._lines) - 1))
        if index != self._cursor:
            self._cursor = index
            self._render_lines()
        self._keep_cursor_in_view()

    @property
    def shown(self) -> str:
        """The panel's text, plain (all of it, scrolled into view or not)."""
        content = self.text.content
        if isinstance(content, Text):
            return content.plain
        console = Console(width=max(20, self.text.content_size.width), file=io.StringIO(), record=True)
        console.print(content)
        return console.export_text()

    def show(self, lines: tuple[StatusLine, ...]) -> None:
        """Show ``lines`` (hidden when the story declares none); the cursor stays on its line."""
        if lines == self._lines and self.display == bool(lines):
            return  # the same lines: no repaint, no re-layout
        if self._lines and lines:
            label = self._lines[min(self._cursor, len(self._lines) - 1)].label
            labels = [line.label for line in lines]
            self._cursor = labels.index(label) if label in labels else min(self._cursor, len(lines) - 1)
        else:
            self._cursor = 0
        self._lines = lines
        self.display = bool(lines)
        self._render_lines()
        if self._focused:  # a choice made while reading: the line read stays in view
            self._keep_cursor_in_view()

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
        text = self.text
        cursor = self._cursor if self._focused and self._lines else None
        highlight = self.get_component_rich_style("status-panel--cursor", partial=True)
        renderable = status_text(self._lines, self._compact, self._explained, cursor, highlight)
        text.update(renderable, layout=False)
        width = text.content_size.width
        text.clear_cached_dimensions()
        rows = text.get_content_height(text.size, self.app.size, width) if width > 0 else -1  # as the layout measures
        if rows != self._rows or width != self._width or rows < 0:
            text.refresh(layout=True)
        self._rows, self._width = rows, width

    def _keep_cursor_in_view(self) -> None:
        """Scroll the cursor's line, and its help, into view (once the lines are laid out)."""
        self.call_after_refresh(self._scroll_to_cursor)

    def _scroll_to_cursor(self) -> None:
        rows = self.text.content
        width = self.text.content_size.width
        if not isinstance(rows, StatusRows) or width <= 0:
            return
        top, height = rows.extent(self.app.console, width, self._cursor)
        self.scroll_to_region(Region(0, top, width, height), animate=False, force=True, immediate=True)

    def action_move(self, step: int) -> None:
        self.cursor = self._cursor + step

    def action_move_to(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self._lines) - 1

    def action_leave(self) -> None:
        """Back to the choices, which had the focus before (Tab from there leads here)."""
        self.screen.focus_previous()

    def on_focus(self) -> None:
        self._focused = True
        self._render_lines()
        self._keep_cursor_in_view()

    def on_blur(self) -> None:
        self._focused = False
        self._render_lines()
        self.scroll_home(animate=False)
