"""The expression language: parsing, types, domains, safety and evaluation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.compiled import MAX_VALUE
from game.engine.errors import ExprProblem, StoryRuntimeError
from game.engine.expr import compile_effect, compile_expression
from game.engine.model import BOOL, INT, Expression, SourcePos, Value, ValueType, Variable
from game.engine.schema import Schema
from game.engine.state import GameState
from game.engine.syntax import MAX_DEPTH

VARIABLES = (
    Variable("trust.eve", INT, 2, 0, 5),
    Variable("has_keycard", BOOL, False),
    Variable("nausea", ValueType("enum", ("fine", "queasy", "sick")), "fine"),
    Variable("n", INT, 0, -10, 10),
)


def schema() -> Schema:
    return Schema.of(VARIABLES)


def state(*values: Value, visits: tuple[int, ...] = ()) -> GameState:
    return GameState("x", values or (2, False, "fine", 0), visits)


def ok(source: str, want: ValueType | None = None, sch: Schema | None = None) -> Expression:
    result = compile_expression(source, sch or schema(), want=want)
    assert isinstance(result, Expression), result
    return result


def problem(source: str, want: ValueType | None = BOOL) -> ExprProblem:
    result = compile_expression(source, schema(), want=want)
    assert isinstance(result, ExprProblem), f"{source!r} compiled"
    return result


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("trust.eve >= 2 and not has_keycard", True),
        ("trust.eve > 2 or has_keycard", False),
        ("nausea == 'fine'", True),
        ('nausea != "sick"', True),
        ("1 + 2 * 3 == 7", True),
        ("(1 + 2) * 3 == 9", True),
        ("7 / 2 == 3 and 7 % 2 == 1 and -7 / 2 == -4", True),
        ("min(trust.eve, 1) == 1 and max(trust.eve, 4) == 4", True),
        ("not not true", True),
        ("-n == 0", True),
    ],
)
def test_condition_evaluates(source: str, expected: bool) -> None:
    assert ok(source, BOOL).evaluate(state()) is expected


@pytest.mark.parametrize(
    ("source", "code", "offset"),
    [
        ("", "SG140", 0),
        ("trust.eve >", "SG140", 11),
        ("trust.eve && has_keycard", "SG140", 10),
        ("trust.eve || has_keycard", "SG140", 10),
        ("!has_keycard", "SG140", 0),
        ("trust.eve = 2", "SG140", 10),
        ("1 < 2 < 3", "SG140", 6),
        ("(1 + 2", "SG140", 6),
        ("trust.eve # 2", "SG140", 10),
        ("'unclosed", "SG140", 0),
        ("trust", "SG141", 0),
        ("has_keycard == 1", "SG142", 12),
        ("trust.eve + true > 1", "SG142", 12),
        ("trust.eve", "SG142", 0),
        ("nausea == queasy", "SG141", 10),
        ("nausea == 'queazy'", "SG143", 10),
        ("nausea == 1", "SG142", 7),
        ("'fine'", "SG142", 0),
        ("open('x')", "SG144", 0),
        ("__import__('os')", "SG144", 0),
        ("visited(trust.eve)", "SG144", 8),
        ("min(1)", "SG144", 0),
        ("trust.eve / 0 > 1", "SG147", 12),
        ("trust.eve.__class__", "SG141", 0),
    ],
)
def test_bad_condition_is_reported_at_its_column(source: str, code: str, offset: int) -> None:
    found = problem(source)
    assert (found.code, found.offset) == (code, offset), found.message


def test_typo_gets_a_suggestion() -> None:
    assert "did you mean 'has_keycard'" in problem("has_keycrd").message


def test_bare_enum_value_gets_a_quoting_hint() -> None:
    assert "quote it as 'queasy'" in problem("nausea == queasy").message


def test_runtime_division_by_zero_is_located() -> None:
    expr = compile_expression("10 / n > 1", schema(), SourcePos("a.yaml", 3, 9), BOOL)
    assert isinstance(expr, Expression)
    with pytest.raises(StoryRuntimeError) as caught:
        expr.evaluate(state())
    assert caught.value.pos == SourcePos("a.yaml", 3, 12)


def test_visits_register_a_cap_one_above_the_largest_comparison() -> None:
    sch = schema()
    ok("visits('galley') >= 3", BOOL, sch)
    ok("visited('cupola')", BOOL, sch)
    ok("2 < visits('cupola')", BOOL, sch)
    assert sch.visit_caps == {"galley": 4, "cupola": 3}
    expr = ok("visits('galley') >= 3 and visited('cupola')", BOOL, sch)
    assert expr.scenes == {"galley", "cupola"}
    assert expr.evaluate(state(visits=(4, 1))) is True
    assert expr.evaluate(state(visits=(2, 1))) is False


@pytest.mark.parametrize(
    ("source", "index", "op"),
    [("trust.eve += 1", 0, "+="), ("has_keycard = true", 1, "="), ("nausea = 'sick'", 2, "="), ("n -= 2 * 3", 3, "-=")],
)
def test_effect_compiles(source: str, index: int, op: str) -> None:
    effect = compile_effect(source, schema())
    assert not isinstance(effect, ExprProblem), effect
    assert (effect.variable, effect.op) == (index, op)


@pytest.mark.parametrize(
    ("source", "code", "offset"),
    [
        ("trust.eve", "SG145", 0),
        ("trust.eve == 1", "SG145", 0),
        ("mood = 'fine'", "SG141", 0),
        ("has_keycard += 1", "SG142", 12),
        ("trust.eve = true", "SG142", 12),
        ("nausea = 'queasyy'", "SG143", 9),
        ("trust.eve = 9", "SG143", 12),
        ("nausea = trust.eve", "SG142", 9),
        ("trust.eve += nope", "SG141", 13),
    ],
)
def test_bad_effect_is_reported(source: str, code: str, offset: int) -> None:
    found = compile_effect(source, schema())
    assert isinstance(found, ExprProblem)
    assert (found.code, found.offset) == (code, offset), found.message


@given(st.text(max_size=40))
def test_any_text_either_compiles_or_is_a_problem_never_a_crash(source: str) -> None:
    result = compile_expression(source, schema())
    assert isinstance(result, Expression | ExprProblem)
    if isinstance(result, ExprProblem):
        assert 0 <= result.offset <= len(source)


@given(st.integers(-50, 50), st.integers(-50, 50))
def test_arithmetic_matches_python_integers(a: int, b: int) -> None:
    expr = ok(f"{a} + {b} * 2 - ({a}) == {a + b * 2 - a}", BOOL)
    assert expr.evaluate(state()) is True


def test_visits_compared_for_equality_counts_one_past_the_number() -> None:
    sch = schema()
    expr = ok("visits('loop') == 2", BOOL, sch)
    assert sch.visit_caps == {"loop": 3}
    assert [expr.evaluate(state(visits=(n,))) for n in (1, 2, 3)] == [False, True, False]


@pytest.mark.parametrize(
    ("source", "offset"),
    [("visits('loop') + 1 > 2", 0), ("visits('a') > visits('b')", 0), ("max(visits('a'), 2) > 1", 4)],
)
def test_visits_not_compared_with_a_number_is_refused(source: str, offset: int) -> None:
    found = problem(source)
    assert (found.code, found.offset) == ("SG144", offset)
    assert "compare visits(" in found.message


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("n < " + "9" * 5000, "SG140"),
        ("(" * 300 + "n < 2" + ")" * 300, "SG140"),
        ("not " * 400 + "true", "SG140"),
        ("-" * 400 + "n < 2", "SG140"),
    ],
)
def test_absurd_expressions_are_problems_not_crashes(source: str, code: str) -> None:
    assert problem(source).code == code


def test_arithmetic_on_numbers_alone_folds_so_visits_can_be_compared_with_it() -> None:
    sch = schema()
    ok("visits('deck') >= 2 + 1", BOOL, sch)
    assert sch.visit_caps == {"deck": 4}
    assert ok("7 / 2 * 2 + 7 % 2 == 7", BOOL).evaluate(state()) is True


@pytest.mark.parametrize(("source", "value"), [("trust.eve = --1", 1), ("trust.eve = - -3", 3), ("n = -(-(-2))", -2)])
def test_assigned_number_is_checked_by_its_folded_value(source: str, value: int) -> None:
    effect = compile_effect(source, schema())
    assert not isinstance(effect, ExprProblem), effect
    assert effect.value.evaluate(state()) == value


@pytest.mark.parametrize(("source", "offset"), [("trust.eve = --9", 12), ("trust.eve = 2 + 7", 12), ("n = -(11)", 4)])
def test_assigned_number_out_of_range_is_refused_even_when_computed(source: str, offset: int) -> None:
    found = compile_effect(source, schema())
    assert isinstance(found, ExprProblem)
    assert (found.code, found.offset) == ("SG143", offset), found.message


def test_effect_value_is_located_after_the_operator() -> None:
    effect = compile_effect("n -= 10 / n", schema(), SourcePos("a.yaml", 2, 5))
    assert not isinstance(effect, ExprProblem)
    assert effect.value.pos == SourcePos("a.yaml", 2, 10)
    assert effect.value.source == "10 / n"
    with pytest.raises(StoryRuntimeError) as caught:
        effect.value.evaluate(state())
    assert caught.value.pos == SourcePos("a.yaml", 2, 13)


def test_enum_effect_takes_a_bracketed_quoted_value() -> None:
    effect = compile_effect("nausea = ('sick')", schema())
    assert not isinstance(effect, ExprProblem), effect
    assert effect.value.evaluate(state()) == "sick"


def test_a_long_chain_is_refused_where_it_gets_too_deep_not_crashed() -> None:
    source = " + ".join(["n"] * 250) + " >= 0"
    found = problem(source)
    assert found.code == "SG140" and "too long" in found.message
    assert source[found.offset] == "+"


def test_ten_thousand_tokens_are_a_problem_not_a_crash() -> None:
    assert problem(" + ".join(["n"] * 5000) + " >= 0").code == "SG140"
    assert problem("(" * 5000 + "n" + ")" * 5000 + " > 0").code == "SG140"
    assert problem(" and ".join(["has_keycard"] * 5000)).code == "SG140"


def test_a_chain_within_the_limit_compiles_and_evaluates() -> None:
    expr = ok(" + ".join(["n"] * (MAX_DEPTH - 1)) + " == 0", BOOL)
    assert expr.evaluate(state()) is True
    assert ok(" or ".join(["has_keycard"] * MAX_DEPTH), BOOL).evaluate(state()) is False


@pytest.mark.parametrize(
    "source",
    [
        "99999999999999 * 99999999999999 > 0",
        "n < " + " * ".join(["99999999999999"] * 50),
        "-999999999999999 - 1 < n",
    ],
)
def test_a_constant_too_large_is_refused(source: str) -> None:
    found = problem(source)
    assert found.code == "SG140" and "too large" in found.message


def test_arithmetic_that_could_leave_the_number_bound_is_refused_at_its_operator() -> None:
    # n is within -10..10: fourteen factors stay within 15 digits, fifteen could reach 10**15.
    assert ok(" * ".join(["n"] * 14) + " > 0", BOOL)
    source = " * ".join(["n"] * 20) + " > 0"
    found = problem(source)
    assert found.code == "SG140" and "too large" in found.message
    assert found.offset == len(" * ".join(["n"] * 15)) - 3


def test_largest_literal_still_compiles() -> None:
    assert ok(f"{MAX_VALUE} > n", BOOL).evaluate(state()) is True
    assert ok(f"-{MAX_VALUE} < n", BOOL).evaluate(state()) is True


def test_visit_slots_follow_registration_order_for_many_scenes() -> None:
    sch = schema()
    for i in range(2000):
        ok(f"visited('s{i}')", BOOL, sch)
    ok("visits('s1500') >= 4", BOOL, sch)
    assert list(sch.visit_caps)[1500] == "s1500" and sch.visit_caps["s1500"] == 5
    assert all(sch.visit_slot(scene, 1) == i for i, scene in enumerate(sch.visit_caps))
    expr = ok("visited('s1999')", BOOL, sch)
    visits = [0] * 2000
    visits[1999] = 1
    assert expr.evaluate(state(visits=tuple(visits))) is True
