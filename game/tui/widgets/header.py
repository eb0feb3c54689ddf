"""The play screen's header: Textual's, told of each new scene by the screen directly."""

from __future__ import annotations

from textual.widgets import Header
from textual.widgets._header import HeaderTitle  # the header's title line; not re-exported


class SceneHeader(Header):
    """Textual's ``Header``, whose title line the play screen sets once per scene with ``show``.

    A screen's ``title`` and ``sub_title`` are reactive: set the usual way, each repaints the
    whole screen and reaches the header through a watcher of its own, which lays the screen out
    again. A scene changes both on every choice, so the play screen stores them without watchers
    (``set_reactive``) and calls ``show``: one repaint of the one line that changed.
    """

    _title: HeaderTitle | None = None

    def show(self) -> None:
        """Draw the screen's title and sub-title as they are now."""
        if self._title is None:  # found once: the header's children stay
            self._title = self.query_one(HeaderTitle)
        # The title line is one line however long the title (it ends in an ellipsis): no layout.
        self._title.update(self.format_title(), layout=False)
