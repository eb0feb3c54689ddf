"""The footer of keys, rebuilt only when the keys it shows change.

Textual's ``Footer`` removes and mounts every key again on each bindings refresh: a focus
move, a screen pushed, an option enabled. The title screen gets six of those before it
settles, and each rebuild restyles every key (most of the CPU the title spends after its
first frame). This footer compares what it would show with what it shows, and keeps its
keys when nothing changed.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.widgets import Footer


class KeyFooter(Footer):
    """A ``Footer`` that recomposes only when its keys, their labels, their tooltips or whether
    they are enabled change."""

    shown: Hashable = None
    """What the keys mounted now show (None: no keys composed yet)."""

    def showing(self) -> Hashable:
        """Everything ``compose`` reads: each shown binding with its key display, whether it is
        enabled and its tooltip; the command palette's key. None before the bindings are ready."""
        if not self._bindings_ready:
            return None
        app = self.app
        keys = tuple(
            (key, binding, app.get_key_display(binding), enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )
        return (keys, self.show_command_palette, app.ENABLE_COMMAND_PALETTE, app.COMMAND_PALETTE_BINDING)

    def compose(self) -> ComposeResult:
        self.shown = self.showing()
        yield from super().compose()

    async def recompose(self) -> None:
        if self.is_attached and self.showing() == self.shown:
            return
        await super().recompose()
