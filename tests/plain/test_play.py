"""The line-mode front end: what a player at a screen reader or a pipe sees, saving and loading included."""

from __future__ import annotations

import errno
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.model import Story
from game.loader import load_story
from game.plain import PlainGame
from game.saves import Shelf, encode
from game.saves.records import found_endings
from tests.conftest import STORIES
from tests.saves.helpers import V1_ROUTE, evolved, run_of, save_of
from tests.support import write_chaptered_story


@pytest.fixture(scope="module")
def story() -> Story:
    loaded = load_story(STORIES / "minimal").story
    assert loaded is not None
    return loaded


def play(story: Story, inputs: list[str], seed: int = 3) -> tuple[int, str]:
    out = io.StringIO()
    status = PlainGame(story, out, echo_input=True).play(iter(line + "\n" for line in inputs), seed)
    return status, out.getvalue()


def test_scene_shows_heading_text_speakers_status_and_numbered_choices(story: Story) -> None:
    _, out = play(story, [])
    assert "== The hatch — Node 1 ==" in out
    assert "The hatch swings open. [Brackets] stay as written." in out
    assert 'Eve Kim: "Trust is 0. No card."' in out
    assert "[Trust: 0]" in out
    assert '  1. "Hello, Commander."\n  2. Take the card\n  3. Flip a coin' in out


def test_spoken_choice_is_echoed_as_the_players_line(story: Story) -> None:
    _, out = play(story, ["1"])
    assert 'Gong Ryong: "Hello, Commander."' in out


def test_reaching_an_ending_prints_it_and_exits_zero(story: Story) -> None:
    status, out = play(story, ["1", "1", "2"])
    assert status == 0
    assert "*** Ending: Home safe ***" in out
    assert out.rstrip().endswith("Thank you for playing.")


def test_end_of_input_stops_cleanly(story: Story) -> None:
    status, out = play(story, ["1"])
    assert status == 0
    assert out.rstrip().endswith("Goodbye. (The story stops here; nothing was saved.)")


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("9", "'9' is not a choice here: type a number (1-3)"),
        ("0", "'0' is not a choice here"),
        ("-1", "'-1' is not a choice here"),
        ("hello", "'hello' is not a choice here"),
        ("", "Type a number (1-3) and press Enter."),
        ("h", "Type the number of a choice"),
    ],
)
def test_invalid_input_gets_a_hint_and_the_prompt_again(story: Story, typed: str, hint: str) -> None:
    status, out = play(story, [typed, "1"])
    assert status == 0
    assert hint in out
    assert 'Gong Ryong: "Hello, Commander."' in out


def test_quit_stops_at_once(story: Story) -> None:
    status, out = play(story, ["q", "1"])
    assert status == 0
    assert "Gong Ryong" not in out


@given(st.lists(st.text(max_size=12).filter(lambda s: "\n" not in s and "\r" not in s), max_size=25))
def test_garbage_input_never_crashes(story: Story, lines: list[str]) -> None:
    status, out = play(story, lines)
    assert status == 0
    assert "Traceback" not in out


def test_undo_takes_back_the_last_choice(story: Story) -> None:
    status, out = play(story, ["1", "u", "1"])
    assert status == 0
    after_undo = out.split("(You think better of it.)", 1)[1]
    assert '"Hello, Commander."' in after_undo.split("> 1", 1)[0]  # the once-only greeting is back
    assert "[Trust: 0]" in after_undo.split("> 1", 1)[0]


def test_undo_at_the_start_says_there_is_nothing_to_take_back(story: Story) -> None:
    _, out = play(story, ["u"])
    assert "Nothing to take back: this is where the story starts." in out


def test_a_dead_end_says_the_story_is_stuck_and_undo_gets_out() -> None:
    dead_end = load_story(STORIES / "defect_dead_end").story
    assert dead_end is not None
    status, out = play(dead_end, ["2", "1", "u", "1", "1"])
    assert status == 0
    assert out.count("No choice is open here: the story is stuck (a soft-lock).") == 2
    assert "*** Ending: Through the hatch ***" in out


def test_a_huge_number_is_not_a_choice(story: Story) -> None:
    status, out = play(story, ["1" * 5000])
    assert status == 0
    assert "is not a choice here" in out


# Saving in line mode: a shelf in a temporary folder, the minimal story (and the evolution story).


@pytest.fixture
def shelf(tmp_path: Path, story: Story) -> Shelf:
    return Shelf(tmp_path / "saves", story.id)


def keep(story: Story, shelf: Shelf, inputs: list[str], seed: int = 3, resume: str | None = None) -> tuple[int, str]:
    out = io.StringIO()
    game = PlainGame(story, out, echo_input=True, shelf=shelf, remember_endings=True)
    status = game.play(iter(line + "\n" for line in inputs), seed, resume=resume)
    return status, out.getvalue()


def test_help_lists_the_saving_commands(story: Story, shelf: Shelf) -> None:
    _, out = keep(story, shelf, ["h"])
    assert "'save N' in slot N (1-9)" in out and "'load auto'" in out and "'saves' lists every slot" in out


def test_a_saved_run_continues_where_it_was_with_the_same_status(story: Story, shelf: Shelf) -> None:
    _, first = keep(story, shelf, ["2", "save 3 Card in hand", "q"])
    assert f'Saved in slot 3 as "Card in hand" ({shelf.folder}).' in first
    status, out = keep(story, shelf, ["q"], resume="newest")
    assert status == 0
    assert out.startswith('(Loaded slot 3: "Card in hand".)')  # the newest: saved after the choice's autosave
    assert "You have the card." in out and "[Trust: 0]" in out and '  1. "Hello, Commander."\n  2. Flip a coin' in out
    assert "Goodbye. Your run is saved (autosave 2" in out  # loading autosaves too: Continue finds it next time


def test_continuing_a_run_that_reached_its_ending_goes_back_to_before_it(story: Story, shelf: Shelf) -> None:
    status, first = keep(story, shelf, ["1", "1", "2"])
    assert status == 0 and "*** Ending: Home safe ***" in first
    status, out = keep(story, shelf, ["q"], resume="newest")
    assert status == 0
    assert "(This run went on to the ending “Home safe”: you are back before it.)" in out
    assert "*** Ending" not in out  # where the run can go on differently, not the ending again


def test_quitting_says_where_the_run_is_saved(story: Story, shelf: Shelf) -> None:
    _, out = keep(story, shelf, ["1", "1"])
    assert " ".join(out.split()).endswith(
        f"Goodbye. Your run is saved (autosave 2, in {shelf.folder}); 'stars-gossip play --continue' picks "
        "it up where you left off."
    )
    assert sorted(p.name for p in shelf.folder.iterdir()) == ["auto-1.json", "auto-2.json"]


def test_quitting_before_any_choice_says_there_was_nothing_to_save(story: Story, shelf: Shelf) -> None:
    _, out = keep(story, shelf, [])
    assert out.rstrip().endswith("Goodbye. (No choice was made, so there was nothing to save.)")


def test_save_alone_is_the_quicksave_and_load_alone_loads_it(story: Story, shelf: Shelf) -> None:
    _, out = keep(story, shelf, ["1", "save", "1", "load", "q"])
    assert "Saved in the quicksave" in out
    after = out.split('(Loaded the quicksave: "The hatch".)', 1)[1]
    assert "No card." in after and "[Trust: 1]" in after


def test_a_save_is_found_again_by_its_name(story: Story, shelf: Shelf) -> None:
    _, out = keep(story, shelf, ["1", "save Kitchen", "1", "saves", "load kitchen", "q"])
    assert 'Saved in slot 1 as "Kitchen"' in out
    assert f"Saves of 'A Minimal Orbit' in {shelf.folder}:" in out
    assert '  Slot 1: "Kitchen" at The hatch, under a minute, ' in out and "  Slot 2: empty" in out
    assert '(Loaded slot 1: "Kitchen".)' in out


def test_replacing_a_slot_asks_first(story: Story, shelf: Shelf) -> None:
    _, out = keep(story, shelf, ["save 2 First", "1", "save 2 Second", "n", "save 2 Third", "yes", "q"])
    assert 'Slot 2 holds "First". Replace it? (y/n)' in out and "Not saved." in out
    entry = shelf.read("2")
    assert entry.save is not None and entry.save.name == "Third"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("save ../x", "Not saved: '../x' cannot be a slot name: names may not hold '/' or '\\' or start with '.'."),
        ("save /etc/passwd", "Not saved: '/etc/passwd' cannot be a slot name"),
        ("save 4 ../../x", "Not saved: '../../x' cannot be a slot name"),
        ("save a\x00b", "Not saved: a slot name cannot hold control characters (such as NUL or a line break)."),
        ("load ../x", "Cannot load: '../x' cannot be a slot name"),
        ("load /etc/passwd", "Cannot load: '/etc/passwd' cannot be a slot name"),
        ("load 12", "Cannot load: no slot is called '12': slots are 1-9, quick, auto, or a save's name."),
        ("load 5", "Cannot load: slot 5 is empty."),
    ],
)
def test_a_slot_name_that_could_reach_outside_the_folder_is_refused(
    story: Story, shelf: Shelf, tmp_path: Path, typed: str, message: str
) -> None:
    _, out = keep(story, shelf, [typed, "q"])
    assert message in out
    assert not shelf.folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


BAD_FILES = [
    (b"", "the file is empty (a save that was never finished?)"),
    (b'{"kind": "stars-gossip save", "format": 1, "compatible": 1, "sto', "the file is not valid JSON"),
    (bytes(range(256)), "the file is not text"),
    (b'{"kind": "stars-gossip save", "format": 9, "compatible": 9}', "written by a newer version of stars-gossip"),
]


@pytest.mark.parametrize(("data", "reason"), BAD_FILES, ids=["empty", "truncated", "random bytes", "newer"])
def test_a_bad_save_file_is_explained_and_left_untouched(story: Story, shelf: Shelf, data: bytes, reason: str) -> None:
    shelf.folder.mkdir(parents=True)
    shelf.path_of("2").write_bytes(data)
    _, out = keep(story, shelf, ["load 2", "saves", "q"])
    flat = " ".join(out.split())
    assert f"Cannot load slot 2 ({shelf.path_of('2')}):" in flat and reason in flat
    assert "Slot 2: cannot be read:" in out
    assert shelf.path_of("2").read_bytes() == data


def test_a_save_of_another_story_is_explained_and_left_untouched(story: Story, shelf: Shelf) -> None:
    foreign = encode(save_of(run_of(evolved("v1"), V1_ROUTE)))
    shelf.folder.mkdir(parents=True)
    shelf.path_of("4").write_bytes(foreign)
    _, out = keep(story, shelf, ["load 4", "q"])
    flat = " ".join(out.split())
    assert "this is a save of another story, 'Evolving Orbit' (evolve), not of 'A Minimal Orbit'" in flat
    assert shelf.path_of("4").read_bytes() == foreign


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        ({"trust": 7}, "variable 'trust' is 7, outside what it can hold (0..3) (was the file edited by hand?)"),
        ({"mood": "sad"}, "variable 'mood' is 'sad', outside what it can hold (calm, queasy)"),
    ],
)
def test_a_hand_edited_value_is_explained_and_left_untouched(
    story: Story, shelf: Shelf, edit: dict[str, object], reason: str
) -> None:
    keep(story, shelf, ["1", "save 6", "q"])
    raw = json.loads(shelf.path_of("6").read_bytes())
    raw["state"]["values"].update(edit)
    edited = json.dumps(raw).encode()
    shelf.path_of("6").write_bytes(edited)
    _, out = keep(story, shelf, ["load 6", "q"])
    assert reason in out.replace("\n", " ")
    assert shelf.path_of("6").read_bytes() == edited


def test_a_hand_edited_scene_is_explained(story: Story, shelf: Shelf) -> None:
    keep(story, shelf, ["1", "save 6", "q"])
    raw = json.loads(shelf.path_of("6").read_bytes())
    raw["state"]["scene"] = "galley"
    shelf.path_of("6").write_text(json.dumps(raw))
    edited = shelf.path_of("6").read_bytes()
    _, out = keep(story, shelf, ["load 6", "q"])
    assert "scene 'galley' is not in the story" in out.replace("\n", " ")
    assert shelf.path_of("6").read_bytes() == edited


def test_a_read_only_folder_is_explained_once_and_the_goodbye_says_the_run_is_not_saved(
    story: Story, shelf: Shelf, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("game.userdirs.tempfile.mkstemp", refuse)
    _, out = keep(story, shelf, ["1", "1", "save 1", "q"])
    flat = " ".join(out.split())
    assert flat.count("(Autosave failed: Cannot save: the save folder") == 1
    assert f"Not saved. Cannot save: the save folder {shelf.folder} is read-only. Make it writable" in flat
    assert "Goodbye. This run could not be saved: Cannot save: the save folder" in flat


def test_undo_works_after_loading(story: Story, shelf: Shelf) -> None:
    keep(story, shelf, ["1", "1", "save 1", "q"])
    _, out = keep(story, shelf, ["load 1", "u", "u", "u", "q"])
    assert out.count("(You think better of it.)") == 2
    assert "Nothing to take back: this is where the story starts." in out


def test_undo_after_loading_a_long_run_goes_back_as_far_as_the_save_went(tmp_path: Path) -> None:
    looping = load_story(STORIES / "tui_bench").story  # three scenes in a loop: a run as long as wanted
    assert looping is not None
    shelf = Shelf(tmp_path, looping.id)
    keep(looping, shelf, [*["1"] * 60, "save 2", "q"])
    _, out = keep(looping, shelf, ["load 2", *["u"] * 51, "q"])
    assert out.count("(You think better of it.)") == 50
    assert "Nothing to take back: this is as far back as the save went." in out


def test_an_ending_is_remembered_and_counted(story: Story, shelf: Shelf) -> None:
    _, out = keep(story, shelf, ["1", "1", "2"])  # hello, the card, leave
    assert "*** Ending: Home safe ***\n\nEndings found: 1 of 1." in out
    assert found_endings("minimal") == {"home"}


def test_continue_without_a_save_starts_a_new_game(story: Story, shelf: Shelf) -> None:
    _, out = keep(story, shelf, ["q"], resume="newest")
    assert out.startswith(f"No save of 'A Minimal Orbit' to continue in {shelf.folder}.\nStarting a new game instead.")
    assert "*** A Minimal Orbit ***" in out


def test_saving_off_says_so(story: Story) -> None:
    _, out = play(story, ["save 1", "load 1", "q"])
    assert out.count("Saving is off in this game: play with the 'stars-gossip' command to save.") == 2


def test_a_save_that_must_be_rebuilt_is_offered_and_loads_only_after_a_yes(tmp_path: Path) -> None:
    v1, edited = evolved("v1"), evolved("removed_choice")
    shelf = Shelf(tmp_path, "evolve")
    shelf.write_bytes("1", encode(save_of(run_of(v1, V1_ROUTE), "In the lab")))
    for answer, loaded in (("n", False), ("y", True)):
        out = io.StringIO()
        PlainGame(edited, out, echo_input=True, shelf=shelf).play(iter(["load 1\n", f"{answer}\n", "q\n"]))
        text = " ".join(out.getvalue().split())
        assert "Slot 1 is from an older version of the story." in text
        assert "rebuilt by replaying 2 of its 3 choices, up to 'The hall'; it stops there because the choice " in text
        assert "Load the rebuilt run? (y/n)" in text
        assert ('(Loaded slot 1: "In the lab".)' in text) is loaded
        assert ("Not loaded." in text) is not loaded


def test_a_chapter_is_announced_when_first_entered_never_on_going_back_or_undoing(tmp_path: Path) -> None:
    result = load_story(write_chaptered_story(tmp_path))
    assert result.story is not None
    out = io.StringIO()
    # a -> a2 -> b (chapter 2) -> back to a2 (chapter 1 again) -> undo to b -> the ending
    PlainGame(result.story, out).play(iter(["1", "1", "1", "u", "2"]))
    headings = [line for line in out.getvalue().splitlines() if line.startswith("###")]
    assert headings == ["### Chapter 1 · Lift-off ###", "### Chapter 2 · Day One ###"]


def test_map_shows_the_art_and_says_where_the_player_is(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "deck.txt").write_text("[ Node 1 ]==[ Lab ]\n", encoding="utf-8")
    (tmp_path / "story.yaml").write_text(
        "id: s\ntitle: S\nstart: a\nendings:\n  done: Done\n"
        'map:\n  art: deck\n  places:\n    "ILS, Node 1": Node 1\n    "ILS, lab": Lab\n',
        encoding="utf-8",
    )
    (tmp_path / "a.yaml").write_text(
        "- scene: a\n  place: ILS, Node 1\n  choices:\n    - {choice: On, go: b}\n"
        "- scene: b\n  place: ILS, lab\n  choices:\n    - {choice: On, go: c}\n"
        "- scene: c\n  place: Earth\n  ending: done\n",
        encoding="utf-8",
    )
    result = load_story(tmp_path)
    assert result.story is not None
    out = io.StringIO()
    PlainGame(result.story, out).play(iter(["map", "1", "map", "1"]))
    text = out.getvalue()
    assert text.count("[ Node 1 ]==[ Lab ]") == 2
    assert "You are here: Node 1.\n" in text
    assert "You are here: Lab.\nVisited: Node 1.\n" in text


def test_map_in_a_scene_without_a_place_says_so_in_words(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "deck.txt").write_text("[ Node 1 ]\n", encoding="utf-8")
    (tmp_path / "story.yaml").write_text(
        'id: s\ntitle: S\nstart: a\nendings:\n  done: Done\nmap:\n  art: deck\n  places:\n    "Node 1": Node 1\n',
        encoding="utf-8",
    )
    (tmp_path / "a.yaml").write_text(
        "- scene: a\n  choices:\n    - {choice: Go, go: b}\n- scene: b\n  place: Node 1\n  ending: done\n",
        encoding="utf-8",
    )
    result = load_story(tmp_path)
    assert result.story is not None
    out = io.StringIO()
    PlainGame(result.story, out).play(iter(["map", "1"]))
    assert "You are here: somewhere (not on this map).\n" in out.getvalue()


def test_map_in_a_story_without_one_says_so(story: Story) -> None:
    out = io.StringIO()
    PlainGame(story, out).play(iter(["map"]))
    assert "This story has no map." in out.getvalue()


def test_a_scene_named_after_its_place_is_headed_once(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text("id: s\ntitle: S\nstart: a\nendings:\n  done: Done\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "- scene: a\n  title: Crew Scorpion\n  place: Crew Scorpion\n  ending: done\n", encoding="utf-8"
    )
    result = load_story(tmp_path)
    assert result.story is not None
    out = io.StringIO()
    PlainGame(result.story, out).play(iter([]))
    assert "== Crew Scorpion ==" in out.getvalue()
