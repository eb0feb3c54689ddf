"""Line mode's layout: headings, paragraphs, numbered choices, the pick, the map and endings."""

from __future__ import annotations

import io

from game.engine import Block, Chapter, ChoiceView, Ending, SceneView, StatusLine
from game.engine.model import Character, StationMap
from game.plain.page import WIDTH, Page


def page() -> tuple[Page, io.StringIO]:
    out = io.StringIO()
    return Page(out), out


def scene(
    title: str = "The hatch",
    place: str = "Node 1",
    blocks: tuple[Block, ...] = (),
    choices: tuple[ChoiceView, ...] = (),
    status: tuple[StatusLine, ...] = (),
) -> SceneView:
    return SceneView("hatch", title, place, blocks, choices, status, None)


def test_scene_heading_joins_title_and_place() -> None:
    p, out = page()
    p.show(scene())
    assert out.getvalue() == "== The hatch — Node 1 ==\n\n"


def test_scene_heading_names_a_place_equal_to_the_title_once() -> None:
    p, out = page()
    p.show(scene(title="Cupola", place="Cupola"))
    assert out.getvalue() == "== Cupola ==\n\n"


def test_a_scene_without_title_or_place_has_no_heading() -> None:
    p, out = page()
    p.show(scene(title="", place="", blocks=(Block(None, None, None, "Dark."),)))
    assert out.getvalue() == "Dark.\n\n"


def test_the_chapter_opened_is_headed_before_the_scene() -> None:
    p, out = page()
    p.show(scene(), Chapter(2, "Orbit", "act2"))
    assert out.getvalue().startswith("### Chapter 2 · Orbit ###\n\n== The hatch")


def test_a_line_is_quoted_after_its_speaker_and_narration_is_not() -> None:
    p, out = page()
    p.show(scene(blocks=(Block("eve", "Eve Kim", "cyan", "Welcome."), Block(None, None, None, "[She smiles.]"))))
    assert 'Eve Kim: "Welcome."\n\n[She smiles.]\n\n' in out.getvalue()


def test_status_lines_share_one_bracketed_line() -> None:
    p, out = page()
    p.show(scene(status=(StatusLine("Trust", 2, 0, 5), StatusLine("Card", True, shown="yes"))))
    assert "[Trust: 2 | Card: yes]\n\n" in out.getvalue()


def test_a_long_choice_wraps_under_its_text_not_its_number() -> None:
    p, out = page()
    text = "I would like to see the observation module before anyone else wakes up on this station, please"
    p.show(scene(choices=(ChoiceView(1, "a", text, spoken=True), ChoiceView(12, "b", "Leave", spoken=False))))
    lines = out.getvalue().splitlines()
    first = lines.index('  1. "I would like to see the observation module before anyone else wakes up')
    assert lines[first + 1] == '     on this station, please"'
    assert "  12. Leave" in lines
    assert all(len(line) <= WIDTH for line in lines)


def test_writer_paragraphs_keep_their_line_breaks_and_blank_lines() -> None:
    p, out = page()
    p.paragraph("One.\n\nTwo.")
    assert out.getvalue() == "One.\n\nTwo.\n"


def test_a_notice_never_splits_a_long_path() -> None:
    p, out = page()
    path = "/very/long/" + "folder/" * 15 + "save.json"
    p.notice(f"Not saved. {path} is read-only.")
    assert path in out.getvalue().splitlines()


def test_a_spoken_pick_is_the_players_line_and_another_follows_the_arrows() -> None:
    p, out = page()
    gong = Character("gong", "Gong Ryong", "green")
    p.picked(ChoiceView(1, "hi", "Hello.", spoken=True), gong)
    p.picked(ChoiceView(2, "go", "Float away", spoken=False), gong)
    p.picked(ChoiceView(1, "hi", "Hello.", spoken=True), None)
    assert out.getvalue() == 'Gong Ryong: "Hello."\n\n>> Float away\n\n>> Hello.\n\n'


def test_the_map_marks_here_and_the_places_visited() -> None:
    p, out = page()
    station = StationMap("[Galley]--[Cupola]--[Lab]", (("Galley", "Galley"), ("Cupola", "Cupola"), ("Lab", "Lab")))
    p.map(station, "Cupola", ("Galley", "Cupola", "Lab", "Galley"))
    assert out.getvalue() == ("[Galley]--[Cupola]--[Lab]\n\nYou are here: Cupola.\nVisited: Galley, Lab.\n\n")


def test_a_place_off_the_map_is_named_in_words() -> None:
    p, out = page()
    p.map(StationMap("[Galley]", (("Galley", "Galley"),)), "Airlock", ())
    assert "You are here: Airlock (not on this map).\n" in out.getvalue()
    p.map(StationMap("[Galley]", (("Galley", "Galley"),)), "", ())
    assert "You are here: somewhere (not on this map).\n" in out.getvalue()


def test_a_story_without_a_map_says_so() -> None:
    p, out = page()
    p.map(None, "Galley", ())
    assert out.getvalue() == "This story has no map.\n"


def test_an_ending_shows_its_title_and_description() -> None:
    p, out = page()
    p.ending(Ending("home", "Home safe", "You land."))
    p.ending(Ending("quiet", "Quiet"))
    assert out.getvalue() == "*** Ending: Home safe ***\nYou land.\n\n*** Ending: Quiet ***\n\n"


def test_ready_shows_the_prompt_without_a_newline() -> None:
    p, out = page()
    p.ready()
    assert out.getvalue() == "> "
