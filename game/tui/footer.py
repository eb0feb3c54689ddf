"""The footer of keys: composed with the screen, and rebuilt only when the keys it shows change.

Textual's ``Footer`` starts empty, fills in once the screen has reported its bindings (after
the first frame, at the cost of a layout), and removes and mounts every key again on each
bindings refresh: a focus move, a screen pushed, an option enabled. The title screen gets six
of those before it settles, and each rebuild restyles every key. This footer composes its keys
with the screen, compares what it would show with what it shows, keeps its keys when nothing
changed, and opens or closes a key in place when only that changed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, KeyGroup

Shown = tuple[tuple[tuple[str, Binding, str, bool, str], ...], bool, bool, str]
"""Each shown key (key, binding, key display, enabled, tooltip), then what decides the palette's key."""


class KeyFooter(Footer):
    """A ``Footer`` with its keys from the start, that recomposes only when its keys, their
    labels or the palette's key change, and opens or closes a key in place."""

    shown: Shown | None = None
    """What the keys mounted now show (None: no keys composed yet)."""

    def showing(self) -> Shown:
        """Everything ``compose`` reads: each shown binding with its key display, whether it is
        enabled and its tooltip; the command palette's key."""
        app = self.app
        keys = tuple(
            (key, binding, app.get_key_display(binding), enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )
        return (keys, self.show_command_palette, app.ENABLE_COMMAND_PALETTE, app.COMMAND_PALETTE_BINDING)

    def compose(self) -> ComposeResult:
        # The screen's bindings are known when it composes: the keys are drawn in the first
        # frame rather than after it (``Footer`` waits for the screen's first report of them).
        self._bindings_ready = True
        self.shown = self.showing()
        yield from super().compose()

    async def recompose(self) -> None:
        if not self.is_attached:
            await super().recompose()
            return
        now = self.showing()
        if now == self.shown:
            return
        if self.shown is not None and _same_keys(now, self.shown) and not self.query(KeyGroup):
            self._open_in_place(now)
            return
        await super().recompose()

    def _open_in_place(self, now: Shown) -> None:
        """Open or close keys, and set their tooltips, without mounting them again: what
        ``compose`` would give a key it made now (``FooterKey`` keeps "enabled" as a class
        and the flag a click reads)."""
        enabled = {binding.key: (on, tooltip) for _, binding, _, on, tooltip in now[0]}
        for footer_key in self.query(FooterKey):
            on, tooltip = enabled[footer_key.key]
            footer_key._disabled = not on
            footer_key.set_class(not on, "-disabled")
            if not footer_key.has_class("-command-palette"):  # its tooltip is its binding's own
                footer_key.tooltip = tooltip or None
        self.shown = now


def _same_keys(one: Shown, other: Shown) -> bool:
    """Whether ``one`` and ``other`` show the same keys with the same labels (enabled or not)."""
    return one[1:] == other[1:] and [entry[:3] for entry in one[0]] == [entry[:3] for entry in other[0]]
