"""The breadth-first exploration: ids in distance order, shortest parents, the limit, faults."""

from __future__ import annotations

import tempfile
from array import array
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.analysis import check_story, explore
from game.analysis.explore import DIRECT_BITS, Exploration, _first_in_scene, _unset, array_index_fits
from game.analysis.paths import moves_to, path_to, replay_to
from game.engine import GameState, Story, StoryRuntimeError, choose, start
from game.loader import load_story
from tests.analysis.strategies import (
    ChoiceSpec,
    OutcomeSpec,
    SceneSpec,
    StorySpec,
    load_spec,
    searched_whole_and_cut,
    stories,
    write,
)
from tests.conftest import STORIES
from tests.support import id_of, successors


def story_named(name: str) -> Story:
    story = load_story(STORIES / name).story
    assert story is not None
    return story


def test_states_are_numbered_in_breadth_first_order_with_shortest_parents() -> None:
    exploration = explore(story_named("defect_softlock_flags"))
    assert exploration.complete and exploration.expanded == exploration.state_count
    depths = [len(moves_to(exploration, i)) for i in range(exploration.state_count)]
    assert depths == sorted(depths)
    assert exploration.parent[0] == -1


def test_edges_are_exactly_the_engine_successors() -> None:
    story = story_named("minimal")
    exploration = explore(story)
    for i in range(exploration.state_count):
        state = GameState(*exploration.parts(i), exploration.rng)
        expected = [id_of(exploration, s.state) for _, _, s in successors(story, state)]
        assert list(exploration.successors_of(i)) == expected


def test_states_reached_by_play_are_found_whatever_their_generator_state() -> None:
    story = story_named("minimal")
    exploration = explore(story)
    state = start(story, seed=12345)
    for number in (3, 1, 2, 3):
        state = choose(story, state, number)
        if state.scene == "home":
            break
    assert id_of(exploration, state) is not None


def test_the_state_limit_is_exact_and_marks_the_search_incomplete() -> None:
    exploration = explore(story_named("defect_explosion"), max_states=1_000)
    assert exploration.state_count == 1_000 and not exploration.complete
    assert exploration.expanded < 1_000
    assert len(exploration.offsets) == exploration.expanded + 1
    with pytest.raises(ValueError):
        explore(story_named("minimal"), max_states=0)


def test_overflow_while_entering_the_start_scene_is_reported_with_an_empty_path() -> None:
    spec = StorySpec(
        {"heat": "{type: int, min: 0, max: 1, initial: 1}"},
        ("e0",),
        (
            SceneSpec("s0", (ChoiceSpec("Go", (OutcomeSpec("end0"),)),), enter=("heat += 1",)),
            SceneSpec("end0", ending="e0"),
        ),
    )
    report = check_story(load_spec(spec))
    (finding,) = report.findings
    assert finding.diagnostic.code == "SG304"
    assert finding.path is not None and finding.path.steps == ()


def test_fault_while_entering_the_start_scene_is_a_diagnostic_not_a_crash() -> None:
    spec = StorySpec(
        {"crew": "{type: int, min: 0, max: 3}", "share": "{type: int, min: 0, max: 9}"},
        ("e0",),
        (
            SceneSpec("s0", (ChoiceSpec("Go", (OutcomeSpec("end0"),)),), enter=("share = 9 / crew",)),
            SceneSpec("end0", ending="e0"),
        ),
    )
    with tempfile.TemporaryDirectory() as tmp:
        story = load_story(write(spec, Path(tmp) / "story")).story
    assert story is not None
    report = check_story(story)
    assert [f.diagnostic.code for f in report.findings] == ["SG306"]
    assert "cannot even begin" in report.findings[0].diagnostic.message
    assert not report.proven and report.summary()["states"] == 0


def test_a_search_from_a_state_of_a_run_finds_shortest_ways_on_from_there() -> None:
    story = story_named("minimal")
    state = choose(story, start(story, seed=5), 1)  # Hello, Commander: trust 1, once-only taken
    exploration = explore(story, origin=state)
    assert exploration.origin == state and exploration.first_state() == state
    assert exploration.first_in_scene["hatch"] == 0 and exploration.seed == state.rng
    assert exploration.parts(0) == (state.scene, state.values, state.visits, state.taken)
    whole = explore(story)
    assert exploration.state_count < whole.state_count  # "Hello" is behind this run: fewer states on
    home = exploration.first_in_scene["home"]
    assert len(moves_to(exploration, home)) == 1  # the coin can fall home at once
    arrived = replay_to(exploration, home)
    assert arrived.scene == "home" and arrived.values[0] == 1 and arrived.taken == state.taken


def test_a_path_from_a_run_names_its_choices_but_no_seed() -> None:
    story = story_named("minimal")
    state = choose(story, start(story, seed=5), 1)
    exploration = explore(story, origin=state)
    path = path_to(exploration, exploration.first_in_scene["home"])
    assert [step.choice_id for step in path.steps] == ["hatch#3"] and path.seed is None


EXPLORE = "game.analysis.explore"


def searched(story: Story, max_states: int, direct_from: int | None) -> Exploration:
    """``explore`` with its index an array once ``direct_from`` states are found (None: a dict throughout)."""
    with (
        mock.patch(f"{EXPLORE}.DIRECT_FROM", direct_from or 0),
        mock.patch(f"{EXPLORE}.DIRECT_BITS", 64 if direct_from is not None else 0),
    ):
        return explore(story, max_states=max_states)


def same_search(one: Exploration, other: Exploration) -> None:
    assert list(one.states) == list(other.states)
    assert one.parent == other.parent
    assert (one.first_link, one.second_link) == (other.first_link, other.second_link)
    assert len(one.first_link) == len(one.second_link) == one.state_count  # the room made ahead is cut off
    assert one.further == other.further
    assert (one.expanded, one.complete, one.transition_count) == (
        other.expanded,
        other.complete,
        other.transition_count,
    )
    assert one.first_in_scene == other.first_in_scene
    assert (one.faults, one.overflows, one.faulted_states) == (other.faults, other.overflows, other.faulted_states)
    assert one.ending_states == other.ending_states


@given(stories(max_scenes=8, risky=True), st.integers(0, 6), st.integers(1, 400))
def test_an_array_index_finds_the_same_states_links_and_events_as_a_dict(
    spec: StorySpec, direct_from: int, max_states: int
) -> None:
    """The index moves to an array at any point of the search, before or near the limit."""
    story = load_spec(spec)
    try:
        by_dict = searched(story, max_states, None)
    except StoryRuntimeError:  # the start scene itself faults: both must say so
        with pytest.raises(StoryRuntimeError):
            searched(story, max_states, direct_from)
        return
    by_array = searched(story, max_states, direct_from)
    same_search(by_array, by_dict)
    # A path asked for after the search finds its states again without the array.
    for state_id in range(0, by_array.state_count, 7):
        assert path_to(by_array, state_id) == path_to(by_dict, state_id)


@pytest.mark.parametrize("direct_from", [0, 1, 100, 999])
def test_an_array_index_stops_at_the_state_limit_exactly(direct_from: int) -> None:
    story = story_named("defect_explosion")
    for limit in (1_000, 1_001, 1_500):
        by_array, by_dict = searched(story, limit, direct_from), searched(story, limit, None)
        same_search(by_array, by_dict)
        assert by_array.state_count == limit and not by_array.complete


def test_the_index_is_an_array_only_where_every_packed_value_fits_in_its_memory_share() -> None:
    assert array_index_fits(22, 1 << 30)  # the 10,000-scene flag story: 48 MiB of a GiB
    assert array_index_fits(23, 1 << 30) and not array_index_fits(24, 1 << 30)
    assert array_index_fits(10, (12 << 10) * 8) and not array_index_fits(10, (12 << 10) * 8 - 1)
    assert not array_index_fits(DIRECT_BITS + 1, 1 << 62)


@given(st.lists(st.integers(0, (1 << 64) - 1), max_size=300), st.integers(1, 16))
def test_the_first_state_of_each_scene_is_found_the_same_from_the_array_bytes(
    packed: list[int], scene_bits: int
) -> None:
    scene_mask = (1 << scene_bits) - 1
    names = tuple(f"s{k}" for k in range(1 << scene_bits))
    from_bytes = _first_in_scene(array("Q", packed), names, scene_mask)
    assert from_bytes == _first_in_scene(packed, names, scene_mask)  # the list: read back to front
    assert list(from_bytes.items()) == sorted(from_bytes.items(), key=lambda item: item[1])


SLOT_EDGES = [-1, 0, 0xFF, 0xFFFF, 0xFFFFFF, 0x7FFFFFFF, 0x7FFFFF00, 0x00FFFFFF, 0xFFFF00, 0x7F, 0xFF00FF]


@given(st.lists(st.one_of(st.sampled_from(SLOT_EDGES), st.integers(-1, (1 << 31) - 1)), max_size=200))
def test_empty_link_slots_are_counted_exactly_from_the_bytes(slots: list[int]) -> None:
    """Ids whose low bytes are all 0xff next to runs of -1 cannot make an extra match, in
    either byte order (the bytes swapped are what the other order would hold)."""
    native = array("i", slots)
    assert _unset(native) == slots.count(-1)
    swapped = array("i", slots)
    swapped.byteswap()
    assert _unset(swapped) == slots.count(-1)


@given(stories(max_scenes=8, risky=True), st.floats(0, 1))
def test_the_first_state_of_each_scene_is_the_one_a_scan_of_every_state_finds(spec: StorySpec, share: float) -> None:
    """Noted as the search expands each scene for the first time, and looked up among the
    states left unexpanded when the limit stops it (a limit below the story's state count)."""
    searched = searched_whole_and_cut(load_spec(spec), share)
    if not searched:  # the start scene itself faults: nothing is explored
        return
    found = searched[1]
    scanned = _first_in_scene(list(found.states), found.packing.scene_ids, found.packing.scene_mask)
    assert list(found.first_in_scene.items()) == list(scanned.items())


@pytest.mark.parametrize("name", ["defect_softlock_flags", "tui_bench", "routes_branches"])
def test_scenes_first_met_among_the_states_left_unexpanded_are_found_there(name: str) -> None:
    story = story_named(name)
    whole = explore(story)
    for limit in range(1, whole.state_count + 1):  # each state in turn is the last one found
        found = explore(story, max_states=limit)
        assert found.first_in_scene == {sid: i for sid, i in whole.first_in_scene.items() if i < found.state_count}
