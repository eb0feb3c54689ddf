"""The list of save slots shared by the save and load dialogs, and the preview of one slot.

Each slot shows its key, the name the player gave it and the scene it is at, then its play
time, date and whether it can be played on the story as it is now. Empty slots say so; a file
that cannot be read, or a save this story can no longer play, is shown with its reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from game.saves import Entry, Status

SHORT_STATUS = {
    "ok": ("", "dim"),
    "older": ("older story version", "yellow"),
    "rebuilt": ("older story version: rebuilt by replay", "yellow"),
    "unloadable": ("cannot load on this story", "red"),
    "corrupt": ("damaged", "red"),
    "foreign": ("not a save slot", "red"),
    "unchecked": ("", "dim"),
    "empty": ("", "dim"),
}
"""A word or two for the list's second line (the preview gives the whole reason), and its style."""


def slot_key(entry: Entry) -> str:
    """The slot's short key in the list: ``3``, ``Q`` (quicksave), ``A2`` (autosave 2)."""
    slot = entry.slot
    if slot is None:
        return "?"
    if slot == "quick":
        return "Q"
    if slot.startswith("auto-"):
        return "A" + slot.removeprefix("auto-")
    return slot


def slot_prompt(entry: Entry, status: Status) -> Table:
    """One slot as listed: its key, then two lines (what and where; how long, when, and whether it loads)."""
    from game.saves import play_time, when  # lazy: the saves load after the first frame

    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=2, no_wrap=True, justify="right")
    grid.add_column(ratio=1)
    key = Text(slot_key(entry), style="bold")
    save = entry.save
    if save is None:
        if entry.empty:
            grid.add_row(key, Text("— empty —", style="dim italic"))
            return grid
        name = entry.path.name if entry.slot is None else "Cannot be read"
        grid.add_row(key, Text(name, style="bold", no_wrap=True, overflow="ellipsis"))
        grid.add_row("", Text(SHORT_STATUS[status.kind][0], style=SHORT_STATUS[status.kind][1]))
        return grid
    where = [f"the end: {save.scene_title}" if save.ending else save.scene_title]
    if save.name == save.scene_title and not save.ending:  # a save named after its scene says it once
        where = []
    if save.chapter and not save.ending:
        where.insert(0, save.chapter)
    first = Text(save.name, style="bold", no_wrap=True, overflow="ellipsis")
    for part in where:
        first.append(f"  ·  {part}")
    word, style = SHORT_STATUS[status.kind]
    played = f"{play_time(save.play_seconds)} · {when(save.updated)}"
    second = Text(f"{played} · " if word else played, style="dim", no_wrap=True, overflow="ellipsis")
    if word:
        second.append(word, style=style)
    grid.add_row(key, first)
    grid.add_row("", second)
    return grid


def slot_preview(entry: Entry, status: Status) -> RenderableType:
    """The highlighted slot in full: the last lines read there, and whether and how it loads."""
    save = entry.save
    if save is None:
        if entry.empty:
            return Text("An empty slot.", style="dim italic")
        return Text.assemble(("Cannot be read: ", "bold red"), str(entry.problem), ("\n" + str(entry.path), "dim"))
    lines: list[RenderableType] = [Text(line, style="italic") for line in save.tail[-2:]]
    if status.kind in ("older", "rebuilt", "unloadable"):
        lines.append(Text(status.text[:1].upper() + status.text[1:] + ".", style=SHORT_STATUS[status.kind][1]))
    return Group(*lines)


class SlotList(OptionList):
    """Save slots as options; ``entries`` and ``statuses`` hold what each option shows, in order."""

    DEFAULT_CSS = """
    SlotList {
        height: 1fr;
        border: round $primary 60%;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    SlotList:focus {
        border: round $primary;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: tuple[Entry, ...] = ()
        self.statuses: tuple[Status, ...] = ()

    def show(self, entries: tuple[Entry, ...], statuses: tuple[Status, ...], highlight: int = 0) -> None:
        """List ``entries`` (each with its status), highlighting the ``highlight``-th."""
        self.entries, self.statuses = entries, statuses
        self.set_options(Option(slot_prompt(e, s)) for e, s in zip(entries, statuses, strict=True))
        self.highlighted = min(highlight, len(entries) - 1) if entries else None

    @property
    def current(self) -> tuple[Entry, Status] | None:
        """The highlighted slot and its status."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.entries):
            return None
        return self.entries[index], self.statuses[index]
