"""Parsed trees as plain data: they survive marshal, and compiling from one is compiling the text."""

from __future__ import annotations

import marshal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.errors import ExprProblem, StoryRuntimeError
from game.engine.expr import compile_effect, compile_expression, compile_tree
from game.engine.model import BOOL, NOWHERE, Effect, Expression, Template, ValueType
from game.engine.plaintree import (
    effect_tree,
    expression_tree,
    parsed,
    parsed_effect,
    plain,
    plain_effect,
)
from game.engine.schema import Schema
from game.engine.state import GameState
from game.engine.syntax import Fail, parse_effect, parse_expression
from game.engine.text import compile_template, split_template
from tests.engine.test_fuzz import EXPRESSIONS, VARIABLES, states

EFFECTS = st.tuples(
    st.sampled_from(["small", "wide", "flag", "mood", "nope", "'x'"]),
    st.sampled_from(["=", "+=", "-=", "==", ""]),
    EXPRESSIONS,
).map(lambda t: f"{t[0]} {t[1]} {t[2]}")


def outcome(result: Expression | ExprProblem, state: GameState) -> object:
    """What a compile gave, comparable: the problem, or the expression's fields and its value
    in ``state`` (two compiles never share a function)."""
    if isinstance(result, ExprProblem):
        return result
    try:
        value: object = result.evaluate(state)
    except StoryRuntimeError as err:
        value = ("fault", str(err))
    return result.source, result.type, result.pos, result.variables, result.scenes, value


@given(source=EXPRESSIONS)
def test_a_plain_tree_survives_marshal_and_gives_back_the_tree(source: str) -> None:
    try:
        tree = parse_expression(source)
    except Fail:
        assert parsed(source) is None
        return
    data = parsed(source)
    assert data is not None
    assert marshal.loads(marshal.dumps(data)) == data
    assert expression_tree(marshal.loads(marshal.dumps(data))) == tree
    assert data == plain(tree)


@given(source=EFFECTS)
def test_a_plain_effect_tree_gives_back_the_effect(source: str) -> None:
    try:
        tree = parse_effect(source)
    except Fail:
        assert parsed_effect(source) is None
        return
    data = parsed_effect(source)
    assert data == plain_effect(tree)
    assert effect_tree(marshal.loads(marshal.dumps(data))) == tree


@given(source=EXPRESSIONS, want=st.sampled_from([None, BOOL]), data=st.data())
def test_compiling_from_the_tree_is_compiling_the_text(
    source: str, want: ValueType | None, data: st.DataObject
) -> None:
    # A schema each: results are memoised by text in the schema.
    schema = Schema.of(VARIABLES)
    from_text = compile_expression(source, schema, want=want)
    from_tree = compile_tree(parsed(source), source, Schema.of(VARIABLES), NOWHERE, 0, want)
    state = data.draw(states(schema), label="state")  # with the visit counts the text needs
    assert outcome(from_tree, state) == outcome(from_text, state)


@given(source=EFFECTS, data=st.data())
def test_compiling_an_effect_from_its_tree_is_compiling_the_text(source: str, data: st.DataObject) -> None:
    schema = Schema.of(VARIABLES)
    from_text = compile_effect(source, schema)
    from_tree = compile_effect(source, Schema.of(VARIABLES), parsed=parsed_effect(source))
    state = data.draw(states(schema), label="state")
    if isinstance(from_text, Effect) and isinstance(from_tree, Effect):
        assert (from_tree.variable, from_tree.op, from_tree.pos) == (from_text.variable, from_text.op, from_text.pos)
        assert outcome(from_tree.value, state) == outcome(from_text.value, state)
    else:
        assert from_tree == from_text


TEMPLATE_TEXTS = st.lists(
    st.sampled_from(["Power ", "{", "}", "{{", "}}", "{if ", "{else}", "{end}", "{ small }", "}. "]) | EXPRESSIONS,
    max_size=8,
).map("".join)


@given(source=TEMPLATE_TEXTS)
def test_a_template_compiles_the_same_from_its_pieces(source: str) -> None:
    from_text = compile_template(source, Schema.of(VARIABLES))
    pieces = split_template(source)
    from_pieces = compile_template(source, Schema.of(VARIABLES), pieces=pieces)
    if isinstance(from_text, ExprProblem):
        assert from_pieces == from_text
    else:
        assert isinstance(from_pieces, Template)
        assert (from_pieces.source, from_pieces.pos) == (from_text.source, from_text.pos)
        assert repr(from_pieces.parts) == repr(from_text.parts)
    if pieces is not None:
        assert marshal.loads(marshal.dumps(pieces)) == pieces


@pytest.mark.parametrize(
    ("source", "pieces"),
    [
        ("Power is {small}.", ((0, 9, None, None), (9, 16, "small", ("v", "small", 0)), (16, 17, None, None))),
        ("{if flag}a{else}b{end}", 5),
        ("{if (}x{end}", 3),
        ("no close {", None),
        ("stray }", None),
    ],
)
def test_split_template(source: str, pieces: object) -> None:
    found = split_template(source)
    if isinstance(pieces, int):
        assert found is not None and len(found) == pieces
        if source.startswith("{if (}"):
            assert found[0][3] is None  # the condition does not parse: compiling it reports that
        else:
            assert found[0][3] == ("v", "flag", 0)
    else:
        assert found == pieces


def test_equal_tags_share_one_tree() -> None:
    trees: dict[str, object] = {}
    first = split_template("{small} and {if small > 1}x{end}", trees)  # type: ignore[arg-type]
    second = split_template("again {small}", trees)  # type: ignore[arg-type]
    assert first is not None and second is not None
    assert first[0][3] is second[1][3]
    assert set(trees) == {"small", "small > 1"}


def test_a_tree_of_something_else_is_refused() -> None:
    with pytest.raises(ValueError, match="not a plain expression tree"):
        expression_tree(("?", 1, 2))
    with pytest.raises(ValueError, match="not a plain effect tree"):
        effect_tree(("v", "small", 0))
