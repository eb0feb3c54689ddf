"""What the game sends the terminal after it changes size: a full frame that clears it first.

Terminals do not all forget what lay beyond their right edge when they narrow. tmux keeps
those cells and shows them again when the window widens; until the game has drawn its frame at
the new size, the player sees a frame that was never drawn at that size. At the play screen's
breakpoint that is the right-hand sidebar of a wide frame beside the status strip of a narrow
one: the sidebar drawn twice. Clearing the whole terminal wipes those hidden cells too, and a
full frame repaints every cell right after it, in the same write, so nothing flashes.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.control import Control
from textual._compositor import CompositorUpdate, LayoutUpdate
from textual.geometry import Size

CLEAR_TERMINAL = Control.clear()
"""Erase the whole terminal: ``ESC [ 2 J``."""


class ClearedFrame(CompositorUpdate):
    """A full frame (every cell of the screen) that begins by clearing the terminal."""

    def __init__(self, frame: LayoutUpdate) -> None:
        self.frame = frame

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield CLEAR_TERMINAL
        yield self.frame

    def render_segments(self, console: Console) -> str:
        return CLEAR_TERMINAL.segment.text + self.frame.render_segments(console)


class FreshFrames:
    """Watches the terminal's size and makes the first full frame after a change a cleared one."""

    def __init__(self) -> None:
        self._size: Size | None = None
        self._stale = False

    @property
    def size(self) -> Size | None:
        """The terminal's size as last reported (None before the first report)."""
        return self._size

    @property
    def stale(self) -> bool:
        """Whether the terminal may hold cells from before its last change of size."""
        return self._stale

    def resized(self, size: Size) -> None:
        """The terminal is now ``size`` (every resize event, before the screen is laid out again)."""
        if self._size is not None and size != self._size:
            self._stale = True
        self._size = size

    def outgoing(self, update: RenderableType) -> RenderableType:
        """``update`` as it should reach the terminal: cleared first when it is the first full
        frame since the terminal changed size, unchanged otherwise."""
        if self._stale and isinstance(update, LayoutUpdate):
            self._stale = False
            return ClearedFrame(update)
        return update
