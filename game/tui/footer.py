"""The footer of keys: composed with the screen, and rebuilt only when the keys it shows change.

Textual's ``Footer`` starts empty, fills in once the screen has reported its bindings (after
the first frame, at the cost of a layout), and removes and mounts every key again on each
bindings refresh: a focus move, a screen pushed, an option enabled. The title screen gets six
of those before it settles, and each rebuild restyles every key. This footer composes its keys
with the screen, compares what it would show with what it shows, keeps its keys when nothing
changed, and opens or closes a key in place when only that changed.

It also fits its width: where the keys would run under the palette's key and be cut (60
columns), it first draws them closer together, then shows the palette's key without its label,
then leaves keys out from the right, never Quit or Help (the way out, and the way to every
key). A key is shown whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, KeyGroup

KEPT = frozenset({"quit", "help"})
"""The ids of the bindings never left out for want of room (the app's Quit and Help)."""


@dataclass(frozen=True, slots=True)
class Fit:
    """How the keys fit the footer's width: closer together, the palette's key without its label,
    and the keys left out (by their key)."""

    compact: bool = False
    bare_palette: bool = False
    left_out: frozenset[str] = frozenset()


ShownKey = tuple[str, Binding, str, bool, str]
"""A key the footer shows: key, binding, key display, enabled, tooltip."""
Shown = tuple[tuple[ShownKey, ...], bool, bool, str, Fit]
"""Each shown key, then what decides the palette's key, then how they fit the width."""


def fit(keys: tuple[ShownKey, ...], palette_key: str, width: int) -> Fit:
    """The first way of showing ``keys`` (and the palette's key, its display ``palette_key``,
    empty when it is not shown) that fits ``width`` columns: as they are, closer together, with
    the palette's key bare, then leaving keys out from the right, never those in ``KEPT``."""
    spaced = sum(len(display) + len(binding.description) + 3 for _, binding, display, _, _ in keys)
    palette = len(palette_key) + len("palette") + 3 if palette_key else 0
    if spaced + palette <= width:
        return Fit()
    close = [(key, len(display) + len(binding.description) + 2, binding.id) for key, binding, display, _, _ in keys]
    if sum(size for _, size, _ in close) + palette <= width:
        return Fit(compact=True)
    bare = len(palette_key) + 2 if palette_key else 0
    total = sum(size for _, size, _ in close) + bare
    left_out: set[str] = set()
    for key, size, binding_id in reversed(close):
        if total <= width:
            break
        if binding_id not in KEPT:
            left_out.add(key)
            total -= size
    return Fit(compact=True, bare_palette=bool(palette_key), left_out=frozenset(left_out))


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
        palette = next((entry for entry in keys if entry[0] == app.COMMAND_PALETTE_BINDING), None)
        shows_palette = palette is not None and self.show_command_palette and app.ENABLE_COMMAND_PALETTE
        actions = {entry[1].action: entry for entry in reversed(keys) if entry[1].show}
        listed = tuple(entry for entry in keys if actions.get(entry[1].action) is entry)  # one key an action, as drawn
        how = fit(listed, palette[2] if shows_palette and palette is not None else "", app.size.width)
        return (keys, self.show_command_palette, app.ENABLE_COMMAND_PALETTE, app.COMMAND_PALETTE_BINDING, how)

    def compose(self) -> ComposeResult:
        # The screen's bindings are known when it composes: the keys are drawn in the first
        # frame rather than after it (``Footer`` waits for the screen's first report of them).
        self._bindings_ready = True
        self.shown = self.showing()
        how = self.shown[4]
        self.set_reactive(Footer.compact, how.compact)
        self.set_class(how.compact, "-compact")
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if widget.key in how.left_out:
                    continue
                if how.bare_palette and widget.has_class("-command-palette"):
                    widget.description = ""
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        if self.shown is not None and self.showing()[4] != self.shown[4]:
            self.call_after_refresh(self.recompose)  # the keys fit the new width another way

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
