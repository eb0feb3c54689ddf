"""The scrolling transcript: every scene's text, the player's picks and breaks between scenes."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

REVEAL_TICK = 1 / 30
"""Seconds between reveal steps: smooth enough to read as typing, cheap to draw."""


class Transcript(VerticalScroll, can_focus=False):
    """The session's history, newest at the bottom, kept scrolled to the newest text.

    The newest scene can be revealed a few characters at a time; ``finish_reveal`` shows it
    all at once (a choice or the skip key calls it).
    """

    DEFAULT_CSS = """
    Transcript {
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    Transcript > .scene-break {
        color: $text-accent;
        border-top: hkey $primary 50%;
        margin-top: 1;
    }
    Transcript > .scene-break.-first {
        border-top: none;
        margin-top: 0;
    }
    Transcript > .scene-text {
        margin-top: 1;
    }
    Transcript > .echo {
        margin-top: 1;
        padding-left: 2;
        color: $text-muted;
    }
    """

    def __init__(self, *, smooth_scroll: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.smooth_scroll = smooth_scroll
        self._revealing: Static | None = None
        self._full: Text = Text()
        self._shown = 0
        self._timer: Timer | None = None
        self._step = 0

    @property
    def revealing(self) -> bool:
        """Whether the newest text is still appearing."""
        return self._revealing is not None

    def add_heading(self, text: Text) -> None:
        """A break before a new scene, with its title."""
        classes = "scene-break" + ("" if self.children else " -first")
        self.mount(Static(text, classes=classes))

    def add_echo(self, text: Text) -> None:
        """The line or action the player picked."""
        self.mount(Static(text, classes="echo"))
        self._scroll_to_end()

    def add_scene(self, text: Text, chars_per_second: int = 0) -> None:
        """A scene's text; revealed at ``chars_per_second`` (0 shows it at once)."""
        self.finish_reveal()
        if not text.plain:
            self._scroll_to_end()
            return
        if chars_per_second <= 0:
            self.mount(Static(text, classes="scene-text"))
            self._scroll_to_end()
            return
        widget = Static(Text(), classes="scene-text")
        self.mount(widget)
        self._revealing, self._full, self._shown = widget, text, 0
        self._step = max(1, round(chars_per_second * REVEAL_TICK))
        self._timer = self.set_interval(REVEAL_TICK, self._reveal_more)
        self._scroll_to_end()

    def finish_reveal(self) -> None:
        """Show the whole of the text being revealed, at once."""
        if self._revealing is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._revealing.update(self._full)
        self._revealing, self._timer = None, None
        self._scroll_to_end()

    def _reveal_more(self) -> None:
        if self._revealing is None:
            return
        self._shown += self._step
        if self._shown >= len(self._full):
            self.finish_reveal()
            return
        self._revealing.update(self._full[: self._shown])
        self._scroll_to_end()

    def _scroll_to_end(self) -> None:
        # After the refresh, so the new widgets' heights are known.
        self.call_after_refresh(self.scroll_end, animate=self.smooth_scroll, immediate=False)
