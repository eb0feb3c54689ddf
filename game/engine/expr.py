"""The expression language of conditions, effects, interpolations and status lines.

Writer text such as ``trust.eve >= 2 and not has_keycard`` is parsed into a typed tree
(``game.engine.syntax``), type-checked against the declared variables and compiled into
closures over the game state. Nothing here calls ``eval``: the only things an expression can
touch are declared variables, visit counts and four whitelisted functions.

Every number an accepted expression can compute is bounded: the compiler follows the range
of each subexpression from the variables' declared ranges and refuses one that could leave
``±MAX_VALUE``, so run-time arithmetic stays small and every result can be shown.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from game.engine.diagnostics import Code
from game.engine.errors import ExprProblem, StoryRuntimeError
from game.engine.model import (
    BOOL,
    INT,
    NOWHERE,
    Effect,
    Expression,
    ReadableState,
    SourcePos,
    Value,
    ValueType,
    Variable,
)
from game.engine.syntax import (
    FUNCTIONS,
    MAX_DIGITS,
    Assign,
    Binary,
    Bool,
    Call,
    Expr,
    Fail,
    Name,
    Num,
    Str,
    Unary,
    parse_effect,
    parse_expression,
)
from game.engine.wording import did_you_mean

MAX_VALUE = 10**MAX_DIGITS - 1
"""The largest number (either sign) an expression may compute: as large as a literal may be."""

T = TypeVar("T")
IntEval = Callable[[ReadableState], int]
BoolEval = Callable[[ReadableState], bool]
TextEval = Callable[[ReadableState], str]


@dataclass
class Schema:
    """What expressions may refer to: the declared variables, and the visit counters.

    Compiling an expression that asks about a scene's visits registers that scene in
    ``visit_caps`` (its index in the state's visit tuple is its position there), with the
    largest count the expression can tell apart. Only ``visit_slot`` adds to ``visit_caps``.
    """

    variables: dict[str, tuple[int, Variable]]
    visit_caps: dict[str, int] = field(default_factory=dict)
    failed: frozenset[str] = frozenset()
    """Names whose declaration was reported as broken: using one is no new problem."""
    # Stories repeat the same conditions and effects many times; position-free results
    # are compiled once per source text.
    compiled: dict[tuple[str, str], Expression | ExprProblem] = field(default_factory=dict)
    effects: dict[str, tuple[Effect, int] | ExprProblem] = field(default_factory=dict)
    slots: dict[str, int] = field(default_factory=dict)
    """Each counted scene's position in ``visit_caps``, so finding it costs no scan."""

    @classmethod
    def of(cls, variables: tuple[Variable, ...] | list[Variable], failed: frozenset[str] = frozenset()) -> Schema:
        return cls({v.name: (i, v) for i, v in enumerate(variables)}, failed=failed)

    def visit_slot(self, scene: str, cap: int) -> int:
        """Count ``scene``'s visits up to at least ``cap``; returns its slot in the visit tuple."""
        slot = self.slots.get(scene)
        if slot is None:
            slot = self.slots[scene] = len(self.visit_caps)
            self.visit_caps[scene] = cap
        elif cap > self.visit_caps[scene]:
            self.visit_caps[scene] = cap
        return slot


@dataclass(frozen=True, slots=True)
class _Int:
    """A compiled number: its closure and the least and greatest values it can take."""

    evaluate: IntEval
    low: int
    high: int
    literal: int | None = None  # made of numbers alone, so known now

    @property
    def type(self) -> ValueType:
        return INT


@dataclass(frozen=True, slots=True)
class _Bool:
    evaluate: BoolEval
    literal: bool | None = None

    @property
    def type(self) -> ValueType:
        return BOOL


@dataclass(frozen=True, slots=True)
class _Enum:
    """A compiled enum value; ``quoted`` is set for a quoted text, a name still to be matched
    against the enum it is compared with (its own type lists that one name)."""

    type: ValueType
    evaluate: TextEval
    quoted: str | None = None


_Typed = _Int | _Bool | _Enum


def _constant(value: T) -> Callable[[ReadableState], T]:
    return lambda s: value


def _read(index: int) -> Callable[[ReadableState], Value]:
    return lambda s: s.values[index]


# Closures per operator; comparisons with a number (most of a story's conditions) save a call.
_ORDER: dict[str, Callable[[IntEval, IntEval], BoolEval]] = {
    "<": lambda f, g: lambda s: f(s) < g(s),
    "<=": lambda f, g: lambda s: f(s) <= g(s),
    ">": lambda f, g: lambda s: f(s) > g(s),
    ">=": lambda f, g: lambda s: f(s) >= g(s),
}
_ORDER_WITH: dict[str, Callable[[IntEval, int], BoolEval]] = {
    "<": lambda f, k: lambda s: f(s) < k,
    "<=": lambda f, k: lambda s: f(s) <= k,
    ">": lambda f, k: lambda s: f(s) > k,
    ">=": lambda f, k: lambda s: f(s) >= k,
}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
_ARITHMETIC: dict[str, Callable[[IntEval, IntEval], IntEval]] = {
    "+": lambda f, g: lambda s: f(s) + g(s),
    "-": lambda f, g: lambda s: f(s) - g(s),
    "*": lambda f, g: lambda s: f(s) * g(s),
}
_FOLD: dict[str, Callable[[int, int], int]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.floordiv,
    "%": operator.mod,
}


def _bounds(op: str, a: _Int, b: _Int) -> tuple[int, int]:
    """The least and greatest values of ``a op b`` (wider for ``/`` and ``%``, never narrower)."""
    match op:
        case "+":
            return a.low + b.low, a.high + b.high
        case "-":
            return a.low - b.high, a.high - b.low
        case "*":
            corners = (a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high)
            return min(corners), max(corners)
        case "/":
            # A floor division by a non-zero whole number is no larger than the dividend.
            m = max(-a.low, a.high)
            return -m, m
    m = max(-b.low, b.high)  # a remainder is smaller than the divisor
    return -m, m


class _Compiler:
    """Checks and compiles one tree, whose offsets count from ``base`` characters into the
    text that ``pos`` locates."""

    def __init__(self, schema: Schema, pos: SourcePos, base: int = 0) -> None:
        self.schema = schema
        self.pos = pos
        self.base = base
        self.variables: set[str] = set()
        self.scenes: set[str] = set()
        self.unbounded_visits: dict[int, str] = {}

    def compile(self, node: Expr) -> _Typed:
        match node:
            case Num(value):
                return _Int(_constant(value), value, value, value)
            case Bool(value):
                return _Bool(_constant(value), value)
            case Str(value):
                return _Enum(ValueType("enum", (value,)), _constant(value), value)
            case Name():
                return self.variable(node)
            case Call():
                return self.call(node)
            case Unary():
                return self.unary(node)
            case Binary(op="and" | "or"):
                return self.logic(node)
            case Binary(op="==" | "!="):
                return self.equality(node)
            case Binary(op="<" | "<=" | ">" | ">="):
                return self.ordering(node)
            case Binary():
                return self.arithmetic(node)

    def finish(self, typed: _Typed, tree: Expr) -> None:
        """The checks that need the whole tree compiled first."""
        for offset, scene in self.unbounded_visits.items():
            raise Fail(
                Code.BAD_FUNCTION,
                offset,
                f"compare visits('{scene}') with a number (as in visits('{scene}') >= 2), so the game knows "
                "how far to count; to show or compute with a count, keep a counter variable instead",
            )
        if isinstance(typed, _Enum) and typed.quoted is not None:
            raise Fail(Code.TYPE_ERROR, tree.offset, f"the text '{typed.quoted}' alone is not a value here")

    def number(self, node: Expr, what: str) -> _Int:
        typed = self.compile(node)
        if not isinstance(typed, _Int):
            raise Fail(Code.TYPE_ERROR, node.offset, f"{what} needs {INT.describe()}, but this is {_describe(typed)}")
        return typed

    def truth(self, node: Expr, what: str) -> _Bool:
        typed = self.compile(node)
        if not isinstance(typed, _Bool):
            raise Fail(Code.TYPE_ERROR, node.offset, f"{what} needs {BOOL.describe()}, but this is {_describe(typed)}")
        return typed

    def variable(self, node: Name) -> _Typed:
        name = node.id
        found = self.schema.variables.get(name)
        if found is None:
            raise Fail(
                Code.UNDECLARED_VARIABLE, node.offset, _undeclared(name, self.schema), name in self.schema.failed
            )
        index, var = found
        self.variables.add(name)
        read = _read(index)
        match var.type.kind:
            case "int":
                return _Int(cast(IntEval, read), var.minimum, var.maximum)
            case "bool":
                return _Bool(cast(BoolEval, read))
        return _Enum(var.type, cast(TextEval, read))

    def call(self, node: Call) -> _Typed:
        name = node.func
        if name not in FUNCTIONS:
            raise Fail(
                Code.BAD_FUNCTION,
                node.offset,
                f"'{name}' is not a function here{did_you_mean(name, FUNCTIONS)}; "
                "the functions are visited('scene'), visits('scene'), min(a, b) and max(a, b)",
            )
        if len(node.args) != FUNCTIONS[name]:
            raise Fail(
                Code.BAD_FUNCTION, node.offset, f"{name}() takes {FUNCTIONS[name]} argument(s), not {len(node.args)}"
            )
        if name in ("visited", "visits"):
            arg = node.args[0]
            if not isinstance(arg, Str):
                raise Fail(Code.BAD_FUNCTION, arg.offset, f"{name}() takes a quoted scene id, like {name}('galley')")
            self.scenes.add(arg.value)
            slot = self.schema.visit_slot(arg.value, 1)
            if name == "visited":
                return _Bool(lambda s: s.visits[slot] > 0)
            self.unbounded_visits[node.offset] = arg.value  # until a comparison with a number bounds it
            # Only a visits() compared directly with a number is accepted, so this range never
            # reaches arithmetic that compiles: it only keeps refused expressions from piling up.
            return _Int(lambda s: s.visits[slot], 0, 1)
        a, b = (self.number(arg, f"{name}()") for arg in node.args)
        fa, fb = a.evaluate, b.evaluate
        if name == "min":
            return _Int(lambda s: min(fa(s), fb(s)), min(a.low, b.low), min(a.high, b.high))
        return _Int(lambda s: max(fa(s), fb(s)), max(a.low, b.low), max(a.high, b.high))

    def unary(self, node: Unary) -> _Typed:
        if node.op == "not":
            inner = self.truth(node.operand, "'not'")
            if inner.literal is not None:
                return _Bool(_constant(not inner.literal), not inner.literal)
            f = inner.evaluate
            return _Bool(lambda s: not f(s))
        operand = self.number(node.operand, "'-'")
        if operand.literal is not None:
            return _Int(_constant(-operand.literal), -operand.literal, -operand.literal, -operand.literal)
        g = operand.evaluate
        return _Int(lambda s: -g(s), -operand.high, -operand.low)

    def logic(self, node: Binary) -> _Typed:
        fa = self.truth(node.left, f"'{node.op}'").evaluate
        fb = self.truth(node.right, f"'{node.op}'").evaluate
        if node.op == "and":
            return _Bool(lambda s: fa(s) and fb(s))
        return _Bool(lambda s: fa(s) or fb(s))

    def equality(self, node: Binary) -> _Typed:
        a, b = node.left, node.right
        ta, tb = self.compile(a), self.compile(b)
        if _quoted(ta) is not None and isinstance(tb, _Enum) and tb.quoted is None:
            ta, tb, a, b = tb, ta, b, a
        quoted = _quoted(tb)
        if quoted is not None and isinstance(ta, _Enum) and ta.quoted is None:
            if quoted not in ta.type.names:
                raise Fail(
                    Code.OUTSIDE_DOMAIN,
                    b.offset,
                    f"'{quoted}' is not a value of this variable{did_you_mean(quoted, ta.type.names)}; "
                    f"it can be {ta.type.describe()}",
                )
        elif ta.type != tb.type or _quoted(ta) is not None or quoted is not None:
            raise Fail(
                Code.TYPE_ERROR,
                node.offset,
                f"'{node.op}' compares {_describe(ta)} with {_describe(tb)}; both sides must be the same kind",
            )
        self.bound_visits(a, tb)
        self.bound_visits(b, ta)
        same = node.op == "=="
        fa: Callable[[ReadableState], Value] = ta.evaluate
        constant = _known(tb)
        if constant is not None:
            k = constant
            return _Bool(lambda s: fa(s) == k) if same else _Bool(lambda s: fa(s) != k)
        fb: Callable[[ReadableState], Value] = tb.evaluate
        return _Bool(lambda s: fa(s) == fb(s)) if same else _Bool(lambda s: fa(s) != fb(s))

    def ordering(self, node: Binary) -> _Typed:
        a = self.number(node.left, f"'{node.op}'")
        b = self.number(node.right, f"'{node.op}'")
        self.bound_visits(node.left, b)
        self.bound_visits(node.right, a)
        if b.literal is not None:
            return _Bool(_ORDER_WITH[node.op](a.evaluate, b.literal))
        if a.literal is not None:
            return _Bool(_ORDER_WITH[_FLIPPED[node.op]](b.evaluate, a.literal))
        return _Bool(_ORDER[node.op](a.evaluate, b.evaluate))

    def bound_visits(self, side: Expr, other: _Typed) -> None:
        """``visits('x') >= 3`` must count x's visits up to 4 to tell 3 from more."""
        if isinstance(side, Call) and side.func == "visits" and isinstance(other, _Int) and other.literal is not None:
            scene = side.args[0]
            assert isinstance(scene, Str)  # call() refused anything else
            self.schema.visit_slot(scene.value, max(1, other.literal + 1))
            self.unbounded_visits.pop(side.offset, None)

    def arithmetic(self, node: Binary) -> _Typed:
        op = node.op
        a = self.number(node.left, f"'{op}'")
        b = self.number(node.right, f"'{op}'")
        if op in ("/", "%") and b.literal == 0:
            raise Fail(Code.DIVIDE_BY_ZERO, node.right.offset, f"'{op} 0' divides by zero")
        if a.literal is not None and b.literal is not None:
            # Numbers alone fold to a number, so `visits('x') >= 2 + 1` counts as a comparison with 3.
            folded = _FOLD[op](a.literal, b.literal)
            if abs(folded) > MAX_VALUE:
                raise Fail(
                    Code.EXPRESSION_SYNTAX, node.offset, f"this number is too large (more than {MAX_DIGITS} digits)"
                )
            return _Int(_constant(folded), folded, folded, folded)
        low, high = _bounds(op, a, b)
        if max(-low, high) > MAX_VALUE:
            raise Fail(
                Code.EXPRESSION_SYNTAX,
                node.offset,
                f"this can reach {high if high > -low else low:,}, too large a number (more than {MAX_DIGITS} "
                "digits): use smaller numbers or narrower ranges",
            )
        fa, fb = a.evaluate, b.evaluate
        if op in ("/", "%"):
            where = self.pos.shifted(self.base + node.offset)
            floor = op == "/"

            def divide(s: ReadableState) -> int:
                divisor = fb(s)
                if divisor == 0:
                    raise StoryRuntimeError(where, f"'{op}' divided by zero")
                return fa(s) // divisor if floor else fa(s) % divisor

            return _Int(divide, low, high)
        return _Int(_ARITHMETIC[op](fa, fb), low, high)


def _quoted(typed: _Typed) -> str | None:
    return typed.quoted if isinstance(typed, _Enum) else None


def _known(typed: _Typed) -> Value | None:
    """The value of ``typed`` if it is known now: a number, true/false or a quoted name."""
    if isinstance(typed, _Enum):
        return typed.quoted
    return typed.literal


def _describe(typed: _Typed) -> str:
    quoted = _quoted(typed)
    return f"the text '{quoted}'" if quoted is not None else typed.type.describe()


def _undeclared(name: str, schema: Schema) -> str:
    hint = ""
    for _, var in schema.variables.values():
        if var.type.kind == "enum" and name in var.type.names:
            hint = f" ('{name}' is a value of {var.name}: quote it as '{name}')"
            break
    hint = hint or did_you_mean(name, schema.variables)
    return f"'{name}' is not a declared variable{hint}; declare it under 'variables:' in story.yaml"


def compile_expression(
    source: str, schema: Schema, pos: SourcePos = NOWHERE, want: ValueType | None = None
) -> Expression | ExprProblem:
    """Parse, type-check and compile ``source``; ``want`` (e.g. ``BOOL`` for a condition)
    is the type the result must have. Returns the problem instead when there is one."""
    return compile_embedded(source, schema, pos, 0, want)


def compile_embedded(
    source: str, schema: Schema, pos: SourcePos, offset: int, want: ValueType | None = None
) -> Expression | ExprProblem:
    """As ``compile_expression``, for an expression written ``offset`` characters into a longer
    text that ``pos`` locates (a ``{…}`` in a line of text). Run-time faults are located from
    ``pos`` with the whole offset; a returned problem's offset counts from ``source``'s start."""
    key = (source, want.kind if want else "")
    cached = schema.compiled.get(key)
    if cached is not None:
        if isinstance(cached, ExprProblem):
            return cached
        here = pos.shifted(offset) if offset else pos
        return Expression(cached.source, cached.type, cached.evaluate, here, cached.variables, cached.scenes)
    result = _compile(source, schema, pos, offset, want)
    # Division closures carry their position for run-time errors, so they are not shared.
    if "/" not in source and "%" not in source:
        schema.compiled[key] = result
    return result


def _compile(
    source: str, schema: Schema, pos: SourcePos, offset: int, want: ValueType | None
) -> Expression | ExprProblem:
    compiler = _Compiler(schema, pos, offset)
    try:
        tree = parse_expression(source)
        typed = compiler.compile(tree)
        compiler.finish(typed, tree)
        if want is not None and typed.type.kind != want.kind:
            hint = " (use '==' to compare)" if want == BOOL and "=" in source else ""
            raise Fail(
                Code.TYPE_ERROR,
                tree.offset,
                f"this must be {want.describe()}, but it is {typed.type.describe()}{hint}",
            )
    except Fail as fail:
        return fail.problem
    here = pos.shifted(offset) if offset else pos
    return Expression(
        source, typed.type, typed.evaluate, here, frozenset(compiler.variables), frozenset(compiler.scenes)
    )


def compile_effect(source: str, schema: Schema, pos: SourcePos = NOWHERE) -> Effect | ExprProblem:
    """Compile ``name = expr``, ``name += expr`` or ``name -= expr``."""
    cached = schema.effects.get(source)
    if isinstance(cached, ExprProblem):
        return cached
    if cached is not None:
        effect, offset = cached
        v = effect.value
        value = Expression(v.source, v.type, v.evaluate, pos.shifted(offset), v.variables, v.scenes)
        return Effect(source, effect.variable, effect.op, value, pos)
    result: tuple[Effect, int] | ExprProblem
    try:
        tree = parse_effect(source)
        result = (_compile_effect(tree, source, schema, pos), tree.value_offset)
    except Fail as fail:
        result = fail.problem
    # As for expressions: a division carries its position for run-time errors, so is not shared.
    if "/" not in source and "%" not in source:
        schema.effects[source] = result
    return result if isinstance(result, ExprProblem) else result[0]


def _compile_effect(tree: Assign, source: str, schema: Schema, pos: SourcePos) -> Effect:
    name = tree.target.id
    found = schema.variables.get(name)
    if found is None:
        raise Fail(Code.UNDECLARED_VARIABLE, tree.target.offset, _undeclared(name, schema), name in schema.failed)
    index, var = found
    want = var.type
    if tree.op != "=" and want.kind != "int":
        raise Fail(
            Code.TYPE_ERROR, tree.offset, f"'{tree.op}' needs a number variable, but {name} is {want.describe()}"
        )
    compiler = _Compiler(schema, pos)
    value = tree.value
    typed: _Typed
    if want.kind == "enum" and isinstance(value, Str):
        if value.value not in want.names:
            hint = did_you_mean(value.value, want.names)
            raise Fail(
                Code.OUTSIDE_DOMAIN,
                value.offset,
                f"'{value.value}' is not a value of {name}{hint}; it can be {want.describe()}",
            )
        typed = _Enum(want, _constant(value.value))
    else:
        typed = compiler.compile(value)
        compiler.finish(typed, value)
    at = tree.value_offset
    if typed.type.kind != want.kind or (want.kind == "enum" and typed.type != want):
        raise Fail(Code.TYPE_ERROR, at, f"{name} holds {want.describe()}, but this is {typed.type.describe()}")
    literal = typed.literal if isinstance(typed, _Int) and tree.op == "=" else None
    if literal is not None and not var.minimum <= literal <= var.maximum:
        raise Fail(Code.OUTSIDE_DOMAIN, at, f"{literal} is outside {name}'s range {var.minimum}..{var.maximum}")
    expression = Expression(
        source[at:],
        typed.type,
        typed.evaluate,
        pos.shifted(at),
        frozenset(compiler.variables),
        frozenset(compiler.scenes),
    )
    return Effect(source=source, variable=index, op=tree.op, value=expression, pos=pos)
