"""Exhaustive breadth-first exploration of a story's state space.

Every transition comes from the engine's own ``expand`` (every ``available`` choice taken by
``advance``), over every available choice and every outcome of every random draw; scenes whose
text can fault are also shown through the engine's ``view``. The checker never evaluates a
rule itself, so whatever it proves is about the game players play.

States are packed into ints (``packing.py``). What a scene's moves do depends only on the few
fields its conditions and effects read, so each scene keeps a cache from those fields' bits to
its moves, each move being "keep these bits, set those": the engine is asked once per scene
and combination of what it reads, and every other state there is a lookup plus bit arithmetic.

States are interned to integer ids in discovery order. Because the search is breadth-first,
ids grow with distance from the start, so the parent pointer of a state lies on a shortest
path to it and the first state found in a scene is a nearest one.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from game.analysis.packing import StatePacking
from game.engine import (
    SEED_MASK,
    GameState,
    SourcePos,
    StateParts,
    Step,
    Story,
    StoryRuntimeError,
    begin,
    expand,
    view,
)
from game.engine.model import Effect

DEFAULT_MAX_STATES = 1_000_000
"""Enough for any hand-written story; a story that needs more almost always has a counter
with a needlessly wide range, and is better told so than left to eat the machine's memory."""

DEFAULT_MAX_MEMORY = 1 << 30
"""Bytes the explored states may take (estimated per state, see ``StatePacking.state_bytes``): the
state limit counts states, but a story with a thousand variables makes each state large, and
the search must stop with a verdict before the machine runs out of memory."""

CACHE_ENTRY_BYTES, MOVE_BYTES = 200, 120
"""What a cache entry costs (its dict slot, key and tuples) and each move in it (a tuple of three ints)."""

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

    Promises: ``states[i]`` is state ``i`` packed by ``packing`` (its generator state is not
    part of it); ``parent[i]`` and ``moves[i]`` give the last step of a shortest path to it
    (``-1`` for the start); ``edges[offsets[i]:offsets[i + 1]]`` are the ids ``i`` leads to,
    for every state that was expanded (``expanded`` of them, the first ones). ``complete`` is
    True only when every reachable state was expanded: only then are absences (an unreachable
    scene, a soft-lock-free story) proven. ``limit`` is the most states the search would keep
    (the state limit, or fewer when that many would not fit in its memory limit at
    ``state_bytes`` a state).
    """

    story: Story
    seed: int
    packing: StatePacking
    states: list[int]
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
    index: dict[int, int] = field(repr=False)
    origin: GameState | None = None
    """Where the search began when not at the story's start (``explore``'s ``origin``)."""

    def first_state(self) -> GameState:
        """The state the search began from: ``origin``, else the story's start drawn with ``seed``."""
        return self.origin if self.origin is not None else begin(self.story, self.seed).state

    @property
    def state_count(self) -> int:
        return len(self.states)

    @property
    def transition_count(self) -> int:
        return len(self.edges)

    def parts(self, state_id: int) -> StateParts:
        """State ``state_id`` in the engine's terms. Variables that decide nothing there read
        as their initial value: replay its path (``paths.replay_to``) for the exact state."""
        return self.packing.decode(self.states[state_id])

    def scene_of(self, state_id: int) -> str:
        return self.packing.scene_of(self.states[state_id])

    @property
    def rng(self) -> int:
        return self.seed & SEED_MASK

    def move_of(self, state_id: int) -> Move:
        packed = self.moves[state_id]
        return Move(packed >> MOVE_SHIFT, packed & ((1 << MOVE_SHIFT) - 1))

    def successors_of(self, state_id: int) -> array[int]:
        return self.edges[self.offsets[state_id] : self.offsets[state_id + 1]]

    def id_of_parts(self, parts: StateParts) -> int | None:
        """The id of the explored state a real state belongs to (after the same reduction)."""
        return self.index.get(self.packing.canonical(self.packing.encode(parts)))


def key_of(state: GameState) -> StateParts:
    """A state without its generator state: what the checker tells states apart by."""
    return (state.scene, state.values, state.visits, state.taken)


def unstartable(story: Story, seed: int = 0) -> Exploration:
    """The exploration of a story whose very first state faults: nothing was explored."""
    empty = array("i")
    packing = StatePacking(story)
    return Exploration(
        story,
        seed,
        packing,
        [],
        empty,
        array("q"),
        empty,
        empty,
        0,
        False,
        0,
        packing.state_bytes(),
        {},
        set(),
        {},
        {},
        set(),
        {},
    )


# A move ready to make from any state of its scene with the same bits read: the next state is
# ``(state & keep) | bits``, and ``move`` is the packed (number, outcome).
_Planned = tuple[int, int, int]
# What is rare goes apart from the hot loop: the moves whose effects fault (with the fault) and
# the effects held at a bound by a move.
_Rare = tuple[tuple[tuple[int, StoryRuntimeError], ...], tuple[tuple[int, tuple[Effect, ...]], ...]]
# A cache entry: the moves to make and the rare events, or the fault its conditions raise.
_Entry = tuple[tuple[_Planned, ...], _Rare | None] | StoryRuntimeError


def _move(packed: int) -> Move:
    return Move(packed >> MOVE_SHIFT, packed & ((1 << MOVE_SHIFT) - 1))


def explore(
    story: Story,
    max_states: int = DEFAULT_MAX_STATES,
    seed: int = 0,
    max_memory: int = DEFAULT_MAX_MEMORY,
    reduce: bool = True,
    origin: GameState | None = None,
) -> Exploration:
    """Breadth-first search from ``start(story, seed)`` over every choice and outcome; from
    ``origin`` instead when given (a state of a run in progress: where a writer stands).

    Stops after ``max_states`` distinct states, or fewer when that many would take more than
    ``max_memory`` bytes (``complete`` is then False and ``limit`` says where it stopped).
    Raises ``StoryRuntimeError`` only when entering the start scene itself faults. A state
    whose choices cannot be listed because a condition fails at run time, a move whose effects
    fail, and a state whose text or status lines fail when shown are recorded in ``faults``
    (first occurrence, nearest the start, per expression) and the search goes on around them.
    ``reduce`` False explores the plain state space (see ``StatePacking``): the same verdicts,
    more states.
    """
    if max_states < 1:
        raise ValueError("max_states must be at least 1")
    opening = begin(story, seed) if origin is None else Step(origin)
    packing = StatePacking(story, reduce)
    rng = opening.state.rng
    first = packing.canonical(packing.encode(key_of(opening.state)))
    state_bytes = packing.state_bytes()
    # A quarter of the memory is the caches' (moves by the bits their scene reads): a scene whose
    # moves read many fields caches an entry for nearly every state, and must not grow without bound.
    cache_room = max_memory // 4
    max_states = max(1, min(max_states, (max_memory - cache_room) // state_bytes))
    scene_ids, scene_mask = packing.scene_ids, packing.scene_mask
    dead, canon = packing.dead_masks(), packing.canonical_masks()
    status_risky = bool(packing.status_risks())
    # Per scene index: the bits its moves read; its writes per choice and outcome; its cache;
    # whether it needs the slow path (an ending, or text that can fault when shown).
    reads_of: list[int] = []
    writes_of: list[list[list[int]]] = []
    caches: list[dict[int, _Entry]] = []
    special: bytearray = bytearray()
    for sid in scene_ids:
        scene = story.scenes[sid]
        reads = 0
        writes: list[list[int]] = []
        for choice in scene.choices:
            once = packing.once_bit.get(choice.id, 0) if choice.once else 0
            reads |= once | packing.reads_mask(packing.expression_reads(choice.condition))
            outcome_writes = []
            for outcome in choice.outcomes:
                _, read, written = packing.sequence(outcome.effects, outcome.target)
                reads |= read
                outcome_writes.append(scene_mask | written | once)
            writes.append(outcome_writes)
        reads_of.append(reads)
        writes_of.append(writes)
        caches.append({})
        shown = status_risky or bool(packing.view_risks(sid))
        special.append(1 if scene.ending is not None or shown else 0)
    states: list[int] = [first]
    index: dict[int, int] = {first: 0}
    parent = array("i", [-1])
    moves = array("q", [0])
    offsets = array("i")
    edges = array("i")
    first_in_scene = {opening.state.scene: 0}
    entered = bytearray(len(scene_ids))
    entered[first & scene_mask] = 1
    available_choices: set[str] = set()
    overflows: dict[Effect, Event] = {effect: Event(0, Move(0, 0)) for effect in opening.overflows}
    faults: dict[SourcePos, Event] = {}
    faulted_states: set[int] = set()

    def fault_at(state_id: int, fault: StoryRuntimeError, move: Move) -> None:
        faults.setdefault(fault.pos, Event(state_id, move, fault.message))
        faulted_states.add(state_id)

    def plan_moves(k: int, packed: int) -> _Entry:
        """Ask the engine what every move does from ``packed``, as bit operations for its key."""
        try:
            expansion = expand(story, GameState(*packing.decode(packed), rng))
        except StoryRuntimeError as fault:
            return fault
        scene = story.scenes[scene_ids[k]]
        positions = {id(c): n for n, c in enumerate(scene.choices)}
        planned: list[_Planned] = []
        failing: list[tuple[int, StoryRuntimeError]] = []
        holding: list[tuple[int, tuple[Effect, ...]]] = []
        for number, outcome, choice, result, overflowed in expansion:
            available_choices.add(choice.id)
            move = number << MOVE_SHIFT | outcome
            if isinstance(result, StoryRuntimeError):
                failing.append((move, result))
                continue
            if overflowed:
                holding.append((move, overflowed))
            written = writes_of[k][positions[id(choice)]][outcome]
            after = packing.encode_written(result, written)
            target = after & scene_mask
            planned.append((~written & ~dead[target], (after & written & ~dead[target]) | canon[target], move))
        rare = (tuple(failing), tuple(holding)) if failing or holding else None
        return tuple(planned), rare

    def slow_path(state_id: int, packed: int) -> bool:
        """Show the scene if its text can fault; whether the state is done with (an ending, a fault)."""
        k = packed & scene_mask
        if status_risky or packing.view_risks(scene_ids[k]):
            try:
                view(story, GameState(*packing.decode(packed), rng))
            except StoryRuntimeError as fault:
                # The player never sees this state: the choice into it stops with the fault.
                fault_at(state_id, fault, Move(0, 0))
                return True
        return story.scenes[scene_ids[k]].ending is not None

    complete = True
    head = 0
    count = 1
    # The checker's hot path: locals are bound once; a state is unpacked into an engine state
    # only to fill a cache entry or to show a scene whose text can fault; each new state costs
    # one dict operation (setdefault) and three array appends.
    states_append, parent_append, moves_append, edges_append = (
        states.append,
        parent.append,
        moves.append,
        edges.append,
    )
    offsets_append, claim = offsets.append, index.setdefault
    while head < count:
        offsets_append(len(edges))
        packed = states[head]
        k = packed & scene_mask
        if special[k] and slow_path(head, packed):
            head += 1
            continue
        cache = caches[k]
        key = packed & reads_of[k]
        entry = cache.get(key)
        if entry is None:
            entry = plan_moves(k, packed)
            if cache_room > 0:  # past its room, the cache keeps what it has and the engine is asked anew
                cache[key] = entry
                cache_room -= CACHE_ENTRY_BYTES + MOVE_BYTES * (len(entry[0]) if type(entry) is tuple else 0)
        if type(entry) is not tuple:
            assert isinstance(entry, StoryRuntimeError)
            fault_at(head, entry, Move(0, 0))
            head += 1
            continue
        planned, rare = entry
        if rare is not None:
            failing, holding = rare
            for move, failure in failing:
                fault_at(head, failure, _move(move))
            for move, overflowed in holding:
                for effect in overflowed:
                    if effect not in overflows:
                        overflows[effect] = Event(head, _move(move))
        for keep, bits, move in planned:
            after = (packed & keep) | bits
            target = claim(after, count)
            if target == count:
                if count >= max_states:
                    del index[after]
                    complete = False
                    break
                count += 1
                states_append(after)
                parent_append(head)
                moves_append(move)
                if not entered[after & scene_mask]:
                    entered[after & scene_mask] = 1
                    first_in_scene[scene_ids[after & scene_mask]] = target
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
        seed=seed if origin is None else origin.rng,
        packing=packing,
        states=states,
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
        origin=origin,
    )
