"""Shortest paths through an explored story, as plays a person (or a pipe) can repeat.

A path is the sequence of choice numbers the player types, each with the random outcome it
must have. ``stars-gossip play --plain --seed N`` draws outcomes from its seed, so for a
path with random steps we search for a seed whose draws give exactly those outcomes, and
then replay the path through ``choose`` to make sure it really does what we claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.analysis.explore import Exploration, Move, key_of
from game.engine import (
    SEED_MASK,
    Choice,
    GameState,
    StoryRuntimeError,
    available,
    begin,
    choose,
    next_random,
    start,
    step,
)
from game.engine.text import render

NEAR_SEEDS = 1_000
"""Seeds tried from the exploration's own seed on, so most replays print a small number."""

SEED_TRIES = 20_000
"""Seeds built by inversion before giving up: each draws the path's rarest outcome for sure,
so only the others are left to chance. A path whose other random outcomes together have a
chance below about 1 in 10,000 may go without a seed; it is still printed."""

_GAMMA = 0x9E3779B97F4A7C15  # splitmix64's increment: the generator state after m draws is seed + m * _GAMMA
_UNMIX_1 = pow(0xBF58476D1CE4E5B9, -1, 1 << 64)
_UNMIX_2 = pow(0x94D049BB133111EB, -1, 1 << 64)


def _unmix(z: int) -> int:
    """The generator state whose splitmix64 draw is ``z``: the mixing function run backwards."""
    z ^= (z >> 31) ^ (z >> 62)
    z = (z * _UNMIX_2) & SEED_MASK
    z ^= (z >> 27) ^ (z >> 54)
    z = (z * _UNMIX_1) & SEED_MASK
    z ^= (z >> 30) ^ (z >> 60)
    return z


@dataclass(frozen=True, slots=True)
class PathStep:
    """One choice of a path: its number in the list shown, its text, where it was made, and for
    a random choice which outcome it must have (``outcomes`` > 1)."""

    number: int
    outcome: int
    outcomes: int
    choice_id: str
    text: str
    scene: str

    @property
    def is_random(self) -> bool:
        return self.outcomes > 1


@dataclass(frozen=True, slots=True)
class ChoicePath:
    """A shortest play from the start. ``seed`` makes ``stars-gossip play --plain --seed`` draw
    every random outcome of the path as recorded (None when no seed was found)."""

    steps: tuple[PathStep, ...]
    seed: int | None

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(s.number for s in self.steps)

    def describe(self) -> str:
        """The choices in order, one phrase each: ``"Hello" > Take the card (outcome 2 of 2)``."""
        if not self.steps:
            return "(the start of the story)"
        parts = []
        for s in self.steps:
            chance = f" (outcome {s.outcome + 1} of {s.outcomes})" if s.is_random else ""
            parts.append(f"{s.text}{chance}")
        return " > ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {
            "numbers": list(self.numbers),
            "seed": self.seed,
            "steps": [
                {
                    "number": s.number,
                    "text": s.text,
                    "choice": s.choice_id,
                    "scene": s.scene,
                    **({"outcome": s.outcome + 1, "outcomes": s.outcomes} if s.is_random else {}),
                }
                for s in self.steps
            ],
        }


def moves_to(exploration: Exploration, state_id: int) -> list[tuple[int, Move]]:
    """The (state, move) pairs of the shortest path from the start to ``state_id``."""
    chain: list[tuple[int, Move]] = []
    current = state_id
    while exploration.parent[current] >= 0:
        before = exploration.parent[current]
        chain.append((before, exploration.move_of(current)))
        current = before
    chain.reverse()
    return chain


def replay_to(exploration: Exploration, state_id: int) -> GameState:
    """The exact state a shortest play into ``state_id`` leaves (with every variable's real
    value, including those the search set aside), by the engine's own ``step``."""
    story = exploration.story
    state = begin(story, exploration.seed).state
    for _, move in moves_to(exploration, state_id):
        state = step(story, state, available(story, state)[move.number - 1], move.outcome).state
    return state


def path_to(exploration: Exploration, state_id: int, then: Move | None = None) -> ChoicePath:
    """The shortest play reaching ``state_id`` (and then taking ``then``, when given).

    The play is replayed through the engine as it is built, so each choice's text reads as the
    player sees it then, and a play that would not lead where the search says is a bug caught
    here."""
    chain = moves_to(exploration, state_id)
    if then is not None and then.number > 0:
        chain.append((state_id, then))
    return path_along(exploration, chain, state_id if then is None else None)


def path_along(exploration: Exploration, chain: list[tuple[int, Move]], target: int | None) -> ChoicePath:
    """The play making the moves of ``chain`` (each from the explored state it names), ending in
    state ``target``; with ``target`` None the last move is not made (it may fault).

    Replayed through the engine as it is built (each choice's text as the player sees it then),
    and checked again with the seed found: a play that leaves the explored path is a bug."""
    story = exploration.story
    steps = []
    picked: list[tuple[Choice, int]] = []
    state = begin(story, exploration.seed).state
    for i, (before, move) in enumerate(chain):
        if exploration.id_of_parts(key_of(state)) != before:
            raise AssertionError(f"the play to state {target} left the explored path before step {i + 1}")
        choice = available(story, state)[move.number - 1]
        picked.append((choice, move.outcome))
        steps.append(
            PathStep(
                move.number, move.outcome, len(choice.outcomes), choice.id, render(choice.text, state), state.scene
            )
        )
        if i < len(chain) - 1 or target is not None:
            state = step(story, state, choice, move.outcome).state
    seed = find_seed(picked, exploration.seed)
    if seed is not None:
        _verify(exploration, chain, target, seed)
    return ChoicePath(tuple(steps), seed)


def find_seed(picked: list[tuple[Choice, int]], first: int = 0, tries: int = SEED_TRIES) -> int | None:
    """A seed whose draws give each random choice of ``picked`` its outcome, or None.

    First the seeds just after ``first`` (short to type); then seeds made to order: the
    generator's mixing is invertible, so for the least likely outcome a draw that picks it
    is chosen and the seed that yields that draw computed, leaving only the other outcomes
    to chance. Bounded by ``tries`` whatever the weights.
    """
    wanted = [_window(choice, outcome) for choice, outcome in picked if choice.is_random]
    if not wanted:
        return first
    for seed in range(first, first + NEAR_SEEDS):
        if _draws(seed & SEED_MASK, wanted):
            return seed
    rarest = min(range(len(wanted)), key=lambda m: (wanted[m][2] - wanted[m][1]) / wanted[m][0])
    total, low, high = wanted[rarest]
    width = high - low
    for n in range(tries):
        draw = (n // width) * total + low + n % width
        if draw > SEED_MASK:
            break
        seed = (_unmix(draw) - (rarest + 1) * _GAMMA) & SEED_MASK
        if _draws(seed, wanted):
            return seed
    return None


def _window(choice: Choice, outcome: int) -> tuple[int, int, int]:
    """(total weight, low, high): ``outcome`` is drawn when the draw modulo the total falls in low..high-1."""
    weights = [o.weight for o in choice.outcomes]
    low = sum(weights[:outcome])
    return sum(weights), low, low + weights[outcome]


def _draws(rng: int, wanted: list[tuple[int, int, int]]) -> bool:
    """Whether the generator from ``rng`` draws every wanted outcome in turn (as ``draw_outcome`` does)."""
    for total, low, high in wanted:
        draw, rng = next_random(rng)
        if not low <= draw % total < high:
            return False
    return True


def _verify(exploration: Exploration, chain: list[tuple[int, Move]], target: int | None, seed: int) -> None:
    """Replay the path through ``choose``: a counterexample that does not reproduce is a bug.

    Every state on the way must be the explored one; only the last move may fault (that is
    what a run-time fault's path shows); the end must be ``target`` when one is given.
    """
    story = exploration.story
    state = start(story, seed)
    for i, (before, move) in enumerate(chain):
        if exploration.id_of_parts(key_of(state)) != before:
            raise AssertionError(f"replaying with seed {seed} left the explored path before step {i + 1}")
        try:
            state = choose(story, state, move.number)
        except StoryRuntimeError:
            if i == len(chain) - 1:
                return
            raise
    if target is not None and exploration.id_of_parts(key_of(state)) != target:
        raise AssertionError(f"replaying with seed {seed} did not reach the explored state")
