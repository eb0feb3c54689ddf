"""The command palette's game actions (Ctrl+P): new game, continue, save and load, title, help, settings, quit."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

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

    async def discover(self) -> Hits:
        for name, action, help_text in ACTIONS:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in ACTIONS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=help_text)
