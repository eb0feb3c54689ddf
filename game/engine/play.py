"""The transition function: the single source of truth for what a choice does.

``start``, ``view`` and ``choose`` form the pull loop the front ends drive. The checker
drives ``successors``, which enumerates every outcome ``choose`` could draw; ``choose`` is
``step`` with the outcome picked by the state's seeded generator, so both run the same rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from game.engine.model import Choice, Effect, Ending, Story, Value
from game.engine.state import GameState, next_random
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
    """The result of one outcome of one choice: the next state, and the effects that had to
    be held at a variable's bound (the checker reports those)."""

    state: GameState
    overflows: tuple[Effect, ...] = ()


class _Scratch:
    """A mutable stand-in for the state while effects run one after another."""

    __slots__ = ("values", "visits")

    def __init__(self, values: list[Value], visits: tuple[int, ...]) -> None:
        self.values = values
        self.visits = visits


def start(story: Story, seed: int = 0) -> GameState:
    """The state at the beginning of the story: initial values, then the start scene entered."""
    scratch = _Scratch([v.initial for v in story.variables], (0,) * len(story.visit_caps))
    overflows: list[Effect] = []
    _enter(story, story.start, scratch, overflows)
    return GameState(story.start, tuple(scratch.values), scratch.visits, frozenset(), seed & ((1 << 64) - 1))


def available(story: Story, state: GameState) -> tuple[Choice, ...]:
    """The choices open in ``state``, in the order written. None at an ending."""
    scene = story.scenes[state.scene]
    if scene.ending is not None:
        return ()
    return tuple(
        c
        for c in scene.choices
        if not (c.once and c.id in state.taken) and (c.condition is None or c.condition.evaluate(state))
    )


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
    result = choice.outcomes[outcome]
    scratch = _Scratch(list(state.values), state.visits)
    overflows: list[Effect] = []
    _apply(story, result.effects, scratch, overflows)
    _enter(story, result.target, scratch, overflows)
    taken = state.taken | {choice.id} if choice.once else state.taken
    next_state = GameState(result.target, tuple(scratch.values), scratch.visits, taken, state.rng)
    return Step(next_state, tuple(overflows))


def successors(story: Story, state: GameState) -> Iterator[tuple[int, int, Step]]:
    """Every (choice number, outcome index, step) possible from ``state``: all random results."""
    for number, choice in enumerate(available(story, state), start=1):
        for k in range(len(choice.outcomes)):
            yield number, k, step(story, state, choice, k)


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


def _enter(story: Story, scene_id: str, scratch: _Scratch, overflows: list[Effect]) -> None:
    scene = story.scenes[scene_id]
    _apply(story, scene.on_enter, scratch, overflows)
    caps = story.visit_caps
    if scene_id in caps:
        slot = story.visit_slots[scene_id]
        visits = list(scratch.visits)
        visits[slot] = min(visits[slot] + 1, caps[scene_id])
        scratch.visits = tuple(visits)


def _apply(story: Story, effects: tuple[Effect, ...], scratch: _Scratch, overflows: list[Effect]) -> None:
    for effect in effects:
        var = story.variables[effect.variable]
        value = effect.value.evaluate(scratch)
        if effect.op != "=":
            current = scratch.values[effect.variable]
            delta = value if effect.op == "+=" else -value  # type: ignore[operator]
            value = current + delta  # type: ignore[operator]
        if var.type.kind == "int":
            assert isinstance(value, int)
            if not var.minimum <= value <= var.maximum:
                overflows.append(effect)
                value = max(var.minimum, min(var.maximum, value))
        scratch.values[effect.variable] = value
