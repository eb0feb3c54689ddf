"""Exhaustive breadth-first exploration of a story's state space.

The exploration drives the engine's own transition function through ``expand`` (every
``available`` choice taken by ``advance``, which is ``step`` without wrapping its result in
objects; ``successors`` is the same loop), over every available choice and every outcome of
every random draw. It never evaluates a rule
itself, so whatever the checker proves is about the game players play.

States are interned to integer ids in discovery order. Because the search is breadth-first,
ids grow with distance from the start, so the parent pointer of a state lies on a shortest
path to it and the first state found in a scene is a nearest one.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from game.engine import GameState, SourcePos, Story, StoryRuntimeError
from game.engine.model import Effect
from game.engine.play import StateParts, begin, expand
from game.engine.state import SEED_MASK

DEFAULT_MAX_STATES = 1_000_000
"""Enough for any hand-written story; a story that needs more almost always has a counter
with a needlessly wide range, and is better told so than left to eat the machine's memory."""


@dataclass(frozen=True, slots=True)
class Move:
    """One step of a play: the ``number``-th available choice (1-based), with its ``outcome``."""

    number: int
    outcome: int


@dataclass(frozen=True, slots=True)
class Event:
    """Something found while taking ``move`` from state ``state`` (an overflow, a fault)."""

    state: int
    move: Move
    message: str = ""


@dataclass(frozen=True, slots=True)
class Exploration:
    """Everything the search learnt, in compact arrays indexed by state id.

    Promises: ``keys[i]`` is state ``i`` without its generator state; ``parent[i]`` and
    ``moves[i]`` give the last step of a shortest path to it (``-1`` for the start);
    ``edges[offsets[i]:offsets[i + 1]]`` are the ids ``i`` leads to, for every state that was
    expanded (``expanded`` of them, the first ones). ``complete`` is True only when every
    reachable state was expanded: only then are absences (an unreachable scene, a
    soft-lock-free story) proven.
    """

    story: Story
    seed: int
    keys: list[StateParts]
    parent: array[int]
    moves: array[int]
    offsets: array[int]
    edges: array[int]
    expanded: int
    complete: bool
    first_in_scene: dict[str, int]
    available_choices: set[str]
    overflows: dict[Effect, Event]
    faults: dict[SourcePos, Event]
    faulted_states: set[int]
    index: dict[StateParts, int] = field(repr=False)

    @property
    def state_count(self) -> int:
        return len(self.keys)

    @property
    def transition_count(self) -> int:
        return len(self.edges)

    def state(self, state_id: int) -> GameState:
        """The engine state with id ``state_id`` (with the exploration's generator state)."""
        scene, values, visits, taken = self.keys[state_id]
        return GameState(scene, values, visits, taken, self.rng)

    @property
    def rng(self) -> int:
        return self.seed & SEED_MASK

    def id_of(self, state: GameState) -> int | None:
        """The id of ``state`` whatever its generator state (which no condition can read)."""
        return self.index.get(key_of(state))

    def move_of(self, state_id: int) -> Move:
        packed = self.moves[state_id]
        return Move(packed >> 16, packed & 0xFFFF)

    def successors_of(self, state_id: int) -> array[int]:
        return self.edges[self.offsets[state_id] : self.offsets[state_id + 1]]


def key_of(state: GameState) -> StateParts:
    """What identifies a state for the checker: everything but the generator state."""
    return (state.scene, state.values, state.visits, state.taken)


def unstartable(story: Story, seed: int = 0) -> Exploration:
    """The exploration of a story whose very first state faults: nothing was explored."""
    empty = array("i")
    return Exploration(story, seed, [], empty, empty, empty, empty, 0, False, {}, set(), {}, {}, set(), {})


def explore(story: Story, max_states: int = DEFAULT_MAX_STATES, seed: int = 0) -> Exploration:
    """Breadth-first search from ``start(story, seed)`` over every choice and outcome.

    Stops after ``max_states`` distinct states (``complete`` is then False). Raises
    ``StoryRuntimeError`` only when entering the start scene itself faults. A state whose
    choices cannot be listed because a condition fails at run time, and a move whose effects
    fail, are recorded in ``faults`` (first occurrence, nearest the start, per expression)
    and the search goes on around them.
    """
    if max_states < 1:
        raise ValueError("max_states must be at least 1")
    opening = begin(story, seed)
    first = opening.state
    rng = first.rng
    keys: list[StateParts] = [key_of(first)]
    index: dict[StateParts, int] = {keys[0]: 0}
    parent = array("i", [-1])
    moves = array("i", [0])
    offsets = array("i")
    edges = array("i")
    first_in_scene = {first.scene: 0}
    available_choices: set[str] = set()
    overflows: dict[Effect, Event] = {effect: Event(0, Move(0, 0)) for effect in opening.overflows}
    faults: dict[SourcePos, Event] = {}
    faulted_states: set[int] = set()
    scenes = story.scenes
    complete = True
    head = 0
    # The loop is the checker's hot path: locals are bound once, and a state is rebuilt
    # from its key only when it is expanded.
    keys_append, parent_append, moves_append, edges_append = keys.append, parent.append, moves.append, edges.append
    index_get, seen_choice = index.get, available_choices.add
    while head < len(keys):
        offsets.append(len(edges))
        scene_id, values, visits, taken = keys[head]
        if scenes[scene_id].ending is not None:
            head += 1
            continue
        state = GameState(scene_id, values, visits, taken, rng)
        try:
            moves_out = expand(story, state)
        except StoryRuntimeError as fault:
            faults.setdefault(fault.pos, Event(head, Move(0, 0), fault.message))
            faulted_states.add(head)
            head += 1
            continue
        for number, outcome, choice, key, overflowed in moves_out:
            seen_choice(choice.id)
            if type(key) is not tuple:
                assert isinstance(key, StoryRuntimeError)
                faults.setdefault(key.pos, Event(head, Move(number, outcome), key.message))
                faulted_states.add(head)
                continue
            if overflowed:
                for effect in overflowed:
                    if effect not in overflows:
                        overflows[effect] = Event(head, Move(number, outcome))
            target = index_get(key)
            if target is None:
                target = len(keys)
                if target >= max_states:
                    complete = False
                    break
                index[key] = target
                keys_append(key)
                parent_append(head)
                moves_append(number << 16 | outcome)
                if key[0] not in first_in_scene:
                    first_in_scene[key[0]] = target
            edges_append(target)
        if not complete:
            break
        head += 1
    if complete:
        offsets.append(len(edges))
    else:
        # The state being expanded when the limit struck is left unexpanded.
        del edges[offsets[head] :]
        offsets[head] = len(edges)
    return Exploration(
        story=story,
        seed=seed,
        keys=keys,
        parent=parent,
        moves=moves,
        offsets=offsets,
        edges=edges,
        expanded=head,
        complete=complete,
        first_in_scene=first_in_scene,
        available_choices=available_choices,
        overflows=overflows,
        faults=faults,
        faulted_states=faulted_states,
        index=index,
    )
