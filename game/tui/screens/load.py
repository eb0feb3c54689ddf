"""The load dialog: every slot of the story, what it holds and whether it loads; delete with a yes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from game.tui.screens.confirm import ConfirmScreen
from game.tui.widgets.slots import SlotList, slot_preview

if TYPE_CHECKING:
    from game.engine import Story
    from game.saves import Shelf


class LoadScreen(ModalScreen[str | None]):
    """Lists every slot (numbered, quicksave, autosaves, then any stray file in the folder).

    Dismisses with the slot to load, or None when closed. A slot that cannot be loaded says why
    when picked; the others stay usable. Deleting asks first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="load_close", tooltip="Close without loading"),
        Binding("d,delete", "delete", "Delete", id="load_delete", tooltip="Delete the highlighted save (asks first)"),
    ]

    def __init__(self, story: Story, shelf: Shelf) -> None:
        super().__init__()
        self.story, self.shelf = story, shelf

    def compose(self) -> ComposeResult:
        with Vertical(id="load-dialog", classes="dialog slots-dialog") as dialog:
            dialog.border_title = "Load"
            dialog.border_subtitle = "Enter loads · D deletes · Esc closes"
            yield SlotList(id="slots")
            yield Static(id="slot-preview")

    def on_mount(self) -> None:
        self.list_slots()
        self.query_one(SlotList).focus()

    def list_slots(self, highlight: int | None = None) -> None:
        """Read every slot again and list it; by default the newest save that loads is highlighted."""
        from game.saves import newest_of, status_of  # lazy: the saves load after the first frame

        entries = self.shelf.entries()
        statuses = tuple(status_of(entry, self.story) for entry in entries)
        if highlight is None:
            playable = [e for e, s in zip(entries, statuses, strict=True) if s.playable and e.slot is not None]
            newest = newest_of(playable)
            highlight = entries.index(newest) if newest is not None else 0
        self.query_one(SlotList).show(entries, statuses, highlight)
        self.preview()

    def preview(self) -> None:
        picked = self.query_one(SlotList).current
        preview = self.query_one("#slot-preview", Static)
        if picked is None:
            preview.update("")
        else:
            preview.update(slot_preview(*picked))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.preview()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from game.saves import slot_label  # lazy: the saves load after the first frame

        picked = self.query_one(SlotList).current
        if picked is None:
            return
        entry, status = picked
        label = slot_label(entry.slot) if entry.slot is not None else entry.path.name
        if entry.empty:
            self.notify(f"{label[:1].upper()}{label[1:]} is empty.", severity="warning", timeout=3)
        elif not status.playable or entry.slot is None:
            self.notify(
                f"{status.text[:1].upper()}{status.text[1:]}.\n({entry.path})",
                title=f"Cannot load {label}",
                severity="error",
                markup=False,
                timeout=10,
            )
        else:
            self.dismiss(entry.slot)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_delete(self) -> None:
        """Delete the highlighted save after a yes; stray files are left for the player to remove."""
        from game.saves import slot_label  # lazy: the saves load after the first frame

        slots = self.query_one(SlotList)
        picked = slots.current
        if picked is None:
            return
        entry, _ = picked
        if entry.empty:
            self.notify("Nothing to delete: the slot is empty.", timeout=3)
            return
        slot = entry.slot
        if slot is None:
            self.notify(
                f"{entry.path} is not a file the game wrote, so it leaves it alone: remove it yourself if you wish.",
                markup=False,
                timeout=8,
            )
            return
        label = slot_label(slot)
        held = (
            f"“{entry.save.name}”, {entry.save.scene_title}" if entry.save is not None else "a file that cannot be read"
        )
        index = slots.highlighted or 0

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            problem = self.shelf.delete(slot)
            if problem is not None:
                self.notify(str(problem), title="Not deleted", severity="error", markup=False, timeout=10)
                return
            self.notify(f"Deleted {label}.", timeout=3)
            self.list_slots(index)

        self.app.push_screen(
            ConfirmScreen(f"Delete the save in {label}?", f"It holds {held}. This cannot be undone."), answered
        )
