"""After a live reload that the run in progress no longer fits: why, and what to do about it."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

Answer = Literal["rebuilt", "restart", "jump", "keep"]


class ReloadedScreen(ModalScreen[Answer]):
    """Says why the run cannot carry on as it is on the edited story; dismisses with the way on
    picked: the run ``rebuilt`` by replaying its choices (when that was possible), a ``restart``,
    a ``jump`` to a scene, or ``keep`` playing the version that was loaded before (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "answer('rebuilt')", "Replay", id="reloaded_replay", tooltip="Replay this run's choices"),
        Binding("r", "answer('restart')", "Restart", id="reloaded_restart", tooltip="Start the edited story again"),
        Binding("j", "answer('jump')", "Jump", id="reloaded_jump", tooltip="Pick a scene of the edited story"),
        Binding("escape", "answer('keep')", "Keep", id="reloaded_keep", tooltip="Play on the version loaded before"),
    ]

    def __init__(self, why: str, can_rebuild: bool) -> None:
        super().__init__()
        self.why, self.can_rebuild = why, can_rebuild

    def compose(self) -> ComposeResult:
        with Vertical(id="reloaded-dialog", classes="dialog"):
            yield Static(Text("The story changed under this run", style="bold"), id="question")
            yield Static(
                Text.assemble(self.why, "\n", ("Esc keeps playing the version loaded before.", "dim")), id="detail"
            )
            with Horizontal(classes="buttons"):
                if self.can_rebuild:
                    yield Button("Replay (p)", id="rebuilt", variant="primary")
                yield Button("Restart (r)", id="restart")
                yield Button("Jump (j)", id="jump")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id or "keep")

    def action_answer(self, answer: str) -> None:
        if answer == "rebuilt" and not self.can_rebuild:
            return
        if answer in ("rebuilt", "restart", "jump", "keep"):
            self.dismiss(answer)  # type: ignore[arg-type]  # one of Answer's values, checked above
