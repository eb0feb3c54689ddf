"""The game state: an immutable, hashable value that the transition function maps to the next."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.model import Value


@dataclass(frozen=True, slots=True)
class GameState:
    """Everything that decides what happens next, and nothing else.

    ``values`` follow the order of ``Story.variables``; ``visits`` the order of
    ``Story.visit_caps`` (saturating counts); ``taken`` holds the ids of once-only choices
    already picked; ``rng`` is the seeded generator's state, advanced only by random choices.
    """

    scene: str
    values: tuple[Value, ...]
    visits: tuple[int, ...]
    taken: frozenset[str] = frozenset()
    rng: int = 0


SEED_MASK = (1 << 64) - 1
"""The generator state is 64 bits; any seed is reduced to it."""


def next_random(rng: int) -> tuple[int, int]:
    """One splitmix64 step: (a 64-bit draw, the generator's next state). Same on every platform."""
    rng = (rng + 0x9E3779B97F4A7C15) & SEED_MASK
    z = rng
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & SEED_MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & SEED_MASK
    return z ^ (z >> 31), rng
