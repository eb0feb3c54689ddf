"""The distinct shortest ways to reach an ending, over the checker's own exploration.

A route is a play from the start into a scene that carries the ending. Two routes are the same
way when they take the same set of choices (by choice id, and for a random choice the same
outcome), whatever the order; a route that takes every choice of a shorter route listed and
more only adds detours to it, and is left out. A route that comes back to a state it has
already been in (the same scene, variables that decide something, visits and once-only
choices taken) makes a pure detour, and is never built.

The search is Yen's k-shortest paths over the explored state graph: the shortest route first;
then, for every choice of every route found, the shortest route that takes another choice (or
outcome) there and then the shortest way on to the ending; the shortest of those not yet seen
is the next one, listed unless it only adds detours to one listed, and so on up to the limit.
"""

from __future__ import annotations

import heapq
import itertools
from array import array
from collections import deque
from dataclasses import dataclass

from game.analysis.explore import Exploration, Move
from game.analysis.paths import ChoicePath, path_along
from game.engine import GameState, StoryRuntimeError, expand

UNREACHABLE = -1

MAX_ROUTES = 100
"""The most routes listed: the search budget grows with the routes asked for, so it is bounded."""
EXPANSIONS_PER_ROUTE = 50
"""Candidate routes whose branches are searched, per route asked for: bounds the work on a
story with very many ways to an ending (the routes listed are then the shortest found)."""

Choice_ = tuple[str, int]
"""A choice as routes tell them apart: its id, and the outcome for a random choice (else 0)."""


@dataclass(frozen=True, slots=True)
class Edge:
    """A move from an explored state: the choice it takes and the state it leads to."""

    move: Move
    choice: Choice_
    target: int


@dataclass(frozen=True, slots=True)
class Route:
    """One way to the ending: the play, and the choices in it no shorter route listed takes."""

    path: ChoicePath
    new_choices: frozenset[str]


def ending_scenes(exploration: Exploration, ending: str) -> set[str]:
    """The ids of the scenes that finish the story with ``ending``."""
    return {scene.id for scene in exploration.story.scenes.values() if scene.ending == ending}


def routes_to(exploration: Exploration, ending: str, limit: int = 5) -> list[Route]:
    """Up to ``limit`` distinct routes to ``ending`` (never more than MAX_ROUTES), shortest first
    (empty when none is explored)."""
    limit = min(limit, MAX_ROUTES)
    goals = _goal_states(exploration, ending_scenes(exploration, ending))
    if not goals or limit < 1:
        return []
    graph = _Graph(exploration)
    distance = graph.distances_to(goals)
    if distance[0] == UNREACHABLE:
        return []
    candidates: list[tuple[int, int, tuple[int, ...], tuple[Edge, ...]]] = []
    shortest: dict[frozenset[Choice_], int] = {}
    order = itertools.count()  # ties between candidates go to the one offered first, never to comparing edges

    def offer(states: tuple[int, ...], edges: tuple[Edge, ...]) -> None:
        taken = frozenset(edge.choice for edge in edges)
        if shortest.get(taken, len(edges) + 1) <= len(edges):
            return
        shortest[taken] = len(edges)
        heapq.heappush(candidates, (len(edges), next(order), states, edges))

    offer(*graph.onward(0, distance))
    done: set[frozenset[Choice_]] = set()
    chosen: list[tuple[frozenset[Choice_], tuple[int, ...], tuple[Edge, ...]]] = []
    budget = EXPANSIONS_PER_ROUTE * limit
    while candidates and len(chosen) < limit and budget > 0:
        _, _, states, edges = heapq.heappop(candidates)
        taken = frozenset(edge.choice for edge in edges)
        if taken in done:
            continue
        done.add(taken)
        if not any(earlier <= taken for earlier, _, _ in chosen):
            chosen.append((taken, states, edges))
        # A route with detours is not listed, but its branches may lead to one that is.
        budget -= 1
        for i, (state, made) in enumerate(zip(states, edges, strict=False)):
            for edge in graph.edges_of(state):
                if edge.move == made.move or distance[edge.target] == UNREACHABLE:
                    continue
                after_states, after_edges = graph.onward(edge.target, distance)
                way_states = (*states[: i + 1], *after_states)
                if len(set(way_states)) == len(way_states):  # else it comes back to a state: a pure detour
                    offer(way_states, (*edges[:i], edge, *after_edges))
    routes = []
    first_ids: set[str] = set()
    for n, (_, states, edges) in enumerate(chosen):
        chain = [(state, edge.move) for state, edge in zip(states, edges, strict=False)]
        path = path_along(exploration, chain, states[-1])
        ids = {edge.choice[0] for edge in edges}
        routes.append(Route(path, frozenset() if n == 0 else frozenset(ids - first_ids)))
        if n == 0:
            first_ids = ids
    return routes


def _goal_states(exploration: Exploration, scenes: set[str]) -> list[int]:
    packing = exploration.packing
    wanted = {k for k, scene_id in enumerate(packing.scene_ids) if scene_id in scenes}
    mask = packing.scene_mask
    return [i for i, packed in enumerate(exploration.states) if packed & mask in wanted]


class _Graph:
    """The explored states with their moves named, and the way back from the ending."""

    def __init__(self, exploration: Exploration) -> None:
        self.exploration = exploration
        self._edges: dict[int, tuple[Edge, ...]] = {}

    def edges_of(self, state_id: int) -> tuple[Edge, ...]:
        """Every move from ``state_id`` with the explored state it leads to, in the order the
        checker recorded them: the engine's own expansion, less the moves that fault."""
        known = self._edges.get(state_id)
        if known is not None:
            return known
        exploration = self.exploration
        targets = exploration.successors_of(state_id)  # none for a state never expanded
        if not targets:
            self._edges[state_id] = ()
            return ()
        state = GameState(*exploration.parts(state_id), exploration.rng)
        made = [
            (Move(m.number, m.outcome), (m.choice.id, m.outcome if m.choice.is_random else 0))
            for m in expand(exploration.story, state)
            if not isinstance(m.result, StoryRuntimeError)
        ]
        if len(made) != len(targets):
            raise AssertionError(f"state {state_id} has {len(targets)} recorded moves but the engine makes {len(made)}")
        edges = tuple(Edge(move, choice, target) for (move, choice), target in zip(made, targets, strict=True))
        self._edges[state_id] = edges
        return edges

    def distances_to(self, goals: list[int]) -> array[int]:
        """How many choices each explored state is from the nearest goal (``UNREACHABLE`` if none).

        A breadth-first pass back from the goals over the moves the search keeps into each
        state (its parent, its link slots, the further links): no state's moves are worked
        out again. A source at or past ``expanded`` is the state a limit broke off, whose
        moves do not count."""
        exploration = self.exploration
        expanded = exploration.expanded
        parent, first, second, further = (
            exploration.parent,
            exploration.first_link,
            exploration.second_link,
            exploration.further,
        )
        distance = array("i", [UNREACHABLE]) * exploration.state_count
        queue = deque(goals)
        for goal in goals:
            distance[goal] = 0
        while queue:
            state = queue.popleft()
            nearer = distance[state] + 1
            for source in (parent[state], first[state], second[state], *further.get(state, ())):
                if 0 <= source < expanded and distance[source] == UNREACHABLE:
                    distance[source] = nearer
                    queue.append(source)
        return distance

    def onward(self, state_id: int, distance: array[int]) -> tuple[tuple[int, ...], tuple[Edge, ...]]:
        """The shortest way from ``state_id`` to a goal: the states passed (both ends included)
        and the moves made, the first move that gets nearer at each step."""
        states, edges = [state_id], []
        while distance[state_id] > 0:
            edge = next(e for e in self.edges_of(state_id) if distance[e.target] == distance[state_id] - 1)
            edges.append(edge)
            state_id = edge.target
            states.append(state_id)
        return tuple(states), tuple(edges)
