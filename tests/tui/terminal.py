"""A virtual terminal for the Textual tests: it applies every frame the app sends, as it is sent
(frames held back inside a batch never arriving), so a test can check that what the player's
terminal shows is what the app meant to draw.

It keeps what tmux keeps: when the terminal narrows, the cells beyond its new right edge are
hidden, not forgotten, and show again when it widens (until something is drawn over them or
the terminal is cleared); when it gets shorter, the rows below are dropped. Lines do not wrap
(Textual turns wrapping off): a character written past the right edge lands in the last column.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.segment import ControlType
from textual._compositor import CompositorUpdate

from game.tui.app import StarsGossipApp


class VirtualTerminal:
    """Attached to ``app`` before it runs; ``lines`` is what a terminal would show now."""

    def __init__(self, app: StarsGossipApp, width: int, height: int) -> None:
        self.app, self.width, self.height = app, width, height
        self.rows: list[dict[int, str]] = [{} for _ in range(height)]  # column -> character, hidden ones too
        self.frames = 0
        outgoing = app.frames.outgoing

        def sent(update: RenderableType) -> RenderableType:
            # The app calls this for each update it really writes: the top screen's, outside a batch.
            update = outgoing(update)
            if isinstance(update, CompositorUpdate):
                self.apply(update)
            return update

        app.frames.outgoing = sent  # type: ignore[method-assign]

    def resize(self, width: int, height: int) -> None:
        """The window changes size (the app hears of it only when the test tells it)."""
        self.rows = self.rows[:height] + [{} for _ in range(height - len(self.rows))]
        self.width, self.height = width, height

    def apply(self, update: CompositorUpdate) -> None:
        self.frames += 1
        x = y = 0
        for segment in self.app.console.render(update):
            for control in segment.control or ():
                if control[0] == ControlType.CURSOR_MOVE_TO:
                    x, y = min(int(control[1]), self.width - 1), min(int(control[2]), self.height - 1)
                elif control[0] == ControlType.CLEAR:
                    self.rows = [{} for _ in range(self.height)]  # hidden cells too, as in tmux
            if segment.control:
                continue
            for char in segment.text:
                if char == "\n":
                    x, y = 0, y + 1
                    continue
                if 0 <= y < self.height:
                    self.rows[y][min(x, self.width - 1)] = char
                x += 1

    @property
    def lines(self) -> list[str]:
        """The visible screen, a line per row, without trailing blanks."""
        return ["".join(row.get(x, " ") for x in range(self.width)).rstrip() for row in self.rows]
