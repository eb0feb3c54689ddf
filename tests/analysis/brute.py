"""A deliberately simple, independent oracle for the checker: depth-first enumeration of plays.

It shares nothing with ``game.analysis`` but the engine's public ``begin`` (``start``)/
``available``/``step``: no interning to ids, no parent arrays, no reverse graph. Whether an ending can be
reached is a naive fixed point; distances are relaxed until nothing changes. Slow, and
bounded, and meant for small stories only.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import GameState, SourcePos, Story, available, begin, step

Key = tuple[object, ...]


def key(state: GameState) -> Key:
    return (state.scene, state.values, state.visits, state.taken)


@dataclass
class BruteForce:
    """What enumerating every play finds."""

    states: dict[Key, GameState]
    edges: dict[Key, list[Key]]
    scenes: set[str]
    offered: set[str]
    overflow_positions: set[SourcePos]
    can_finish: dict[Key, bool]
    distance: dict[Key, int]


class TooBig(Exception):
    """The story has more states than the brute force is willing to enumerate."""


def enumerate_plays(story: Story, limit: int = 20_000) -> BruteForce:
    opening = begin(story)  # start(), with the start scene's own 'enter' overflows
    first = opening.state
    states: dict[Key, GameState] = {}
    edges: dict[Key, list[Key]] = {}
    offered: set[str] = set()
    overflow_positions: set[SourcePos] = {e.pos for e in opening.overflows}
    stack = [first]
    while stack:
        state = stack.pop()
        k = key(state)
        if k in states:
            continue
        if len(states) >= limit:
            raise TooBig
        states[k] = state
        edges[k] = []
        for choice in available(story, state):
            offered.add(choice.id)
            for outcome in range(len(choice.outcomes)):
                result = step(story, state, choice, outcome)
                overflow_positions.update(e.pos for e in result.overflows)
                edges[k].append(key(result.state))
                stack.append(result.state)
    finished = {k: story.scenes[s.scene].ending is not None for k, s in states.items()}
    changed = True
    while changed:
        changed = False
        for k, targets in edges.items():
            if not finished[k] and any(finished[t] for t in targets):
                finished[k] = changed = True
    distance = {key(first): 0}
    changed = True
    while changed:
        changed = False
        for k, targets in edges.items():
            if k not in distance:
                continue
            for t in targets:
                if distance.get(t, 1 << 30) > distance[k] + 1:
                    distance[t] = distance[k] + 1
                    changed = True
    return BruteForce(
        states=states,
        edges=edges,
        scenes={s.scene for s in states.values()},
        offered=offered,
        overflow_positions=overflow_positions,
        can_finish=finished,
        distance=distance,
    )


def can_reach_ending(story: Story, state: GameState, limit: int = 50_000) -> bool:
    """Whether any sequence of choices and outcomes from ``state`` reaches an ending."""
    seen: set[Key] = set()
    stack = [state]
    while stack:
        current = stack.pop()
        if story.scenes[current.scene].ending is not None:
            return True
        k = key(current)
        if k in seen:
            continue
        if len(seen) >= limit:
            raise TooBig
        seen.add(k)
        for choice in available(story, current):
            for outcome in range(len(choice.outcomes)):
                stack.append(step(story, current, choice, outcome).state)
    return False
