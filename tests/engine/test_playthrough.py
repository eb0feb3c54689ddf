"""A run's history: choosing appends a state, undoing restores the earlier one exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import Story, view
from game.engine.playthrough import Playthrough
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
