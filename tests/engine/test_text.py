"""Templates: interpolation, conditional spans, literal braces, and text shown as written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.errors import ExprProblem, StoryRuntimeError
from game.engine.model import BOOL, INT, SourcePos, Template, Value, ValueType, Variable
from game.engine.schema import Schema
from game.engine.state import GameState
from game.engine.text import MAX_SPANS, compile_template, expressions, render, show_value
from game.engine.wording import plural

SCHEMA = Schema.of(
    (
        Variable("trust", INT, 2, 0, 5),
        Variable("card", BOOL, False),
        Variable("mood", ValueType("enum", ("calm", "queasy")), "calm"),
    )
)


def show(source: str, *values: Value) -> str:
    template = compile_template(source, SCHEMA)
    assert isinstance(template, Template), template
    return render(template, GameState("x", values or (2, False, "calm"), ()))


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("Trust is {trust}.", "Trust is 2."),
        ("Card: {card}. Mood: {mood}.", "Card: no. Mood: calm."),
        ("{if card}Card.{else}No card.{end}", "No card."),
        ("{if trust > 1}Warm{if card}, carded{end}.{end}", "Warm."),
        ("{if card}only when carded{end}", ""),
        ("Braces: {{literal}} and [bold]x[/bold] *stars*", "Braces: {literal} and [bold]x[/bold] *stars*"),
        ("Double {trust * 2}", "Double 4"),
    ],
)
def test_template_renders(source: str, shown: str) -> None:
    assert show(source) == shown


def test_interpolated_values_are_plain_text() -> None:
    assert show("{mood}", 2, False, "queasy") == "queasy"


@pytest.mark.parametrize(
    ("source", "code", "offset"),
    [
        ("Open {trust", "SG146", 5),
        ("Stray } brace", "SG146", 6),
        ("{if card}never closed", "SG146", 0),
        ("{else}", "SG146", 0),
        ("{end}", "SG146", 0),
        ("{}", "SG146", 0),
        ("{if}x{end}", "SG146", 0),
        ("Value {trsut}", "SG141", 7),
        ("{if trust}x{end}", "SG142", 4),
        ("{if card}a{else}b{else}c{end}", "SG146", 17),
    ],
)
def test_bad_template_is_reported(source: str, code: str, offset: int) -> None:
    found = compile_template(source, SCHEMA)
    assert isinstance(found, ExprProblem)
    assert (found.code, found.offset) == (code, offset), found.message


def test_spans_nested_past_the_limit_are_refused_at_the_if_that_crosses_it() -> None:
    source = "{if card}" * 1000 + "x" + "{end}" * 1000
    found = compile_template(source, SCHEMA)
    assert isinstance(found, ExprProblem)
    assert (found.code, found.offset) == ("SG146", len("{if card}") * MAX_SPANS)


def test_spans_nested_to_the_limit_render() -> None:
    source = "{if trust > 1}a" * MAX_SPANS + "{else}b{end}" * MAX_SPANS
    assert show(source) == "a" * MAX_SPANS
    assert show(source, 0, False, "calm") == "b"


def test_expressions_are_listed_in_writing_order() -> None:
    template = compile_template("{trust}{if card}{mood}{else}{trust + 1}{end}{trust * 2}", SCHEMA)
    assert isinstance(template, Template)
    assert [e.source for e in expressions(template)] == ["trust", "card", "mood", "trust + 1", "trust * 2"]


def test_a_constant_too_large_to_show_is_refused() -> None:
    found = compile_template("{" + " * ".join(["99999999999999"] * 3) + "}", SCHEMA)
    assert isinstance(found, ExprProblem)
    assert found.code == "SG140" and "too large" in found.message


def test_run_time_fault_in_text_is_located_at_its_operator() -> None:
    template = compile_template("Share: {10 / (trust - 2)}", SCHEMA, SourcePos("a.yaml", 4, 7))
    assert isinstance(template, Template)
    with pytest.raises(StoryRuntimeError) as caught:
        render(template, GameState("x", (2, False, "calm"), ()))
    assert caught.value.pos == SourcePos("a.yaml", 4, 7 + len("Share: {10 "))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (True, "yes"),
        (0, "0"),
        (-(10**29), str(-(10**29))),
        (10**30, "1.00e+30"),
        (10**31 - 1, "1.00e+31"),
        (-(2 * 10**5000), "-2.00e+5000"),
        ("queasy", "queasy"),
    ],
    ids=["bool", "zero", "long negative", "shortened", "rounds up", "huge negative", "enum name"],
)
def test_show_value(value: Value, shown: str) -> None:
    assert show_value(value) == shown


@given(st.integers() | st.integers(min_value=10**25).map(lambda n: n**200))
def test_show_value_never_fails_on_any_number(number: int) -> None:
    text = show_value(number)
    assert text and "\n" not in text and len(text) < 40


def test_plural_is_still_importable_from_here() -> None:
    assert plural(1, "state") == "1 state" and plural(4136, "state") == "4,136 states"
