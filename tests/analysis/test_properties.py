"""Properties of the checker on generated stories, against an independent brute-force oracle."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from game.analysis import check_story
from game.analysis.paths import ChoicePath
from game.engine import GameState, SourcePos, Story, available, start, step
from game.engine.playthrough import Playthrough, StoryFault
from game.loader import load_story
from tests.analysis.brute import BruteForce, TooBig, can_reach_ending, enumerate_plays
from tests.analysis.strategies import ChoiceSpec, OutcomeSpec, SceneSpec, StorySpec, load_spec, stories, write
from tests.support import can_finish, coverage, replay

Located = tuple[str, str, int, int]


def _located(code: str, pos: SourcePos) -> Located:
    return (code, pos.file, pos.line, pos.col)


def expected_verdicts(story: Story, found: BruteForce) -> list[Located]:
    """The diagnostics the writer's guide promises, derived from the brute-force enumeration."""
    verdicts = []
    endings_reached = {story.scenes[s].ending for s in found.scenes} - {None}
    for ending_id, ending in story.endings.items():
        if ending_id not in endings_reached:
            own = [scene for scene in story.scenes.values() if scene.ending == ending_id]
            verdicts.append(_located("SG301", own[0].pos if own else ending.pos))
    for sid, scene in story.scenes.items():
        if sid not in found.scenes:
            if scene.ending is None or scene.ending in endings_reached:
                verdicts.append(_located("SG300", scene.pos))
        elif scene.ending is None:
            verdicts += [_located("SG302", c.pos) for c in scene.choices if c.id not in found.offered]
    locked = {k[0] for k, ok in found.can_finish.items() if not ok}
    verdicts += [_located("SG303", story.scenes[str(s)].pos) for s in locked]
    verdicts += [_located("SG304", pos) for pos in found.overflow_positions]
    return sorted(verdicts)


def replay_outcomes(story: Story, path: ChoicePath) -> GameState:
    """Follow a path through ``step`` with the recorded outcomes (needs no seed)."""
    state = start(story)
    for s in path.steps:
        state = step(story, state, available(story, state)[s.number - 1], s.outcome).state
    return state


def load_and_enumerate(spec: StorySpec) -> tuple[Story, BruteForce]:
    """The story of ``spec`` and every play of it (examples too big to enumerate are dropped)."""
    story = load_spec(spec)
    try:
        return story, enumerate_plays(story)
    except TooBig:
        assume(False)
        raise


@given(stories(max_scenes=7, max_bools=2, max_ints=1))
def test_verdicts_equal_brute_force_enumeration(spec: StorySpec) -> None:
    """Both the plain search and the reduced one give exactly the verdicts brute force finds, with
    counterexamples of the same lengths; the plain one also finds exactly the same states."""
    story, found = load_and_enumerate(spec)
    plays: list[list[tuple[str, str, int, int, int | None]]] = []
    for reduce in (False, True):
        report = check_story(story, reduce=reduce)
        assert report.complete
        if reduce:
            assert report.exploration.state_count <= len(found.states)
        else:
            assert report.exploration.state_count == len(found.states)
        assert set(report.exploration.first_in_scene) == found.scenes
        got = sorted(
            _located(f.diagnostic.code, SourcePos(f.diagnostic.file, f.diagnostic.line, f.diagnostic.col))
            for f in report.findings
        )
        assert got == expected_verdicts(story, found)
        plays.append(
            [
                (
                    *_located(f.diagnostic.code, SourcePos(f.diagnostic.file, f.diagnostic.line, f.diagnostic.col)),
                    len(f.path.steps) if f.path else None,
                )
                for f in report.findings
            ]
        )
    assert plays[0] == plays[1]


@given(stories(max_scenes=7, max_bools=2, max_ints=1))
def test_coverage_paths_are_shortest_and_replay_into_their_scene(spec: StorySpec) -> None:
    story, found = load_and_enumerate(spec)
    report = check_story(story)
    for scene, path in coverage(report.exploration).items():
        nearest = min(d for k, d in found.distance.items() if k[0] == scene)
        assert len(path.steps) == nearest
        assert replay_outcomes(story, path).scene == scene
        if path.seed is not None:
            assert replay(story, path.numbers, path.seed)[-1].scene == scene


@given(stories(max_scenes=20, max_bools=2, max_ints=1, completable=True))
def test_stories_built_completable_are_proven_completable(spec: StorySpec) -> None:
    report = check_story(load_spec(spec), max_states=100_000)
    assume(report.complete)
    codes = {f.diagnostic.code for f in report.findings}
    assert not codes & {"SG303", "SG305", "SG306"}
    assert all(can_finish(report, i) for i in range(report.exploration.state_count))


def _reachable_scene(spec: StorySpec, data: st.DataObject) -> int:
    story = load_spec(spec)
    reached = check_story(story).exploration.first_in_scene
    candidates = [i for i, s in enumerate(spec.scenes) if s.ending is None and s.id in reached]
    return data.draw(st.sampled_from(candidates))


@given(stories(max_scenes=12, completable=True), st.data())
def test_planted_softlock_is_found_and_its_path_really_locks(spec: StorySpec, data: st.DataObject) -> None:
    where = _reachable_scene(spec, data)
    trap = SceneSpec("trap", (ChoiceSpec("Wait", (OutcomeSpec("trap"),)),))
    door = ChoiceSpec("Into the trap", (OutcomeSpec("trap"),))
    scenes = list(spec.scenes)
    scenes[where] = SceneSpec(scenes[where].id, (*scenes[where].choices, door), enter=scenes[where].enter)
    story = load_spec(spec.with_scenes((*scenes, trap)))
    report = check_story(story)
    locks = [f for f in report.findings if f.diagnostic.code == "SG303"]
    assert [f.diagnostic.line for f in locks] == [story.scenes["trap"].pos.line]
    assert locks[0].diagnostic.file == story.scenes["trap"].pos.file
    path = locks[0].path
    assert path is not None
    locked = replay_outcomes(story, path)
    assert locked.scene == "trap"
    assert not can_reach_ending(story, locked)
    if path.seed is not None:
        played = replay(story, path.numbers, path.seed)[-1]
        assert (played.scene, played.values, played.visits) == (locked.scene, locked.values, locked.visits)


@given(stories(max_scenes=12, completable=True), st.data())
def test_planted_unreachable_ending_is_found_with_its_blocking_condition(spec: StorySpec, data: st.DataObject) -> None:
    where = _reachable_scene(spec, data)
    guard = "visited('s0') and not visited('s0')"
    door = ChoiceSpec("Take the secret way", (OutcomeSpec("lost_end"),), condition=guard)
    scenes = list(spec.scenes)
    scenes[where] = SceneSpec(scenes[where].id, (*scenes[where].choices, door), enter=scenes[where].enter)
    story = load_spec(spec.with_scenes((*scenes, SceneSpec("lost_end", ending="lost")), (*spec.endings, "lost")))
    report = check_story(story)
    unreachable = [f.diagnostic for f in report.findings if f.diagnostic.code == "SG301"]
    lost = story.scenes["lost_end"].pos
    assert [(d.file, d.line) for d in unreachable if "'lost'" in d.message] == [(lost.file, lost.line)]
    assert any(guard in d.message for d in unreachable)


@given(stories(max_scenes=15))
def test_the_check_is_deterministic(spec: StorySpec) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = write(spec, Path(tmp) / "story")
        stories_loaded = [load_story(directory).story for _ in range(2)]
    assert stories_loaded[0] is not None and stories_loaded[1] is not None
    first, second = (check_story(s) for s in stories_loaded)
    assert first.exploration.states == second.exploration.states
    assert [(str(f.diagnostic), f.path) for f in first.findings] == [
        (str(f.diagnostic), f.path) for f in second.findings
    ]


@given(stories(max_scenes=8, max_bools=1, max_ints=2, risky=True), st.data())
def test_what_the_check_says_of_faults_in_shown_text_is_what_play_meets(spec: StorySpec, data: st.DataObject) -> None:
    """A story the check finds free of faults never faults in any play, text and status lines
    included; every fault it reports is met by replaying its path, at the place it names."""
    story = load_spec(spec)
    report = check_story(story, max_states=50_000)
    assume(report.complete)
    faults = [f for f in report.findings if f.diagnostic.code == "SG306"]
    for finding in faults:
        path, where = finding.path, finding.diagnostic
        assert path is not None
        if path.seed is None:
            continue
        run = Playthrough.begin(story, path.seed)
        if not path.numbers:
            assert isinstance(run, StoryFault)
            assert (run.pos.line, run.pos.col) == (where.line, where.col)
            continue
        assert isinstance(run, Playthrough)
        outcomes = [run.choose(number) for number in path.numbers]
        assert not any(isinstance(o, StoryFault) for o in outcomes[:-1])
        last = outcomes[-1]
        assert isinstance(last, StoryFault) and (last.pos.line, last.pos.col) == (where.line, where.col)
    if faults:
        return
    for _ in range(3):
        run = Playthrough.begin(story, data.draw(st.integers(0, 2**32), label="seed"))
        assert isinstance(run, Playthrough)
        for _ in range(40):
            assert run.scene is not None
            if not run.scene.choices:
                break
            picked = data.draw(st.integers(1, len(run.scene.choices)), label="choice")
            assert not isinstance(run.choose(picked), StoryFault)
