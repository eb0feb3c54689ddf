"""A writer's jump: the checker's shortest way into a scene, from where the run stands or from the
start, played through the run so the state it lands in is the one the checker's replay gives."""

from __future__ import annotations

import pytest

from game.analysis import replay_to
from game.analysis.explore import key_of
from game.analysis.jump import Route, jumped_run, route_to
from game.engine import Story
from game.engine.playthrough import Playthrough
from game.loader import load_story
from tests.conftest import STORIES


def story_named(name: str) -> Story:
    story = load_story(STORIES / name).story
    assert story is not None
    return story


def run_of(story: Story, numbers: list[int], seed: int = 0) -> Playthrough:
    run = Playthrough.begin(story, seed)
    assert isinstance(run, Playthrough)
    for number in numbers:
        run.choose(number)
    return run


@pytest.mark.parametrize("name", ["minimal", "tui_small", "defect_softlock_flags"])
def test_every_scene_reached_lands_in_the_state_the_checker_replays(name: str) -> None:
    story = story_named(name)
    for scene in story.scenes:
        route = route_to(story, scene, None, seed=4)
        assert isinstance(route, Route) and route.from_start
        run = jumped_run(story, route, None, seed=4)
        assert isinstance(run, Playthrough)
        assert run.state.scene == scene and run.choices_made == len(route.picks)
        assert key_of(run.state) == key_of(replay_to(route.exploration, route.target))


def test_a_scene_ahead_is_reached_from_where_the_run_stands_and_the_run_itself_is_kept() -> None:
    story = story_named("minimal")
    run = run_of(story, [1])  # Hello, Commander: trust 1
    route = route_to(story, "home", run, seed=0)
    assert isinstance(route, Route) and not route.from_start
    assert route.describe() == "Flip a coin (outcome 2 of 2)"  # worded as the check words a path
    jumped = jumped_run(story, route, run, seed=0)
    assert isinstance(jumped, Playthrough) and jumped is not run
    assert run.state.scene == "hatch" and run.choices_made == 1  # unchanged
    assert jumped.state.scene == "home" and jumped.choices_made == 2 and jumped.states[:2] == run.states
    assert jumped.state.values == run.state.values  # the trust earned on the way stays


def test_a_scene_behind_the_run_is_reached_from_the_start() -> None:
    story = story_named("tui_small")
    run = run_of(story, [1])  # in the corridor: the airlock is behind
    route = route_to(story, "airlock", run, seed=0)
    assert isinstance(route, Route) and route.from_start and route.picks == ()
    assert route.describe() == "no choice needed"
    jumped = jumped_run(story, route, run, seed=0)
    assert isinstance(jumped, Playthrough) and jumped.state.scene == "airlock" and jumped.choices_made == 0


def test_an_unknown_scene_is_named_with_the_nearest_one() -> None:
    story = story_named("tui_small")
    assert route_to(story, "coridor", None, 0) == "there is no scene 'coridor' (did you mean 'corridor'?)"


def test_a_scene_no_play_reaches_says_so() -> None:
    story = story_named("defect_unreachable_scene")
    assert route_to(story, "sealed_module", None, 0) == (
        "no play reaches scene 'sealed_module': the story check says why"
    )
