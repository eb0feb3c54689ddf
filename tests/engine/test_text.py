"""Templates: interpolation, conditional spans, literal braces, and text shown as written."""

from __future__ import annotations

import pytest

from game.engine.errors import ExprProblem
from game.engine.expr import Schema
from game.engine.model import BOOL, INT, Template, ValueType, Variable
from game.engine.state import GameState
from game.engine.text import compile_template, render

SCHEMA = Schema.of(
    (
        Variable("trust", INT, 2, 0, 5),
        Variable("card", BOOL, False),
        Variable("mood", ValueType("enum", ("calm", "queasy")), "calm"),
    )
)


def show(source: str, *values: object) -> str:
    template = compile_template(source, SCHEMA)
    assert isinstance(template, Template), template
    return render(template, GameState("x", values or (2, False, "calm"), ()))  # type: ignore[arg-type]


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
