"""The station map: M shows the story's art with where the player is and has been."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot

from game.engine.model import StationMap
from game.tui.app import StarsGossipApp
from game.tui.screens.stationmap import HERE_STYLE, VISITED_STYLE, MapScreen, marked_map
from tests.tui.conftest import SEED, TEST_SETTINGS, TUI_SMALL, drive, screen_text, start_game

ART = "[ Node 1 ]==[ Module 3 ]==[ Lab ]"
STATION = StationMap(ART, (("Node 1", "Node 1"), ("Module 3", "Module 3"), ("Lab", "Lab")))


def test_the_current_place_is_reversed_and_visited_ones_underlined_and_named() -> None:
    art, legend = marked_map(STATION, "Module 3", ["Node 1, G.O-10", "Module 3", "Earth"])
    styles = {ART[span.start : span.end]: str(span.style) for span in art.spans}
    assert styles == {"Module 3": HERE_STYLE, "Node 1": VISITED_STYLE}
    console = Console(width=60, record=True)
    console.print(legend)
    text = console.export_text()
    assert "◆ You are here: Module 3" in text and "✓ Visited: Node 1" in text and "Lab" not in text


def test_a_place_off_the_map_says_so() -> None:
    console = Console(width=80, record=True)
    console.print(marked_map(STATION, "Baikonur, pad", [])[1])
    assert "You are here: Baikonur, pad (not on this map)" in console.export_text()


def test_a_label_is_marked_only_where_it_stands_whole() -> None:
    art = "[ Node 10 ]==[ Node 1 ]"
    marked, _ = marked_map(StationMap(art, (("Node 1", "Node 1"),)), "Node 1", [])
    spans = [(span.start, span.end) for span in marked.spans]
    assert spans == [(art.index("Node 1 ]"), art.index("Node 1 ]") + len("Node 1"))]


def test_the_map_is_as_wide_as_its_art_in_cells_for_wide_characters() -> None:
    art = "[ 실험실 ]" * 6  # 42 characters, 60 cells
    station = StationMap(art, (("Lab", "실험실"),))

    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.app.push_screen(MapScreen(station, "Lab", []))
        await pilot.pause()
        assert pilot.app.screen.query_one("#map-art").styles.width.value == 60  # type: ignore[union-attr]
        assert art in screen_text(pilot.app)  # on one line, unwrapped

    drive(StarsGossipApp(TUI_SMALL, SEED, TEST_SETTINGS), scenario, size=(100, 30))


def test_the_longest_declared_place_wins() -> None:
    station = StationMap("ILS  Node 1  log", (("ILS", "ILS"), ("ILS, Node 1", "Node 1")))
    assert [station.label_for(p) for p in ("ILS, Node 1, log", "ILS, galley", "ILSX", "G.O-10")] == [
        "Node 1",
        "ILS",
        None,
        None,
    ]


def story_with_map(tmp_path: Path) -> Path:
    story = tmp_path / "story"
    shutil.copytree(TUI_SMALL, story)
    (story / "maps").mkdir()
    (story / "maps" / "deck.txt").write_text(ART + "\n", encoding="utf-8")
    with (story / "story.yaml").open("a", encoding="utf-8") as manifest:
        manifest.write('map:\n  art: deck\n  places:\n    "Node 1": Node 1\n    "Module 3": Module 3\n')
    return story


def test_m_opens_the_map_at_the_current_place_and_closes_again(tmp_path: Path) -> None:
    app = StarsGossipApp(story_with_map(tmp_path), SEED, TEST_SETTINGS)

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        assert "◆ You are here: Node 1" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(app.screen, MapScreen)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "◆ You are here: Module 3" in text and "✓ Visited: Node 1" in text

    drive(app, scenario)


def test_a_story_without_a_map_offers_no_map_key(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()

    async def scenario(pilot: Pilot[int]) -> None:
        await start_game(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(app.screen, MapScreen)
        assert "Map" not in screen_text(app).splitlines()[-1]

    drive(app, scenario)


PLACES = ("galley", "comms nook", "cargo bay", "fly lab", "Node 1", "crew quarters", "observation module")
"""Visited places whose names, listed, are wider than the minimum terminal."""


def test_the_visited_list_wraps_between_names_under_the_first_one() -> None:
    station = StationMap(" ".join(PLACES), tuple((place, place) for place in PLACES))
    console = Console(width=40, record=True)
    console.print(marked_map(station, "Lab", PLACES)[1])
    lines = console.export_text().splitlines()[1:]
    assert lines[0].startswith("✓ Visited: galley, ")
    assert all(line.startswith(" " * len("✓ Visited: ")) and len(line) <= 40 for line in lines[1:])
    names = " ".join(line.strip() for line in lines).removeprefix("✓ Visited: ").split(", ")
    assert names == list(PLACES)  # each name whole, on one line


def test_the_visited_list_wraps_on_screen_at_the_minimum_size() -> None:
    """The playtest at 60x18: "✓ Visited: galley, comms nook, cargo bay, fly lab, Nod", cut."""
    art = "\n".join(f"[ {place} ]" + "=" * 60 for place in PLACES)  # wider than the terminal
    station = StationMap(art, tuple((place, place) for place in PLACES))

    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.app.push_screen(MapScreen(station, "Lab", PLACES))
        await pilot.pause()
        legend = pilot.app.screen.query_one("#map-legend").region
        assert pilot.app.screen.query_one("#map-frame").region.contains_region(legend)
        rows = screen_text(pilot.app).splitlines()[legend.y : legend.bottom]
        words = " ".join(row[legend.x : legend.right].strip() for row in rows)
        visited = words[words.index("✓ Visited: ") + len("✓ Visited: ") :]
        assert visited.split(", ") == list(PLACES)  # every name on screen, whole

    drive(StarsGossipApp(TUI_SMALL, SEED, TEST_SETTINGS), scenario, size=(60, 18))
