"""The command palette's game actions (Ctrl+P): new game, continue, save and load, title, help, settings, quit.

None of them is offered over a dialog: the dialog is answered or closed first (a New game or a
Load from under "Quit the game?" would leave the question hanging over another run).
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import ModalScreen

ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("New game", "new_game", "Start the story from the beginning"),
    ("Continue", "continue", "Carry on the newest save"),
    ("Save", "save", "Save the run in a slot you name"),
    ("Load", "load", "Pick a save to carry on"),
    ("Quicksave", "quicksave", "Save the run in the quicksave slot (F5)"),
    ("Quickload", "quickload", "Carry on the quicksave (F9)"),
    ("Title screen", "title", "Go back to the title screen"),
    ("Help", "help", "How to play, and every key"),
    ("Settings", "settings", "Theme, text reveal speed, reduced motion"),
    ("Quit", "quit", "Leave the game"),
)
"""(name in the palette, app action, help line)."""


class GameCommands(Provider):
    """Offers the game's main actions in the command palette."""

    def offered(self) -> tuple[tuple[str, str, str], ...]:
        """The actions offered now: all of them, or none while a dialog is up."""
        return () if isinstance(self.screen, ModalScreen) else ACTIONS

    async def discover(self) -> Hits:
        for name, action, help_text in self.offered():
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self.offered():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=help_text)
