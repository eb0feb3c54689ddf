"""Packed states for the checker, and the reduction that keeps every verdict.

The checker stores each explored state as one Python int: the scene's index in the low
bits, then one bit field per *relevant* variable (its value's index in the variable's
domain), per relevant visit counter and per once-only choice. Ints hash and compare fast,
take a fraction of the memory of the engine's tuples, and let a transition be bit
arithmetic (see ``explore.py``). The engine's ``GameState`` stays the player-facing form:
the checker converts only at the edges.

Two reductions shrink the state space without changing any verdict:

- A variable is *relevant* when something that decides the story's course reads it: a
  choice's condition, an effect on a relevant variable, an ``overflow: error`` effect (its
  report depends on the value), or an expression that can fault while the player looks
  (a division in text, a line's condition or a status line). Variables that only feed
  text, and ``overflow: clamp`` counters nothing relevant reads, are not stored at all.
- A relevant field is *dead* at a scene when no path from that scene reads it before
  overwriting it (classic liveness, over the scene graph). States differing only in dead
  fields behave the same from there on, so the field is set to a canonical value (its
  initial value) on entering the scene, and those states merge. Echo flags that are set
  early, read once and never reset cost nothing after their last reader.

Both are computed from the expressions' read sets, which the compiler records; neither
evaluates a rule, so the transitions still come from the engine alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.engine import StateParts, Story, Value
from game.engine.model import Effect, Expression, Template
from game.engine.text import expressions


def _can_fault(expression: Expression | None) -> bool:
    """Whether evaluating ``expression`` may fail at run time: only a division or remainder can."""
    return expression is not None and ("/" in expression.source or "%" in expression.source)


def _risky_text(template: Template) -> list[Expression]:
    found = list(expressions(template))
    return found if any(_can_fault(e) for e in found) else []


@dataclass(frozen=True, slots=True)
class Reads:
    """What an expression reads: variables by index, visit counters by scene id."""

    variables: frozenset[int]
    visits: frozenset[str]


_NOTHING = Reads(frozenset(), frozenset())
_NONE_TAKEN: frozenset[str] = frozenset()


class StatePacking:
    """The codec between engine states and packed ints for one story, and the reduction.

    Promises: ``encode`` then ``decode`` gives back every relevant field; irrelevant
    variables decode to their initial value and uncounted visits to 0. ``canonical(s)``
    sets the fields dead at ``s``'s scene to their canonical value, so ``canonical`` of two
    states that differ only there are equal.
    """

    def __init__(self, story: Story, reduce: bool = True) -> None:
        """``reduce`` False keeps every variable and visit counter and never merges states:
        the plain state space, for comparing the reduction against it."""
        self.story = story
        self.reduce = reduce
        # What each expression reads and each scene risks, worked out once: relevance, liveness
        # and the move table all ask, once per choice and outcome of every scene. Keyed by the
        # expression's identity: the story keeps every expression alive as long as this packing.
        self._reads: dict[int, Reads] = {}
        self._view_risks: dict[str, tuple[Expression, ...]] = {}
        self._sequences: dict[tuple[int, str], tuple[int, int, int]] = {}
        self._initial_values = [v.initial for v in story.variables]
        self._no_visits = [0] * len(story.visit_caps)
        self._decoders: dict[
            int, tuple[list[tuple[int, int, int, tuple[Value, ...]]], list[tuple[int, int, int]], list[tuple[str, int]]]
        ] = {}
        self.scene_ids: tuple[str, ...] = tuple(story.scenes)
        self.scene_index = {sid: i for i, sid in enumerate(self.scene_ids)}
        self.scene_bits = max(1, (len(self.scene_ids) - 1).bit_length())
        self.scene_mask = (1 << self.scene_bits) - 1
        self.var_index = {v.name: i for i, v in enumerate(story.variables)}
        self.visit_slots = dict(story.visit_slots)
        if reduce:
            relevant_vars, relevant_visits = self._relevance()
        else:
            relevant_vars, relevant_visits = set(range(len(story.variables))), set(story.visit_caps)
        self.relevant_variables = relevant_vars
        shift = self.scene_bits
        # (variable index, shift, mask, domain, index of each value)
        self.var_fields: list[tuple[int, int, int, tuple[Value, ...], dict[Value, int]]] = []
        self.var_mask: dict[int, int] = {}
        for index in sorted(relevant_vars):
            domain = story.variables[index].domain()
            width = max(1, (len(domain) - 1).bit_length())
            mask = ((1 << width) - 1) << shift
            self.var_fields.append((index, shift, mask, domain, {value: k for k, value in enumerate(domain)}))
            self.var_mask[index] = mask
            shift += width
        # (visit slot, shift, mask, cap)
        self.visit_fields: list[tuple[int, int, int]] = []
        self.visit_mask: dict[str, int] = {}
        for counted, cap in story.visit_caps.items():
            if counted not in relevant_visits:
                continue
            width = max(1, cap.bit_length())
            mask = ((1 << width) - 1) << shift
            self.visit_fields.append((self.visit_slots[counted], shift, mask))
            self.visit_mask[counted] = mask
            shift += width
        self._written_fields: dict[int, list[tuple[int, int, int, tuple[Value, ...], dict[Value, int]]]] = {}
        self.once_bit: dict[str, int] = {}
        for scene in story.scenes.values():
            for choice in scene.choices:
                if choice.once and choice.id not in self.once_bit:
                    self.once_bit[choice.id] = 1 << shift
                    shift += 1
        self.bits = shift
        self.field_mask = ((1 << shift) - 1) & ~self.scene_mask
        self.initial = self.encode((story.start, tuple(v.initial for v in story.variables), (), frozenset()))
        if reduce:
            self._dead, self._canon = self._liveness()
        else:
            self._dead = self._canon = [0] * len(self.scene_ids)

    # -- the codec --------------------------------------------------------------------

    def encode(self, parts: StateParts) -> int:
        """The packed form of a state (its generator state is not part of it)."""
        scene, values, visits, taken = parts
        packed = self.scene_index[scene]
        for index, shift, _, _, codes in self.var_fields:
            packed |= codes[values[index]] << shift
        for slot, shift, _ in self.visit_fields:
            if slot < len(visits):
                packed |= visits[slot] << shift
        for choice_id in taken:
            bit = self.once_bit.get(choice_id)
            if bit is not None:
                packed |= bit
        return packed

    def encode_written(self, parts: StateParts, written: int) -> int:
        """The bits of ``parts`` in the fields of ``written`` only (and its scene): what a move
        sets, packed without visiting the fields it leaves alone."""
        scene, values, visits, taken = parts
        packed = self.scene_index[scene]
        for index, shift, _, _, codes in self._fields_in(written):
            packed |= codes[values[index]] << shift
        for slot, shift, mask in self.visit_fields:
            if mask & written and slot < len(visits):
                packed |= visits[slot] << shift
        for choice_id, bit in self.once_bit.items():
            if bit & written and choice_id in taken:
                packed |= bit
        return packed

    def _fields_in(self, written: int) -> list[tuple[int, int, int, tuple[Value, ...], dict[Value, int]]]:
        found = self._written_fields.get(written)
        if found is None:
            found = self._written_fields[written] = [f for f in self.var_fields if f[2] & written]
        return found

    def decode(self, packed: int, within: int = -1) -> StateParts:
        """The engine's form of a packed state (irrelevant variables at their initial value).

        With ``within``, only the fields under that mask are read, the others left at their
        initial value (visits at 0, once-only choices not taken): enough for a rule that reads
        only those fields, such as the moves of a scene from its reads mask."""
        fields = self._decoders.get(within)
        if fields is None:
            fields = self._decoders[within] = (
                [(i, shift, mask, domain) for i, shift, mask, domain, _ in self.var_fields if mask & within],
                [field for field in self.visit_fields if field[2] & within],
                [(cid, bit) for cid, bit in self.once_bit.items() if bit & within],
            )
        var_fields, visit_fields, once = fields
        values = self._initial_values.copy()
        for index, shift, mask, domain in var_fields:
            values[index] = domain[(packed & mask) >> shift]
        visits = self._no_visits.copy()
        for slot, shift, mask in visit_fields:
            visits[slot] = (packed & mask) >> shift
        taken = frozenset([cid for cid, bit in once if packed & bit]) if once else _NONE_TAKEN
        return self.scene_ids[packed & self.scene_mask], tuple(values), tuple(visits), taken

    def scene_of(self, packed: int) -> str:
        return self.scene_ids[packed & self.scene_mask]

    def canonical(self, packed: int) -> int:
        """``packed`` with the fields dead at its scene set to their canonical value."""
        scene = packed & self.scene_mask
        return (packed & ~self._dead[scene]) | self._canon[scene]

    def dead_masks(self) -> list[int]:
        """Per scene index: the fields dead on entering it."""
        return list(self._dead)

    def canonical_masks(self) -> list[int]:
        """Per scene index: the canonical bits of its dead fields."""
        return list(self._canon)

    def set_aside(self) -> list[str]:
        """The variables that decide nothing, so no state stores them (in declaration order)."""
        return [v.name for i, v in enumerate(self.story.variables) if i not in self.relevant_variables]

    def merging_scenes(self) -> int:
        """How many scenes merge states that differ only in fields dead there."""
        return sum(1 for mask in self._dead if mask)

    def state_bytes(self) -> int:
        """Bytes one explored state costs the checker: its int, its index entry and array slots."""
        key = 28 + 4 * ((self.bits + 29) // 30)  # CPython ints grow by 30-bit digits
        index_entry = 48 + 28  # the dict's share of an entry, and the id it maps to
        arrays = 8 + 4 + 8 + 12  # the key array, parent, two link slots, a share of the further links (8 bytes each)
        return key + index_entry + arrays

    # -- masks of what a move reads and writes --------------------------------------------

    def reads_mask(self, reads: Reads) -> int:
        mask = 0
        for index in reads.variables:
            mask |= self.var_mask.get(index, 0)
        for scene in reads.visits:
            mask |= self.visit_mask.get(scene, 0)
        return mask

    def expression_reads(self, expression: Expression | None) -> Reads:
        if expression is None:
            return _NOTHING
        found = self._reads.get(id(expression))
        if found is None:
            variables = frozenset(self.var_index[name] for name in expression.variables if name in self.var_index)
            found = self._reads[id(expression)] = Reads(variables, expression.scenes)
        return found

    def effect_reads(self, effect: Effect) -> Reads:
        found = self._reads.get(id(effect))
        if found is None:
            found = self.expression_reads(effect.value)
            if effect.op != "=":  # '+=' and '-=' read the variable they change
                found = Reads(found.variables | {effect.variable}, found.visits)
            self._reads[id(effect)] = found
        return found

    # -- relevance and liveness --------------------------------------------------------------

    def _effects(self) -> Iterable[Effect]:
        for scene in self.story.scenes.values():
            yield from scene.on_enter
            for choice in scene.choices:
                for outcome in choice.outcomes:
                    yield from outcome.effects

    def _relevance(self) -> tuple[set[int], set[str]]:
        """The variables and visit counters that something deciding the story's course reads."""
        story = self.story
        variables: set[int] = set()
        visits: set[str] = set()

        def need(reads: Reads) -> None:
            variables.update(reads.variables)
            visits.update(reads.visits)

        for scene in story.scenes.values():
            for choice in scene.choices:
                need(self.expression_reads(choice.condition))
            for expression in self.view_risks(scene.id):
                need(self.expression_reads(expression))
        for expression in self.status_risks():
            need(self.expression_reads(expression))
        effects = list(self._effects())
        for effect in effects:
            if (
                story.variables[effect.variable].overflow == "error"
                and story.variables[effect.variable].type.kind == "int"
            ):
                need(self.effect_reads(effect))  # its report depends on the value it starts from
            if _can_fault(effect.value):
                need(self.expression_reads(effect.value))
        changed = True
        while changed:
            changed = False
            for effect in effects:
                if effect.variable in variables:
                    reads = self.effect_reads(effect)
                    if not reads.variables <= variables or not reads.visits <= visits:
                        need(reads)
                        changed = True
        return variables, visits

    def view_risks(self, scene_id: str) -> tuple[Expression, ...]:
        """The expressions shown in ``scene_id`` that can fault, with the conditions that decide
        whether they are evaluated at all (a line's ``if``, the spans around them)."""
        found = self._view_risks.get(scene_id)
        if found is None:
            found = self._view_risks[scene_id] = tuple(self._find_view_risks(scene_id))
        return found

    def _find_view_risks(self, scene_id: str) -> list[Expression]:
        scene = self.story.scenes[scene_id]
        risky: list[Expression] = []
        for beat in scene.beats:
            text = _risky_text(beat.text)
            if beat.condition is not None and (text or _can_fault(beat.condition)):
                risky.append(beat.condition)
            risky.extend(text)
        for choice in scene.choices:
            text = _risky_text(choice.text)
            if text and choice.condition is not None:
                risky.append(choice.condition)
            risky.extend(text)
        return risky

    def status_risks(self) -> list[Expression]:
        """The status lines' expressions, when any of them can fault (they are shown everywhere)."""
        found = [e for item in self.story.status for e in (item.value, item.condition) if e is not None]
        return found if any(_can_fault(e) for e in found) else []

    def sequence(self, effects: tuple[Effect, ...], target: str) -> tuple[int, int, int]:
        """(reads before any write, all reads, writes) of running ``effects`` then entering ``target``."""
        key = (id(effects), target)
        found = self._sequences.get(key)
        if found is None:
            found = self._sequences[key] = self._sequence(effects, target)
        return found

    def _sequence(self, effects: tuple[Effect, ...], target: str) -> tuple[int, int, int]:
        gen = reads_all = kill = writes = 0
        for effect in (*effects, *self.story.scenes[target].on_enter):
            if effect.variable not in self.var_mask and not self._decides(effect):
                continue  # it feeds only what decides nothing (text, status): its reads decide nothing either
            read = self.reads_mask(self.effect_reads(effect))
            reads_all |= read
            gen |= read & ~kill
            written = self.var_mask.get(effect.variable, 0)
            writes |= written
            if effect.op == "=":
                kill |= written
        visit = self.visit_mask.get(target, 0)  # entering counts a visit: read, then written
        gen |= visit & ~kill
        return gen, reads_all | visit, writes | visit

    def _decides(self, effect: Effect) -> bool:
        """Whether the values ``effect`` reads decide a verdict even where its variable decides
        nothing: it can fault, or it reports an int held at a bound (``overflow: error``)."""
        var = self.story.variables[effect.variable]
        return _can_fault(effect.value) or (var.overflow == "error" and var.type.kind == "int")

    def _liveness(self) -> tuple[list[int], list[int]]:
        """Per scene index: the mask of fields dead on entering it, and their canonical bits."""
        story = self.story
        view_always = self.reads_mask(self._reads_of(self.status_risks()))
        here: list[int] = []  # what a scene itself reads: conditions, once bits, risky text
        moves: list[list[tuple[int, int, int]]] = []  # per scene: (gen, kill, target index) per outcome
        for sid in self.scene_ids:
            scene = story.scenes[sid]
            reads = view_always | self.reads_mask(self._reads_of(self.view_risks(sid)))
            scene_moves: list[tuple[int, int, int]] = []
            if scene.ending is None:
                for choice in scene.choices:
                    reads |= self.reads_mask(self.expression_reads(choice.condition))
                    once = self.once_bit.get(choice.id, 0) if choice.once else 0
                    reads |= once
                    for outcome in choice.outcomes:
                        gen, _, _ = self.sequence(outcome.effects, outcome.target)
                        kill = once | self._killed(outcome.effects, outcome.target)
                        scene_moves.append((gen, kill, self.scene_index[outcome.target]))
            here.append(reads)
            moves.append(scene_moves)
        live = list(here)
        changed = True
        while changed:
            changed = False
            for i in range(len(self.scene_ids) - 1, -1, -1):
                now = here[i]
                for gen, kill, target in moves[i]:
                    now |= gen | (live[target] & ~kill)
                if now != live[i]:
                    live[i] = now
                    changed = True
        initial_fields = self.initial & self.field_mask
        dead = [self.field_mask & ~mask for mask in live]
        return dead, [initial_fields & mask for mask in dead]

    def _killed(self, effects: tuple[Effect, ...], target: str) -> int:
        """The fields a move certainly overwrites ('=' effects), whatever they held before."""
        kill = 0
        for effect in (*effects, *self.story.scenes[target].on_enter):
            if effect.op == "=":
                kill |= self.var_mask.get(effect.variable, 0)
        return kill

    def _reads_of(self, found: Iterable[Expression]) -> Reads:
        variables: set[int] = set()
        visits: set[str] = set()
        for expression in found:
            reads = self.expression_reads(expression)
            variables |= reads.variables
            visits |= reads.visits
        return Reads(frozenset(variables), frozenset(visits))
