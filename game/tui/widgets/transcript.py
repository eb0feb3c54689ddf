"""The scrolling transcript: every scene's text, the player's picks and breaks between scenes."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

REVEAL_TICK = 1 / 30
"""Seconds between reveal steps: smooth enough to read as typing, cheap to draw."""

LIVE_ENTRIES = 24
"""Entries kept as widgets of their own; older ones are folded into archive widgets.

Layout cost grows with the number of widgets, so a long run's history lives in a few
large widgets that never change, and a choice costs the same at the 200th scene as the 2nd.
"""

FOLD = 18
"""How many of the oldest live entries are folded into one archive widget at a time."""


def heading(text: Text, first: bool) -> RenderableType:
    """A break before a scene: a rule carrying the scene's title and place."""
    rule = Rule(text, characters="─", align="left", style="dim")
    return rule if first else Padding(rule, (1, 0, 0, 0))


def paragraph(text: Text) -> RenderableType:
    return Padding(text, (1, 0, 0, 0))


def echo(text: RenderableType) -> RenderableType:
    """The player's pick, indented so it reads as a reply."""
    return Padding(text, (1, 0, 0, 2))


class Transcript(VerticalScroll, can_focus=False):
    """The run's history, newest at the bottom, kept scrolled to the newest text.

    The newest scene can be revealed a few characters at a time; ``finish_reveal`` shows it
    all at once (a choice or the skip key calls it).
    """

    DEFAULT_CSS = """
    Transcript {
        padding: 0 2 0 1;  /* a column between the text and the scrollbar */
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, smooth_scroll: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.smooth_scroll = smooth_scroll
        self._live: list[tuple[Static, RenderableType]] = []
        self._started = False
        self._revealing: Static | None = None
        self._full: Text = Text()
        self._shown = 0
        self._timer: Timer | None = None
        self._step = 0
        self._newest: tuple[Static, bool] | None = None  # the newest scene's heading, and what _started was before it

    @property
    def revealing_now(self) -> bool:
        """Whether the newest text is still appearing."""
        return self._revealing is not None

    def add_heading(self, text: Text) -> None:
        """A break before a new scene, with its title."""
        self._newest = (self._add(heading(text, first=not self._started)), self._started)
        self._started = True

    def retract_scene(self) -> None:
        """Take the newest scene (its heading and text) off, so it can be shown again as it now reads."""
        self.finish_reveal()
        if self._newest is None:
            return
        widget, started = self._newest
        start = next((i for i, (live, _) in enumerate(self._live) if live is widget), None)
        if start is None:  # never folded (the newest entries stay live), but never assumed
            return
        self._newest, self._started = None, started
        for live, _ in self._live[start:]:
            live.remove()
        del self._live[start:]

    def add_echo(self, text: RenderableType) -> None:
        """The line or action the player picked."""
        self._add(echo(text))
        self._scroll_to_end()

    def add_scene(self, text: Text, chars_per_second: int = 0) -> None:
        """A scene's text; revealed at ``chars_per_second`` (0 shows it at once)."""
        self.finish_reveal()
        if not text.plain:
            self._scroll_to_end()
            return
        if chars_per_second <= 0:
            self._add(paragraph(text))
            self._scroll_to_end()
            return
        self._revealing = self._add(paragraph(text), shown=paragraph(Text()))
        self._full, self._shown = text, 0
        self._step = max(1, round(chars_per_second * REVEAL_TICK))
        self._timer = self.set_interval(REVEAL_TICK, self._reveal_more)
        self._scroll_to_end()

    def finish_reveal(self) -> None:
        """Show the whole of the text being revealed, at once."""
        if self._revealing is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._revealing.update(paragraph(self._full))
        self._revealing, self._timer = None, None
        self._keep_following()

    def _add(self, entry: RenderableType, shown: RenderableType | None = None) -> Static:
        widget = Static(entry if shown is None else shown)
        self._live.append((widget, entry))
        self.mount(widget)
        if len(self._live) > LIVE_ENTRIES and self._revealing is None:
            self._fold()
        return widget

    def _fold(self) -> None:
        """Replace the oldest live entries with one archive widget that renders them all."""
        folded, self._live = self._live[:FOLD], self._live[FOLD:]
        archive = Static(Group(*(entry for _, entry in folded)), classes="archive")
        self.mount(archive, before=folded[0][0])
        for widget, _ in folded:
            widget.remove()

    def _reveal_more(self) -> None:
        if self._revealing is None:
            return
        self._shown += self._step
        if self._shown >= len(self._full):
            self.finish_reveal()
            return
        self._revealing.update(paragraph(self._full[: self._shown]))
        self._keep_following()

    def follow(self) -> None:
        """Scroll to the newest text (after a resize re-flows everything above it)."""
        self._scroll_to_end()

    def _scroll_to_end(self) -> None:
        """Show the newest text, even to a reader who had scrolled back (new text from a choice)."""
        # Once the text overflows, the view is anchored: it stays at the newest text as it
        # grows, within the same layout pass, with no extra frame. Until then (and after the
        # reader scrolls away) it takes one look after the next refresh.
        if not self._anchored or self._anchor_released:
            self.call_after_refresh(self._anchor_when_overflowing)

    def _keep_following(self) -> None:
        """While text is revealed: follow it, unless the reader has scrolled back to read."""
        if not self._anchored:
            self.call_after_refresh(self._anchor_when_overflowing)

    def _anchor_when_overflowing(self) -> None:
        if self.max_scroll_y > 0:
            self.anchor()
