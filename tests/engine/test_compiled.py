"""Compiled pieces: every operator's range holds what it computes, and its closures compute it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.compiled import (
    ARITHMETIC,
    FLIPPED,
    FOLD,
    ORDER,
    ORDER_WITH,
    CompiledBool,
    CompiledEnum,
    CompiledInt,
    bounds,
    constant,
    describe,
    known,
    read,
)
from game.engine.model import ValueType
from game.engine.state import GameState

MOOD = ValueType("enum", ("calm", "sick"))


@st.composite
def ranged(draw: st.DrawFn) -> tuple[CompiledInt, int]:
    """A number's range, and a value inside it."""
    low = draw(st.integers(-1000, 1000))
    high = draw(st.integers(low, low + 2000))
    return CompiledInt(constant(0), low, high), draw(st.integers(low, high))


@given(st.sampled_from(sorted(FOLD)), ranged(), ranged())
def test_the_range_of_an_operation_holds_every_result(
    op: str, left: tuple[CompiledInt, int], right: tuple[CompiledInt, int]
) -> None:
    (a, x), (b, y) = left, right
    if op in ("/", "%") and y == 0:
        return  # a division by zero is refused when compiled or stops the story when played
    low, high = bounds(op, a, b)
    assert low <= FOLD[op](x, y) <= high


def test_the_range_of_a_sum_is_exact() -> None:
    a, b = CompiledInt(constant(0), -2, 3), CompiledInt(constant(0), 10, 20)
    assert bounds("+", a, b) == (8, 23)
    assert bounds("-", a, b) == (-22, -7)
    assert bounds("*", a, b) == (-40, 60)


@given(st.sampled_from(sorted(ARITHMETIC)), st.integers(-99, 99), st.integers(-99, 99))
def test_an_arithmetic_closure_computes_its_operation(op: str, x: int, y: int) -> None:
    state = GameState("x", (x, y), ())
    f = ARITHMETIC[op](lambda s: int(s.values[0]), lambda s: int(s.values[1]))
    assert f(state) == FOLD[op](x, y)


@given(st.sampled_from(sorted(ORDER)), st.integers(-5, 5), st.integers(-5, 5))
def test_a_comparison_with_a_known_number_on_the_left_is_flipped_to_the_same_answer(op: str, k: int, x: int) -> None:
    state = GameState("x", (x,), ())

    def value(s: object) -> int:
        return x

    assert ORDER_WITH[FLIPPED[op]](value, k)(state) == ORDER[op](constant(k), value)(state)
    assert ORDER_WITH[op](value, k)(state) == ORDER[op](value, constant(k))(state)


def test_read_takes_a_variable_by_its_index_in_the_state() -> None:
    assert read(1)(GameState("x", (3, "calm"), ())) == "calm"


@pytest.mark.parametrize(
    ("piece", "value", "described"),
    [
        (CompiledInt(constant(7), 7, 7, 7), 7, "a number"),
        (CompiledInt(constant(0), 0, 9), None, "a number"),
        (CompiledBool(constant(False), False), False, "true/false"),
        (CompiledEnum(ValueType("enum", ("sick",)), constant("sick"), "sick"), "sick", "the text 'sick'"),
        (CompiledEnum(MOOD, constant("calm")), None, "one of 'calm', 'sick'"),
    ],
)
def test_a_piece_known_now_has_its_value_and_each_is_described_for_a_writer(
    piece: CompiledInt | CompiledBool | CompiledEnum, value: object, described: str
) -> None:
    assert known(piece) == value
    assert describe(piece) == described
