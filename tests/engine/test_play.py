"""The transition function: start, view, choose, step and successors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import GameState, StoryRuntimeError, available, choose, start, step, view
from game.engine.model import Story
from game.engine.play import advance, expand, why_unavailable
from game.loader import load_story
from tests.support import successors

MANIFEST = """
id: t
title: Test
start: a
player: ryong
characters:
  ryong: {name: Gong Ryong, color: "#7fd1ff"}
  eve: {name: Eve Kim, color: orange}
variables:
  trust: {type: int, min: 0, max: 2, overflow: clamp}
  strict: {type: int, min: 0, max: 1}
  card: false
  zero: {type: int, min: 0, max: 1}
endings:
  done: {title: Done, description: It is over.}
status:
  - {label: Trust, show: trust}
  - {label: Card, show: card, if: card}
"""

SCENES = """
- scene: a
  title: Alpha
  place: Node 1
  enter: strict += 1
  text:
    - Narration {trust}.
    - eve: Hello, {if card}carded{else}plain{end} doctor.
    - if: visited('b')
      eve: You came back.
  choices:
    - say: Hi.
      id: greet
      once: true
      do: trust += 1
      go: a
    - choice: Take card
      if: not card
      do: card = true
      go: b
    - choice: Gamble
      random:
        - {weight: 1, go: a}
        - {weight: 3, do: trust += 2, go: b}
    - choice: Leave
      if: card
      go: end
    - choice: Break
      if: card and trust == 2
      do: trust = trust / zero
      go: a
- scene: b
  choices:
    - choice: Back
      go: a
- scene: end
  ending: done
  text: Bye.
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    directory: Path = tmp_path_factory.mktemp("story")
    (directory / "story.yaml").write_text(MANIFEST)
    (directory / "scenes.yaml").write_text(SCENES)
    result = load_story(directory)
    assert result.story is not None, [str(d) for d in result.diagnostics]
    return result.story


def test_start_enters_the_start_scene(story: Story) -> None:
    state = start(story, seed=5)
    assert state.scene == "a"
    assert state.values == (0, 1, False, 0)  # the enter effect ran
    assert state.visits == (0,)  # only 'b' is counted: an expression asks about it
    assert state.rng == 5


def test_view_shows_interpolated_text_choices_and_status(story: Story) -> None:
    shown = view(story, start(story))
    assert [b.text for b in shown.blocks] == ["Narration 0.", "Hello, plain doctor."]
    assert shown.blocks[1].name == "Eve Kim" and shown.blocks[1].color == "orange"
    assert [(c.number, c.text, c.spoken) for c in shown.choices] == [
        (1, "Hi.", True),
        (2, "Take card", False),
        (3, "Gamble", False),
    ]
    assert [(s.label, s.value, s.minimum, s.maximum) for s in shown.status] == [("Trust", 0, 0, 2)]
    assert (shown.title, shown.place, shown.ending) == ("Alpha", "Node 1", None)


def test_once_only_choice_disappears_after_it_is_taken(story: Story) -> None:
    state = choose(story, start(story), 1)
    assert "greet" in state.taken
    assert [c.id for c in available(story, state)] == ["a#2", "a#3"]


def test_conditional_line_and_visit_count(story: Story) -> None:
    state = choose(story, start(story), 2)  # take card, to b
    assert state.scene == "b" and state.visits == (1,)
    state = choose(story, state, 1)  # back to a
    texts = [b.text for b in view(story, state).blocks]
    assert texts[-1] == "You came back." and "carded" in texts[1]


def test_clamped_overflow_holds_the_bound_silently(story: Story) -> None:
    state = choose(story, start(story), 1)  # trust 1
    gamble = available(story, state)[1]
    result = step(story, state, gamble, 1)
    assert result.state.values[0] == 2
    assert result.overflows == ()


def test_strict_overflow_from_enter_effect_is_reported(story: Story) -> None:
    state = start(story)
    result = step(story, state, available(story, state)[0], 0)
    assert result.state.values[1] == 1
    assert [e.source for e in result.overflows] == ["strict += 1"]


def test_random_choice_is_deterministic_for_a_seed_and_advances_the_generator(story: Story) -> None:
    first = [choose(story, start(story, seed), 3) for seed in range(40)]
    again = [choose(story, start(story, seed), 3) for seed in range(40)]
    assert first == again
    assert {s.scene for s in first} == {"a", "b"}
    assert all(s.rng != seed for seed, s in enumerate(first))


def test_successors_enumerate_every_outcome(story: Story) -> None:
    found = [(n, k, s.state.scene) for n, k, s in successors(story, start(story))]
    assert found == [(1, 0, "a"), (2, 0, "b"), (3, 0, "a"), (3, 1, "b")]


def test_choose_equals_step_of_the_drawn_outcome(story: Story) -> None:
    for seed in range(20):
        state = start(story, seed)
        chosen = choose(story, state, 3)
        options = {s.state.scene: s.state for n, _, s in successors(story, state) if n == 3}
        assert options[chosen.scene].values == chosen.values


def test_ending_offers_no_choices(story: Story) -> None:
    state = GameState("a", (0, 1, True, 0), (1,), frozenset({"greet"}))
    assert [c.text.source for c in available(story, state)] == ["Gamble", "Leave"]
    state = choose(story, state, 2)
    shown = view(story, state)
    assert shown.ending is not None and shown.ending.title == "Done"
    assert shown.choices == ()
    with pytest.raises(ValueError, match="not available"):
        choose(story, state, 1)


def test_division_by_zero_at_run_time_is_a_located_story_error(story: Story) -> None:
    state = GameState("a", (2, 1, True, 0), (1,), frozenset({"greet"}))
    assert [c.text.source for c in available(story, state)] == ["Gamble", "Leave", "Break"]
    with pytest.raises(StoryRuntimeError) as caught:
        choose(story, state, 3)
    assert caught.value.pos.file.endswith("scenes.yaml")
    assert (caught.value.pos.line, caught.value.pos.col) == (30, 25)


def test_states_are_hashable_values(story: Story) -> None:
    a, b = start(story, 1), start(story, 1)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1


@given(st.lists(st.integers(1, 9), max_size=30), st.integers(0, 2**32))
def test_any_play_keeps_values_in_their_domains(story: Story, picks: list[int], seed: int) -> None:
    state = start(story, seed)
    for pick in picks:
        options = [c for c in available(story, state) if c.id != "a#5"]
        if not options:
            break
        state = choose(story, state, available(story, state).index(options[(pick - 1) % len(options)]) + 1)
        for var, value in zip(story.variables, state.values, strict=True):
            assert value in var.domain()


@given(st.lists(st.integers(1, 9), max_size=20), st.integers(0, 2**32))
def test_expand_is_available_then_advance_for_every_choice_and_outcome(
    story: Story, picks: list[int], seed: int
) -> None:
    state = start(story, seed)
    for pick in picks:
        expected = []
        options = available(story, state)
        for number, choice in enumerate(options, start=1):
            for outcome in range(len(choice.outcomes)):
                try:
                    parts, overflows = advance(story, state, choice, outcome)
                except StoryRuntimeError as fault:
                    expected.append((number, outcome, choice.id, fault.pos, ()))
                    continue
                expected.append((number, outcome, choice.id, parts, overflows))
        got = [
            (n, k, c.id, p.pos if isinstance(p, StoryRuntimeError) else p, o) for n, k, c, p, o in expand(story, state)
        ]
        assert got == expected
        if not options:
            break
        state = (
            choose(story, state, (pick - 1) % len(options) + 1)
            if options[(pick - 1) % len(options)].id != "a#5"
            else state
        )


@given(st.lists(st.integers(1, 9), max_size=20), st.integers(0, 2**32))
def test_why_unavailable_says_nothing_for_a_choice_offered_and_a_reason_for_one_not(
    story: Story, picks: list[int], seed: int
) -> None:
    state = start(story, seed)
    for pick in picks:
        options = [c for c in available(story, state) if c.id != "a#5"]
        offered = {choice.id for choice in available(story, state)}
        for choice in story.scenes[state.scene].choices:
            reason = why_unavailable(story, state, choice)
            if choice.id in offered:
                assert reason is None
            elif reason == "taken":
                assert choice.once and choice.id in state.taken
            else:
                assert reason == "condition" and choice.condition is not None
                assert not choice.condition.evaluate(state)
        if not options:
            break
        state = choose(story, state, available(story, state).index(options[(pick - 1) % len(options)]) + 1)
