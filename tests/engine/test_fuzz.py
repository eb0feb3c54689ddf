"""Fuzzing the expression language: no writer text, however long or strange, crashes it.

Whatever the input (token soup, thousands of tokens, huge numbers, deep brackets, long
operator chains, unary chains, random unicode), compiling returns a result or a located
one-line problem; a compiled expression evaluated on any in-domain state returns a value
of its type or raises ``StoryRuntimeError``; rendering a template does the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from hypothesis import event, given
from hypothesis import strategies as st

from game.engine.compiled import MAX_VALUE
from game.engine.errors import ExprProblem, StoryRuntimeError
from game.engine.expr import compile_effect, compile_expression
from game.engine.model import BOOL, INT, Expression, Template, Value, ValueType, Variable
from game.engine.schema import Schema
from game.engine.state import GameState
from game.engine.text import compile_template, render

T = TypeVar("T")
MOOD = ValueType("enum", ("calm", "queasy", "sick"))
VARIABLES = (
    Variable("small", INT, 0, 0, 3),
    Variable("wide", INT, 0, -1000, 1000),
    Variable("neg", INT, -1, -5, -1),
    Variable("flag", BOOL, False),
    Variable("trust.eve", BOOL, True),
    Variable("mood", MOOD, "calm"),
)
INT_NAMES = ("small", "wide", "neg")
BOOL_NAMES = ("flag", "trust.eve")
SCENES = ("hall", "dock")

WORDS = (
    *INT_NAMES,
    *BOOL_NAMES,
    "mood",
    "smal",
    "nope.x",
    "calm",
    "'calm'",
    '"sick"',
    "'nope'",
    "'",
    "and",
    "or",
    "not",
    "true",
    "false",
    "visited('hall')",
    "visits('dock')",
    "visits",
    "min",
    "max",
    "open",
    "(",
    ")",
    ",",
    "0",
    "1",
    "7",
    "999999999999999",
    "9999999999999999",
    "99999999999999999999999999999999",
    *("==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "=", "+=", "-=", "&&", "||", "!"),
)
SEPARATORS = st.sampled_from(["", " ", "  ", "\t", "\n"])


@st.composite
def soup(draw: st.DrawFn) -> str:
    """Tokens in any order, sometimes with random characters, sometimes repeated into thousands."""
    pieces = draw(st.lists(st.sampled_from(WORDS) | st.text(max_size=3), max_size=40))
    text = draw(SEPARATORS).join(pieces)
    return text * draw(st.sampled_from([1, 1, 2, 50, 400]))


def joined(parts: st.SearchStrategy[tuple[str, str, str]]) -> st.SearchStrategy[str]:
    return parts.map(lambda t: f"{t[0]} {t[1]} {t[2]}")


def repeated(prefix: str, inner: st.SearchStrategy[str], suffix: str = "") -> st.SearchStrategy[str]:
    """``inner`` inside a chain of ``prefix``es (brackets, 'not', '-'), short or absurdly long."""
    counts = st.integers(1, 6) | st.sampled_from([31, 32, 33, 100, 1000])
    return st.tuples(counts, inner).map(lambda t: prefix * t[0] + t[1] + suffix * t[0])


def chain(operand: st.SearchStrategy[str], ops: list[str]) -> st.SearchStrategy[str]:
    """A flat chain such as ``a + b - c …``: a few operands, or about as many as allowed, or thousands."""
    varied = st.tuples(st.lists(operand, min_size=2, max_size=12), st.sampled_from(ops))
    long = st.tuples(st.integers(95, 105) | st.just(3000), operand, st.sampled_from(ops)).map(
        lambda t: ([t[1]] * t[0], t[2])
    )
    return (varied | long).map(lambda t: f" {t[1]} ".join(t[0]))


LITERALS = (st.integers(-20, 20) | st.integers(-(10**16), 10**16)).map(str) | st.sampled_from(["0", "999999999999999"])
INT_LEAVES = st.sampled_from(INT_NAMES) | LITERALS
INTS: st.SearchStrategy[str] = st.deferred(
    lambda: (
        INT_LEAVES
        | joined(st.tuples(INTS, st.sampled_from(["+", "-", "*", "/", "%"]), INTS))
        | INTS.map(lambda e: f"({e})")
        | repeated("-", INTS)
        | repeated("(", INTS, ")")
        | st.tuples(st.sampled_from(["min", "max"]), INTS, INTS).map(lambda t: f"{t[0]}({t[1]}, {t[2]})")
        | chain(INT_LEAVES, ["+", "-", "*"])
    )
)
BOOLS: st.SearchStrategy[str] = st.deferred(
    lambda: (
        st.sampled_from([*BOOL_NAMES, "true", "false", "visited('hall')"])
        | joined(st.tuples(INTS, st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), INTS))
        | joined(st.tuples(st.just("visits('dock')"), st.sampled_from([">=", "==", "<"]), LITERALS))
        | joined(
            st.tuples(st.just("mood"), st.sampled_from(["==", "!="]), st.sampled_from(["'calm'", "'sick'", "mood"]))
        )
        | joined(st.tuples(BOOLS, st.sampled_from(["and", "or", "==", "!="]), BOOLS))
        | repeated("not ", BOOLS)
        | repeated("(", BOOLS, ")")
        | chain(st.sampled_from([*BOOL_NAMES, "visited('dock')"]), ["and", "or"])
    )
)
EXPRESSIONS = INTS | BOOLS | soup() | st.text(max_size=200)


def states(schema: Schema) -> st.SearchStrategy[GameState]:
    """Every variable within its domain; every counted scene's visits within its cap."""
    values = st.tuples(*(st.sampled_from(v.domain()) for v in VARIABLES))
    visits = st.tuples(*(st.integers(0, cap) for cap in schema.visit_caps.values()))
    return st.builds(lambda vs, ns: GameState("x", vs, ns), values, visits)


def assert_located(problem: ExprProblem, source: str) -> None:
    assert problem.code.startswith("SG14"), problem
    assert 0 <= problem.offset <= len(source), problem
    assert problem.message and "\n" not in problem.message, problem


def assert_of_type(value: Value, type_: ValueType) -> None:
    if type_.kind == "bool":
        assert isinstance(value, bool)
    elif type_.kind == "int":
        assert isinstance(value, int) and not isinstance(value, bool)
        assert abs(value) <= MAX_VALUE  # what the compiler promises of every accepted expression
    else:
        assert value in type_.names


def run(evaluate: Callable[[GameState], T], state: GameState) -> T | None:
    """``evaluate(state)``, or None when it raised the one fault a story may raise at run time."""
    try:
        return evaluate(state)
    except StoryRuntimeError:
        return None


@given(EXPRESSIONS, st.sampled_from([None, BOOL, INT]), st.data())
def test_expressions_compile_to_a_result_or_a_located_problem(
    source: str, want: ValueType | None, data: st.DataObject
) -> None:
    schema = Schema.of(VARIABLES)
    result = compile_expression(source, schema, want=want)
    event(result.code if isinstance(result, ExprProblem) else "compiled")
    if isinstance(result, ExprProblem):
        assert_located(result, source)
        return
    assert isinstance(result, Expression)
    assert want is None or result.type.kind == want.kind
    for _ in range(5):
        state = data.draw(states(schema))
        value = run(result.evaluate, state)
        if value is not None:
            assert isinstance(value, bool | int | str)
            assert_of_type(value, result.type)


ENUM_VALUES = st.sampled_from(["'calm'", "'sick'", "'nope'", "mood", "('queasy')"])
EFFECTS = (
    joined(st.tuples(st.sampled_from(INT_NAMES), st.sampled_from(["=", "+=", "-="]), INTS))
    | joined(st.tuples(st.sampled_from(BOOL_NAMES), st.just("="), BOOLS))
    | joined(st.tuples(st.just("mood"), st.just("="), ENUM_VALUES))
    | joined(
        st.tuples(
            st.sampled_from(["mood", "flag", "nope", "1", "not", ""]), st.sampled_from(["=", "+=", "=="]), EXPRESSIONS
        )
    )
    | soup()
    | st.text(max_size=100)
)


@given(EFFECTS, st.data())
def test_effects_compile_to_a_result_or_a_located_problem(source: str, data: st.DataObject) -> None:
    schema = Schema.of(VARIABLES)
    result = compile_effect(source, schema)
    event(result.code if isinstance(result, ExprProblem) else "compiled")
    if isinstance(result, ExprProblem):
        assert_located(result, source)
        return
    var = VARIABLES[result.variable]
    assert result.value.type.kind == var.type.kind
    for _ in range(5):
        state = data.draw(states(schema))
        value = run(result.value.evaluate, state)
        if value is not None:
            assert isinstance(value, bool | int | str)
            assert_of_type(value, var.type)


TEXT_PIECES = (
    st.text(max_size=8)
    | st.sampled_from(["{{", "}}", "{", "}", "{else}", "{end}", "{}", "{if}", "{ if flag }", "Eve says: "])
    | INTS.map(lambda e: "{" + e + "}")
    | BOOLS.map(lambda e: "{if " + e + "}")
    | st.sampled_from(["{small}", "{mood}", "{flag}", "{wide * wide}", "{100 / small}"])
)


@st.composite
def templates(draw: st.DrawFn) -> str:
    """Text of random pieces, or spans nested short, to the limit, or absurdly deep."""
    body = "".join(draw(st.lists(TEXT_PIECES, max_size=30)))
    depth = draw(st.sampled_from([0, 1, 5, 31, 32, 33, 1000]))
    opening = draw(st.sampled_from(["{if flag}", "{if small > 0}", "{if true}"]))
    closing = draw(st.sampled_from(["{end}", "{else}x{end}", "{end}{end}"]))
    return opening * depth + body + closing * depth


@given(templates() | st.text(max_size=200), st.data())
def test_templates_compile_and_render_without_crashing(source: str, data: st.DataObject) -> None:
    schema = Schema.of(VARIABLES)
    result = compile_template(source, schema)
    event(result.code if isinstance(result, ExprProblem) else "compiled")
    if isinstance(result, ExprProblem):
        assert_located(result, source)
        return
    assert isinstance(result, Template)
    for _ in range(5):
        state = data.draw(states(schema))
        shown = run(lambda s: render(result, s), state)
        assert shown is None or isinstance(shown, str)
