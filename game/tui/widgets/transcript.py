"""The scrolling transcript: every scene's text, the player's picks and breaks between scenes."""

from __future__ import annotations

from bisect import bisect_right
from typing import Self

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.timer import Timer

from game.tui.widgets.steady import steady_vertical_scrollbar

REVEAL_TICK = 1 / 30
"""Seconds between reveal steps: smooth enough to read as typing, cheap to draw."""


class Heading:
    """A break before a scene: a rule carrying the scene's title and place.

    Rich's ``Rule`` shortens the title it is given in place when it does not fit, so each
    rendering gets a fresh copy: a heading drawn narrow is whole again once there is room."""

    def __init__(self, text: Text, first: bool) -> None:
        self.text = text
        self.first = first

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rule = Rule(self.text.copy(), characters="─", align="left", style="dim")
        yield rule if self.first else Padding(rule, (1, 0, 0, 0))


def paragraph(text: Text) -> RenderableType:
    return Padding(text, (1, 0, 0, 0))


def echo(text: RenderableType) -> RenderableType:
    """The player's pick, indented so it reads as a reply."""
    return Padding(text, (1, 0, 0, 2))


class Transcript(ScrollView, can_focus=False):
    """The run's history, newest at the bottom, kept scrolled to the newest text.

    Every entry (heading, scene text, echoed pick) is kept as a renderable and drawn once
    into lines at the current width; only the lines in view are painted. A new entry costs
    its own rendering, never the history's, so a choice costs the same after a thousand
    scenes as after ten. A change of width draws every entry again at the new width.

    The newest scene can be revealed a few characters at a time; ``finish_reveal`` shows it
    all at once (a choice or the skip key calls it).
    """

    DEFAULT_CSS = """
    Transcript {
        padding: 0 2 0 1;  /* a column between the text and the scrollbar */
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;  /* the text keeps its width when the scrollbar appears */
        overflow-x: hidden;
    }
    """

    def __init__(self, *, smooth_scroll: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.smooth_scroll = smooth_scroll
        self._entries: list[RenderableType] = []
        self._starts: list[int] = []  # the first line of each entry in ``_lines``
        self._lines: list[Strip] = []
        self._width = 0  # the width ``_lines`` were drawn at; 0 before the first layout
        self._following = True  # the view shows the newest text and keeps showing it
        self._revealing = False
        self._full: Text = Text()
        self._shown = 0
        self._timer: Timer | None = None
        self._step = 0
        self._painted_whole = False  # within a layout that resizes the transcript in height only
        self._newest: int | None = None  # the entry that heads the newest scene, while it can be taken back

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's vertical scrollbar, as a ``SteadyScrollBar``."""
        return steady_vertical_scrollbar(self)

    @property
    def revealing_now(self) -> bool:
        """Whether the newest text is still appearing."""
        return self._revealing

    def history_lines(self) -> list[Strip]:
        """Every line of the history as drawn at the current width (not only those in view)."""
        return list(self._lines)

    def add_heading(self, text: Text) -> None:
        """A break before a new scene, with its title."""
        self._newest = len(self._entries)
        self._add(Heading(text, first=not self._entries))

    def retract_scene(self) -> None:
        """Take back the newest scene, its heading and all (a live reload shows it again as it
        now reads); nothing happens when there is none to take back."""
        if self._newest is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._revealing, self._timer = False, None
        start = self._newest
        first_line = self._starts[start] if start < len(self._starts) else len(self._lines)
        del self._entries[start:], self._starts[start:], self._lines[first_line:]
        self._newest = None
        self._grown()
        self.refresh()
        self.follow()

    def add_echo(self, text: RenderableType) -> None:
        """The line or action the player picked."""
        self._add(echo(text))

    def add_scene(self, text: Text, chars_per_second: int = 0) -> None:
        """A scene's text; revealed at ``chars_per_second`` (0 shows it at once)."""
        self.finish_reveal()
        if not text.plain:
            self.follow()
            return
        if chars_per_second <= 0:
            self._add(paragraph(text))
            return
        self._full, self._shown = text, 0
        self._revealing = True
        self._add(paragraph(Text()))
        self._step = max(1, round(chars_per_second * REVEAL_TICK))
        self._timer = self.set_interval(REVEAL_TICK, self._reveal_more)

    def finish_reveal(self) -> None:
        """Show the whole of the text being revealed, at once."""
        if not self._revealing:
            return
        if self._timer is not None:
            self._timer.stop()
        self._revealing, self._timer = False, None
        self._replace_last(paragraph(self._full))

    def follow(self) -> None:
        """Show the newest text from now on, even to a reader who had scrolled back."""
        self._following = True
        self._scroll_to_newest()

    def _reveal_more(self) -> None:
        if not self._revealing:
            return
        self._shown += self._step
        if self._shown >= len(self._full):
            self.finish_reveal()
            return
        self._replace_last(paragraph(self._full[: self._shown]))

    def _add(self, entry: RenderableType) -> None:
        """Append ``entry``; new text from the story is always brought into view."""
        self._entries.append(entry)
        self._starts.append(len(self._lines))
        if self._width:
            self._lines.extend(self._draw(entry, self._width))
        self._grown()
        self.follow()

    def _replace_last(self, entry: RenderableType) -> None:
        """Draw the newest entry anew (the text being revealed); it stays in view while the
        reader has not scrolled back."""
        self._entries[-1] = entry
        start = self._starts[-1]
        old = len(self._lines) - start
        if self._width:
            self._lines[start:] = self._draw(entry, self._width)
        self._grown()
        self.refresh_lines(start, max(old, len(self._lines) - start))
        if self._following:
            self._scroll_to_newest()

    def _grown(self) -> None:
        size = Size(self._width, len(self._lines))
        room = self.scrollable_content_region.height
        if size.width == self.virtual_size.width and min(size.height, self.virtual_size.height) > room:
            # Longer or shorter, the history overflows the view as before: the scrollbar stays, so
            # only the text and the scrollbar's thumb change. Setting ``virtual_size`` would lay the
            # whole screen out again (a frame of its own and a repaint of everything that moved).
            self.set_reactive(Transcript.virtual_size, size)
            self.vertical_scrollbar.window_virtual_size = size.height
            self.refresh()
        else:
            self.virtual_size = size

    def _draw(self, entry: RenderableType, width: int) -> list[Strip]:
        """``entry`` as lines ``width`` cells wide, in this widget's colours: ready to paint."""
        options = self.app.console_options.update(highlight=False).update_width(width)
        segments = self.app.console.render(entry, options)
        style = self.rich_style
        return [
            Strip(line, width).apply_style(style)
            for line in Segment.split_and_crop_lines(segments, width, include_new_lines=False)
        ]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._width:  # a new theme: the lines were drawn in the old one's colours
            self._width = 0
            self.call_later(self._reflow)

    def _reflow(self) -> None:
        """Draw every entry again at the width there is now, keeping the reader's place."""
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        top_entry, into = self._entry_at(round(self.scroll_y))
        self._width = width
        lines: list[Strip] = []
        for index, entry in enumerate(self._entries):
            self._starts[index] = len(lines)
            lines.extend(self._draw(entry, width))
        self._lines = lines
        self._grown()
        self.refresh()
        if self._following:
            self._scroll_to_newest()
        elif top_entry is not None:
            end = self._starts[top_entry + 1] if top_entry + 1 < len(self._starts) else len(lines)
            self.scroll_to(y=min(self._starts[top_entry] + into, max(end - 1, 0)), animate=False, immediate=True)

    def _entry_at(self, line: int) -> tuple[int | None, int]:
        """The entry drawn on ``line``, and how far into it that line is."""
        index = bisect_right(self._starts, line) - 1
        if index < 0:
            return None, 0
        return index, line - self._starts[index]

    def _scroll_to_newest(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        self._following = True

    def on_resize(self, event: events.Resize) -> None:
        self._reflow()

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Called within the layout pass: a view that follows the newest text stays on it when
        # the choices below take more or fewer lines, in the same frame (as Textual's anchor).
        # Only taller or shorter (the choices below changed): this layout's redraw paints the whole
        # transcript after this call, so the scroll that keeps the newest text in view asks for no
        # repaint of its own, which would draw the transcript a second time in the next frame.
        self._painted_whole = size != self._size and size.width == self._size.width
        try:
            resized = super()._size_updated(size, virtual_size, container_size, layout)
            if self._following and self.scroll_y != self.max_scroll_y:
                self.scroll_to(y=self.max_scroll_y, animate=False)
                self._following = True
        finally:
            if self._painted_whole and self.show_vertical_scrollbar:
                # Resized with the transcript, the scrollbar is painted whole by this layout too:
                # the repaints its new range and thumb asked for would draw it again next frame.
                self.vertical_scrollbar._repaint_required = False
            self._painted_whole = False
        return resized

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        """Textual's refresh; a repaint asked for while a layout resizes the transcript is dropped
        (that layout's redraw paints all of it)."""
        if self._painted_whole and not (layout or recompose):
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # The reader scrolled back: stop following until they return to the newest text.
        self._following = new_value >= self.max_scroll_y

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        return line if width == self._width else line.crop_extend(0, width, self.rich_style)
