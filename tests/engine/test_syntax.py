"""Tokens and parse trees of writer expressions, before any type is known."""

from __future__ import annotations

import pytest

from game.engine.syntax import MAX_NESTING, Fail, Node, Parser, did_you_mean, tokenise


def shape(node: Node) -> object:
    """A parse tree as nested tuples: easy to compare, precedence visible."""
    if node.kind in ("number", "bool", "string", "name"):
        return node.value
    return (node.value, *(shape(a) for a in node.args))


@pytest.mark.parametrize(
    ("source", "tree"),
    [
        ("a or b and not c", ("or", "a", ("and", "b", ("not", "c")))),
        ("1 + 2 * 3 == 7", ("==", ("+", 1, ("*", 2, 3)), 7)),
        ("-(a - b) % 4", ("%", ("-", ("-", "a", "b")), 4)),
        ("visits('hatch') >= 2", (">=", ("visits", "hatch"), 2)),
        ("min(a, max(b, 3))", ("min", "a", ("max", "b", 3))),
        ("trust.eve > 1", (">", "trust.eve", 1)),
    ],
)
def test_precedence_and_shapes(source: str, tree: object) -> None:
    assert shape(Parser(source).parse()) == tree


def test_tokens_keep_their_offsets() -> None:
    assert [(t.kind, t.text, t.offset) for t in tokenise("a >= 'x'")] == [
        ("name", "a", 0),
        ("op", ">=", 2),
        ("string", "'x'", 5),
        ("end", "", 8),
    ]


@pytest.mark.parametrize(
    ("source", "offset", "words"),
    [
        ("a @ b", 2, "unexpected character '@'"),
        ("1" * 16, 0, "too large"),
        ("(" * (MAX_NESTING + 1) + "a" + ")" * (MAX_NESTING + 1), MAX_NESTING, "nests deeper"),
        ("a b", 2, "expected an operator"),
    ],
)
def test_bad_syntax_is_a_located_problem(source: str, offset: int, words: str) -> None:
    with pytest.raises(Fail) as caught:
        Parser(source).parse()
    assert caught.value.problem.offset == offset
    assert words in caught.value.problem.message


def test_did_you_mean_names_the_closest_option_or_nothing() -> None:
    assert did_you_mean("galey", ["galley", "cupola"]) == " (did you mean 'galley'?)"
    assert did_you_mean("zzz", ["galley"]) == ""
