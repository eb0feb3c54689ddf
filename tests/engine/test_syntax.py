"""Tokens and parse trees of writer expressions and effects, before any type is known."""

from __future__ import annotations

import pytest

from game.engine.syntax import (
    MAX_DEPTH,
    MAX_NESTING,
    Assign,
    Binary,
    Bool,
    Call,
    Expr,
    Fail,
    Name,
    Num,
    Str,
    TokenKind,
    Unary,
    parse_effect,
    parse_expression,
    tokenise,
)


def shape(node: Expr) -> object:
    """A parse tree as nested tuples: easy to compare, precedence visible."""
    match node:
        case Num(value) | Bool(value) | Str(value):
            return value
        case Name(name):
            return name
        case Call(func, args):
            return (func, *(shape(a) for a in args))
        case Unary(op, operand):
            return (op, shape(operand))
        case Binary(op, left, right):
            return (op, shape(left), shape(right))


def failure(source: str, effect: bool = False) -> tuple[str, int, str]:
    with pytest.raises(Fail) as caught:
        parse_effect(source) if effect else parse_expression(source)
    problem = caught.value.problem
    return problem.code, problem.offset, problem.message


@pytest.mark.parametrize(
    ("source", "tree"),
    [
        ("a or b and not c", ("or", "a", ("and", "b", ("not", "c")))),
        ("1 + 2 * 3 == 7", ("==", ("+", 1, ("*", 2, 3)), 7)),
        ("-(a - b) % 4", ("%", ("-", ("-", "a", "b")), 4)),
        ("visits('hatch') >= 2", (">=", ("visits", "hatch"), 2)),
        ("min(a, max(b, 3))", ("min", "a", ("max", "b", 3))),
        ("trust.eve > 1", (">", "trust.eve", 1)),
        ("a - b - c", ("-", ("-", "a", "b"), "c")),
        ("not a == b and c", ("and", ("not", ("==", "a", "b")), "c")),
        ("-a * b", ("*", ("-", "a"), "b")),
        ("(a < b) == c", ("==", ("<", "a", "b"), "c")),
        ("a or b or c", ("or", ("or", "a", "b"), "c")),
        ("true != false", ("!=", True, False)),
    ],
)
def test_precedence_and_shapes(source: str, tree: object) -> None:
    assert shape(parse_expression(source)) == tree


def test_binary_nodes_are_located_at_their_operator() -> None:
    node = parse_expression("a  + b")
    assert isinstance(node, Binary) and node.offset == 3
    assert node.left == Name("a", 0) and node.right == Name("b", 5)


def test_tokens_keep_their_kinds_and_offsets() -> None:
    assert [(t.kind, t.text, t.offset) for t in tokenise("a >= 'x' and")] == [
        (TokenKind.NAME, "a", 0),
        (TokenKind.GE, ">=", 2),
        (TokenKind.STRING, "'x'", 5),
        (TokenKind.AND, "and", 9),
        (TokenKind.END, "", 12),
    ]


def test_dotted_names_containing_keywords_are_names() -> None:
    assert [t.kind for t in tokenise("trust.and not.x")][:2] == [TokenKind.NAME, TokenKind.NAME]


@pytest.mark.parametrize(
    ("source", "tree"),
    [
        ("trust += 1", Assign(Name("trust", 0), "+=", Num(1, 9), 6, 9)),
        ("mood = 'calm'", Assign(Name("mood", 0), "=", Str("calm", 7), 5, 7)),
        ("n-=2", Assign(Name("n", 0), "-=", Num(2, 3), 1, 3)),
    ],
)
def test_effects_are_parsed_by_the_same_grammar(source: str, tree: Assign) -> None:
    assert parse_effect(source) == tree


def test_effect_value_is_a_whole_expression() -> None:
    effect = parse_effect("a = b or not c")
    assert effect.value_offset == 4
    assert shape(effect.value) == ("or", "b", ("not", "c"))


@pytest.mark.parametrize(
    ("source", "offset", "words"),
    [
        ("a @ b", 2, "unexpected character '@'"),
        ("1" * 16, 0, "too large"),
        ("(" * (MAX_NESTING + 1) + "a" + ")" * (MAX_NESTING + 1), MAX_NESTING, "nests deeper"),
        ("not " * (MAX_NESTING + 1) + "a", 4 * MAX_NESTING, "nests deeper"),
        ("a b", 2, "expected an operator"),
        ("a < b < c", 6, "cannot be chained"),
        ("a == b != c", 7, "cannot be chained"),
        ("a = 1", 2, "use '=='"),
        ("a && b", 2, "write 'and'"),
        ("1 + not a", 4, "unexpected 'not'"),
        ("a == not b", 5, "unexpected 'not'"),
        ("f(a,", 4, "ends early"),
        ("", 0, "empty"),
    ],
)
def test_bad_syntax_is_a_located_problem(source: str, offset: int, words: str) -> None:
    code, at, message = failure(source)
    assert (code, at) == ("SG140", offset), message
    assert words in message


def test_a_chain_deeper_than_the_limit_is_refused_at_the_operator_that_crosses_it() -> None:
    source = " + ".join(["v"] * 250) + " >= 0"
    code, offset, message = failure(source)
    assert (code, offset) == ("SG140", 4 * MAX_DEPTH - 2)
    assert "too long" in message


def test_a_chain_just_within_the_limit_parses() -> None:
    node = parse_expression(" + ".join(["v"] * MAX_DEPTH))
    assert isinstance(node, Binary)


@pytest.mark.parametrize(
    ("source", "offset", "code"),
    [
        ("trust", 0, "SG145"),
        ("trust == 1", 0, "SG145"),
        ("1 = 2", 0, "SG145"),
        ("a + b = 2", 0, "SG145"),
        ("trust =", 7, "SG140"),
        ("a = b = c", 6, "SG140"),
        ("a += (1", 7, "SG140"),
    ],
)
def test_bad_effect_is_a_located_problem(source: str, offset: int, code: str) -> None:
    found, at, message = failure(source, effect=True)
    assert (found, at) == (code, offset), message


def test_not_an_effect_message_stays_on_one_short_line() -> None:
    _, _, message = failure("x\n" + "y" * 500, effect=True)
    assert "\n" not in message and len(message) < 160


def test_a_prefix_or_call_over_a_chain_at_the_limit_is_refused_too() -> None:
    chain = " + ".join(["v"] * MAX_DEPTH)
    assert failure(f"-({chain})")[:2] == ("SG140", 0)
    assert failure(f"min({chain}, 1)")[:2] == ("SG140", 0)
