"""The move table: each entry is exactly what the engine's ``expand`` makes of the state."""

from __future__ import annotations

from hypothesis import given

from game.analysis import explore
from game.analysis.moves import Move, MoveTable
from game.engine import GameState, Story, StoryRuntimeError, expand
from game.loader import load_story
from tests.analysis.strategies import StorySpec, load_spec, stories
from tests.conftest import STORIES


def expanded(story: Story, table: MoveTable, packed: int) -> object:
    """What ``table.entry`` must say of ``packed``, worked out from ``expand`` alone: the
    successors (canonical packed states) and the moves that fault or hold a value at a bound."""
    packing = table.packing
    try:
        moves = expand(story, GameState(*packing.decode(packed), table.rng))
    except StoryRuntimeError as fault:
        return fault.pos, fault.message
    after, failing, holding = [], [], []
    for number, outcome, _, result, overflowed in moves:
        if isinstance(result, StoryRuntimeError):
            failing.append((Move(number, outcome), result.pos, result.message))
            continue
        if overflowed:
            holding.append((Move(number, outcome), overflowed))
        after.append(packing.canonical(packing.encode(result)))
    return after, failing, holding


def tabled(table: MoveTable, packed: int) -> object:
    entry = table.entry(packed)
    if isinstance(entry, StoryRuntimeError):
        return entry.pos, entry.message
    steps, rare = entry
    failing, holding = rare if rare is not None else ((), ())
    return (
        [(packed & keep) | bits for keep, bits in steps],
        [(move, fault.pos, fault.message) for move, fault in failing],
        list(holding),
    )


def same_as_expand(story: Story, room: int = 1 << 30) -> None:
    try:
        exploration = explore(story)
    except StoryRuntimeError:
        return  # the start scene itself faults: nothing is explored
    table = MoveTable(story, exploration.packing, exploration.rng, room)
    for packed in exploration.states:
        if table.ending[packed & table.scene_mask] or table.shown[packed & table.scene_mask]:
            continue  # answered before the engine is asked for moves
        assert tabled(table, packed) == expanded(story, table, packed)


@given(stories(max_scenes=8, risky=True))
def test_every_entry_is_what_expand_makes_of_the_state(spec: StorySpec) -> None:
    same_as_expand(load_spec(spec))


@given(stories(max_scenes=8, risky=True))
def test_a_table_out_of_room_asks_the_engine_anew_and_answers_the_same(spec: StorySpec) -> None:
    same_as_expand(load_spec(spec), room=0)


def test_the_bundled_stories_entries_are_what_expand_makes_of_them() -> None:
    for name in ("defect_softlock_flags", "defect_overflow", "defect_div_zero", "routes_branches"):
        story = load_story(STORIES / name).story
        assert story is not None
        same_as_expand(story)
