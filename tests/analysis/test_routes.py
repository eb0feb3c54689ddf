"""Routes to an ending: the distinct shortest ways, over the checker's exploration."""

from __future__ import annotations

from game.analysis import explore
from game.analysis.routes import Route, routes_to
from game.engine import choose, start
from game.engine.model import Story
from game.loader import load_story
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
    assert len(routes_to(explore(story_of("bundled")), "prologue", limit=3)) == 3


def test_an_ending_no_play_reaches_has_no_routes() -> None:
    assert routes_to(explore(story_of("defect_unreachable_ending")), "decorated") == []


def test_an_ending_no_scene_carries_has_no_routes() -> None:
    assert routes_to(explore(story_of("minimal")), "nowhere") == []
