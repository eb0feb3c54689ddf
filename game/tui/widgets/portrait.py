"""The current speaker: a nameplate and their portrait, with a tidy placeholder when none exists."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rich.cells import cell_len
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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Character | None, str] | None = None  # what ``show`` was last given
        self._shapes: dict[str, tuple[int, int]] = {}  # each part's lines and widest line, as shown

    def compose(self) -> ComposeResult:
        yield Static(Text("—"), id="nameplate")
        yield Static(Text(""), id="art")

    def show(self, character: Character | None, place: str = "") -> None:
        """Show ``character``; with nobody speaking, the place name and no art."""
        shown = (character, place if character is None else "")
        if shown == self._shown:
            return  # the same speaker: nothing to draw again
        self._shown = shown
        if character is None:
            self._update("#nameplate", Text(place or "—", style="italic"))
            self._update("#art", Text(""))
            self.add_class("-empty")
            return
        self._update("#nameplate", Text(character.name, style=character_style(character.color)))
        drawing = read_art(character.portrait) if character.portrait else None
        style = character_style(character.color, bold=False)
        self._update("#art", Text(drawing or placeholder_art(character.name), style=style))
        self.remove_class("-empty")

    def _update(self, part: str, text: Text) -> None:
        """Show ``text`` in ``part``; the screen is laid out again only when the room it takes may
        change: another number of lines, or another width where the width follows the text (the
        narrow layout) or where a line may wrap."""
        static = self.get_child_by_id(part.removeprefix("#"), Static)
        lines = text.plain.split("\n")
        widest = max(cell_len(line) for line in lines)
        width = static.styles.width
        fixed = width is not None and not width.is_auto and widest <= static.content_region.width
        shape = (len(lines), -1 if fixed else widest)
        static.update(text, layout=shape != self._shapes.get(part))
        self._shapes[part] = shape
