"""A virtual terminal for the Textual tests: it applies every screen update the app sends (as a
real terminal would, updates held back inside a batch never arriving), so a test can check
that what the player's terminal shows is what the app meant to draw."""

from __future__ import annotations

from rich.console import RenderableType
from rich.segment import ControlType
from textual._compositor import CompositorUpdate
from textual.screen import Screen

from game.tui.app import StarsGossipApp


class VirtualTerminal:
    """Attached to ``app`` before it runs; ``lines`` is what a terminal would show now."""

    def __init__(self, app: StarsGossipApp, width: int, height: int) -> None:
        self.app, self.width, self.height = app, width, height
        self.cells = [[" "] * width for _ in range(height)]
        send = app._display

        def display(screen: Screen[object], renderable: RenderableType | None) -> None:
            # What reaches the terminal: the top screen's updates, none while a batch is open.
            if isinstance(renderable, CompositorUpdate) and not app._batch_count and screen is app.screen:
                self.apply(renderable)
            send(screen, renderable)

        app._display = display  # type: ignore[method-assign]

    def apply(self, update: CompositorUpdate) -> None:
        x = y = 0
        for segment in self.app.console.render(update):
            for control in segment.control or ():
                if control[0] == ControlType.CURSOR_MOVE_TO:
                    x, y = int(control[1]), int(control[2])
            if segment.control:
                continue
            for char in segment.text:
                if char == "\n":
                    x, y = 0, y + 1
                    continue
                if 0 <= y < self.height and 0 <= x < self.width:
                    self.cells[y][x] = char
                x += 1

    @property
    def lines(self) -> list[str]:
        return ["".join(row).rstrip() for row in self.cells]
