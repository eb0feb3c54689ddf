"""Radio buttons and checkboxes whose state shows in their shape, not only in their colour.

Textual draws an on and an off button with the same mark in two colours; a player who cannot
tell those colours apart (or a high-contrast theme, or a monochrome terminal) cannot tell which
speed is picked. These draw a mark only when on.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class MarkedRadioButton(RadioButton):
    """A radio button drawn ``(●)`` when picked and ``( )`` when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class MarkedCheckbox(Checkbox):
    """A checkbox drawn with a tick when on and empty when off."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button
