"""Saving and loading at any point of any play of every story changes nothing.

Stories are discovered: the bundled one, every folder under tests/stories/ that loads, and the
story-evolution base. At a random point of a random play the run is saved (to bytes, through
the file format) and loaded again; the loaded run must be the same run: same state, history,
path and scene, and the same future, choice for choice (views, faults and random draws alike);
undo must go back exactly as far and through the same states; and saving must not touch the
run it saves.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from game.engine import Story
from game.engine.playthrough import Playthrough, StoryFault
from game.loader import load_story
from game.saves import HISTORY, SLOTS, Restored, Save, Session, Shelf, decode, encode, restore
from tests.conftest import BUNDLED, STORIES
from tests.saves.helpers import EVOLUTION, session_of


@cache
def every_story() -> tuple[Story, ...]:
    """Every story that loads: the bundled one, tests/stories/*, and the evolution base."""
    folders = [BUNDLED, *sorted(p.parent for p in STORIES.glob("*/story.yaml")), EVOLUTION / "v1"]
    stories = []
    for folder in folders:
        story = load_story(folder).story
        if story is not None:
            stories.append(story)
    return tuple(stories)


def test_discovery_finds_the_bundled_story_and_the_test_stories() -> None:
    ids = {story.id for story in every_story()}
    assert {"stars-gossip", "minimal", "tui-small", "evolve"} <= ids
    assert len(ids) >= 10


def play(run: Playthrough, picks: list[int]) -> list[object]:
    """Take ``picks`` (each reduced to the choices on offer); what each pick showed: a scene, a fault,
    or None where nothing was on offer."""
    shown: list[object] = []
    for pick in picks:
        scene = run.scene
        if scene is None or not scene.choices:
            shown.append(None)
            continue
        shown.append(run.choose(pick % len(scene.choices) + 1))
    return shown


def through_a_file(story: Story, run: Playthrough) -> tuple[Save, Playthrough]:
    """Save ``run`` to bytes and load it back on the same story."""
    save = session_of(run).capture()
    loaded = decode(encode(save))
    assert isinstance(loaded, Save), loaded
    assert loaded == save
    restored = restore(story, loaded)
    assert isinstance(restored, Restored) and restored.how == "exact", restored
    resumed = restored.playthrough(story)
    assert isinstance(resumed, Playthrough), resumed
    return save, resumed


@given(
    index=st.integers(min_value=0),
    seed=st.integers(0, 2**64 - 1),
    before=st.lists(st.integers(0, 50), max_size=70),
    after=st.lists(st.integers(0, 50), max_size=20),
)
def test_a_loaded_run_is_the_run_that_was_saved_and_has_the_same_future(
    index: int, seed: int, before: list[int], after: list[int]
) -> None:
    stories = every_story()
    story = stories[index % len(stories)]
    run = Playthrough.begin(story, seed)
    if isinstance(run, StoryFault):
        return
    play(run, before)
    states, path, entered = list(run.states), list(run.path), dict(run.entered)
    _, resumed = through_a_file(story, run)
    assert (run.states, run.path, run.entered) == (states, path, entered), "saving changed the run"
    assert resumed.states == run.states[-(HISTORY + 1) :]
    assert resumed.path == run.path and resumed.entered == run.entered
    assert resumed.choices_made == run.choices_made and resumed.scene == run.scene
    assert play(resumed, after) == play(run, after)  # views, faults and random draws alike
    assert resumed.state == run.state and resumed.state.rng == run.state.rng


@given(
    index=st.integers(min_value=0),
    seed=st.integers(0, 2**32 - 1),
    picks=st.lists(st.integers(0, 50), max_size=70),
    undos=st.integers(0, 80),
)
def test_undo_after_loading_goes_back_as_it_would_have_before_saving(
    index: int, seed: int, picks: list[int], undos: int
) -> None:
    stories = every_story()
    story = stories[index % len(stories)]
    run = Playthrough.begin(story, seed)
    if isinstance(run, StoryFault):
        return
    play(run, picks)
    _, resumed = through_a_file(story, run)
    depth = len(run.states) - 1
    for done in range(undos):
        mine = resumed.undo()
        if mine is None:
            assert done == min(depth, HISTORY)  # as far back as the save kept, no further
            break
        assert mine == run.undo()
        assert resumed.state == run.state and resumed.path == run.path and resumed.entered == run.entered


@given(seed=st.integers(0, 2**32 - 1), picks=st.lists(st.integers(0, 50), min_size=55, max_size=130))
def test_a_long_run_keeps_its_last_fifty_undo_steps_and_its_whole_future(seed: int, picks: list[int]) -> None:
    story = next(s for s in every_story() if s.id == "tui-bench")  # three scenes in a loop, and a way out
    run = Playthrough.begin(story, seed)
    assert isinstance(run, Playthrough)
    play(run, picks)
    save, resumed = through_a_file(story, run)
    assert len(save.history) == min(HISTORY, run.choices_made) and save.choices == run.choices_made
    assert save.complete_path and resumed.choices_made == run.choices_made
    assert resumed.states == run.states[-(HISTORY + 1) :]
    assert play(resumed, picks[:20]) == play(run, picks[:20])


class SaveAndLoadWhilePlaying(RuleBasedStateMachine):
    """Plays a discovered story choosing at random, undoing, saving into slots of a real folder and
    loading them back; a second copy of the run that never saves must stay identical to it."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.story: Story | None = None
        self.session: Session | None = None
        self.shadow: Playthrough | None = None
        self.saved: dict[str, Playthrough] = {}

    def teardown(self) -> None:
        self.folder.cleanup()

    @initialize(index=st.integers(min_value=0), seed=st.integers(0, 2**32 - 1))
    def begin(self, index: int, seed: int) -> None:
        stories = every_story()
        self.story = stories[index % len(stories)]
        run, shadow = Playthrough.begin(self.story, seed), Playthrough.begin(self.story, seed)
        if isinstance(run, StoryFault) or isinstance(shadow, StoryFault):
            return
        self.session = Session(run, Shelf(Path(self.folder.name), self.story.id))
        self.shadow = shadow

    def ready(self) -> bool:
        return self.session is not None and self.shadow is not None

    @precondition(ready)
    @rule(pick=st.integers(0, 50))
    def choose(self, pick: int) -> None:
        assert self.session is not None and self.shadow is not None
        scene = self.session.run.scene
        if scene is not None and scene.choices:
            number = pick % len(scene.choices) + 1
            assert self.session.run.choose(number) == self.shadow.choose(number)
            assert self.session.autosave() is None

    @precondition(ready)
    @rule()
    def undo(self) -> None:
        assert self.session is not None and self.shadow is not None
        if self.session.run.undo() is not None:
            self.shadow.undo()

    @precondition(ready)
    @rule(slot=st.sampled_from(SLOTS[:3]))
    def save(self, slot: str) -> None:
        assert self.session is not None and self.shadow is not None
        assert self.session.save(slot) is None
        self.saved[slot] = Playthrough(
            self.shadow.story,
            list(self.shadow.states),
            self.shadow.scene,
            self.shadow.seed,
            self.shadow.origin,
            list(self.shadow.path),
            dict(self.shadow.entered),
        )

    @precondition(lambda self: self.ready() and bool(self.saved))
    @rule(data=st.data())
    def load(self, data: st.DataObject) -> None:
        assert self.session is not None and self.story is not None and self.session.shelf is not None
        slot = data.draw(st.sampled_from(sorted(self.saved)), label="slot")
        entry = self.session.shelf.read(slot)
        assert entry.save is not None, entry.problem
        restored = restore(self.story, entry.save)
        assert isinstance(restored, Restored) and restored.how == "exact"
        run = restored.playthrough(self.story)
        assert isinstance(run, Playthrough)
        self.session = Session.resumed(run, self.session.shelf, entry.save)
        kept = self.saved[slot]
        # From here on the shadow is the saved run, but with undo bounded as the save bounds it.
        self.shadow = Playthrough(
            kept.story,
            kept.states[-(HISTORY + 1) :],
            kept.scene,
            kept.seed,
            kept.origin,
            list(kept.path),
            dict(kept.entered),
        )

    @invariant()
    def the_run_is_the_one_that_never_saved(self) -> None:
        if self.session is None or self.shadow is None:
            return
        run = self.session.run
        assert run.state == self.shadow.state
        assert run.scene == self.shadow.scene
        assert run.path == self.shadow.path
        assert run.can_undo == self.shadow.can_undo


TestSaveAndLoadWhilePlaying = SaveAndLoadWhilePlaying.TestCase
TestSaveAndLoadWhilePlaying.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
