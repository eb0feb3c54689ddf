"""The transition function: the single source of truth for what a choice does.

``start``, ``view`` and ``choose`` form the pull loop the front ends drive. The checker
drives ``expand`` (``available`` and ``advance``, of which ``step`` is made), which
enumerates every outcome ``choose`` could draw; ``choose`` is ``step`` with the outcome picked
by the state's seeded generator, so all of them run the same rules.

The checker calls these functions millions of times, so each story is compiled once, on
first use, into per-scene and per-choice plans (``_Runtime``): the same rules, with the
lookups done ahead of time. A ``Story`` is an immutable value, which is what makes this safe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from game.engine.errors import StoryRuntimeError
from game.engine.model import Choice, Effect, Ending, ReadableState, Story, Value
from game.engine.state import SEED_MASK, GameState, next_random
from game.engine.text import render


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


@dataclass(frozen=True, slots=True)
class Step:
    """The result of one outcome of one choice: the next state, and the effects on
    ``overflow: error`` variables that had to be held at a bound (the checker reports those;
    ``overflow: clamp`` variables saturate silently, as their writer asked)."""

    state: GameState
    overflows: tuple[Effect, ...] = ()


class _Scratch:
    """A mutable stand-in for the state while effects run one after another."""

    __slots__ = ("values", "visits")

    def __init__(self, values: list[Value], visits: tuple[int, ...]) -> None:
        self.values = values
        self.visits = visits


# An effect ready to run: (variable index, op: 0 '=' 1 '+=' 2 '-=', evaluate, min, max, effect);
# min and max are None for variables that are not ints; effect is None where holding the value
# at a bound is what the writer asked for ('overflow: clamp'), so it is not reported.
_Op = tuple[int, int, Callable[[ReadableState], Value], int | None, int | None, Effect | None]
_OPS = {"=": 0, "+=": 1, "-=": 2}


@dataclass(frozen=True, slots=True)
class _Arrival:
    """Entering ``target`` by one outcome: the effects to run in order (the outcome's, then the
    scene's ``enter``), then the visit to count (``slot`` -1 when the scene is not counted)."""

    target: str
    ops: tuple[_Op, ...]
    slot: int
    cap: int


# A choice ready to offer: the choice, its condition (None: always), whether it is once-only,
# and how each of its outcomes arrives.
_Gate = tuple[Choice, Callable[[ReadableState], Value] | None, bool, tuple[_Arrival, ...]]


def _open_gates(gates: tuple[_Gate, ...], state: GameState) -> list[_Gate]:
    """The gates whose choice is offered in ``state``: the one rule ``available`` and ``expand``
    share. (One comprehension per state, not a call per choice: this is the checker's hot path.)"""
    taken = state.taken
    return [g for g in gates if not (g[2] and g[0].id in taken) and (g[1] is None or g[1](state))]


@dataclass(frozen=True, slots=True)
class _SceneRules:
    """A scene's choices as gates; ``always`` when none has a condition or is once-only, so
    ``available`` can hand back ``choices`` itself."""

    ending: bool
    choices: tuple[Choice, ...]
    always: bool
    gates: tuple[_Gate, ...]


class _Runtime:
    """One story's rules with every lookup done once: scenes by id, choices by identity."""

    __slots__ = ("arrivals", "entries", "scenes", "story")

    def __init__(self, story: Story) -> None:
        self.story = story
        self.entries = {sid: _arrival(story, sid, ()) for sid in story.scenes}
        self.scenes: dict[str, _SceneRules] = {}
        self.arrivals: dict[int, tuple[Choice, tuple[_Arrival, ...]]] = {}
        for sid, scene in story.scenes.items():
            always = not any(c.once or c.condition is not None for c in scene.choices)
            gates = tuple(
                (c, c.condition.evaluate if c.condition else None, c.once, _arrivals(story, c)) for c in scene.choices
            )
            self.scenes[sid] = _SceneRules(scene.ending is not None, scene.choices, always, gates)
            for choice, _, _, arrivals in gates:
                self.arrivals[id(choice)] = (choice, arrivals)


def _ops(story: Story, effects: tuple[Effect, ...]) -> tuple[_Op, ...]:
    ops = []
    for effect in effects:
        var = story.variables[effect.variable]
        bounded = var.type.kind == "int"
        ops.append(
            (
                effect.variable,
                _OPS[effect.op],
                effect.value.evaluate,
                var.minimum if bounded else None,
                var.maximum if bounded else None,
                effect if var.overflow == "error" else None,
            )
        )
    return tuple(ops)


def _arrival(story: Story, target: str, effects: tuple[Effect, ...]) -> _Arrival:
    scene = story.scenes[target]
    ops = _ops(story, effects) + _ops(story, scene.on_enter)
    if target in story.visit_caps:
        return _Arrival(target, ops, story.visit_slots[target], story.visit_caps[target])
    return _Arrival(target, ops, -1, 0)


def _arrivals(story: Story, choice: Choice) -> tuple[_Arrival, ...]:
    return tuple(_arrival(story, o.target, o.effects) for o in choice.outcomes)


def _runtime(story: Story) -> _Runtime:
    """The compiled rules of ``story``, built on first use and kept on the story itself."""
    runtime = story.rules
    if runtime is None:
        runtime = _Runtime(story)
        object.__setattr__(story, "rules", runtime)  # a cache on an immutable value
    return cast(_Runtime, runtime)


def _run(ops: tuple[_Op, ...], scratch: _Scratch) -> tuple[Effect, ...]:
    """Run effects in order, each seeing the ones before; returns the effects on
    ``overflow: error`` variables that had to be held at a bound."""
    overflows: list[Effect] = []
    values = scratch.values
    for index, op, evaluate, low, high, effect in ops:
        value = evaluate(scratch)
        if op:
            # '+=' and '-=' are only compiled for int variables with int right-hand sides.
            value = values[index] + value if op == 1 else values[index] - value  # type: ignore[operator]
        if low is not None and high is not None and not low <= value <= high:  # type: ignore[operator]
            if effect is not None:
                overflows.append(effect)
            value = low if value < low else high  # type: ignore[operator]
        values[index] = value
    return tuple(overflows) if overflows else ()


def start(story: Story, seed: int = 0) -> GameState:
    """The state at the beginning of the story: initial values, then the start scene entered."""
    return begin(story, seed).state


def begin(story: Story, seed: int = 0) -> Step:
    """``start`` as a ``Step``: the first state, and the start scene's ``enter`` effects that
    had to be held at a variable's bound (the checker reports those too)."""
    arrival = _runtime(story).entries[story.start]
    scratch = _Scratch([v.initial for v in story.variables], (0,) * len(story.visit_caps))
    overflows = _run(arrival.ops, scratch)
    visits = _count_visit(arrival, scratch.visits)
    return Step(GameState(story.start, tuple(scratch.values), visits, frozenset(), seed & SEED_MASK), overflows)


def available(story: Story, state: GameState) -> tuple[Choice, ...]:
    """The choices open in ``state``, in the order written. None at an ending."""
    rules = _runtime(story).scenes[state.scene]
    if rules.ending:
        return ()
    if rules.always:
        return rules.choices
    return tuple([gate[0] for gate in _open_gates(rules.gates, state)])


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
        lines.append(StatusLine(item.label, value, *bounds))
    return tuple(lines)


def step(story: Story, state: GameState, choice: Choice, outcome: int) -> Step:
    """Take ``choice`` (which must be available in ``state``) with its ``outcome``-th result.

    Effects run in order, each seeing the ones before; then the target scene is entered
    (its ``enter`` effects run and its visit is counted). The generator state is unchanged.
    """
    (scene, values, visits, taken), overflows = advance(story, state, choice, outcome)
    return Step(GameState(scene, values, visits, taken, state.rng), overflows)


StateParts = tuple[str, tuple[Value, ...], tuple[int, ...], frozenset[str]]
"""A state's scene, values, visits and taken once-only choices: all of it but the generator."""


def advance(story: Story, state: GameState, choice: Choice, outcome: int) -> tuple[StateParts, tuple[Effect, ...]]:
    """``step`` without building the result: ((scene, values, visits, taken), overflows).

    ``step`` is exactly this wrapped in a ``GameState`` (keeping ``state.rng``) and a ``Step``;
    the checker calls it directly to spare two allocations per transition.
    """
    found = _runtime(story).arrivals.get(id(choice))
    arrivals = found[1] if found is not None and found[0] is choice else _arrivals(story, choice)
    taken = state.taken | {choice.id} if choice.once else state.taken
    return _arrive(arrivals[outcome], state, taken)


Expansion = tuple[int, int, Choice, StateParts | StoryRuntimeError, tuple[Effect, ...]]
"""One move from a state: (choice number, outcome index, the choice, the next state's parts or
the fault its effects raised, the overflows)."""


def expand(story: Story, state: GameState) -> list[Expansion]:
    """Every move from ``state`` at once: each available choice in order, each of its outcomes in order.

    Exactly ``available`` followed by ``advance`` for each choice and outcome, with the scene's
    lookups done once: the checker's hot path. A fault in a choice's effects is returned in
    its move (the other moves are still made); a fault in a condition raises, as in
    ``available``.
    """
    rules = _runtime(story).scenes[state.scene]
    moves: list[Expansion] = []
    if rules.ending:
        return moves
    taken = state.taken
    number = 0
    for choice, _, once, arrivals in _open_gates(rules.gates, state):
        number += 1
        after = taken | {choice.id} if once else taken
        for outcome, arrival in enumerate(arrivals):
            try:
                parts, overflows = _arrive(arrival, state, after)
            except StoryRuntimeError as fault:
                moves.append((number, outcome, choice, fault, ()))
                continue
            moves.append((number, outcome, choice, parts, overflows))
    return moves


def _arrive(arrival: _Arrival, state: GameState, taken: frozenset[str]) -> tuple[StateParts, tuple[Effect, ...]]:
    """Run an outcome's effects on ``state`` and enter its target: the next state's parts."""
    if not arrival.ops:
        return (arrival.target, state.values, _count_visit(arrival, state.visits), taken), ()
    scratch = _Scratch(list(state.values), state.visits)
    overflows = _run(arrival.ops, scratch)
    return (arrival.target, tuple(scratch.values), _count_visit(arrival, state.visits), taken), overflows


def _count_visit(arrival: _Arrival, visits: tuple[int, ...]) -> tuple[int, ...]:
    """The visit counts after entering ``arrival.target``: its count goes up, saturating at its cap."""
    slot = arrival.slot
    if slot < 0:
        return visits
    counted = list(visits)
    counted[slot] = min(counted[slot] + 1, arrival.cap)
    return tuple(counted)


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
