"""Exhaustive breadth-first exploration of a story's state space.

Every transition comes from the engine's own ``expand`` (every ``available`` choice taken by
``advance``), over every available choice and every outcome of every random draw; scenes whose
text can fault are also shown through the engine's ``view``. The checker never evaluates a
rule itself, so whatever it proves is about the game players play.

States are packed into ints (``packing.py``), and what a scene's moves do is asked of the
engine once per combination of the fields they read (``moves.py``): every other state there
is a lookup plus bit arithmetic.

States are interned to integer ids in discovery order: by a dict, or, once the search has
grown in a story whose packed states are narrow, by an array with a slot for every packed
value (``array_index_fits``), which is cheaper to read and, past that point, smaller. Because the search is breadth-first,
ids grow with distance from the start, so the parent pointer of a state lies on a shortest
path to it and the first state found in a scene is a nearest one.

The graph is kept in the form the backward pass reads: a move into a state found by it is
its parent pointer, every other move a link into the state it leads to, kept in one of that
state's two link slots or, past them, in a list of its further links. What a state needs
only when a path or a list of successors is asked for (the move that led to it, its moves in
order) is not stored per state but read again from the move table. The search notes the
first state of each scene as it first expands that scene, and the states in ending scenes,
which is where the backward pass starts.
"""

from __future__ import annotations

import sys
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from game.analysis.moves import Move as Move
from game.analysis.moves import MoveTable, Steps
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
)
from game.engine.model import Effect

DEFAULT_MAX_STATES = 1_000_000
"""Enough for any hand-written story; a story that needs more almost always has a counter
with a needlessly wide range, and is better told so than left to eat the machine's memory."""

DIRECT_BITS = 26
"""The widest packed states the search may index with arrays (a slot for every packed value)."""
DIRECT_FROM = 1 << 15
"""How many states the search finds before it moves to those arrays, where it may: a small
story is done before arrays of millions of slots would pay for themselves."""
DIRECT_SLOTS_PER_STATE = 32
"""Nor does it move while the arrays would hold more than this many slots a state found: at
12 bytes a slot, about four times what the dict takes for a state by then. A search that
goes on shares that cost among more states (the 10,000-scene flag story: 19 bytes a state)."""

DEFAULT_MAX_MEMORY = 1 << 30
"""Bytes the explored states may take (estimated per state, see ``StatePacking.state_bytes``): the
state limit counts states, but a story with a thousand variables makes each state large, and
the search must stop with a verdict before the machine runs out of memory."""


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
    the start) and ``move_of(i)`` the step taken there. The moves of the ``expanded`` first
    states are exactly the moves into the states they found (``parent``) and the links
    (``links()``); ``successors_of(i)`` lists them in the engine's order,
    and ``edges[offsets[i]:offsets[i + 1]]`` too (built when first asked for). ``complete``
    is True only when every reachable state was expanded: only then are absences (an
    unreachable scene, a soft-lock-free story) proven. ``limit`` is the most states the
    search would keep (the state limit, or fewer when that many would not fit in its memory
    limit at ``state_bytes`` a state).
    """

    story: Story
    seed: int
    packing: StatePacking
    states: Sequence[int]
    parent: array[int]
    first_link: array[int]
    """For each state, the source of the first link into it (-1: none): most states have at
    most two, kept beside the state so the backward pass reads them without sorting links."""
    second_link: array[int]
    """The source of the second link into each state (-1: none)."""
    further: dict[int, list[int]]
    """The links past a state's two slots: their sources, in the order found, by the state
    they lead to (few states have them, and those often have many: a hub's ways in)."""
    transition_count: int
    table: MoveTable = field(repr=False)
    expanded: int
    complete: bool
    limit: int
    state_bytes: int
    first_in_scene: dict[str, int]
    available_choices: set[str]
    overflows: dict[Effect, Event]
    faults: dict[SourcePos, Event]
    faulted_states: set[int]
    ending_states: array[int]
    """The expanded states in an ending scene, in order (noted as the search meets them)."""
    index: dict[int, int] = field(repr=False)
    origin: GameState | None = None
    """Where the search began when not at the story's start (``explore``'s ``origin``)."""
    rows: list[array[int]] = field(default_factory=list, repr=False)
    """``offsets`` and ``edges`` once built."""

    def first_state(self) -> GameState:
        """The state the search began from: ``origin``, else the story's start drawn with ``seed``."""
        return self.origin if self.origin is not None else begin(self.story, self.seed).state

    @property
    def state_count(self) -> int:
        return len(self.states)

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

    def links(self) -> list[tuple[int, int]]:
        """Every move that is not a state's parent pointer, as (source, target): the links."""
        found = [(source, target) for target, source in enumerate(self.first_link) if source >= 0]
        found += [(source, target) for target, source in enumerate(self.second_link) if source >= 0]
        return found + [(source, target) for target, sources in self.further.items() for source in sources]

    def depth_of(self, state_id: int) -> int:
        """How many choices a shortest play into ``state_id`` makes."""
        depth = 0
        while self.parent[state_id] >= 0:
            state_id = self.parent[state_id]
            depth += 1
        return depth

    def successors_of(self, state_id: int) -> array[int]:
        """The states the moves of ``state_id`` lead to, in the engine's order (none if it was
        never expanded, or faults), read again from the move table."""
        if state_id >= self.expanded:
            return array("i")
        packed = self.states[state_id]
        entry = self.table.entry(packed)
        if isinstance(entry, StoryRuntimeError):
            return array("i")
        if len(self.index) < len(self.states):  # let go of after the search (see ``release_index``)
            self.index.update(zip(self.states, range(len(self.states)), strict=True))
        return array("i", [self.index[(packed & keep) | bits] for keep, bits in entry[0]])

    @property
    def offsets(self) -> array[int]:
        """Where each expanded state's successors begin in ``edges`` (and, last, their end)."""
        return self._rows()[0]

    @property
    def edges(self) -> array[int]:
        """The successors of every expanded state, one row after another (see ``offsets``)."""
        return self._rows()[1]

    def _rows(self) -> list[array[int]]:
        if not self.rows:
            offsets, edges = array("i", [0]), array("i")
            for state_id in range(self.expanded):
                edges.extend(self.successors_of(state_id))
                offsets.append(len(edges))
            self.rows.extend((offsets, edges))
        return self.rows

    def id_of_parts(self, parts: StateParts) -> int | None:
        """The id of the explored state a real state belongs to (after the same reduction)."""
        if len(self.index) < len(self.states):  # let go of after the search (see ``release_index``)
            self.index.update(zip(self.states, range(len(self.states)), strict=True))
        return self.index.get(self.packing.canonical(self.packing.encode(parts)))

    def release_index(self) -> None:
        """Free the map from packed states to ids (a third of the search's memory) until a path
        is asked for: a proven story never needs it again."""
        self.index.clear()


def array_index_fits(bits: int, max_memory: int) -> bool:
    """Whether the search may index states ``bits`` wide with arrays holding a slot for every
    packed value (a 4-byte id and an 8-byte reference to its moves): only where they take at
    most an eighth of ``max_memory``."""
    return bits <= DIRECT_BITS and 12 << bits <= max_memory // 8


def key_of(state: GameState) -> StateParts:
    """A state without its generator state: what the checker tells states apart by."""
    return (state.scene, state.values, state.visits, state.taken)


def unstartable(story: Story, seed: int = 0) -> Exploration:
    """The exploration of a story whose very first state faults: nothing was explored."""
    empty = array("i")
    packing = StatePacking(story)
    table = MoveTable(story, packing, 0, 0)
    return Exploration(
        story,
        seed,
        packing,
        [],
        empty,
        empty,
        empty,
        {},
        0,
        table,
        0,
        False,
        0,
        packing.state_bytes(),
        {},
        set(),
        {},
        {},
        set(),
        empty,
        {},
    )


NO_MOVE = Move(0, 0)


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
    first = packing.canonical(packing.encode(key_of(opening.state)))
    state_bytes = packing.state_bytes()
    # A quarter of the memory is the move table's: a scene whose moves read many fields has an
    # entry for nearly every state, and must not grow without bound.
    table = MoveTable(story, packing, opening.state.rng, max_memory // 4)
    max_states = max(1, min(max_states, (max_memory - max_memory // 4) // state_bytes))
    # States fit a machine word in any story a person writes; wider ones stay Python ints.
    states: array[int] | list[int] = array("Q", [first]) if packing.bits <= 64 else [first]
    index: dict[int, int] = {first: 0}
    parent = array("i", [-1])
    first_link, second_link = array("i", [-1]), array("i", [-1])
    further: defaultdict[int, list[int]] = defaultdict(list)
    overflows: dict[Effect, Event] = {effect: Event(0, NO_MOVE) for effect in opening.overflows}
    faults: dict[SourcePos, Event] = {}
    faulted_states: set[int] = set()
    ending_states = array("i")
    ending_scenes = table.ending

    # The first state expanded in each scene: the table holds nothing for a scene before
    # it, so ``moves`` meets it (and states are expanded in the order they were found).
    firsts: dict[int, int] = {}

    def moves(state_id: int, packed: int) -> Steps:
        """The steps from a state the hot loop's table does not hold, noting what is rare."""
        k = packed & scene_mask
        if k not in firsts:
            firsts[k] = state_id
        if ending_scenes[k]:
            ending_states.append(state_id)
        entry = table.entry(packed)
        if isinstance(entry, StoryRuntimeError):
            # A state whose choices cannot be listed, or that the player never sees (the choice
            # into it stops with the fault): it is done with.
            faults.setdefault(entry.pos, Event(state_id, NO_MOVE, entry.message))
            faulted_states.add(state_id)
            return ()
        steps, rare = entry
        if rare is not None:
            failing, holding = rare
            for move, failure in failing:
                faults.setdefault(failure.pos, Event(state_id, move, failure.message))
                faulted_states.add(state_id)
            for move, overflowed in holding:
                for effect in overflowed:
                    if effect not in overflows:
                        overflows[effect] = Event(state_id, move)
        return steps

    complete = True
    head = 0
    count = 1
    cut = 0  # the states found by the expansion the limit broke off
    # The checker's hot path, with locals bound once: a state costs one lookup in the table of
    # plain moves, a move one lookup in the index and its record. A move into a new state is
    # recorded by that state's parent alone; any other move, as a link: in the first free of
    # the two link slots of the state it leads to, or past them, in that state's list of
    # further links. States are taken in runs no state of which can bring the count past the
    # limit (``guard``), so nothing is counted against it.
    guard = max_states - table.widest
    widest = max(1, table.widest)
    plain, reads, scene_mask = table.plain.get, table.reads, packing.scene_mask
    states_append, parent_append = states.append, parent.append
    first_append, second_append = first_link.append, second_link.append
    # Where the packed states are narrow, the index and the table of plain moves become arrays
    # with a slot for every packed value once the search has grown: a slot read is cheaper
    # than a dict lookup, and the index takes 4 bytes a value where the dict takes about 80 a
    # state.
    direct = array_index_fits(packing.bits, max_memory)
    ids: array[int] | None = None
    claim = index.setdefault
    until = min(guard, max(DIRECT_FROM, (1 << packing.bits) // DIRECT_SLOTS_PER_STATE)) if direct else guard
    while head < count and count <= until:
        stop = _run_end(head, count, until, widest)
        _make_room(first_link, second_link, min(count + (stop - head) * widest, max_states))
        for at, packed in enumerate(states[head:stop], head):
            steps = plain(packed & reads[packed & scene_mask])
            if steps is None:
                steps = moves(at, packed)
            for keep, bit in steps:
                after = (packed & keep) | bit
                target = claim(after, count)
                if target == count:
                    count += 1
                    states_append(after)
                    parent_append(at)
                elif first_link[target] < 0:
                    first_link[target] = at
                elif second_link[target] < 0:
                    second_link[target] = at
                else:
                    further[target].append(at)
        head = stop
    if direct and head < count and count <= guard:
        # The dict goes before the arrays come, so the two never take memory at once; the
        # array is filled from the states themselves (the dict is rebuilt from them too, when
        # a path is asked for).
        index.clear()
        ids = array("i", [-1]) * (1 << packing.bits)
        for at, known in enumerate(states):
            ids[known] = at
        known_moves: list[Steps | None] = [None] * (1 << packing.bits)
        for key, steps in table.plain.items():
            known_moves[key] = steps
        while head < count and count <= guard:
            stop = _run_end(head, count, guard, widest)
            _make_room(first_link, second_link, min(count + (stop - head) * widest, max_states))
            for at, packed in enumerate(states[head:stop], head):
                key = packed & reads[packed & scene_mask]
                steps = known_moves[key]
                if steps is None:
                    steps = moves(at, packed)
                    known_moves[key] = plain(key)  # kept where the table keeps it as plain
                for keep, bit in steps:
                    after = (packed & keep) | bit
                    target = ids[after]
                    if target < 0:
                        ids[after] = count
                        count += 1
                        states_append(after)
                        parent_append(at)
                    elif first_link[target] < 0:
                        first_link[target] = at
                    elif second_link[target] < 0:
                        second_link[target] = at
                    else:
                        further[target].append(at)
            head = stop
        del known_moves

    # Near the limit, each new state is counted against it (and given its link slots).
    del first_link[count:], second_link[count:]

    def find(after: int) -> int:
        return index.get(after, -1) if ids is None else ids[after]

    while head < count:
        packed = states[head]
        steps = plain(packed & reads[packed & scene_mask])
        if steps is None:
            steps = moves(head, packed)
        found = count
        slotted: list[tuple[array[int], int]] = []  # the slots this state's links took
        past: list[int] = []  # the states it linked to past their slots
        for keep, bit in steps:
            after = (packed & keep) | bit
            target = find(after)
            if target < 0:
                if count >= max_states:
                    complete = False
                    break
                if ids is None:
                    index[after] = count
                else:
                    ids[after] = count
                count += 1
                states_append(after)
                parent_append(head)
                first_append(-1)
                second_append(-1)
            elif first_link[target] < 0:
                first_link[target] = head
                slotted.append((first_link, target))
            elif second_link[target] < 0:
                second_link[target] = head
                slotted.append((second_link, target))
            else:
                further[target].append(head)
                past.append(target)
        if not complete:
            # The state being expanded when the limit struck is left unexpanded: its moves are dropped.
            for slots, target in slotted:
                slots[target] = -1
            for target in past:
                further[target].pop()
                if not further[target]:
                    del further[target]
            cut = count - found
            break
        head += 1
    further_count = sum(map(len, further.values()))
    return Exploration(
        story=story,
        seed=seed if origin is None else origin.rng,
        packing=packing,
        states=states,
        parent=parent,
        first_link=first_link,
        second_link=second_link,
        further=dict(further),  # a plain dict from here: reading a state without links adds nothing
        transition_count=count - 1 - cut + 2 * count - _unset(first_link) - _unset(second_link) + further_count,
        table=table,
        expanded=head,
        complete=complete,
        limit=max_states,
        state_bytes=state_bytes,
        first_in_scene=_noted_first_in_scene(firsts, states, head, packing.scene_ids, scene_mask),
        available_choices=table.available_choices,
        overflows=overflows,
        faults=faults,
        faulted_states=faulted_states,
        ending_states=ending_states,
        index=index,
        origin=origin,
    )


RUN = 1 << 16
"""The most states the hot loop takes from the states array at a time."""


def _run_end(head: int, count: int, guard: int, widest: int) -> int:
    """Where a run of states from ``head`` may end: states found already, none of which can
    find a state past ``guard`` before it starts (each finds at most ``widest``), at most ``RUN``."""
    return min(count, head + RUN, head + (guard - count) // widest + 1)


def _make_room(first_link: array[int], second_link: array[int], states: int) -> None:
    """Give both link-slot arrays an empty slot (-1) for each of ``states`` states: the hot
    loop then finds a new state's slots in place instead of appending them one at a time.
    The slots past the last state found are cut off once the runs are done."""
    missing = states - len(first_link)
    if missing > 0:
        empty = array("i", [-1]) * missing
        first_link.extend(empty)
        second_link.extend(empty)


def _unset(slots: array[int]) -> int:
    """How many of ``slots`` hold -1 (an empty link slot); every other holds a state id, at least 0.

    Counted in the array's bytes, where ``array.count`` would make an int of every slot. A
    slot-wide run of 0xff bytes cannot lie inside a non-negative id, whose sign byte is at
    most 0x7f: such an id adds at most ``itemsize - 1`` bytes to a run of whole -1 slots. So
    each maximal run of 0xff bytes is k whole -1 slots and fewer than a slot's bytes more,
    and holds exactly k non-overlapping slot-wide matches, in either byte order.
    """
    return slots.tobytes().count(b"\xff" * slots.itemsize)


def _noted_first_in_scene(
    noted: dict[int, int], states: Sequence[int], expanded: int, scene_ids: tuple[str, ...], scene_mask: int
) -> dict[str, int]:
    """The first (so nearest) state of each scene entered, in the order they were found.

    ``noted`` holds them by scene index for the scenes the search expanded (states below
    ``expanded``, and the state the limit broke off, which is ``expanded``); the states left
    unexpanded by a search stopped at its limit are looked through for the other scenes.
    Those come after every noted one, so the order holds without sorting."""
    found = {scene_ids[k]: i for k, i in noted.items()}
    if expanded < len(states):
        for sid, i in _first_in_scene(states[expanded:], scene_ids, scene_mask).items():
            found.setdefault(sid, expanded + i)
    return found


def _first_in_scene(states: Sequence[int], scene_ids: tuple[str, ...], scene_mask: int) -> dict[str, int]:
    """The first (so nearest) state of each scene entered, in the order they were found."""
    if isinstance(states, array) and scene_mask < 1 << 16:
        # The low 16 bits of each state, read straight from the array's bytes: the scene and a
        # few fields. Each distinct value's first place is found by a scan that only goes on.
        low = array("H", states.tobytes())[0 if sys.byteorder == "little" else 3 :: 4]
        firsts: dict[int, int] = {}
        at = 0
        for value in dict.fromkeys(low):  # in the order they first appear
            at = low.index(value, at)
            firsts.setdefault(value & scene_mask, at)
        return {scene_ids[k]: i for k, i in firsts.items()}
    # Read backwards, a later write is an earlier state: the builtins do the whole pass.
    found = dict(zip(map(scene_mask.__and__, reversed(states)), range(len(states) - 1, -1, -1), strict=True))
    return {scene_ids[k]: i for k, i in sorted(found.items(), key=lambda item: item[1])}
