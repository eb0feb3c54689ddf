"""The station map: the story's text art with where the player is and where they have been.

Marks never rely on colour alone: the current place is drawn in reverse with a ◆ in the
legend, visited places are underlined and listed by name under the map.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.screen import ModalScreen
from textual.widgets import Static

from game.engine.model import StationMap, label_start

HERE_STYLE = "bold reverse"
VISITED_STYLE = "bold underline"


def marked_map(station: StationMap, here: str, visited: Iterable[str]) -> Group:
    """The art with the label of the place ``here`` and those of the ``visited`` places marked,
    and a legend that says the same in words."""
    art = Text(station.art)
    here_label, seen = station.marks(here, visited)
    for label in seen:
        _mark(art, station.art, label, VISITED_STYLE)
    if here_label is not None:
        _mark(art, station.art, here_label, HERE_STYLE)
    legend = Text()
    if here_label is not None:
        legend.append("◆ You are here: ", style="bold")
        legend.append(here_label, style=HERE_STYLE)
    else:
        legend.append(f"◆ You are here: {here or 'somewhere'} (not on this map)", style="bold")
    if seen:
        legend.append("\n✓ Visited: ", style="bold")
        for i, label in enumerate(seen):
            legend.append(", " if i else "")
            legend.append(label, style=VISITED_STYLE)
    return Group(art, Text(), legend)


def _mark(art: Text, plain: str, label: str, style: str) -> None:
    start = label_start(plain, label)
    if start is not None:
        art.stylize(style, start, start + len(label))


class MapScreen(ModalScreen[None]):
    """The map over the game; any of its keys closes it."""

    DEFAULT_CSS = """
    MapScreen { align: center middle; }
    MapScreen > ScrollableContainer {
        max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    MapScreen Static { height: auto; width: auto; }
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
        with ScrollableContainer() as scroll:
            scroll.border_title = "Station map"
            scroll.border_subtitle = "M or Esc to close"
            scroll.styles.width = max(art_width, 40) + 4  # the art, its padding and border
            art = Static(marked_map(self.station, self.here, self.visited), id="map-art")
            art.styles.width = max(art_width, 40)
            yield art
