"""Graph passes over the explored integer graph."""

from __future__ import annotations

from array import array
from collections import Counter

import pytest

from game.analysis import explore
from game.analysis.graph import can_finish, reverse_links
from game.loader import load_story
from tests.conftest import STORIES


def test_reverse_edges_lists_every_predecessor() -> None:
    # 0 -> 1, 0 -> 2, 1 -> 2, 2 -> 0; nothing leads to state 3.
    starts, preds = reverse_links(array("i", [0, 0, 1, 2]), array("i", [1, 2, 2, 0]), 4)
    lists = [sorted(preds[starts[i] : starts[i + 1]]) for i in range(4)]
    assert lists == [[2], [0], [0, 1], []]
    # The same rows from the counts the search keeps.
    counted = reverse_links(array("i", [0, 0, 1, 2]), array("i", [1, 2, 2, 0]), 4, array("i", [1, 1, 2, 0]))
    assert counted == (starts, preds)


@pytest.mark.parametrize("limit", [10, 1_000, 1_001, 1_000_000])
def test_the_search_counts_the_links_into_each_state(limit: int) -> None:
    story = load_story(STORIES / "defect_explosion").story
    assert story is not None
    exploration = explore(story, max_states=limit)
    counts = Counter(exploration.links_to)
    assert list(exploration.in_links) == [counts[i] for i in range(exploration.state_count)]


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
