"""What the screens, the keeper and the themes need of the game's app: the ``Game`` protocol.

They type ``self.app`` as ``GameApp`` (Textual's ``App`` with these members) instead of
importing ``tui/app.py``, which imports them: the app stands above its screens and nothing
under it points back up. For type checkers ``StarsGossipApp`` is a ``GameApp``, so mypy
proves that it has every method here (tests/tui/test_gameapp.py checks the attributes too).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.app import App
    from textual.geometry import Size

    from game.engine import Story
    from game.saves import Session
    from game.tui.settings import Settings


class Keeping(Protocol):
    """What a play screen asks of the app's keeper of saves (``tui/keeping.py``)."""

    def autosave(self, session: Session) -> None:
        """Autosave ``session``'s run off the UI thread."""

    def save_run(self, session: Session, slot: str, name: str | None) -> bool:
        """Write ``session``'s run to ``slot`` now and say how it went; True when it was saved."""


class Game(Protocol):
    """The game's own members of its app, beyond Textual's."""

    directory: Path
    """The story folder being played."""
    settings: Settings
    """The player's settings in effect."""
    keeper: Keeping
    """The saves, for the screens."""

    @property
    def story(self) -> Story | None:
        """The playable story, once loaded."""

    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` from now on."""

    def load_story(self) -> object:
        """Read the story folder again (off the UI thread)."""

    def to_title(self, list_saves: bool = True) -> None:
        """Close every screen above the title."""

    def guard_size(self, size: Size | None = None) -> None:
        """Cover everything while the terminal is too small."""

    def action_continue(self) -> None:
        """Carry on the newest save."""


if TYPE_CHECKING:

    class GameApp(App[int], Game):
        """The game's app as its screens see it (for type checkers only: ``StarsGossipApp`` is the one)."""
