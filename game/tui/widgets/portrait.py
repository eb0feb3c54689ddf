"""The current speaker: a nameplate and their portrait, with a tidy placeholder when none exists."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from game.engine.model import Character
from game.tui.rendering import character_style, initials

MAX_ART_LINES = 16
MAX_ART_WIDTH = 30


@lru_cache(maxsize=32)
def read_art(path: str) -> str | None:
    """A portrait file's text art, trimmed to the panel; None when it cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = [line.rstrip()[:MAX_ART_WIDTH] for line in text.expandtabs(4).splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines[:MAX_ART_LINES]) or None


def placeholder_art(name: str) -> str:
    """A framed monogram for characters without a portrait."""
    mark = initials(name).center(10)
    return "\n".join(("╭──────────╮", "│          │", f"│{mark}│", "│          │", "╰──────────╯"))


class Portrait(Vertical):
    """Whom the player is talking to: nameplate above, art below."""

    DEFAULT_CSS = """
    Portrait {
        height: auto;
        align-horizontal: center;
    }
    Portrait > #nameplate {
        width: 100%;
        content-align: center middle;
        text-style: bold;
        background: $boost;
        padding: 0 1;
    }
    Portrait > #art {
        width: 100%;
        content-align: center top;
        padding: 1 0 0 0;
    }
    Portrait.-empty > #art {
        display: none;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text("—"), id="nameplate")
        yield Static(Text(""), id="art")

    def show(self, character: Character | None, place: str = "") -> None:
        """Show ``character``; with nobody speaking, the place name and no art."""
        nameplate = self.query_one("#nameplate", Static)
        art = self.query_one("#art", Static)
        if character is None:
            nameplate.update(Text(place or "—", style="italic"))
            art.update(Text(""))
            self.add_class("-empty")
            return
        nameplate.update(Text(character.name, style=character_style(character.color)))
        drawing = read_art(character.portrait) if character.portrait else None
        style = character_style(character.color, bold=False)
        art.update(Text(drawing or placeholder_art(character.name), style=style))
        self.remove_class("-empty")
