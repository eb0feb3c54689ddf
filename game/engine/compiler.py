"""Type-checking and compiling one parsed expression tree against a story's ``Schema``.

``Compiler`` walks a tree from ``game.engine.syntax``: it refuses an undeclared name, a type
mismatch, an enum value the variable cannot hold, a visit count that is never bounded, and a
number that could leave ``±MAX_VALUE`` (following each subexpression's range from the
variables' declared ranges); otherwise it builds the closure from ``game.engine.compiled``'s
pieces. A refusal is raised as ``Fail``, located at the offending node.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from game.engine.compiled import (
    ARITHMETIC,
    FLIPPED,
    FOLD,
    MAX_VALUE,
    ORDER,
    ORDER_WITH,
    BoolEval,
    Compiled,
    CompiledBool,
    CompiledEnum,
    CompiledInt,
    IntEval,
    TextEval,
    bounds,
    constant,
    describe,
    known,
    quoted,
    read,
)
from game.engine.diagnostics import Code
from game.engine.errors import StoryRuntimeError
from game.engine.model import BOOL, INT, ReadableState, SourcePos, Value, ValueType
from game.engine.schema import Schema
from game.engine.syntax import FUNCTIONS, MAX_DIGITS, Binary, Bool, Call, Expr, Fail, Name, Num, Str, Unary
from game.engine.wording import did_you_mean


class Compiler:
    """Checks and compiles one tree, whose offsets count from ``base`` characters into the
    text that ``pos`` locates."""

    def __init__(self, schema: Schema, pos: SourcePos, base: int = 0) -> None:
        self.schema = schema
        self.pos = pos
        self.base = base
        self.variables: set[str] = set()
        self.scenes: set[str] = set()
        self.unbounded_visits: dict[int, str] = {}

    def compile(self, node: Expr) -> Compiled:
        match node:
            case Num(value):
                return CompiledInt(constant(value), value, value, value)
            case Bool(value):
                return CompiledBool(constant(value), value)
            case Str(value):
                return CompiledEnum(ValueType("enum", (value,)), constant(value), value)
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

    def finish(self, typed: Compiled, tree: Expr) -> None:
        """The checks that need the whole tree compiled first."""
        for offset, scene in self.unbounded_visits.items():
            raise Fail(
                Code.BAD_FUNCTION,
                offset,
                f"compare visits('{scene}') with a number (as in visits('{scene}') >= 2), so the game knows "
                "how far to count; to show or compute with a count, keep a counter variable instead",
            )
        if isinstance(typed, CompiledEnum) and typed.quoted is not None:
            raise Fail(Code.TYPE_ERROR, tree.offset, f"the text '{typed.quoted}' alone is not a value here")

    def number(self, node: Expr, what: str) -> CompiledInt:
        typed = self.compile(node)
        if not isinstance(typed, CompiledInt):
            raise Fail(Code.TYPE_ERROR, node.offset, f"{what} needs {INT.describe()}, but this is {describe(typed)}")
        return typed

    def truth(self, node: Expr, what: str) -> CompiledBool:
        typed = self.compile(node)
        if not isinstance(typed, CompiledBool):
            raise Fail(Code.TYPE_ERROR, node.offset, f"{what} needs {BOOL.describe()}, but this is {describe(typed)}")
        return typed

    def variable(self, node: Name) -> Compiled:
        name = node.id
        found = self.schema.variables.get(name)
        if found is None:
            raise Fail(Code.UNDECLARED_VARIABLE, node.offset, self.schema.undeclared(name), name in self.schema.failed)
        index, var = found
        self.variables.add(name)
        value = read(index)
        match var.type.kind:
            case "int":
                return CompiledInt(cast(IntEval, value), var.minimum, var.maximum)
            case "bool":
                return CompiledBool(cast(BoolEval, value))
        return CompiledEnum(var.type, cast(TextEval, value))

    def call(self, node: Call) -> Compiled:
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
                return CompiledBool(lambda s: s.visits[slot] > 0)
            self.unbounded_visits[node.offset] = arg.value  # until a comparison with a number bounds it
            # Only a visits() compared directly with a number is accepted, so this range never
            # reaches arithmetic that compiles: it only keeps refused expressions from piling up.
            return CompiledInt(lambda s: s.visits[slot], 0, 1)
        a, b = (self.number(arg, f"{name}()") for arg in node.args)
        fa, fb = a.evaluate, b.evaluate
        if name == "min":
            return CompiledInt(lambda s: min(fa(s), fb(s)), min(a.low, b.low), min(a.high, b.high))
        return CompiledInt(lambda s: max(fa(s), fb(s)), max(a.low, b.low), max(a.high, b.high))

    def unary(self, node: Unary) -> Compiled:
        if node.op == "not":
            inner = self.truth(node.operand, "'not'")
            if inner.literal is not None:
                return CompiledBool(constant(not inner.literal), not inner.literal)
            f = inner.evaluate
            return CompiledBool(lambda s: not f(s))
        operand = self.number(node.operand, "'-'")
        if operand.literal is not None:
            return CompiledInt(constant(-operand.literal), -operand.literal, -operand.literal, -operand.literal)
        g = operand.evaluate
        return CompiledInt(lambda s: -g(s), -operand.high, -operand.low)

    def logic(self, node: Binary) -> Compiled:
        fa = self.truth(node.left, f"'{node.op}'").evaluate
        fb = self.truth(node.right, f"'{node.op}'").evaluate
        if node.op == "and":
            return CompiledBool(lambda s: fa(s) and fb(s))
        return CompiledBool(lambda s: fa(s) or fb(s))

    def equality(self, node: Binary) -> Compiled:
        a, b = node.left, node.right
        ta, tb = self.compile(a), self.compile(b)
        if quoted(ta) is not None and isinstance(tb, CompiledEnum) and tb.quoted is None:
            ta, tb, a, b = tb, ta, b, a
        text = quoted(tb)
        if text is not None and isinstance(ta, CompiledEnum) and ta.quoted is None:
            if text not in ta.type.names:
                raise Fail(
                    Code.OUTSIDE_DOMAIN,
                    b.offset,
                    f"'{text}' is not a value of this variable{did_you_mean(text, ta.type.names)}; "
                    f"it can be {ta.type.describe()}",
                )
        elif ta.type != tb.type or quoted(ta) is not None or text is not None:
            raise Fail(
                Code.TYPE_ERROR,
                node.offset,
                f"'{node.op}' compares {describe(ta)} with {describe(tb)}; both sides must be the same kind",
            )
        self.bound_visits(a, tb)
        self.bound_visits(b, ta)
        same = node.op == "=="
        fa: Callable[[ReadableState], Value] = ta.evaluate
        constant_value = known(tb)
        if constant_value is not None:
            k = constant_value
            return CompiledBool(lambda s: fa(s) == k) if same else CompiledBool(lambda s: fa(s) != k)
        fb: Callable[[ReadableState], Value] = tb.evaluate
        return CompiledBool(lambda s: fa(s) == fb(s)) if same else CompiledBool(lambda s: fa(s) != fb(s))

    def ordering(self, node: Binary) -> Compiled:
        a = self.number(node.left, f"'{node.op}'")
        b = self.number(node.right, f"'{node.op}'")
        self.bound_visits(node.left, b)
        self.bound_visits(node.right, a)
        if b.literal is not None:
            return CompiledBool(ORDER_WITH[node.op](a.evaluate, b.literal))
        if a.literal is not None:
            return CompiledBool(ORDER_WITH[FLIPPED[node.op]](b.evaluate, a.literal))
        return CompiledBool(ORDER[node.op](a.evaluate, b.evaluate))

    def bound_visits(self, side: Expr, other: Compiled) -> None:
        """``visits('x') >= 3`` must count x's visits up to 4 to tell 3 from more."""
        if (
            isinstance(side, Call)
            and side.func == "visits"
            and isinstance(other, CompiledInt)
            and other.literal is not None
        ):
            scene = side.args[0]
            assert isinstance(scene, Str)  # call() refused anything else
            self.schema.visit_slot(scene.value, max(1, other.literal + 1))
            self.unbounded_visits.pop(side.offset, None)

    def arithmetic(self, node: Binary) -> Compiled:
        op = node.op
        a = self.number(node.left, f"'{op}'")
        b = self.number(node.right, f"'{op}'")
        if op in ("/", "%") and b.literal == 0:
            raise Fail(Code.DIVIDE_BY_ZERO, node.right.offset, f"'{op} 0' divides by zero")
        if a.literal is not None and b.literal is not None:
            # Numbers alone fold to a number, so `visits('x') >= 2 + 1` counts as a comparison with 3.
            folded = FOLD[op](a.literal, b.literal)
            if abs(folded) > MAX_VALUE:
                raise Fail(
                    Code.EXPRESSION_SYNTAX, node.offset, f"this number is too large (more than {MAX_DIGITS} digits)"
                )
            return CompiledInt(constant(folded), folded, folded, folded)
        low, high = bounds(op, a, b)
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

            return CompiledInt(divide, low, high)
        return CompiledInt(ARITHMETIC[op](fa, fb), low, high)
