"""The transition function: the single source of truth for what a choice does.

``start``, ``view`` and ``choose`` form the pull loop the front ends drive. The checker
drives ``expand`` (``available`` and ``advance``, of which ``step`` is made), which
enumerates every outcome ``choose`` could draw; ``choose`` is ``step`` with the outcome picked
by the state's seeded generator, so all of them run the same rules.

The checker calls these functions millions of times, so each story is compiled once, on
first use, into per-scene and per-choice plans (``game.engine.rules``): the same rules, with
the lookups done ahead of time. A ``Story`` is an immutable value, which is what makes this safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

from game.engine.errors import StoryRuntimeError
from game.engine.model import Chapter, Choice, Effect, Ending, Story, Value
from game.engine.rules import (
    Scratch,
    StateParts,
    arrive,
    count_visit,
    offered_moves,
    open_gates,
    rules_of,
    run,
    taken_after,
)
from game.engine.state import SEED_MASK, GameState, next_random
from game.engine.text import render, show_value


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph to show: narration (``speaker`` None) or a character's line."""

    speaker: str | None
    name: str | None
    color: str | None
    text: str


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """An available choice as the player sees it; ``number`` starts at 1."""

    number: int
    id: str
    text: str
    spoken: bool


@dataclass(frozen=True, slots=True)
class StatusLine:
    """A sidebar line: the writer's label and the current value (with its range for meters)."""

    label: str
    value: Value
    minimum: int | None = None
    maximum: int | None = None
    shown: str = ""
    """The value as the player reads it (an enum's label, yes/no); empty means ``str(value)``."""
    help: str = ""

    @property
    def reading(self) -> str:
        return self.shown or show_value(self.value)


@dataclass(frozen=True, slots=True)
class SceneView:
    """What the player sees in a state: the scene's text, its choices, status, maybe an ending."""

    scene: str
    title: str
    place: str
    blocks: tuple[Block, ...]
    choices: tuple[ChoiceView, ...]
    status: tuple[StatusLine, ...]
    ending: Ending | None
    chapter: Chapter | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """The result of one outcome of one choice: the next state, and the effects on
    ``overflow: error`` variables that had to be held at a bound (the checker reports those;
    ``overflow: clamp`` variables saturate silently, as their writer asked)."""

    state: GameState
    overflows: tuple[Effect, ...] = ()


def start(story: Story, seed: int = 0) -> GameState:
    """The state at the beginning of the story: initial values, then the start scene entered."""
    return begin(story, seed).state


def begin(story: Story, seed: int = 0) -> Step:
    """``start`` as a ``Step``: the first state, and the start scene's ``enter`` effects that
    had to be held at a variable's bound (the checker reports those too)."""
    arrival = rules_of(story).entries[story.start]
    scratch = Scratch([v.initial for v in story.variables], (0,) * len(story.visit_caps))
    overflows = run(arrival.ops, scratch)
    visits = count_visit(arrival, scratch.visits)
    return Step(GameState(story.start, tuple(scratch.values), visits, frozenset(), seed & SEED_MASK), overflows)


def available(story: Story, state: GameState) -> tuple[Choice, ...]:
    """The choices open in ``state``, in the order written. None at an ending."""
    rules = rules_of(story).scenes[state.scene]
    if rules.ending:
        return ()
    if rules.always:
        return rules.choices
    return tuple([gate.choice for gate in open_gates(rules.gates, state)])


Shut = Literal["taken", "condition"]
"""Why a choice is not offered: taken already (``once: true``), or its condition is false."""


def why_unavailable(story: Story, state: GameState, choice: Choice) -> Shut | None:
    """Why ``choice``, one of the current scene's, is not offered in ``state`` (None when it
    is, or the scene is an ending). Whether it is offered is ``available``'s own rule; this
    only names the part of it that shut the choice."""
    rules = rules_of(story).scenes[state.scene]
    if rules.ending:
        return None
    gate = next((g for g in rules.gates if g.choice.id == choice.id), None)
    if gate is None or open_gates((gate,), state):
        return None
    return "taken" if gate.once and choice.id in state.taken else "condition"


def view(story: Story, state: GameState) -> SceneView:
    """What the player sees in ``state``, interpolated."""
    scene = story.scenes[state.scene]
    blocks = []
    for beat in scene.beats:
        if beat.condition is not None and not beat.condition.evaluate(state):
            continue
        character = story.characters.get(beat.speaker) if beat.speaker else None
        blocks.append(
            Block(
                beat.speaker,
                character.name if character else None,
                character.color if character else None,
                render(beat.text, state),
            )
        )
    choices = tuple(
        ChoiceView(n, c.id, render(c.text, state), c.spoken) for n, c in enumerate(available(story, state), start=1)
    )
    return SceneView(
        scene=scene.id,
        title=scene.title,
        place=scene.place,
        blocks=tuple(blocks),
        choices=choices,
        status=status(story, state),
        chapter=story.chapter_of(scene.id),
        ending=story.endings.get(scene.ending) if scene.ending else None,
    )


def status(story: Story, state: GameState) -> tuple[StatusLine, ...]:
    """The sidebar lines the manifest declares, for ``state``."""
    lines = []
    for item in story.status:
        if item.condition is not None and not item.condition.evaluate(state):
            continue
        value = item.value.evaluate(state)
        bounds: tuple[int | None, int | None] = (None, None)
        if (
            item.value.type.kind == "int"
            and len(item.value.variables) == 1
            and item.value.source.strip() in item.value.variables
        ):
            var = story.variables[story.variable_index(item.value.source.strip())]
            bounds = (var.minimum, var.maximum)
        lines.append(StatusLine(item.label, value, *bounds, shown=show_value(value, item.value.type), help=item.help))
    return tuple(lines)


def step(story: Story, state: GameState, choice: Choice, outcome: int) -> Step:
    """Take ``choice`` (which must be available in ``state``) with its ``outcome``-th result.

    Effects run in order, each seeing the ones before; then the target scene is entered
    (its ``enter`` effects run and its visit is counted). The generator state is unchanged.
    """
    (scene, values, visits, taken), overflows = advance(story, state, choice, outcome)
    return Step(GameState(scene, values, visits, taken, state.rng), overflows)


def advance(story: Story, state: GameState, choice: Choice, outcome: int) -> tuple[StateParts, tuple[Effect, ...]]:
    """``step`` without building the result: ((scene, values, visits, taken), overflows).

    ``step`` is exactly this wrapped in a ``GameState`` (keeping ``state.rng``) and a ``Step``;
    the checker calls it directly to spare two allocations per transition.
    """
    arrivals = rules_of(story).arrivals_of(story, choice)
    return arrive(arrivals[outcome], state, taken_after(choice, state.taken))


class Expansion(NamedTuple):
    """One move from a state: the ``number``-th choice offered with its ``outcome``-th result,
    and the next state's parts (or the fault its effects raised) and the overflows held."""

    number: int
    outcome: int
    choice: Choice
    result: StateParts | StoryRuntimeError
    overflows: tuple[Effect, ...]


def expand(story: Story, state: GameState) -> list[Expansion]:
    """Every move from ``state`` at once: each available choice in order, each of its outcomes in order.

    Exactly ``available`` followed by ``advance`` for each choice and outcome, with the scene's
    lookups done once (``offered_moves`` lists them, as it does for the checker's move table).
    A fault in a choice's effects is returned in its move (the other moves are still made); a
    fault in a condition raises, as in ``available``.
    """
    rules = rules_of(story).scenes[state.scene]
    moves: list[Expansion] = []
    if rules.ending:
        return moves
    gates = rules.gates
    for number, outcome, position, arrival in offered_moves(gates, state):
        choice = gates[position].choice
        try:
            parts, overflows = arrive(arrival, state, taken_after(choice, state.taken))
        except StoryRuntimeError as fault:
            moves.append(Expansion(number, outcome, choice, fault, ()))
            continue
        moves.append(Expansion(number, outcome, choice, parts, overflows))
    return moves


def draw_outcome(choice: Choice, rng: int) -> tuple[int, int]:
    """Which outcome the generator picks for ``choice`` (by weight), and its next state."""
    if not choice.is_random:
        return 0, rng
    total = sum(o.weight for o in choice.outcomes)
    draw, rng = next_random(rng)
    point = draw % total
    for k, result in enumerate(choice.outcomes):
        point -= result.weight
        if point < 0:
            return k, rng
    raise AssertionError("weights are positive")


def choose(story: Story, state: GameState, number: int) -> GameState:
    """Pick the ``number``-th (1-based) available choice, drawing its outcome if it is random."""
    options = available(story, state)
    if not 1 <= number <= len(options):
        raise ValueError(f"choice {number} is not available (1..{len(options)})")
    choice = options[number - 1]
    outcome, rng = draw_outcome(choice, state.rng)
    next_state = step(story, state, choice, outcome).state
    if rng != state.rng:
        next_state = GameState(next_state.scene, next_state.values, next_state.visits, next_state.taken, rng)
    return next_state
