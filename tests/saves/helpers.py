"""Shared set-up for the saves tests: stories by folder, runs made to order, saves from runs."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from game.engine import GameState, Story
from game.engine.picks import Pick
from game.engine.playthrough import Playthrough, take
from game.loader import load_story
from game.saves import Save, Session, Shelf

EVOLUTION = Path(__file__).resolve().parent / "evolution"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MOMENT = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


@cache
def story_at(directory: Path) -> Story:
    result = load_story(directory)
    assert result.story is not None, "\n".join(str(d) for d in result.diagnostics)
    return result.story


def evolved(name: str) -> Story:
    """The evolution test story as edited in ``tests/saves/evolution/<name>``."""
    return story_at(EVOLUTION / name)


def run_of(story: Story, picks: list[Pick], seed: int = 0) -> Playthrough:
    """The run that takes ``picks`` (random outcomes forced as given) from the story's start."""
    begun = Playthrough.begin(story, seed)
    assert isinstance(begun, Playthrough)
    states: list[GameState] = list(begun.states)
    entered = dict(begun.entered)
    for pick in picks:
        taken = take(story, states[-1], pick)
        assert not isinstance(taken, str), taken
        states.append(taken[0])
        entered[taken[0].scene] = entered.get(taken[0].scene, 0) + 1
    resumed = Playthrough.resume(story, states, seed, None, picks, entered)
    assert isinstance(resumed, Playthrough)
    return resumed


def session_of(run: Playthrough, shelf: Shelf | None = None, played: float = 60.0) -> Session:
    """A session of ``run`` on fixed clocks: ``played`` seconds so far, saved at ``MOMENT``."""
    return Session(run, shelf, played=played, created=MOMENT, clock=lambda: 0.0, clock_now=lambda: MOMENT)


def save_of(run: Playthrough, name: str | None = None) -> Save:
    return session_of(run).capture(name)


V1_ROUTE = [Pick("greet"), Pick("card"), Pick("coin", 0)]
"""On v1: greet Eve (trust 2), take the card (trust 4, once-only), flip the coin: queasy, to the lab."""
