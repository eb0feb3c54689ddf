"""The save dialog: pick one of the numbered slots, name the save, confirm before replacing one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static

from game.tui.screens.confirm import ConfirmScreen
from game.tui.widgets.slots import SlotList

if TYPE_CHECKING:
    from game.saves import Entry, Status


@dataclass(frozen=True, slots=True)
class SaveTarget:
    """Where the player asked to save: a numbered slot, and the name to give the save."""

    slot: str
    name: str


class SaveScreen(ModalScreen[SaveTarget | None]):
    """Dismisses with the slot and name picked, or None when closed without saving.

    Enter on a slot moves to its name (the current scene's title unless the player types
    another); Enter on the name saves, after a yes when the slot already holds a save."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="save_back", tooltip="Back to the slots, or close without saving"),
    ]

    def __init__(self, entries: tuple[Entry, ...], statuses: tuple[Status, ...], default_name: str) -> None:
        super().__init__()
        self.entries, self.statuses = entries, statuses
        self.default_name = default_name

    def compose(self) -> ComposeResult:
        from game.saves.store import NAME_LIMIT  # lazy: the saves load after the first frame

        with Vertical(id="save-dialog", classes="dialog slots-dialog") as dialog:
            dialog.border_title = "Save"
            dialog.border_subtitle = "Enter picks · Esc closes"
            yield SlotList(id="slots")
            with Horizontal(id="name-row"):
                yield Label("Name", id="name-label")
                yield Input(self.default_name, max_length=NAME_LIMIT, id="name", select_on_focus=True, compact=True)
            yield Static(id="save-hint")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        slots = self.query_one(SlotList)
        first_empty = next((i for i, e in enumerate(self.entries) if e.empty), 0)
        slots.show(self.entries, self.statuses, highlight=first_empty)
        slots.focus()
        self.hint("Pick a slot, then name the save.")

    def hint(self, text: str, problem: bool = False) -> None:
        self.query_one("#save-hint", Static).update(Text(text, style="bold red" if problem else "dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#name", Input).focus()
        self.hint("Enter saves with this name.")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.save()
        else:
            self.dismiss(None)

    def save(self) -> None:
        """Save to the highlighted slot under the typed name, asking first when that replaces a save."""
        from game.saves import SaveProblem, check_save_name, slot_label  # lazy: after the first frame

        picked = self.query_one(SlotList).current
        if picked is None:
            return
        entry, _ = picked
        name = check_save_name(self.query_one("#name", Input).value or self.default_name)
        if isinstance(name, SaveProblem):
            self.hint(f"{name.message[:1].upper()}{name.message[1:]}.", problem=True)
            self.query_one("#name", Input).focus()
            return
        assert entry.slot is not None  # the dialog lists the numbered slots only
        target = SaveTarget(entry.slot, name)
        if entry.empty:
            self.dismiss(target)
            return
        held = (
            f"“{entry.save.name}”, {entry.save.scene_title}" if entry.save is not None else "a file that cannot be read"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(target)

        question = f"Replace the save in {slot_label(entry.slot)}?"
        self.app.push_screen(ConfirmScreen(question, f"It holds {held}."), answered)

    def action_back(self) -> None:
        if self.query_one("#name", Input).has_focus:
            self.query_one(SlotList).focus()
            self.hint("Pick a slot, then name the save.")
        else:
            self.dismiss(None)
