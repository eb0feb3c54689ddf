"""The save file: small readable JSON, state only, and every bad file told apart with its reason."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.picks import Pick
from game.saves import FORMAT, Save, SaveProblem, decode, encode
from tests.conftest import BUNDLED
from tests.saves.helpers import FIXTURES, V1_ROUTE, evolved, run_of, save_of, story_at


def v1_bytes() -> bytes:
    return encode(save_of(run_of(evolved("v1"), V1_ROUTE), "In the lab"))


def test_a_save_is_readable_json_with_the_state_by_name() -> None:
    raw = json.loads(v1_bytes())
    assert raw["kind"] == "stars-gossip save" and raw["format"] == FORMAT and raw["compatible"] == 1
    assert raw["story"] == {"id": "evolve", "fingerprint": evolved("v1").fingerprint, "title": "Evolving Orbit"}
    assert raw["state"] == {
        "scene": "lab",
        "values": {"trust": 4, "mood": "queasy", "has_card": True},
        "visits": {},
        "taken": ["card"],
        "rng": raw["state"]["rng"],
    }
    assert len(raw["state"]["rng"]) == 16 and int(raw["state"]["rng"], 16) >= 0
    assert raw["path"] == ["greet", "card", "coin@0"]
    assert raw["entered"] == {"dock": 1, "hall": 2, "lab": 1}
    assert (raw["name"], raw["scene_title"], raw["choices"], raw["play_seconds"]) == ("In the lab", "The lab", 3, 60.0)
    assert raw["created"] == raw["updated"] == "2025-06-01T12:00:00.000000Z"


def test_undo_steps_are_written_as_what_differs_from_the_state_after_them() -> None:
    undo = json.loads(v1_bytes())["undo"]
    assert undo[0] == {"scene": "hall", "values": {"mood": "calm"}, "rng": "0000000000000000"}
    assert undo[1] == {"scene": "hall", "values": {"trust": 2, "has_card": False}, "taken": []}
    assert undo[2] == {"scene": "dock", "values": {"trust": 0}}


def test_a_save_holds_no_story_text_beyond_what_the_load_screen_shows() -> None:
    raw = json.loads(v1_bytes())
    text = json.dumps({k: v for k, v in raw.items() if k not in ("name", "scene_title", "tail", "story")})
    for words in ("Hello, Commander", "Take the keycard", "Tomatoes grow", "Flip a coin"):
        assert words not in text


def test_each_undo_step_and_field_is_on_a_line_of_its_own() -> None:
    lines = v1_bytes().decode().splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert any(line.startswith('  {"scene": "dock"') for line in lines)
    assert all(len(line) < 400 for line in lines)


@given(
    seed=st.integers(0, 2**64 - 1),
    picks=st.lists(st.sampled_from(["greet", "sneak", "card", "coin", "back", "home", "leave"]), max_size=30),
    outcome=st.integers(0, 1),
    name=st.text(max_size=40),
    played=st.floats(0, 10**7, allow_nan=False),
)
def test_decoding_what_was_encoded_gives_the_same_save(
    seed: int, picks: list[str], outcome: int, name: str, played: float
) -> None:
    story = evolved("v1")
    run = run_of(story, [], seed)
    for choice in picks:
        assert run.scene is not None
        ids = [c.id for c in run.scene.choices]
        if choice in ids:
            run.choose(ids.index(choice) + 1)
    save = replace(save_of(run, name), play_seconds=round(played, 1))
    assert decode(encode(save)) == save


def test_the_bundled_story_saved_after_a_whole_playthrough_is_a_few_kilobytes() -> None:
    story = story_at(BUNDLED)
    run = run_of(story, [])
    while run.scene is not None and run.scene.choices:
        run.choose(1)
    data = encode(save_of(run))
    assert run.finished
    assert len(data) < 16_000  # the whole four-chapter adventure, every choice on its path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty (a save that was never finished?)"),
        (b"  \n", "the file is empty (a save that was never finished?)"),
        (b'{"kind": "stars-gossip save", "format": 1, "comp', "the file is not valid JSON"),
        (b"\xff\xfe\x00garbage\x80", "the file is not text: it holds bytes no save contains"),
        (b'{"settings": true}', "the file is not a stars-gossip save"),
        (b"[1, 2, 3]", "the file is not a stars-gossip save"),
        (b"[" * 100_000, "the file is not"),
        (b'{"kind": "stars-gossip save"}', "the save is damaged: its format version is missing"),
    ],
    ids=["empty", "blank", "truncated", "random bytes", "other json", "a list", "absurd nesting", "no version"],
)
def test_a_file_that_is_not_a_save_says_what_it_is(data: bytes, message: str) -> None:
    problem = decode(data)
    assert isinstance(problem, SaveProblem)
    assert problem.message.startswith(message)


def test_a_truncated_save_says_it_was_cut_short() -> None:
    data = v1_bytes()
    problem = decode(data[: len(data) // 2])
    assert isinstance(problem, SaveProblem)
    assert problem.message.endswith("(the file is cut short)")


@given(cut=st.integers(0, 2000))
def test_every_cut_of_a_save_is_refused_and_never_raises(cut: int) -> None:
    data = v1_bytes()
    if cut < len(data.rstrip()):
        assert isinstance(decode(data[:cut]), SaveProblem)


@given(st.binary(max_size=300))
def test_random_bytes_are_never_a_save_and_never_raise(data: bytes) -> None:
    assert isinstance(decode(data), SaveProblem)


def test_a_save_from_a_newer_game_asks_for_an_update() -> None:
    raw = json.loads(v1_bytes())
    raw.update(format=7, compatible=5)
    problem = decode(json.dumps(raw).encode())
    assert problem == SaveProblem(
        "the save was written by a newer version of stars-gossip (save format 7); update the game to load it"
    )


def test_a_newer_save_that_older_games_may_read_is_read() -> None:
    raw = json.loads(v1_bytes())
    raw.update(format=3, compatible=1, a_field_from_the_future={"x": 1})
    save = decode(json.dumps(raw).encode())
    assert isinstance(save, Save) and save.format == 3


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r.pop("state"), "the save is damaged: 'state' is missing or not an object"),
        (lambda r: r["state"].update(rng=12), "the save is damaged: 'state.rng' is not a generator state"),
        (lambda r: r["state"]["values"].update(trust=1.5), "the save is damaged: 'state.values.trust' is not a"),
        (lambda r: r["state"]["visits"].update(hall=-1), "the save is damaged: 'state.visits.hall' is not a count"),
        (lambda r: r["undo"].append(3), "the save is damaged: 'undo[3]' is not an object"),
        (lambda r: r["path"].append("x@y"), "the save is damaged: 'path[3]' has an outcome that is not a number"),
        (lambda r: r.update(choices=1), "the save is damaged: 'path' has 3 choices where 'choices' says 1"),
        (lambda r: r.update(created="yesterday"), "the save is damaged: 'created' is not a date and time"),
        (lambda r: r.update(play_seconds="long"), "the save is damaged: 'play_seconds' is not a number of seconds"),
        (lambda r: r["story"].pop("fingerprint"), "the save is damaged: 'story.fingerprint' is missing or not text"),
    ],
    ids=[
        "no state",
        "bad rng",
        "float value",
        "negative visits",
        "bad undo",
        "bad pick",
        "short",
        "date",
        "time",
        "fp",
    ],
)
def test_a_damaged_field_is_named(edit: object, message: str) -> None:
    raw = json.loads(v1_bytes())
    edit(raw)  # type: ignore[operator]
    problem = decode(json.dumps(raw).encode())
    assert isinstance(problem, SaveProblem)
    assert problem.message.startswith(message), problem.message


def test_the_kept_prologue_save_is_still_a_valid_file() -> None:
    save = decode((FIXTURES / "prologue-v1.json").read_bytes())
    assert isinstance(save, Save)
    assert save.story_id == "stars-gossip" and save.choices == 8 and len(save.history) == 8
    assert Pick("prologue.countdown#3", 0) in save.path


def test_the_chapter_is_kept_and_older_saves_without_it_still_read() -> None:
    save = decode(v1_bytes())
    with_chapter = replace(save, chapter="Chapter 2 · Day One")
    assert decode(encode(with_chapter)).chapter == "Chapter 2 · Day One"
    assert b'"chapter"' not in encode(save)
    assert decode(encode(save)).chapter == ""
