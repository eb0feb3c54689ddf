"""``map:`` in story.yaml: text art of the story's world, and the label that marks each place.

```yaml
map:
  art: station              # maps/station.txt in the story folder, else the game's assets/maps/
  places:                   # a place as scenes name it (or its start) -> its label in the art
    "ILS, galley": galley
    "ILS, Node 1": Node 1
```

Problems here are warnings (SG129, bad-map): a story plays the same without its map. A value of
the wrong shape (``places`` written as a list) is the usual shape error (SG103).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from game.engine.diagnostics import Code, Diagnostic
from game.engine.model import StationMap, label_start
from game.loader.fields import ID, Reader
from game.loader.files import readable, within
from game.loader.yamlread import REFUSED, editor_place

MAX_ART_BYTES = 64 * 1024
"""A map is a screenful or two of text; anything larger is not art we can show."""

MapFolder = tuple[Path, Path]
"""A folder to look for maps in, and the resolved folder its files must stay inside."""


def read_map(node: yaml.Node, reader: Reader, folders: list[MapFolder]) -> tuple[StationMap | None, yaml.Node | None]:
    """The map the manifest names, with the node of its ``places`` (for the place check once
    the scenes are read); None when there is no usable art."""
    entries = reader.mapping(node, "map", {"art", "places"}, {"art", "places"})
    if entries is None or "art" not in entries or "places" not in entries:
        return None, None
    art_node = entries["art"][1]
    name = reader.text(art_node, "the map's art")
    if name is None:
        return None, None
    found = _find_art(name, folders)
    if isinstance(found, Diagnostic):
        reader.problems.append(found)
        return None, None
    art = found
    if art is None:
        looked = ", ".join(readable(str(folder / f"{name}.txt")) for folder, _ in folders)
        reader.report(Code.BAD_MAP, art_node, f"no map art '{name}': looked for {looked}")
        return None, None
    places_node = entries["places"][1]
    places: list[tuple[str, str]] = []
    if not reader.shape(places_node, yaml.MappingNode, "the map's places"):
        return StationMap(art, (), reader.pos(node)), None
    assert isinstance(places_node, yaml.MappingNode)
    for key, value in places_node.value:
        place = reader.text(key, "a place on the map")
        label = reader.text(value, f"the label of '{place}' on the map")
        if place is None or label is None:
            continue
        if label_start(art, label) is None:
            reader.report(
                Code.BAD_MAP,
                value,
                f"the label '{label}' is not in the map's art (as a whole word): write it in {name}.txt as it appears there",
            )
            continue
        places.append((place, label))
    return StationMap(art, tuple(places), reader.pos(node)), places_node


def _find_art(name: str, folders: list[MapFolder]) -> str | Diagnostic | None:
    """The art of the map ``name``; None when there is none to read, or a warning at the
    character that would reach the terminal as a control sequence."""
    if not ID.match(name):
        return None
    for folder, root in folders:
        candidate = folder / f"{name}.txt"
        if candidate.is_file() and within(candidate, root) is not None:
            try:
                data = candidate.read_bytes()[: MAX_ART_BYTES + 1]
            except OSError:
                return None
            if len(data) > MAX_ART_BYTES:
                return None
            art = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
            refused = REFUSED.search(art)
            if refused is not None:
                shown = readable(f"maps/{name}.txt")
                return Diagnostic.make(
                    Code.BAD_MAP,
                    shown,
                    *editor_place(art, refused.start()),
                    f"control character U+{ord(refused.group()):04X} in the map's art: remove it (the map is not shown)",
                )
            return art.rstrip("\n")
    return None


def check_places(station: StationMap, places_node: yaml.Node, scene_places: Iterable[str], reader: Reader) -> None:
    """Warn about declared places that no scene is in (a typo, or a place written out)."""
    used = set(scene_places)
    assert isinstance(places_node, yaml.MappingNode)
    declared = {place for place, _ in station.places}
    for key, _ in places_node.value:
        place = key.value if isinstance(key, yaml.ScalarNode) else None
        if place in declared and not any(p == place or p.startswith(place + ",") for p in used):
            reader.report(Code.BAD_MAP, key, f"no scene is at '{place}' (or a place starting with it): check the name")
