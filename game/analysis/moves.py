"""What a scene's moves do to a packed state, asked of the engine once per question.

What a scene's moves do depends only on the few fields its conditions and effects read, so
the table keeps, per scene and combination of those fields' bits, each move as "keep these
bits, set those": the next state is ``(state & keep) | bits``. Every state of an entry but
the first is a lookup plus bit arithmetic, and the checker never evaluates a rule itself.

An entry is made from the engine's answers to smaller questions, each kept under the bits it
reads, so the entries of a scene share them: which moves are offered (``offered_moves``, the
engine's own listing, which ``expand`` uses too), under the bits the scene's gates read; and
where each outcome arrives (``arrive``), under the bits its effects read. A scene whose flags
are read by different choices needs far fewer answers than entries. ``view`` is asked per
state where a scene's text can fault.

Entries are keyed by the state's read bits together with its scene index, so one dict serves
every scene. Those with nothing unusual about them (no fault, no overflow, in a scene that is
neither an ending nor risky to show) sit in ``plain``, the only dict the search's hot loop
reads; everything else is answered by ``entry``."""

from __future__ import annotations

from dataclasses import dataclass

from game.analysis.packing import StatePacking
from game.engine import GameState, Story, StoryRuntimeError, view
from game.engine.model import Effect
from game.engine.rules import Arrival, Gate, arrive, offered_moves, rules_of, taken_after

CACHE_ENTRY_BYTES, MOVE_BYTES, ANSWER_BYTES = 200, 80, 120
"""What a cache entry costs (its dict slot, key and tuples), each move in it (two ints), and
each answer of the engine kept for the entries to come (its dict slot, key and value)."""


@dataclass(frozen=True, slots=True)
class Move:
    """One step of a play: the ``number``-th available choice (1-based), with its ``outcome``."""

    number: int
    outcome: int


Asked = tuple[int, int, int, int, int, int]
"""An outcome as the move table asks about it: the bits its arrival reads, its tag (the key of
its answers), the fields it writes, those alive in its target, the bits it keeps, and its
target's canonical bits."""
Offer = tuple[int, int, Gate, Arrival, int, int, int, int, int, int]
"""A move offered: the choice's number and the outcome, its gate and arrival, and its ``Asked``."""

Steps = tuple[tuple[int, int], ...]
"""Each move of a state, in the engine's order, as (bits kept, bits set)."""
Rare = tuple[tuple[tuple[Move, StoryRuntimeError], ...], tuple[tuple[Move, tuple[Effect, ...]], ...]]
"""The moves whose effects fault (with the fault), and the effects a move holds at a bound."""
Entry = tuple[Steps, Rare | None] | StoryRuntimeError
"""A state's moves and what is rare about them; or the fault its scene raises (a condition
failing, or its text when shown); an ending's states have no moves."""


class MoveTable:
    """The moves of every state, by scene and the bits its moves read, from the engine.

    Promises: ``entry(packed)`` is what the engine's ``expand`` (and ``view``, where text can
    fault) makes of state ``packed``, its steps applied to ``packed`` giving the canonical
    successors; when it holds ``room`` bytes of entries it keeps no more and asks anew.
    """

    def __init__(self, story: Story, packing: StatePacking, rng: int, room: int) -> None:
        self.story, self.packing, self.rng, self.room = story, packing, rng, room
        self.scene_mask = packing.scene_mask
        self.dead, self.canon = packing.dead_masks(), packing.canonical_masks()
        self.status_risky = bool(packing.status_risks())
        # Per scene index: the bits its moves read (with the scene's own), and those its gates
        # read; its tag (the key of its answers); its gates and what is asked of each outcome
        # (``Asked``); whether showing it can fault; whether it is an ending.
        self.reads: list[int] = []
        self.opens: list[int] = []
        self.tags: list[int] = []
        self.gates: list[tuple[Gate, ...]] = []
        self.asked: list[list[list[Asked]]] = []
        self.shown: bytearray = bytearray()
        self.ending: bytearray = bytearray()
        self.widest = 0
        self.field_mask = (1 << packing.bits) - 1
        dead, canon = self.dead, self.canon
        rules = rules_of(story)
        tag = 0  # numbers each scene and outcome, above the packed bits: the keys of the answers kept
        for sid in packing.scene_ids:
            scene = story.scenes[sid]
            reads = opens = packing.scene_mask
            asked: list[list[Asked]] = []
            for choice in scene.choices:
                once = packing.once_bit.get(choice.id, 0) if choice.once else 0
                opens |= once | packing.reads_mask(packing.expression_reads(choice.condition))
                outcomes: list[Asked] = []
                for outcome in choice.outcomes:
                    _, read, written = packing.sequence(outcome.effects, outcome.target)
                    reads |= read
                    written |= packing.scene_mask | once
                    # What an outcome keeps and which of its bits it sets are the same from every
                    # state: the bits it writes that stay alive in its target, and the rest.
                    target = packing.scene_index[outcome.target]
                    alive = written & ~dead[target]
                    keep = self.field_mask & ~written & ~dead[target]
                    tag += 1
                    outcomes.append((read, tag << packing.bits, written, alive, keep, canon[target]))
                asked.append(outcomes)
            tag += 1
            self.widest = max(self.widest, sum(len(outcomes) for outcomes in asked))
            self.reads.append(reads | opens)
            self.opens.append(opens)
            self.tags.append(tag << packing.bits)
            self.gates.append(rules.scenes[sid].gates)
            self.asked.append(asked)
            self.shown.append(1 if self.status_risky or packing.view_risks(sid) else 0)
            self.ending.append(1 if scene.ending is not None else 0)
        # What the engine answered, by scene or outcome and the bits its question read: the moves
        # offered; where an outcome leads (its bits, the effects it held) or the fault it raised.
        self.offered: dict[int, tuple[Offer, ...]] = {}
        self.arrived: dict[int, tuple[int, tuple[Effect, ...]] | StoryRuntimeError] = {}
        self.plain: dict[int, Steps] = {}
        self.others: dict[int, Entry] = {}
        # Moves and lists of moves met before, handed out again: most entries of a scene repeat
        # a few of them, and the search reads fewer objects when they are shared.
        self.shared_steps: dict[tuple[int, int], tuple[int, int]] = {}
        self.shared_lists: dict[Steps, Steps] = {}
        self.available_choices: set[str] = set()

    def entry(self, packed: int) -> Entry:
        """The moves of state ``packed`` (planned and kept, while there is room, on first sight)."""
        k = packed & self.scene_mask
        if self.shown[k]:
            fault = self._shown_fault(packed)
            if fault is not None:
                return fault
        if self.ending[k]:
            return (), None
        key = packed & self.reads[k]
        found = self.plain.get(key)
        if found is not None:
            return found, None
        entry = self.others.get(key)
        if entry is None:
            entry = self._plan(k, packed)
            if self.room > 0:  # past its room, the table keeps what it has and the engine is asked anew
                steps = len(entry[0]) if isinstance(entry, tuple) else 0
                self.room -= CACHE_ENTRY_BYTES + MOVE_BYTES * steps
                if isinstance(entry, tuple) and entry[1] is None and not self.shown[k]:
                    self.plain[key] = entry[0]
                else:
                    self.others[key] = entry
        return entry

    def _plan(self, k: int, packed: int) -> Entry:
        """What every move does from ``packed``, as bit operations for its key.

        The engine lists the moves (``offered_moves``, as for ``expand``) and says where each
        arrives (``arrive``). Each answer is kept under the bits its question reads, so a
        scene's entries share them: the moves offered, under the bits the scene's gates read;
        each arrival, under the bits its effects read. A state is decoded only for a question
        not met before."""
        keeping = self.room > 0  # past its room the table keeps nothing, and shares nothing either
        state: GameState | None = None
        key = (packed & self.opens[k]) | self.tags[k]
        offered = self.offered.get(key)
        if offered is None:
            gates, asked, offers = self.gates[k], self.asked[k], []
            state = GameState(*self.packing.decode(packed, self.reads[k]), self.rng)
            try:
                moves = offered_moves(gates, state)
            except StoryRuntimeError as fault:
                return fault
            for number, outcome, position, arrival in moves:
                gate = gates[position]
                offers.append((number, outcome, gate, arrival, *asked[position][outcome]))
                self.available_choices.add(gate.choice.id)
            offered = tuple(offers)
            if keeping:
                self.offered[key] = offered
                self.room -= ANSWER_BYTES
        arrived = self.arrived
        steps: list[tuple[int, int]] = []
        failing: list[tuple[Move, StoryRuntimeError]] = []
        holding: list[tuple[Move, tuple[Effect, ...]]] = []
        for number, outcome, gate, arrival, read, tag, written, alive, keep, canon in offered:
            key = (packed & read) | tag
            answer = arrived.get(key)
            if answer is None:
                if state is None:
                    state = GameState(*self.packing.decode(packed, self.reads[k]), self.rng)
                try:
                    parts, overflowed = arrive(arrival, state, taken_after(gate.choice, state.taken))
                    answer = ((self.packing.encode_written(parts, written) & alive) | canon, overflowed)
                except StoryRuntimeError as fault:
                    answer = fault
                if keeping:
                    arrived[key] = answer
                    self.room -= ANSWER_BYTES
            if isinstance(answer, StoryRuntimeError):
                failing.append((Move(number, outcome), answer))
                continue
            bits, overflowed = answer
            if overflowed:
                holding.append((Move(number, outcome), overflowed))
            step = (keep, bits)
            steps.append(self.shared_steps.setdefault(step, step) if keeping else step)
        planned = tuple(steps)
        if keeping:
            planned = self.shared_lists.setdefault(planned, planned)
        return planned, ((tuple(failing), tuple(holding)) if failing or holding else None)

    def _shown_fault(self, packed: int) -> StoryRuntimeError | None:
        """The fault showing the scene of ``packed`` raises, if any."""
        try:
            view(self.story, GameState(*self.packing.decode(packed), self.rng))
        except StoryRuntimeError as fault:
            return fault
        return None
