"""How to play, and every key the game answers to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from game.tui.rendering import TAKEN_MARK

if TYPE_CHECKING:
    from game.engine.model import StatusItem
    from game.tui.gameapp import GameApp

HOW_TO_PLAY = (
    "You are Gong Ryong, a doctor on a space station with a mission nobody must learn about. "
    "Read what happens, then pick what you say or do. Some choices can be taken only once; "
    "what you do changes what the crew thinks of you, shown in the sidebar."
)

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Playing",
        (
            ("1 … 9", "pick that choice"),
            (TAKEN_MARK, "marks a choice you have taken before"),
            ("↑ ↓ then Enter", "move through the choices and pick one"),
            ("click", "pick a choice with the mouse"),
            ("Space", "show the rest of the text at once"),
            ("U or Ctrl+Z", "undo: take back your last choice"),
            ("S / L", "save in a slot you name / load a save"),
            ("M", "the station map (in stories with one)"),
            ("F5 / F9", "quicksave / quickload"),
            ("PgUp / PgDn", "scroll the story (also Shift+↑ / Shift+↓)"),
            ("Ctrl+End", "back to the newest text"),
            ("Escape", "back to the title screen (your run is saved)"),
        ),
    ),
    (
        "Everywhere",
        (
            ("F1 or ?", "this help"),
            ("F2", "settings: theme, text speed, reduced motion"),
            ("Ctrl+P", "command palette: every action by its name"),
            (
                "Tab / Shift+Tab",
                "move between buttons and lists (in play: to the status, where ↑ ↓ Home End go from "
                "line to line and show what each means, and Escape goes back to the choices)",
            ),
            ("Ctrl+Q", "quit (your run is saved: Continue brings you back)"),
        ),
    ),
    (
        "Title & ending",
        (
            ("N", "new game"),
            ("C", "continue the newest save (title screen)"),
            ("L", "load a save (title screen)"),
            ("E", "the endings gallery: the endings found so far (title screen)"),
            ("T or Escape", "back to the title (ending screen)"),
            ("Q", "quit (title screen)"),
        ),
    ),
    (
        "Save & load dialogs",
        (
            ("↑ ↓ then Enter", "pick a slot (save: then type its name, Enter again)"),
            ("D or Delete", "delete the highlighted save (asks first)"),
            ("Escape", "close (save: back from the name to the slots)"),
        ),
    ),
)

SAVING = (
    "Your run is saved after every choice, in three autosaves taken in turn: quit whenever you like "
    "and pick Continue next time. Nine slots you name, and a quicksave, keep a run for good; undo "
    "still works after loading one."
)


SIDEBAR = "the sidebar on the right"
STRIP = "the strip along the top, under the scene's title"


def status_section(items: Sequence[StatusItem], where: str) -> Group:
    """What the status lines mean, in the writer's words, and where they are on screen now.
    Lines that share their help (one line shown in two forms) are one entry naming each label."""
    lead = Text(
        f"During play, {where} shows how things stand. Point at a line with the mouse, or press Tab "
        "from the choices and then ↑ ↓ to go from line to line, to see what each one means. A bar is "
        "a meter: it fills as the value rises, and it is full when the two numbers after it are the "
        "same (as in 4/4)."
    )
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for labels, meaning in status_entries(items):
        table.add_row("\n".join(labels), meaning)
    return Group(Text(""), Text("The status", style="bold underline"), lead, table)


def status_entries(items: Sequence[StatusItem]) -> list[tuple[list[str], str]]:
    """Each distinct explanation once, in the order of the manifest, with the labels it explains
    (each label once); a line without help is an entry of its own."""
    entries: dict[tuple[str, str], tuple[list[str], str]] = {}
    for item in items:
        key = ("help", item.help) if item.help else ("label", item.label)
        labels, _ = entries.setdefault(key, ([], item.help))
        if item.label not in labels:
            labels.append(item.label)
    return list(entries.values())


def help_page(status: Group | None = None) -> Group:
    """The help page: how to play, then one table of keys in groups (meanings wrap beside their
    key); with ``status``, what the status lines mean before the saving notes."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for group, keys in KEYS:
        table.add_row("")
        table.add_row(Text(group, style="bold underline"))
        for key, meaning in keys:
            table.add_row(key, meaning)
    saving = Group(Text(""), Text("Saving", style="bold underline"), Text(SAVING))
    parts: list[RenderableType] = [Text("How to play", style="bold underline"), Text(HOW_TO_PLAY), table]
    return Group(*parts, *([status] if status is not None else []), saving)


class HelpScreen(ModalScreen[None]):
    """A dialog over the current screen; any of its keys closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close", id="close_help", tooltip="Close the help"),
    ]

    if TYPE_CHECKING:
        app: GameApp

    def compose(self) -> ComposeResult:
        from game.tui.screens.play import WIDE  # lazy: the play screen's modules load with it

        story = self.app.story
        status = None
        if story is not None and story.status:
            status = status_section(story.status, SIDEBAR if self.app.size.width >= WIDE else STRIP)
        with Vertical(id="help-dialog", classes="dialog") as dialog:
            dialog.border_title = "Help"
            dialog.border_subtitle = "Esc closes"
            with VerticalScroll():
                yield Static(help_page(status), id="help-text")
