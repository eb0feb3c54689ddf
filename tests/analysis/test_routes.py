"""Routes to an ending: the distinct shortest ways, over the checker's exploration."""

from __future__ import annotations

from collections import deque

from hypothesis import assume, given
from hypothesis import strategies as st

from game.analysis import explore
from game.analysis.explore import Exploration, key_of
from game.analysis.routes import UNREACHABLE, Route, _goal_states, _Graph, ending_scenes, routes_to
from game.engine import available, begin, choose, start, step
from game.engine.model import Story
from game.loader import load_story
from tests.analysis.brute import TooBig, enumerate_plays
from tests.analysis.strategies import StorySpec, load_spec, searched_whole_and_cut, stories
from tests.conftest import BUNDLED, STORIES


def story_of(path: str) -> Story:
    story = load_story(STORIES / path if path != "bundled" else BUNDLED).story
    assert story is not None
    return story


def texts(route: Route) -> list[str]:
    return [step.text for step in route.path.steps]


def test_routes_are_the_distinct_ways_shortest_first() -> None:
    routes = routes_to(explore(story_of("routes_branches")), "free", limit=10)
    assert [texts(r) for r in routes] == [
        ["Pick up the key", "Unlock the door", "Run for it"],
        ["Sing a lullaby", "Pick up the key", "Unlock the door", "Tiptoe past the guard"],
    ]
    lucky = routes[0].path.steps[-1]
    assert (lucky.outcome, lucky.outcomes) == (0, 2)


def test_a_route_marks_the_choices_where_it_parts_from_the_first() -> None:
    first, second = routes_to(explore(story_of("routes_branches")), "free", limit=10)
    assert first.new_choices == frozenset()
    assert second.new_choices == {"cell#3", "corridor#1"}


def test_the_same_choice_with_another_outcome_is_another_route() -> None:
    routes = routes_to(explore(story_of("routes_branches")), "caught", limit=10)
    assert [texts(r) for r in routes] == [["Call the guard"], ["Pick up the key", "Unlock the door", "Run for it"]]
    assert routes[1].path.steps[-1].outcome == 1


def test_a_route_through_a_random_choice_has_a_seed_that_replays_it() -> None:
    story = story_of("minimal")
    for route in routes_to(explore(story), "home", limit=10):
        assert route.path.seed is not None
        state = start(story, route.path.seed)
        for number in route.path.numbers:
            state = choose(story, state, number)
        assert story.scenes[state.scene].ending == "home"


def test_minimal_has_a_lucky_coin_and_the_long_way() -> None:
    routes = routes_to(explore(story_of("minimal")), "home", limit=10)
    assert [texts(r) for r in routes] == [["Flip a coin"], ["Hello, Commander.", "Take the card", "Leave"]]


def test_the_limit_caps_the_routes() -> None:
    assert len(routes_to(explore(story_of("routes_branches")), "free", limit=1)) == 1
    assert len(routes_to(explore(story_of("bundled")), "thawed", limit=3)) == 3


def test_an_ending_no_play_reaches_has_no_routes() -> None:
    assert routes_to(explore(story_of("defect_unreachable_ending")), "decorated") == []


def test_an_ending_no_scene_carries_has_no_routes() -> None:
    assert routes_to(explore(story_of("minimal")), "nowhere") == []


def choices_of(route: Route) -> frozenset[tuple[str, int]]:
    return frozenset((s.choice_id, s.outcome if s.is_random else 0) for s in route.path.steps)


@given(stories(max_scenes=7, max_bools=2, max_ints=1))
def test_routes_are_shortest_first_distinct_and_lead_to_their_ending(spec: StorySpec) -> None:
    """Against brute-force enumeration: an ending has routes exactly when some play reaches it;
    the first is as short as the shortest play there; each replays (with its outcomes) into
    the ending without coming back to a state; none takes every choice of one listed before it."""
    story = load_spec(spec)
    try:
        found = enumerate_plays(story)
    except TooBig:
        assume(False)
        raise
    exploration = explore(story)
    for ending in story.endings:
        routes = routes_to(exploration, ending, limit=4)
        distances = [d for key, d in found.distance.items() if story.scenes[key[0]].ending == ending]
        assert bool(routes) == bool(distances)
        if not routes:
            continue
        lengths = [len(r.path.steps) for r in routes]
        assert lengths[0] == min(distances) and lengths == sorted(lengths)
        for route in routes:
            state = begin(story).state
            seen = {key_of(state)}
            for made in route.path.steps:
                state = step(story, state, available(story, state)[made.number - 1], made.outcome).state
                assert key_of(state) not in seen
                seen.add(key_of(state))
            assert story.scenes[state.scene].ending == ending
        taken = [choices_of(r) for r in routes]
        assert all(not taken[i] <= taken[j] for j in range(len(taken)) for i in range(j))


def distances_over_successors(exploration: Exploration, goals: list[int]) -> list[int]:
    """Distances to the goals as the definition reads: over every expanded state's moves,
    worked out again from the move table, reversed."""
    sources: dict[int, list[int]] = {}
    for source in range(exploration.expanded):
        for target in exploration.successors_of(source):
            sources.setdefault(target, []).append(source)
    distance = [UNREACHABLE] * exploration.state_count
    for goal in goals:
        distance[goal] = 0
    queue = deque(goals)
    while queue:
        state = queue.popleft()
        for source in sources.get(state, ()):
            if distance[source] == UNREACHABLE:
                distance[source] = distance[state] + 1
                queue.append(source)
    return distance


@given(stories(max_scenes=8, risky=True), st.floats(0, 1))
def test_distances_read_from_the_moves_kept_are_those_over_every_successor(spec: StorySpec, share: float) -> None:
    """Also when the search stops at a limit: the state it broke off leads nowhere."""
    story = load_spec(spec)
    for exploration in searched_whole_and_cut(story, share):
        for ending in story.endings:
            goals = _goal_states(exploration, ending_scenes(exploration, ending))
            found = _Graph(exploration).distances_to(goals)
            assert list(found) == distances_over_successors(exploration, goals)
