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

What a state needs only when a path is printed (the move that led to it) is not stored per
state but asked of the engine again from its parent; the first state of each scene is read off
the states afterwards.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
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

CACHE_ENTRY_BYTES, MOVE_BYTES = 200, 80
"""What a cache entry costs (its dict slot, key and tuples) and each move in it (two ints)."""


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
    part of it); ``parent[i]`` is the state before it on a shortest path to it (``-1`` for
    the start) and ``move_of(i)`` the step taken there; ``edges[offsets[i]:offsets[i + 1]]``
    are the ids ``i`` leads to, for every state that was expanded (``expanded`` of them, the
    first ones). ``complete`` is True only when every reachable state was expanded: only then
    are absences (an unreachable scene, a soft-lock-free story) proven. ``limit`` is the most
    states the search would keep (the state limit, or fewer when that many would not fit in
    its memory limit at ``state_bytes`` a state).
    """

    story: Story
    seed: int
    packing: StatePacking
    states: Sequence[int]
    parent: array[int]
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
        """The step from ``parent[state_id]`` that found ``state_id``: its parent's first move
        that leads there, asked of the engine again (the search keeps no move per state)."""
        before, wanted = self.parent[state_id], self.states[state_id]
        packing = self.packing
        for number, outcome, _, result, _ in expand(self.story, GameState(*self.parts(before), self.rng)):
            if not isinstance(result, StoryRuntimeError) and packing.canonical(packing.encode(result)) == wanted:
                return Move(number, outcome)
        raise AssertionError(f"no move of state {before} leads to state {state_id}")

    def depth_of(self, state_id: int) -> int:
        """How many choices a shortest play into ``state_id`` makes."""
        depth = 0
        while self.parent[state_id] >= 0:
            state_id = self.parent[state_id]
            depth += 1
        return depth

    def successors_of(self, state_id: int) -> array[int]:
        return self.edges[self.offsets[state_id] : self.offsets[state_id + 1]]

    def id_of_parts(self, parts: StateParts) -> int | None:
        """The id of the explored state a real state belongs to (after the same reduction)."""
        if len(self.index) < len(self.states):  # let go of after the search (see ``release_index``)
            self.index.update(zip(self.states, range(len(self.states)), strict=True))
        return self.index.get(self.packing.canonical(self.packing.encode(parts)))

    def release_index(self) -> None:
        """Free the map from packed states to ids (a third of the search's memory) until a path
        is asked for: a proven story never needs it again."""
        self.index.clear()


def key_of(state: GameState) -> StateParts:
    """A state without its generator state: what the checker tells states apart by."""
    return (state.scene, state.values, state.visits, state.taken)


def unstartable(story: Story, seed: int = 0) -> Exploration:
    """The exploration of a story whose very first state faults: nothing was explored."""
    empty = array("i")
    packing = StatePacking(story)
    return Exploration(
        story, seed, packing, [], empty, empty, empty, 0, False, 0, packing.state_bytes(), {}, set(), {}, {}, set(), {}
    )


NO_MOVE = Move(0, 0)
# A cache entry: what to keep of a state and the bits to set, per move in order (the next state
# is ``(state & keep) | bits``); and what is rare, apart from the hot loop: the moves whose
# effects fault (with the fault) and the effects held at a bound by a move. Or the fault the
# scene's conditions raise.
_Rare = tuple[tuple[tuple[Move, StoryRuntimeError], ...], tuple[tuple[Move, tuple[Effect, ...]], ...]]
_Entry = tuple[tuple[int, ...], tuple[int, ...], _Rare | None] | StoryRuntimeError


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
    # States fit a machine word in any story a person writes; wider ones stay Python ints.
    states: array[int] | list[int] = array("Q", [first]) if packing.bits <= 64 else [first]
    index: dict[int, int] = {first: 0}
    parent = array("i", [-1])
    offsets = array("i")
    edges = array("i")
    available_choices: set[str] = set()
    overflows: dict[Effect, Event] = {effect: Event(0, NO_MOVE) for effect in opening.overflows}
    faults: dict[SourcePos, Event] = {}
    faulted_states: set[int] = set()

    def plan_moves(k: int, packed: int) -> tuple[_Entry, frozenset[str]]:
        """Ask the engine what every move does from ``packed``, as bit operations for its key;
        and which choices it offered."""
        try:
            expansion = expand(story, GameState(*packing.decode(packed), rng))
        except StoryRuntimeError as fault:
            return fault, frozenset()
        scene = story.scenes[scene_ids[k]]
        positions = {id(c): n for n, c in enumerate(scene.choices)}
        keeps: list[int] = []
        bits: list[int] = []
        failing: list[tuple[Move, StoryRuntimeError]] = []
        holding: list[tuple[Move, tuple[Effect, ...]]] = []
        for number, outcome, choice, result, overflowed in expansion:
            if isinstance(result, StoryRuntimeError):
                failing.append((Move(number, outcome), result))
                continue
            if overflowed:
                holding.append((Move(number, outcome), overflowed))
            written = writes_of[k][positions[id(choice)]][outcome]
            after = packing.encode_written(result, written)
            target = after & scene_mask
            keeps.append(~written & ~dead[target])
            bits.append((after & written & ~dead[target]) | canon[target])
        rare = (tuple(failing), tuple(holding)) if failing or holding else None
        offered = frozenset(choice.id for _, _, choice, _, _ in expansion)
        return (tuple(keeps), tuple(bits), rare), offered

    def shown_fault(packed: int) -> StoryRuntimeError | None:
        """The fault showing the scene of ``packed`` raises, if its text can fault."""
        if status_risky or packing.view_risks(scene_ids[packed & scene_mask]):
            try:
                view(story, GameState(*packing.decode(packed), rng))
            except StoryRuntimeError as fault:
                return fault
        return None

    def note(state_id: int, what: StoryRuntimeError | _Rare | frozenset[str]) -> None:
        if isinstance(what, StoryRuntimeError):
            # A state whose choices cannot be listed, or that the player never sees (the choice
            # into it stops with the fault): it is done with.
            faults.setdefault(what.pos, Event(state_id, NO_MOVE, what.message))
            faulted_states.add(state_id)
        elif isinstance(what, frozenset):
            available_choices.update(what)
        else:
            failing, holding = what
            for move, failure in failing:
                faults.setdefault(failure.pos, Event(state_id, move, failure.message))
                faulted_states.add(state_id)
            for move, overflowed in holding:
                for effect in overflowed:
                    if effect not in overflows:
                        overflows[effect] = Event(state_id, move)

    complete = True
    head = 0
    count = 1
    # The checker's hot path: locals are bound once; a state is unpacked into an engine state
    # only to fill a cache entry or to show a scene whose text can fault; each new state costs
    # one dict operation (setdefault) and two array appends, each transition one more append.
    states_append = states.append
    parent_append, edges_append, offsets_append, claim = parent.append, edges.append, offsets.append, index.setdefault
    while head < count:
        offsets_append(len(edges))
        packed = states[head]
        k = packed & scene_mask
        if special[k]:
            fault = shown_fault(packed)
            if fault is not None:
                note(head, fault)
                head += 1
                continue
            if story.scenes[scene_ids[k]].ending is not None:
                head += 1
                continue
        cache = caches[k]
        key = packed & reads_of[k]
        entry = cache.get(key)
        if entry is None:
            entry, offered = plan_moves(k, packed)
            available_choices.update(offered)
            if cache_room > 0:  # past its room, the cache keeps what it has and the engine is asked anew
                cache[key] = entry
                cache_room -= CACHE_ENTRY_BYTES + MOVE_BYTES * (len(entry[0]) if type(entry) is tuple else 0)
        if isinstance(entry, StoryRuntimeError):
            note(head, entry)
            head += 1
            continue
        keeps, bits, rare = entry
        if rare is not None:
            note(head, rare)
        for keep, bit in zip(keeps, bits):  # noqa: B905 (built together)
            after = (packed & keep) | bit
            target = claim(after, count)
            if target == count:
                if count >= max_states:
                    del index[after]
                    complete = False
                    break
                count += 1
                states_append(after)
                parent_append(head)
            edges_append(target)
        if not complete:
            # The state being expanded when the limit struck is left unexpanded: its row ends where it began.
            del edges[offsets[head] :]
            break
        head += 1
    if complete:
        offsets.append(len(edges))
    return Exploration(
        story=story,
        seed=seed if origin is None else origin.rng,
        packing=packing,
        states=states,
        parent=parent,
        offsets=offsets,
        edges=edges,
        expanded=head,
        complete=complete,
        limit=max_states,
        state_bytes=state_bytes,
        first_in_scene=_first_in_scene(states, scene_ids, scene_mask),
        available_choices=available_choices,
        overflows=overflows,
        faults=faults,
        faulted_states=faulted_states,
        index=index,
        origin=origin,
    )


def _first_in_scene(states: Sequence[int], scene_ids: tuple[str, ...], scene_mask: int) -> dict[str, int]:
    """The first (so nearest) state of each scene entered, in the order they were found."""
    # Read backwards, a later write is an earlier state: the builtins do the whole pass.
    firsts = dict(zip(map(scene_mask.__and__, reversed(states)), range(len(states) - 1, -1, -1), strict=True))
    return {scene_ids[k]: i for k, i in sorted(firsts.items(), key=lambda item: item[1])}
