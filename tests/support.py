"""Questions the tests ask of the engine and the checker that the game itself never needs.

Kept here, beside the tests, so production modules hold production code only. Each is built
from the public surface (``choose``, ``expand``, the exploration's arrays), never from a
second copy of the rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from game.analysis import CheckReport, ChoicePath, Exploration, path_to
from game.analysis.explore import key_of
from game.engine import GameState, Step, Story, StoryRuntimeError, choose, start
from game.engine.play import expand


def successors(story: Story, state: GameState) -> Iterator[tuple[int, int, Step]]:
    """Every (choice number, outcome index, step) possible from ``state``: all random results.

    Raises the ``StoryRuntimeError`` of the first move whose effects fault."""
    for number, outcome, _, parts, overflows in expand(story, state):
        if isinstance(parts, StoryRuntimeError):
            raise parts
        scene, values, visits, taken = parts
        yield number, outcome, Step(GameState(scene, values, visits, taken, state.rng), overflows)


def replay(story: Story, numbers: tuple[int, ...] | list[int], seed: int) -> list[GameState]:
    """The states a player passes through typing ``numbers`` in a game started with ``seed``."""
    state = start(story, seed)
    states = [state]
    for number in numbers:
        state = choose(story, state, number)
        states.append(state)
    return states


def coverage(exploration: Exploration) -> dict[str, ChoicePath]:
    """For every scene the search entered, a shortest play that enters it."""
    return {scene: path_to(exploration, state_id) for scene, state_id in sorted(exploration.first_in_scene.items())}


def id_of(exploration: Exploration, state: GameState) -> int | None:
    """The id of ``state`` in the exploration, whatever its generator state (no condition reads it)."""
    return exploration.id_of_parts(key_of(state))


def can_finish(report: CheckReport, state_id: int) -> bool:
    """Whether an ending is reachable from explored state ``state_id`` (complete checks only)."""
    if report.finished is None:
        raise ValueError("an incomplete exploration proves nothing about reaching an ending")
    return bool(report.finished[state_id])


def write_chaptered_story(folder: Path) -> Path:
    """A story of two chapters in ``folder``: a -> a2 -> b, where b can go back to a2 or end."""
    (folder / "one").mkdir(parents=True)
    (folder / "two").mkdir()
    (folder / "story.yaml").write_text(
        "id: s\ntitle: S\nstart: a\nendings:\n  done: Done\n"
        "chapters:\n  - {title: Lift-off, scenes: one}\n  - {title: Day One, scenes: two}\n",
        encoding="utf-8",
    )
    (folder / "one" / "a.yaml").write_text(
        "- scene: a\n  title: Pad\n  choices:\n    - {choice: Wait, go: a2}\n"
        "- scene: a2\n  title: Still the pad\n  choices:\n    - {choice: Go, go: b}\n",
        encoding="utf-8",
    )
    (folder / "two" / "b.yaml").write_text(
        "- scene: b\n  title: Station\n  choices:\n    - {choice: Back, go: a2}\n    - {choice: Stay, go: end}\n"
        "- scene: end\n  title: Home\n  ending: done\n",
        encoding="utf-8",
    )
    return folder
