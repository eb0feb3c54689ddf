"""A story's rules compiled for play: every lookup the transition function needs, done once.

The checker calls the transition function millions of times, so each story is compiled, on
first use, into per-scene gates (a choice, its condition, whether it is once-only, how each
outcome arrives) and per-outcome arrivals (the effects to run in order, the visit to count).
These are the same rules as the story model states, with the lookups done ahead of time.

The compiled form is cached beside the story, not on it: the model stays a plain value, and
the cache entry goes when the story does.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import NamedTuple, cast

from game.engine.model import Choice, Effect, ReadableState, Story, Value
from game.engine.state import GameState

Condition = Callable[[ReadableState], Value]

ASSIGN, ADD, SUBTRACT = 0, 1, 2
_KINDS = {"=": ASSIGN, "+=": ADD, "-=": SUBTRACT}

StateParts = tuple[str, tuple[Value, ...], tuple[int, ...], frozenset[str]]
"""A state's scene, values, visits and taken once-only choices: all of it but the generator."""


class Op(NamedTuple):
    """An effect ready to run on the ``variable``-th variable.

    ``bounds`` is the variable's range for int variables (None for the others); ``report`` is
    the effect itself when holding the value at a bound is a story bug (``overflow: error``),
    None when saturating is what the writer asked for (``overflow: clamp``).
    """

    variable: int
    kind: int
    evaluate: Callable[[ReadableState], Value]
    bounds: tuple[int, int] | None
    report: Effect | None


class Arrival(NamedTuple):
    """Entering ``target`` by one outcome: the effects to run in order (the outcome's, then the
    scene's ``enter``), then the visit to count (``slot`` -1 when the scene is not counted)."""

    target: str
    ops: tuple[Op, ...]
    slot: int
    cap: int


class Gate(NamedTuple):
    """A choice ready to offer: its condition (None: always), whether it is once-only, and how
    each of its outcomes arrives."""

    choice: Choice
    condition: Condition | None
    once: bool
    arrivals: tuple[Arrival, ...]


class SceneRules(NamedTuple):
    """A scene's choices as gates; ``always`` when none has a condition or is once-only, so
    ``available`` can hand back ``choices`` itself."""

    ending: bool
    choices: tuple[Choice, ...]
    always: bool
    gates: tuple[Gate, ...]


class Rules:
    """One story's compiled rules: scenes by id, each choice's arrivals by the choice's identity."""

    __slots__ = ("arrivals", "entries", "scenes")

    def __init__(self, story: Story) -> None:
        self.entries = {sid: _arrival(story, sid, ()) for sid in story.scenes}
        self.scenes: dict[str, SceneRules] = {}
        self.arrivals: dict[int, tuple[Choice, tuple[Arrival, ...]]] = {}
        for sid, scene in story.scenes.items():
            always = not any(c.once or c.condition is not None for c in scene.choices)
            gates = tuple(
                Gate(c, c.condition.evaluate if c.condition else None, c.once, _arrivals(story, c))
                for c in scene.choices
            )
            self.scenes[sid] = SceneRules(scene.ending is not None, scene.choices, always, gates)
            for gate in gates:
                self.arrivals[id(gate.choice)] = (gate.choice, gate.arrivals)

    def arrivals_of(self, story: Story, choice: Choice) -> tuple[Arrival, ...]:
        """How each outcome of ``choice`` arrives (compiled now for a choice from elsewhere)."""
        found = self.arrivals.get(id(choice))
        return found[1] if found is not None and found[0] is choice else _arrivals(story, choice)


_compiled: dict[int, Rules] = {}


def rules_of(story: Story) -> Rules:
    """The compiled rules of ``story``, built on first use and dropped when the story is."""
    rules = _compiled.get(id(story))
    if rules is None:
        rules = _compiled[id(story)] = Rules(story)
        weakref.finalize(story, _compiled.pop, id(story), None)
    return rules


def gate_open(gate: Gate, state: GameState) -> bool:
    """Whether ``gate``'s choice is offered in ``state``: the one rule ``available``, ``expand``
    and the checker's move table share. A condition that fails raises."""
    return not (gate.once and gate.choice.id in state.taken) and (gate.condition is None or bool(gate.condition(state)))


def open_gates(gates: tuple[Gate, ...], state: GameState) -> list[Gate]:
    """The gates whose choice is offered in ``state``, in order."""
    return [gate for gate in gates if gate_open(gate, state)]


Offered = tuple[int, int, int, Arrival]
"""A move: the choice's number among those offered (from 1), the outcome, the position of the
choice's gate among the scene's, and how that outcome arrives."""


def offered_moves(gates: tuple[Gate, ...], state: GameState) -> list[Offered]:
    """The moves of ``state`` in the engine's order: each choice offered (``gate_open``), then
    each of its outcomes. Every gate is asked before any move is listed, so a condition that
    fails stops them all, as it stops ``available``."""
    opened = [position for position, gate in enumerate(gates) if gate_open(gate, state)]
    moves: list[Offered] = []
    for number, position in enumerate(opened, start=1):
        for outcome, arrival in enumerate(gates[position].arrivals):
            moves.append((number, outcome, position, arrival))
    return moves


def taken_after(choice: Choice, taken: frozenset[str]) -> frozenset[str]:
    """The once-only choices taken once ``choice`` is taken."""
    return taken | {choice.id} if choice.once else taken


class Scratch:
    """A mutable stand-in for the state while effects run one after another."""

    __slots__ = ("values", "visits")

    def __init__(self, values: list[Value], visits: tuple[int, ...]) -> None:
        self.values = values
        self.visits = visits


def run(ops: tuple[Op, ...], scratch: Scratch) -> tuple[Effect, ...]:
    """Run effects in order, each seeing the ones before; returns the effects on
    ``overflow: error`` variables that had to be held at a bound."""
    overflows: list[Effect] = []
    values = scratch.values
    for index, kind, evaluate, bounds, report in ops:
        value = evaluate(scratch)
        if bounds is not None:
            # An int variable: the compiler only lets int values reach it, and '+=' and '-='
            # only exist for ints. The casts say so to the type checker; they cost nothing.
            number = cast(int, value)
            if kind == ADD:
                number = cast(int, values[index]) + number
            elif kind == SUBTRACT:
                number = cast(int, values[index]) - number
            low, high = bounds
            if not low <= number <= high:
                if report is not None:
                    overflows.append(report)
                number = low if number < low else high
            value = number
        values[index] = value
    return tuple(overflows) if overflows else ()


def arrive(arrival: Arrival, state: GameState, taken: frozenset[str]) -> tuple[StateParts, tuple[Effect, ...]]:
    """Run an outcome's effects on ``state`` and enter its target: the next state's parts."""
    if not arrival.ops:
        return (arrival.target, state.values, count_visit(arrival, state.visits), taken), ()
    scratch = Scratch(list(state.values), state.visits)
    overflows = run(arrival.ops, scratch)
    return (arrival.target, tuple(scratch.values), count_visit(arrival, state.visits), taken), overflows


def count_visit(arrival: Arrival, visits: tuple[int, ...]) -> tuple[int, ...]:
    """The visit counts after entering ``arrival.target``: its count goes up, saturating at its cap."""
    slot = arrival.slot
    if slot < 0:
        return visits
    counted = list(visits)
    counted[slot] = min(counted[slot] + 1, arrival.cap)
    return tuple(counted)


def _ops(story: Story, effects: tuple[Effect, ...]) -> tuple[Op, ...]:
    ops = []
    for effect in effects:
        var = story.variables[effect.variable]
        bounds = (var.minimum, var.maximum) if var.type.kind == "int" else None
        report = effect if var.overflow == "error" else None
        ops.append(Op(effect.variable, _KINDS[effect.op], effect.value.evaluate, bounds, report))
    return tuple(ops)


def _arrival(story: Story, target: str, effects: tuple[Effect, ...]) -> Arrival:
    scene = story.scenes[target]
    ops = _ops(story, effects) + _ops(story, scene.on_enter)
    if target in story.visit_caps:
        return Arrival(target, ops, story.visit_slots[target], story.visit_caps[target])
    return Arrival(target, ops, -1, 0)


def _arrivals(story: Story, choice: Choice) -> tuple[Arrival, ...]:
    return tuple(_arrival(story, o.target, o.effects) for o in choice.outcomes)
