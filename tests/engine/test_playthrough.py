"""A run's history: choosing appends a state and a pick, undoing restores the earlier one exactly, and the
path of picks replays the run."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import Story, start, view
from game.engine.picks import Pick
from game.engine.playthrough import Playthrough, take
from game.loader import load_story
from tests.conftest import BUNDLED, STORIES


@pytest.fixture(scope="module", params=["minimal", "bundled"])
def story(request: pytest.FixtureRequest) -> Story:
    loaded = load_story(BUNDLED if request.param == "bundled" else STORIES / request.param).story
    assert loaded is not None
    return loaded


@given(picks=st.lists(st.integers(0, 8), max_size=25), undos=st.integers(0, 30), seed=st.integers(0, 2**32))
def test_undo_restores_exactly_the_states_and_scene_before(
    story: Story, picks: list[int], undos: int, seed: int
) -> None:
    run = Playthrough.begin(story, seed)
    assert isinstance(run, Playthrough)
    for pick in picks:
        assert run.scene is not None
        if not run.scene.choices:
            break
        run.choose(pick % len(run.scene.choices) + 1)
    history = list(run.states)
    for _ in range(undos):
        before = list(run.states)
        scene = run.undo()
        if len(before) == 1:
            assert scene is None and run.states == before
            break
        assert run.states == before[:-1] == history[: len(run.states)]
        assert run.scene == scene == view(story, run.state)


def test_undo_at_the_start_changes_nothing() -> None:
    story = load_story(STORIES / "minimal").story
    assert story is not None
    run = Playthrough.begin(story, 1)
    assert isinstance(run, Playthrough)
    assert run.undo() is None
    assert len(run.states) == 1


@given(picks=st.lists(st.integers(0, 8), max_size=25), seed=st.integers(0, 2**32))
def test_the_path_replayed_by_id_gives_the_same_states_and_entries_count_every_scene(
    story: Story, picks: list[int], seed: int
) -> None:
    run = Playthrough.begin(story, seed)
    assert isinstance(run, Playthrough)
    for pick in picks:
        assert run.scene is not None
        if not run.scene.choices:
            break
        run.choose(pick % len(run.scene.choices) + 1)
    assert run.choices_made == len(run.path) == len(run.states) - 1
    assert run.entered == Counter(state.scene for state in run.states)
    state = start(story, seed)
    for pick, expected in zip(run.path, run.states[1:], strict=True):
        taken = take(story, state, pick)
        assert not isinstance(taken, str)
        state, again = taken
        assert state == expected and again == pick  # random draws included


def test_a_random_pick_records_the_outcome_that_fell() -> None:
    story = load_story(STORIES / "minimal").story
    assert story is not None
    run = Playthrough.begin(story, 3)
    assert isinstance(run, Playthrough)
    run.choose(3)  # flip a coin
    (pick,) = run.path
    assert pick.choice == "hatch#3" and pick.outcome in (0, 1)
    assert str(pick) == f"hatch#3 (outcome {pick.outcome + 1})"


def test_undo_takes_back_the_pick_and_the_entry_too() -> None:
    story = load_story(STORIES / "minimal").story
    assert story is not None
    run = Playthrough.begin(story, 1)
    assert isinstance(run, Playthrough)
    run.choose(1)
    run.choose(1)
    run.undo()
    assert [p.choice for p in run.path] == ["hatch#1"] and run.entered == {"hatch": 2}


def test_taking_a_pick_that_is_not_offered_says_why() -> None:
    story = load_story(STORIES / "minimal").story
    assert story is not None
    state = start(story, 0)
    assert take(story, state, Pick("hatch#9")) == "the choice 'hatch#9' no longer exists (in scene 'hatch')"
    assert take(story, state, Pick("hatch#4")) == "the choice 'hatch#4' is no longer offered in scene 'hatch'"
    assert take(story, state, Pick("hatch#3", 7)) == "the choice 'hatch#3' no longer has outcome 8 (it has 2)"


def test_a_resumed_run_undoes_only_as_far_as_it_kept_and_counts_every_choice() -> None:
    story = load_story(STORIES / "minimal").story
    assert story is not None
    run = Playthrough.begin(story, 1)
    assert isinstance(run, Playthrough)
    run.choose(1)
    run.choose(1)
    resumed = Playthrough.resume(story, run.states[-2:], 1, None, run.path, run.entered, skipped=5)
    assert isinstance(resumed, Playthrough)
    assert resumed.choices_made == 7 and resumed.scene == run.scene
    assert resumed.undo() is not None and resumed.undo() is None and resumed.choices_made == 6


def test_retaking_a_pick_forces_its_outcome_and_advances_the_generator_as_choose_does() -> None:
    story = load_story(STORIES / "minimal").story
    assert story is not None
    for outcome in (0, 1):
        run = Playthrough.begin(story, 3)
        assert isinstance(run, Playthrough)
        chosen = Playthrough.begin(story, 3)
        assert isinstance(chosen, Playthrough)
        chosen.choose(3)
        scene = run.retake(Pick("hatch#3", outcome))
        assert not isinstance(scene, str) and scene == run.scene
        assert run.state.scene == ("hatch", "home")[outcome] and run.path == [Pick("hatch#3", outcome)]
        assert run.state.rng == chosen.state.rng
        assert run.undo() is not None and run.state == start(story, 3)


def test_retaking_a_pick_not_offered_says_why_and_changes_nothing() -> None:
    story = load_story(STORIES / "minimal").story
    assert story is not None
    run = Playthrough.begin(story, 0)
    assert isinstance(run, Playthrough)
    assert run.retake(Pick("hatch#4")) == "the choice 'hatch#4' is no longer offered in scene 'hatch'"
    assert run.states == [start(story, 0)] and run.path == [] and run.entered == {"hatch": 1}


def test_a_copy_goes_on_alone_and_leaves_the_run_it_was_taken_from() -> None:
    story = load_story(STORIES / "minimal").story
    assert story is not None
    run = Playthrough.begin(story, 1)
    assert isinstance(run, Playthrough)
    run.choose(1)
    copy = run.copy()
    assert (copy.states, copy.path, copy.entered, copy.scene) == (run.states, run.path, run.entered, run.scene)
    before = (list(run.states), list(run.path), dict(run.entered))
    copy.choose(1)
    assert (run.states, run.path, run.entered) == before and len(copy.states) == len(run.states) + 1


def test_places_are_here_and_every_place_the_run_entered() -> None:
    story = load_story(STORIES / "minimal").story
    assert story is not None
    run = Playthrough.begin(story, 1)
    assert isinstance(run, Playthrough)
    assert run.places() == ("Node 1", ("Node 1",))
