"""story.yaml: variables, characters, endings and status lines as the model sees them."""

from __future__ import annotations

from pathlib import Path

from game.engine.model import Story
from game.engine.play import SceneView, start, view
from game.loader import load_story
from tests.loader.written import load_written

SCENES = "- scene: a\n  ending: done\n"


def load(tmp_path: Path, manifest: str) -> Story:
    head = "id: s\ntitle: S\nstart: a\nendings:\n  done: {title: Done, description: Over.}\n"
    return load_written(tmp_path, head + manifest, SCENES)


def test_variables_of_every_kind_with_defaults_and_shorthand(tmp_path: Path) -> None:
    story = load(
        tmp_path,
        "variables:\n"
        "  flag: true\n"
        "  trust.eve: {type: int, min: 1, max: 4, overflow: clamp}\n"
        "  mood: {type: enum, values: [calm, sick]}\n"
        "  hour: {type: int, min: 0, max: 9, initial: 3, description: hours aboard}\n",
    )
    found = [(v.name, v.type.kind, v.initial, v.minimum, v.maximum, v.overflow) for v in story.variables]
    assert found == [
        ("flag", "bool", True, 0, 1, "error"),
        ("trust.eve", "int", 1, 1, 4, "clamp"),
        ("mood", "enum", "calm", 0, 1, "error"),
        ("hour", "int", 3, 0, 9, "error"),
    ]


def test_characters_endings_and_status_lines(tmp_path: Path) -> None:
    story = load(
        tmp_path,
        "player: ryong\n"
        "characters:\n"
        '  ryong: {name: Gong Ryong, color: "#7fd1ff"}\n'
        "  eve: {name: Eve Kim}\n"
        "variables:\n  n: {type: int, min: 0, max: 3}\n"
        "status:\n  - {label: Count, show: n}\n  - {label: Twice, show: n * 2, if: n > 0}\n",
    )
    assert (story.player, story.characters["ryong"].color, story.characters["eve"].color) == (
        "ryong",
        "#7fd1ff",
        "white",
    )
    assert (story.endings["done"].title, story.endings["done"].description) == ("Done", "Over.")
    assert [(s.label, s.value.source, s.condition.source if s.condition else None) for s in story.status] == [
        ("Count", "n", None),
        ("Twice", "n * 2", "n > 0"),
    ]


def test_seed_and_description_are_optional(tmp_path: Path) -> None:
    story = load(tmp_path, "seed: 7\ndescription: A hop.\n")
    assert (story.seed, story.description) == (7, "A hop.")


def test_enum_values_can_carry_the_labels_the_player_reads(tmp_path: Path) -> None:
    story = load_written(
        tmp_path,
        "id: s\ntitle: S\nstart: a\nendings:\n  done: Done\n"
        "variables:\n  tub: {type: enum, values: {in_bag: in the cooler bag, fridge: in the fridge}, initial: fridge}\n"
        "status:\n  - {label: Tub, show: tub}\n",
        "- scene: a\n  text: 'The tub is {tub}; it was {if tub == \"fridge\"}cold{else}warm{end}.'\n  ending: done\n",
    )
    tub = story.variables[0]
    assert (tub.type.names, tub.type.labels, tub.initial) == (
        ("in_bag", "fridge"),
        ("in the cooler bag", "in the fridge"),
        "fridge",
    )
    view = begin_view(story)
    assert view.blocks[0].text == "The tub is in the fridge; it was cold."
    assert [(line.label, line.value, line.reading) for line in view.status] == [("Tub", "fridge", "in the fridge")]


def test_enum_values_without_labels_read_as_written(tmp_path: Path) -> None:
    story = load(
        tmp_path, "variables:\n  mood: {type: enum, values: [calm, sick]}\nstatus:\n  - {label: Mood, show: mood}\n"
    )
    assert [line.reading for line in begin_view(story).status] == ["calm"]


def begin_view(story: Story) -> SceneView:
    return view(story, start(story, seed=1))


def test_chapters_gather_the_scenes_under_their_folders(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two" / "deep").mkdir(parents=True)
    (tmp_path / "story.yaml").write_text(
        "id: s\ntitle: S\nstart: a\nendings:\n  done: Done\n"
        "chapters:\n  - {title: Lift-off, scenes: one}\n  - {title: Day One, scenes: ./two/}\n",
        encoding="utf-8",
    )
    (tmp_path / "one" / "a.yaml").write_text("- scene: a\n  choices:\n    - {choice: On, go: b}\n", encoding="utf-8")
    (tmp_path / "two" / "deep" / "b.yaml").write_text(
        "- scene: b\n  choices:\n    - {choice: On, go: c}\n", encoding="utf-8"
    )
    (tmp_path / "c.yaml").write_text("- scene: c\n  ending: done\n", encoding="utf-8")
    result = load_story(tmp_path)
    assert result.story is not None, result.diagnostics
    story = result.story
    assert [(c.number, c.title, c.folder) for c in story.chapters] == [(1, "Lift-off", "one"), (2, "Day One", "two")]
    assert [getattr(story.chapter_of(s), "heading", None) for s in "abc"] == [
        "Chapter 1 · Lift-off",
        "Chapter 2 · Day One",
        None,
    ]
    assert begin_view(story).chapter == story.chapters[0]


def test_a_chapter_needs_a_folder_of_its_own_with_scenes_in_it(tmp_path: Path) -> None:
    (tmp_path / "one" / "inner").mkdir(parents=True)
    (tmp_path / "story.yaml").write_text(
        "id: s\ntitle: S\nstart: a\nendings:\n  done: Done\nchapters:\n"
        "  - {title: A, scenes: one}\n  - {title: B, scenes: one/inner}\n"
        "  - {title: C, scenes: nowhere}\n  - {title: D, scenes: ../out}\n",
        encoding="utf-8",
    )
    (tmp_path / "one" / "a.yaml").write_text("- scene: a\n  ending: done\n", encoding="utf-8")
    found = [(d.code, d.line, d.message.split(":")[0]) for d in load_story(tmp_path).diagnostics]
    assert found == [
        ("SG128", 8, "folder 'one/inner' overlaps chapter 1's folder 'one'"),
        ("SG128", 9, "no scene file is under 'nowhere'"),
        ("SG128", 10, "'../out' is not a folder inside the story"),
    ]


def test_a_map_names_its_art_and_the_label_of_each_place(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "deck.txt").write_text("[ Node 1 ]==[ Lab ]\n", encoding="utf-8")
    story = load_written(
        tmp_path,
        "id: s\ntitle: S\nstart: a\nendings:\n  done: Done\n"
        'map:\n  art: deck\n  places:\n    "ILS, Node 1": Node 1\n    "ILS, lab": Lab\n',
        "- scene: a\n  place: ILS, Node 1, hatch\n  ending: done\n- scene: b\n  place: ILS, lab\n  ending: done\n",
    )
    assert story.map is not None
    assert (story.map.art, story.map.label_for("ILS, Node 1, hatch")) == ("[ Node 1 ]==[ Lab ]", "Node 1")


def test_map_problems_are_warnings_at_their_place(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "deck.txt").write_text("[ Node 1 ]\n", encoding="utf-8")
    (tmp_path / "story.yaml").write_text(
        "id: s\ntitle: S\nstart: a\nendings:\n  done: Done\n"
        'map:\n  art: deck\n  places:\n    "ILS, Node 1": Node 2\n    "ILS, galley": Node 1\n',
        encoding="utf-8",
    )
    (tmp_path / "a.yaml").write_text("- scene: a\n  place: ILS, Node 1\n  ending: done\n", encoding="utf-8")
    result = load_story(tmp_path)
    assert result.story is not None and result.story.map is not None
    found = [(d.code, d.severity, d.line, d.message.split(":")[0]) for d in result.diagnostics]
    assert found == [
        ("SG129", "warning", 9, "the label 'Node 2' is not in the map's art (as a whole word)"),
        ("SG129", "warning", 10, "no scene is at 'ILS, galley' (or a place starting with it)"),
    ]
    (tmp_path / "story.yaml").write_text(
        "id: s\ntitle: S\nstart: a\nendings:\n  done: Done\nmap: {art: nothing, places: {}}\n", encoding="utf-8"
    )
    result = load_story(tmp_path)
    assert result.story is not None and result.story.map is None
    assert [(d.code, d.line) for d in result.diagnostics] == [("SG129", 6)]


def test_map_places_written_as_a_list_is_a_shape_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "deck.txt").write_text("[ Node 1 ]\n", encoding="utf-8")
    (tmp_path / "story.yaml").write_text(
        "id: s\ntitle: S\nstart: a\nendings:\n  done: Done\nmap:\n  art: deck\n  places: [x]\n", encoding="utf-8"
    )
    (tmp_path / "a.yaml").write_text("- scene: a\n  ending: done\n", encoding="utf-8")
    result = load_story(tmp_path)
    assert result.story is None
    assert [(d.code, d.severity, d.line, d.col) for d in result.diagnostics] == [("SG103", "error", 8, 11)]


def test_control_characters_in_map_art_are_refused_at_their_place(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "deck.txt").write_text("[ Node 1 ]\n  \x1b]0;owned\x07 Lab\n", encoding="utf-8")
    (tmp_path / "story.yaml").write_text(
        'id: s\ntitle: S\nstart: a\nendings:\n  done: Done\nmap:\n  art: deck\n  places:\n    "Node 1": Node 1\n',
        encoding="utf-8",
    )
    (tmp_path / "a.yaml").write_text("- scene: a\n  place: Node 1\n  ending: done\n", encoding="utf-8")
    result = load_story(tmp_path)
    assert result.story is not None and result.story.map is None
    found = [(d.file, d.code, d.severity, d.line, d.col) for d in result.diagnostics]
    assert found == [("maps/deck.txt", "SG129", "warning", 2, 3)]
    assert "U+001B" in result.diagnostics[0].message
