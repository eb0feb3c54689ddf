"""The station map: the story's text art with where the player is and where they have been.

Marks never rely on colour alone: the current place is drawn in reverse with a ◆ in the
legend, visited places are underlined and listed by name under the map. The art keeps its
shape and scrolls when the terminal is smaller than it; the legend under it wraps to the
terminal's width and stays in view.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from game.engine.model import StationMap, label_start

HERE_STYLE = "bold reverse"
VISITED_STYLE = "bold underline"


def marked_map(station: StationMap, here: str, visited: Iterable[str]) -> tuple[Text, Group]:
    """The art with the label of the place ``here`` and those of the ``visited`` places marked,
    and a legend that says the same in words."""
    art = Text(station.art)
    here_label, seen = station.marks(here, visited)
    for label in seen:
        _mark(art, station.art, label, VISITED_STYLE)
    if here_label is not None:
        _mark(art, station.art, here_label, HERE_STYLE)
    if here_label is not None:
        where = Text.assemble(("◆ You are here: ", "bold"), (here_label, HERE_STYLE))
    else:
        where = Text(f"◆ You are here: {here or 'somewhere'} (not on this map)", style="bold")
    if not seen:
        return art, Group(where)
    names = [Text.assemble((label, VISITED_STYLE)) for label in seen]  # the style on the name alone
    return art, Group(where, NameList(Text("✓ Visited: ", style="bold"), names))


class NameList:
    """A heading and names after it, separated by commas and wrapped to the width it is drawn
    in between names, never inside one ("Node 1" stays whole); later lines start under the first
    name."""

    def __init__(self, heading: Text, names: list[Text]) -> None:
        self.heading, self.names = heading, names

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        indent = self.heading.cell_len if self.heading.cell_len * 2 <= width else 0
        line = self.heading.copy()
        fresh = True  # nothing after the heading or the indent yet
        for i, name in enumerate(self.names):
            piece = name.copy()
            piece.append("," if i < len(self.names) - 1 else "")
            gap = "" if fresh else " "
            if not fresh and line.cell_len + len(gap) + piece.cell_len > width:
                yield line
                line, gap = Text(" " * indent), ""
            line.append(gap)
            line.append_text(piece)
            fresh = False
        yield line


def _mark(art: Text, plain: str, label: str, style: str) -> None:
    start = label_start(plain, label)
    if start is not None:
        art.stylize(style, start, start + len(label))


class MapScreen(ModalScreen[None]):
    """The map over the game; any of its keys closes it."""

    DEFAULT_CSS = """
    MapScreen { align: center middle; }
    MapScreen > #map-frame {
        max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    #map-frame > #map-view { height: auto; max-height: 1fr; }
    #map-view > #map-art { height: auto; }
    #map-frame > #map-legend { dock: bottom; height: auto; width: 100%; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,m,q", "dismiss", "Close", tooltip="Back to the story"),
    ]

    def __init__(self, station: StationMap, here: str, visited: Iterable[str]) -> None:
        super().__init__()
        self.station = station
        self.here = here
        self.visited = tuple(visited)

    def compose(self) -> ComposeResult:
        art_width = max((cell_len(line) for line in self.station.art.splitlines()), default=0)
        art, legend = marked_map(self.station, self.here, self.visited)
        with Vertical(id="map-frame") as frame:
            frame.border_title = "Station map"
            frame.border_subtitle = "M or Esc to close"
            frame.styles.width = max(art_width, 40) + 4  # the art, its padding and border
            yield Static(legend, id="map-legend")
            with ScrollableContainer(id="map-view"):
                drawing = Static(art, id="map-art")
                drawing.styles.width = max(art_width, 40)
                yield drawing
