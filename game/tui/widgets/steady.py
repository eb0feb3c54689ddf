"""A scrollbar that, resized by a layout, asks for no second one; and how a scrolling widget gets it."""

from __future__ import annotations

from textual.geometry import Size
from textual.scrollbar import ScrollBar
from textual.widget import Widget


class SteadyScrollBar(ScrollBar):
    """A scrollbar whose own resize never asks for another layout of the screen.

    Textual gives a widget resized by a layout its new size as a "virtual size", a reactive that
    lays the whole screen out again; a scrollbar has no children to place, so that second layout
    (and the full redraw after it) only repeats the first. Its thumb is redrawn as before."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


def steady_vertical_scrollbar(widget: Widget) -> ScrollBar:
    """``widget``'s vertical scrollbar, as a ``SteadyScrollBar`` (created when first asked for):
    what a scrolling widget's ``vertical_scrollbar`` property returns to have one."""
    if widget._vertical_scrollbar is None:
        widget._vertical_scrollbar = SteadyScrollBar(
            vertical=True, name="vertical", thickness=widget.scrollbar_size_vertical
        )
        widget._vertical_scrollbar.display = False
        widget.app._start_widget(widget, widget._vertical_scrollbar)
    return widget._vertical_scrollbar
