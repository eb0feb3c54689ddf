"""The settings dialog: theme, text reveal speed, reduced motion; saved when the player says so.

Reduced motion shows all text at once, so while it is ticked the reveal speeds are greyed out
(and skipped by Tab), with a line saying why.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioSet, Select
from textual.widgets._select import SelectCurrent, SelectOverlay

from game.tui.settings import REVEAL_SPEEDS, Settings, save_settings
from game.tui.widgets.toggles import MarkedCheckbox, MarkedRadioButton

if TYPE_CHECKING:
    from game.tui.gameapp import GameApp


REVEAL_OFF = "Not used while Reduced motion is on: text appears at once."
"""Under the greyed-out reveal speeds: why they are greyed out."""


class SpeedSet(RadioSet):
    """The reveal speeds, side by side; the keyboard highlight starts on the speed in use."""

    def on_mount(self) -> None:
        # RadioSet's own mount handler (run after this one) highlights the first button.
        self.call_later(self._highlight_pressed)

    def _highlight_pressed(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index


class SettingsScreen(ModalScreen[Settings | None]):
    """Edits a copy of the settings; the theme previews live. Dismisses with the saved settings,
    or None when cancelled (the previous theme is put back)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="settings_cancel", tooltip="Close without saving")
    ]

    if TYPE_CHECKING:
        app: GameApp

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.original = settings
        self.edited = settings

    def compose(self) -> ComposeResult:
        themes = sorted(self.app.available_themes)
        with Vertical(id="settings-dialog", classes="dialog") as dialog:
            dialog.border_title = "Settings"
            dialog.border_subtitle = "Esc cancels"
            # The fields scroll (wheel, or Tab to any of them) while Save and Cancel stay in view.
            with VerticalScroll(id="settings-fields") as fields:
                fields.can_focus = False  # no Tab stop of its own: focusing a field scrolls to it
                yield Label("Theme")
                # A theme saved by another version may be gone: show the one in use instead.
                current = self.original.theme if self.original.theme in themes else self.app.theme
                yield Select(((t, t) for t in themes), value=current, allow_blank=False, id="theme", compact=True)
                yield Label("Text reveal speed")
                reduced = self.original.reduced_motion
                with SpeedSet(id="reveal", compact=True, disabled=reduced):
                    for speed in REVEAL_SPEEDS:
                        yield MarkedRadioButton(speed.capitalize(), value=speed == self.original.reveal, name=speed)
                note = Label(REVEAL_OFF, id="reveal-note")
                note.display = reduced
                yield note
                yield MarkedCheckbox(
                    "Reduced motion", value=self.original.reduced_motion, id="reduced-motion", compact=True
                )
                yield Label("No text reveal, no smooth scrolling.", id="motion-note")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        theme = self.query_one("#theme", Select)
        theme.query_one(SelectOverlay).border_title = f"{len(self.app.available_themes)} themes"
        self.watch(theme, "expanded", self.fit_theme_list, init=False)

    def fit_theme_list(self, expanded: bool) -> None:
        """Keep the open list of themes inside the dialog: it ends above the dialog's bottom
        border and scrolls (with a scrollbar) when the themes do not all fit."""
        if not expanded:
            return
        theme = self.query_one("#theme", Select)
        overlay = theme.query_one(SelectOverlay)
        top = theme.query_one(SelectCurrent).region.bottom
        bottom = self.query_one("#settings-dialog").region.bottom - 1  # its bottom border
        overlay.styles.max_height = max(bottom - top, 3)
        overlay.call_after_refresh(overlay.scroll_to_highlight)

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.edited = replace(self.edited, theme=event.value)
            self.app.theme = event.value

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.pressed.name:
            self.edited = replace(self.edited, reveal=event.pressed.name)

    def on_checkbox_changed(self, event: MarkedCheckbox.Changed) -> None:
        self.edited = replace(self.edited, reduced_motion=event.value)
        self.query_one("#reveal", SpeedSet).disabled = event.value
        self.query_one("#reveal-note", Label).display = event.value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        else:
            self.action_cancel()

    def save(self) -> None:
        """Apply and persist the edited settings, then close."""
        self.app.apply_settings(self.edited)
        try:
            save_settings(self.edited)
        except OSError as problem:
            self.app.notify(f"Settings apply now but could not be saved: {problem}", severity="warning", markup=False)
        self.dismiss(self.edited)

    def action_cancel(self) -> None:
        self.app.apply_settings(self.original)
        self.dismiss(None)
