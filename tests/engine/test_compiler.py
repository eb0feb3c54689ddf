"""The compiler: the ranges it follows hold every value, and what it records and refuses."""

from __future__ import annotations

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from game.engine.compiled import CompiledBool, CompiledInt
from game.engine.compiler import Compiler
from game.engine.diagnostics import Code
from game.engine.errors import StoryRuntimeError
from game.engine.model import BOOL, INT, NOWHERE, SourcePos, Variable
from game.engine.schema import Schema
from game.engine.state import GameState
from game.engine.syntax import Fail, parse_expression

VARIABLES = (
    Variable("small", INT, 0, 0, 3),
    Variable("wide", INT, 0, -1000, 1000),
    Variable("neg", INT, -1, -5, -1),
    Variable("flag", BOOL, False),
)
NUMBERS = ("small", "wide", "neg")


def compiler(schema: Schema | None = None) -> Compiler:
    return Compiler(schema or Schema.of(VARIABLES), NOWHERE)


def compiled(source: str, schema: Schema | None = None) -> tuple[Compiler, CompiledInt | CompiledBool]:
    c = compiler(schema)
    tree = parse_expression(source)
    typed = c.compile(tree)
    c.finish(typed, tree)
    assert isinstance(typed, CompiledInt | CompiledBool)
    return c, typed


def refusal(source: str, schema: Schema | None = None) -> Fail:
    with pytest.raises(Fail) as caught:
        compiled(source, schema)
    return caught.value


def arithmetic(depth: int) -> st.SearchStrategy[str]:
    """Number expressions over the int variables and small literals."""
    leaf = st.sampled_from(NUMBERS) | st.integers(-9, 9).map(str)
    if depth == 0:
        return leaf
    inner = arithmetic(depth - 1)
    return (
        leaf
        | st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "%"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
        | st.tuples(st.sampled_from(["min", "max"]), inner, inner).map(lambda t: f"{t[0]}({t[1]}, {t[2]})")
        | inner.map(lambda e: f"-({e})")
    )


@given(arithmetic(3), st.integers(0, 3), st.integers(-1000, 1000), st.integers(-5, -1))
def test_every_value_a_number_takes_lies_in_the_range_compiled_for_it(
    source: str, small: int, wide: int, neg: int
) -> None:
    try:
        _, typed = compiled(source)
    except Fail:
        event("refused")
        return  # refused (a division by zero written out, or a range too wide): never played
    assert isinstance(typed, CompiledInt)
    try:
        value = typed.evaluate(GameState("x", (small, wide, neg, False), ()))
    except StoryRuntimeError:
        event("divided by zero at play")
        return  # a division by a variable that is zero now
    event("evaluated")
    assert typed.low <= value <= typed.high
    if typed.literal is not None:
        assert value == typed.literal == typed.low == typed.high


@pytest.mark.parametrize(
    ("source", "low", "high"),
    [
        ("wide", -1000, 1000),
        ("small * neg", -15, 0),
        ("-neg", 1, 5),
        ("min(small, neg)", -5, -1),
        ("max(small, neg)", 0, 3),
        ("wide / 7", -1000, 1000),
        ("wide % 7", -7, 7),
    ],
)
def test_a_numbers_range_follows_from_the_declared_ranges(source: str, low: int, high: int) -> None:
    _, typed = compiled(source)
    assert isinstance(typed, CompiledInt)
    assert (typed.low, typed.high) == (low, high)


def test_numbers_alone_are_folded_to_a_known_number() -> None:
    _, typed = compiled("2 + 3 * -4")
    assert isinstance(typed, CompiledInt)
    assert (typed.literal, typed.low, typed.high) == (-10, -10, -10)


def test_the_variables_and_scenes_read_are_recorded() -> None:
    c, _ = compiled("small > 1 and flag or visited('galley') or visits('lab') >= 2")
    assert c.variables == {"small", "flag"}
    assert c.scenes == {"galley", "lab"}


def test_a_visit_count_compared_with_a_number_is_counted_one_past_it() -> None:
    schema = Schema.of(VARIABLES)
    compiled("visits('lab') >= 2 or 4 == visits('dock') or visited('hall')", schema)
    assert schema.visit_caps == {"lab": 3, "dock": 5, "hall": 1}


def test_a_visit_count_never_compared_with_a_number_is_refused_at_the_call() -> None:
    failed = refusal("small < visits('lab')")
    assert (failed.problem.code, failed.problem.offset) == (Code.BAD_FUNCTION, 8)


def test_a_name_whose_declaration_failed_stops_compiling_but_is_no_new_problem() -> None:
    schema = Schema.of(VARIABLES, failed=frozenset({"oxygen"}))
    assert refusal("oxygen > 1", schema).problem.consequence
    assert not refusal("nitrogen > 1", schema).problem.consequence


def test_a_range_that_could_grow_too_large_is_refused_at_its_operator() -> None:
    # wide is within -1000..1000: four factors stay within 15 digits, a fifth could reach 10**15.
    failed = refusal("wide * wide * wide * wide * wide * wide > 0")
    assert failed.problem.code == Code.EXPRESSION_SYNTAX
    assert failed.problem.offset == len("wide * wide * wide * wide ")
    assert "too large a number" in failed.problem.message


def test_a_division_by_zero_at_play_is_located_inside_the_longer_text() -> None:
    c = Compiler(Schema.of(VARIABLES), SourcePos("a.yaml", 4, 2), base=10)
    typed = c.compile(parse_expression("wide / small"))
    assert isinstance(typed, CompiledInt)
    with pytest.raises(StoryRuntimeError) as caught:
        typed.evaluate(GameState("x", (0, 5, -1, False), ()))
    assert caught.value.pos == SourcePos("a.yaml", 4, 17)
