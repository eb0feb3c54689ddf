"""Exhaustive breadth-first exploration of a story's state space.

The exploration drives the engine's own transition function through ``expand`` (every
``available`` choice taken by ``advance``, which is ``step`` without wrapping its result in
objects), over every available choice and every outcome of every random draw. Scenes whose
text can fault are also shown through the engine's ``view``. It never evaluates a rule
itself, so whatever the checker proves is about the game players play.

States are interned to integer ids in discovery order. Because the search is breadth-first,
ids grow with distance from the start, so the parent pointer of a state lies on a shortest
path to it and the first state found in a scene is a nearest one.
"""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass, field

from game.engine import SEED_MASK, GameState, SourcePos, StateParts, Story, StoryRuntimeError, begin, expand, view
from game.engine.model import Effect, Expression, Template
from game.engine.text import expressions

DEFAULT_MAX_STATES = 1_000_000
"""Enough for any hand-written story; a story that needs more almost always has a counter
with a needlessly wide range, and is better told so than left to eat the machine's memory."""

DEFAULT_MAX_MEMORY = 1 << 30
"""Bytes the explored states may take (estimated per state, see ``bytes_per_state``): the
state limit counts states, but a story with a thousand variables makes each state large, and
the search must stop with a verdict before the machine runs out of memory."""

MOVE_SHIFT = 32
"""A move is packed as ``number << MOVE_SHIFT | outcome`` in a 64-bit array: room for any
number of choices in a scene and of outcomes of a random choice a story file can hold."""


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

    Promises: ``limit`` is the most states the search would keep (the state limit, or less
    when that many would not fit in its memory limit at ``state_bytes`` a state); ``keys[i]`` is state ``i`` without its generator state; ``parent[i]`` and
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
    limit: int
    state_bytes: int
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

    def move_of(self, state_id: int) -> Move:
        packed = self.moves[state_id]
        return Move(packed >> MOVE_SHIFT, packed & ((1 << MOVE_SHIFT) - 1))

    def successors_of(self, state_id: int) -> array[int]:
        return self.edges[self.offsets[state_id] : self.offsets[state_id + 1]]


def key_of(state: GameState) -> StateParts:
    """What identifies a state for the checker: everything but the generator state."""
    return (state.scene, state.values, state.visits, state.taken)


def unstartable(story: Story, seed: int = 0) -> Exploration:
    """The exploration of a story whose very first state faults: nothing was explored."""
    empty = array("i")
    return Exploration(story, seed, [], empty, array("q"), empty, empty, 0, False, 0, 0, {}, set(), {}, {}, set(), {})


def bytes_per_state(story: Story, key: StateParts) -> int:
    """What one explored state costs in memory, estimated from the start state's key.

    The key's tuples (with one slot per variable and per counted scene), a set of once-only
    choices when the story has any, the index entry and the compact arrays' share. Values
    themselves are shared small objects, so they cost only their slots.
    """
    _, values, visits, _ = key
    taken = sys.getsizeof(frozenset({""})) if any(c.once for s in story.scenes.values() for c in s.choices) else 0
    index_entry = 100  # the dict slot, its hash and the list slot of the key
    arrays = 4 + 8 + 4 + 8  # parent, move, offset and about two edges
    return sys.getsizeof(key) + sys.getsizeof(values) + sys.getsizeof(visits) + taken + index_entry + arrays


def view_risks(story: Story) -> tuple[frozenset[str], bool]:
    """The scenes whose text can fault while shown, and whether the status lines can.

    A view only evaluates conditions and interpolations; only a division or a remainder by a
    value that may be zero can fail there. For those scenes the search shows every state with
    the engine's own ``view``, so a fault in text is found exactly as a player would meet it.
    """

    def risky(expression: Expression | None) -> bool:
        return expression is not None and ("/" in expression.source or "%" in expression.source)

    def risky_text(template: Template) -> bool:
        return any(risky(e) for e in expressions(template))

    scenes = frozenset(
        sid
        for sid, scene in story.scenes.items()
        if any(risky(beat.condition) or risky_text(beat.text) for beat in scene.beats)
        or any(risky_text(choice.text) for choice in scene.choices)
    )
    status = any(risky(item.value) or risky(item.condition) for item in story.status)
    return scenes, status


def explore(
    story: Story, max_states: int = DEFAULT_MAX_STATES, seed: int = 0, max_memory: int = DEFAULT_MAX_MEMORY
) -> Exploration:
    """Breadth-first search from ``start(story, seed)`` over every choice and outcome.

    Stops after ``max_states`` distinct states, or fewer when that many would take more than
    ``max_memory`` bytes (``complete`` is then False and ``limit`` says where it stopped).
    Raises ``StoryRuntimeError`` only when entering the start scene itself faults. A state
    whose choices cannot be listed because a condition fails at run time, a move whose effects
    fail, and a state whose text or status lines fail when shown are recorded in ``faults``
    (first occurrence, nearest the start, per expression) and the search goes on around them.
    """
    if max_states < 1:
        raise ValueError("max_states must be at least 1")
    opening = begin(story, seed)
    first = opening.state
    rng = first.rng
    keys: list[StateParts] = [key_of(first)]
    state_bytes = bytes_per_state(story, keys[0])
    max_states = max(1, min(max_states, max_memory // state_bytes))
    risky_scenes, risky_status = view_risks(story)
    index: dict[StateParts, int] = {keys[0]: 0}
    parent = array("i", [-1])
    moves = array("q", [0])
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
        if risky_status or scene_id in risky_scenes:
            try:
                view(story, GameState(scene_id, values, visits, taken, rng))
            except StoryRuntimeError as fault:
                # The player never sees this state: the choice into it stops with the fault.
                faults.setdefault(fault.pos, Event(head, Move(0, 0), fault.message))
                faulted_states.add(head)
                head += 1
                continue
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
                moves_append(number << MOVE_SHIFT | outcome)
                if key[0] not in first_in_scene:
                    first_in_scene[key[0]] = target
            edges_append(target)
        if not complete:
            break
        head += 1
    if complete:
        offsets.append(len(edges))
    else:
        # The state being expanded when the limit struck is left unexpanded: its row ends where it began.
        del edges[offsets[head] :]
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
        limit=max_states,
        state_bytes=state_bytes,
        first_in_scene=first_in_scene,
        available_choices=available_choices,
        overflows=overflows,
        faults=faults,
        faulted_states=faulted_states,
        index=index,
    )
