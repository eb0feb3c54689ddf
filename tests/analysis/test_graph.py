"""Graph passes over the explored integer graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis import explore
from game.analysis.explore import Exploration
from game.analysis.graph import can_finish
from game.loader import load_story
from tests.conftest import STORIES
from tests.loader.written import load_written


@pytest.mark.parametrize("limit", [10, 1_000, 1_001, 1_000_000])
@pytest.mark.parametrize("name", ["defect_explosion", "routes_branches", "defect_softlock_flags"])
def test_each_expanded_states_moves_are_its_children_and_its_links(name: str, limit: int) -> None:
    """Every move of an expanded state leads to a state it found (a child) or is a link, kept
    in the target's two slots or past them: together, exactly the engine's successors."""
    story = load_story(STORIES / name).story
    assert story is not None
    moves_are_children_and_links(explore(story, max_states=limit))


HUB_MANIFEST = "id: hub\ntitle: Hub\nstart: start\nendings:\n  out: Out\n"
HUB_SCENES = (
    "- scene: start\n  choices:\n    - {choice: In, go: hub}\n- scene: hub\n  choices:\n"
    + "".join(f"    - {{choice: {room}, go: {room}}}\n" for room in "abcd")
    + "".join(
        f"- scene: {room}\n  choices:\n    - {{choice: Back, go: hub}}\n    - {{choice: On, go: end_{room}}}\n"
        f"- scene: end_{room}\n  ending: out\n"
        for room in "abcd"
    )
)


def test_links_past_the_slots_of_a_state_the_limit_broke_off_are_taken_back(tmp_path: Path) -> None:
    """c and d each go back to the hub (past its slots: its parent is the start, its slots a
    and b) before finding their ending: a limit struck there leaves them no link."""
    story = load_written(tmp_path, HUB_MANIFEST, HUB_SCENES)
    whole = explore(story)
    assert whole.further == {1: [4, 5]}
    for limit in range(1, whole.state_count + 1):
        exploration = explore(story, max_states=limit)
        moves_are_children_and_links(exploration)
        assert all(0 <= s < exploration.expanded for sources in exploration.further.values() for s in sources)


def moves_are_children_and_links(exploration: Exploration) -> None:
    moves: dict[int, list[int]] = {i: [] for i in range(exploration.expanded)}
    for child in range(1, exploration.state_count):
        if exploration.parent[child] < exploration.expanded:  # not found by the expansion the limit cut
            moves[exploration.parent[child]].append(child)
    for source, target in exploration.links():
        moves[source].append(target)
    for state_id in range(exploration.expanded):
        assert sorted(moves[state_id]) == sorted(exploration.successors_of(state_id)), state_id
    assert exploration.transition_count == sum(len(found) for found in moves.values())
    first, second = exploration.first_link, exploration.second_link
    assert len(first) == len(second) == exploration.state_count
    assert all(f >= 0 for f, s in zip(first, second, strict=True) if s >= 0)  # the second slot fills after the first
    assert all(first[t] >= 0 and second[t] >= 0 for t in exploration.further)  # further links only past both
    assert all(exploration.further.values())  # no state is listed without a link


@pytest.mark.parametrize("name", ["defect_softlock_flags", "routes_branches", "defect_div_zero", "minimal"])
def test_the_search_notes_every_state_in_an_ending_scene_in_order(name: str) -> None:
    story = load_story(STORIES / name).story
    assert story is not None
    exploration = explore(story)
    endings = [i for i in range(exploration.state_count) if story.scenes[exploration.scene_of(i)].ending is not None]
    assert endings and list(exploration.ending_states) == endings


def test_can_finish_marks_exactly_the_states_with_a_way_to_an_ending() -> None:
    story = load_story(STORIES / "defect_softlock_flags").story
    assert story is not None
    exploration = explore(story, reduce=False)
    finished = can_finish(exploration)
    stuck = [exploration.parts(i) for i, done in enumerate(finished) if not done]
    assert len(stuck) == 1
    scene, values, _, _ = stuck[0]
    assert scene == "airlock" and values == (True, True, False)
