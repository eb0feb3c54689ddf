"""The expression language of conditions, effects, interpolations and status lines.

Writer text such as ``trust.eve >= 2 and not has_keycard`` is tokenised, parsed into a
small tree, type-checked against the declared variables and compiled into closures over
the game state. Nothing here calls ``eval``: the only things an expression can touch are
declared variables, visit counts and four whitelisted functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

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
from game.engine.syntax import FUNCTIONS, NAME_PATTERN, Fail, Node, Parser, did_you_mean

Evaluator = Callable[[ReadableState], Value]


@dataclass
class Schema:
    """What expressions may refer to: the declared variables, and the visit counters.

    Compiling an expression that asks about a scene's visits registers that scene in
    ``visit_caps`` (its index in the state's visit tuple is its position there), with the
    largest count the expression can tell apart.
    """

    variables: dict[str, tuple[int, Variable]]
    visit_caps: dict[str, int] = field(default_factory=dict)
    # Stories repeat the same conditions and effects many times; position-free results
    # are compiled once per source text.
    compiled: dict[tuple[str, str], Expression | ExprProblem] = field(default_factory=dict)
    effects: dict[str, tuple[Effect, int] | ExprProblem] = field(default_factory=dict)

    @classmethod
    def of(cls, variables: tuple[Variable, ...] | list[Variable]) -> Schema:
        return cls({v.name: (i, v) for i, v in enumerate(variables)})

    def visit_slot(self, scene: str, cap: int) -> int:
        self.visit_caps[scene] = max(cap, self.visit_caps.get(scene, 0))
        return list(self.visit_caps).index(scene)


@dataclass(frozen=True, slots=True)
class _Typed:
    type: ValueType
    evaluate: Evaluator
    literal: Value | None = None
    literal_name: bool = False  # a quoted string: an enum name still to be matched


class _Compiler:
    def __init__(self, schema: Schema, pos: SourcePos) -> None:
        self.schema = schema
        self.pos = pos
        self.variables: set[str] = set()
        self.scenes: set[str] = set()
        self.unbounded_visits: dict[int, str] = {}

    def compile(self, node: Node) -> _Typed:
        method: Callable[[Node], _Typed] = getattr(self, "c_" + node.kind)
        return method(node)

    def c_number(self, node: Node) -> _Typed:
        value = int(node.value)  # type: ignore[call-overload]
        return _Typed(INT, lambda s: value, literal=value)

    def c_bool(self, node: Node) -> _Typed:
        value = bool(node.value)
        return _Typed(BOOL, lambda s: value, literal=value)

    def c_string(self, node: Node) -> _Typed:
        value = str(node.value)
        return _Typed(ValueType("enum", (value,)), lambda s: value, literal=value, literal_name=True)

    def c_name(self, node: Node) -> _Typed:
        name = str(node.value)
        found = self.schema.variables.get(name)
        if found is None:
            enum_hint = ""
            for _, var in self.schema.variables.values():
                if var.type.kind == "enum" and name in var.type.names:
                    enum_hint = f" ('{name}' is a value of {var.name}: quote it as '{name}')"
                    break
            hint = enum_hint or did_you_mean(name, list(self.schema.variables))
            raise Fail(
                "SG141",
                node.offset,
                f"'{name}' is not a declared variable{hint}; declare it under 'variables:' in story.yaml",
            )
        index, var = found
        self.variables.add(name)
        return _Typed(var.type, lambda s: s.values[index])

    def c_call(self, node: Node) -> _Typed:
        name = str(node.value)
        if name not in FUNCTIONS:
            raise Fail(
                "SG144",
                node.offset,
                f"'{name}' is not a function here{did_you_mean(name, list(FUNCTIONS))}; "
                "the functions are visited('scene'), visits('scene'), min(a, b) and max(a, b)",
            )
        if len(node.args) != FUNCTIONS[name]:
            raise Fail("SG144", node.offset, f"{name}() takes {FUNCTIONS[name]} argument(s), not {len(node.args)}")
        if name in ("visited", "visits"):
            arg = node.args[0]
            if arg.kind != "string":
                raise Fail("SG144", arg.offset, f"{name}() takes a quoted scene id, like {name}('galley')")
            scene = str(arg.value)
            self.scenes.add(scene)
            if name == "visited":
                slot = self.schema.visit_slot(scene, 1)
                return _Typed(BOOL, lambda s: s.visits[slot] > 0)
            slot = self.schema.visit_slot(scene, 1)
            self.unbounded_visits[node.offset] = scene  # until a comparison with a number bounds it
            return _Typed(INT, lambda s: s.visits[slot])
        left, right = (self.expect(a, INT, f"{name}()") for a in node.args)
        fa, fb = left.evaluate, right.evaluate
        if name == "min":
            return _Typed(INT, lambda s: min(fa(s), fb(s)))
        return _Typed(INT, lambda s: max(fa(s), fb(s)))

    def expect(self, node: Node, want: ValueType, what: str) -> _Typed:
        typed = self.compile(node)
        if typed.type.kind != want.kind:
            raise Fail(
                "SG142",
                node.offset,
                f"{what} needs {want.describe()}, but this is {self._describe(typed)}",
            )
        return typed

    def _describe(self, typed: _Typed) -> str:
        if typed.literal_name:
            return f"the text '{typed.literal}'"
        return typed.type.describe()

    def c_unary(self, node: Node) -> _Typed:
        if node.value == "not":
            inner = self.expect(node.args[0], BOOL, "'not'").evaluate
            return _Typed(BOOL, lambda s: not inner(s))
        operand = self.expect(node.args[0], INT, "'-'")
        f = operand.evaluate
        literal = -operand.literal if isinstance(operand.literal, int) else None
        return _Typed(INT, lambda s: -f(s), literal=literal)  # type: ignore[operator]

    def c_binary(self, node: Node) -> _Typed:
        op = str(node.value)
        a, b = node.args
        if op in ("and", "or"):
            fa = self.expect(a, BOOL, f"'{op}'").evaluate
            fb = self.expect(b, BOOL, f"'{op}'").evaluate
            if op == "and":
                return _Typed(BOOL, lambda s: bool(fa(s)) and bool(fb(s)))
            return _Typed(BOOL, lambda s: bool(fa(s)) or bool(fb(s)))
        if op in ("==", "!="):
            return self.equality(node, op, a, b)
        if op in ("<", "<=", ">", ">="):
            return self.ordering(node, op, a, b)
        return self.arithmetic(node, op, a, b)

    def equality(self, node: Node, op: str, a: Node, b: Node) -> _Typed:
        ta, tb = self.compile(a), self.compile(b)
        if ta.literal_name and tb.type.kind == "enum" and not tb.literal_name:
            ta, tb, a, b = tb, ta, b, a
        if tb.literal_name and ta.type.kind == "enum" and not ta.literal_name:
            if tb.literal not in ta.type.names:
                raise Fail(
                    "SG143",
                    b.offset,
                    f"'{tb.literal}' is not a value of this variable{did_you_mean(str(tb.literal), list(ta.type.names))}; "
                    f"it can be {ta.type.describe()}",
                )
        elif ta.type != tb.type or ta.literal_name or tb.literal_name:
            raise Fail(
                "SG142",
                node.offset,
                f"'{op}' compares {self._describe(ta)} with {self._describe(tb)}; both sides must be the same kind",
            )
        self._register_visit_cap(a, tb)
        self._register_visit_cap(b, ta)
        fa, fb = ta.evaluate, tb.evaluate
        if op == "==":
            return _Typed(BOOL, lambda s: fa(s) == fb(s))
        return _Typed(BOOL, lambda s: fa(s) != fb(s))

    def ordering(self, node: Node, op: str, a: Node, b: Node) -> _Typed:
        ta = self.expect(a, INT, f"'{op}'")
        tb = self.expect(b, INT, f"'{op}'")
        self._register_visit_cap(a, tb)
        self._register_visit_cap(b, ta)
        fa, fb = ta.evaluate, tb.evaluate
        ops: dict[str, Evaluator] = {
            "<": lambda s: fa(s) < fb(s),  # type: ignore[operator]
            "<=": lambda s: fa(s) <= fb(s),  # type: ignore[operator]
            ">": lambda s: fa(s) > fb(s),  # type: ignore[operator]
            ">=": lambda s: fa(s) >= fb(s),  # type: ignore[operator]
        }
        return _Typed(BOOL, ops[op])

    def _register_visit_cap(self, side: Node, other: _Typed) -> None:
        """``visits('x') >= 3`` must count x's visits up to 4 to tell 3 from more."""
        if side.kind == "call" and side.value == "visits" and isinstance(other.literal, int):
            scene = str(side.args[0].value)
            self.schema.visit_slot(scene, max(1, other.literal + 1))
            self.unbounded_visits.pop(side.offset, None)

    def arithmetic(self, node: Node, op: str, a: Node, b: Node) -> _Typed:
        ta = self.expect(a, INT, f"'{op}'")
        tb = self.expect(b, INT, f"'{op}'")
        fa, fb = ta.evaluate, tb.evaluate
        if op in ("/", "%") and tb.literal == 0:
            raise Fail("SG147", b.offset, f"'{op} 0' divides by zero")
        if isinstance(ta.literal, int) and isinstance(tb.literal, int):
            # Numbers alone fold to a number, so `visits('x') >= 2 + 1` counts as a comparison with 3.
            x, y = ta.literal, tb.literal
            folded = {"+": x + y, "-": x - y, "*": x * y, "/": x // y if y else 0, "%": x % y if y else 0}[op]
            return _Typed(INT, lambda s: folded, literal=folded)
        if op in ("/", "%"):
            where = self.pos.shifted(node.offset)
            floor = op == "/"

            def divide(s: ReadableState) -> Value:
                divisor = fb(s)
                if divisor == 0:
                    raise StoryRuntimeError(where, f"'{op}' divided by zero")
                return fa(s) // divisor if floor else fa(s) % divisor  # type: ignore[operator]

            return _Typed(INT, divide)
        if op == "+":
            return _Typed(INT, lambda s: fa(s) + fb(s))  # type: ignore[operator]
        if op == "-":
            return _Typed(INT, lambda s: fa(s) - fb(s))  # type: ignore[operator]
        return _Typed(INT, lambda s: fa(s) * fb(s))  # type: ignore[operator]


def _finish(source: str, typed: _Typed, compiler: _Compiler, pos: SourcePos) -> Expression:
    return Expression(
        source=source,
        type=typed.type,
        evaluate=typed.evaluate,
        pos=pos,
        variables=frozenset(compiler.variables),
        scenes=frozenset(compiler.scenes),
    )


def compile_expression(
    source: str, schema: Schema, pos: SourcePos = NOWHERE, want: ValueType | None = None
) -> Expression | ExprProblem:
    """Parse, type-check and compile ``source``; ``want`` (e.g. ``BOOL`` for a condition)
    is the type the result must have. Returns the problem instead when there is one."""
    key = (source, want.kind if want else "")
    cached = schema.compiled.get(key)
    if cached is not None:
        if isinstance(cached, ExprProblem):
            return cached
        return Expression(cached.source, cached.type, cached.evaluate, pos, cached.variables, cached.scenes)
    result = _compile(source, schema, pos, want)
    # Division closures carry their position for run-time errors, so they are not shared.
    if "/" not in source and "%" not in source:
        schema.compiled[key] = result
    return result


def _compile(source: str, schema: Schema, pos: SourcePos, want: ValueType | None) -> Expression | ExprProblem:
    compiler = _Compiler(schema, pos)
    try:
        tree = Parser(source).parse()
        typed = compiler.compile(tree)
        for offset, scene in compiler.unbounded_visits.items():
            raise Fail(
                "SG144",
                offset,
                f"compare visits('{scene}') with a number (as in visits('{scene}') >= 2), so the game knows "
                "how far to count; to show or compute with a count, keep a counter variable instead",
            )
        if typed.literal_name:
            raise Fail("SG142", tree.offset, f"the text '{typed.literal}' alone is not a value here")
        if want is not None and typed.type.kind != want.kind:
            hint = " (use '==' to compare)" if want == BOOL and "=" in source else ""
            raise Fail(
                "SG142",
                tree.offset,
                f"this must be {want.describe()}, but it is {typed.type.describe()}{hint}",
            )
    except Fail as fail:
        return fail.problem
    return _finish(source, typed, compiler, pos)


_EFFECT = re.compile(rf"\s*(?P<name>{NAME_PATTERN})\s*(?P<op>\+=|-=|=(?!=))\s*")


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
    result = _compile_effect(source, schema, pos)
    # As for expressions: a division carries its position for run-time errors, so is not shared.
    if "/" not in source and "%" not in source:
        match = _EFFECT.match(source)
        schema.effects[source] = result if isinstance(result, ExprProblem) else (result, match.end() if match else 0)
    return result


def _compile_effect(source: str, schema: Schema, pos: SourcePos) -> Effect | ExprProblem:
    match = _EFFECT.match(source)
    if match is None:
        return ExprProblem(
            "SG145",
            0,
            f"'{source}' is not an effect: write 'name = value', 'name += number' or 'name -= number'",
        )
    name, op = match.group("name"), match.group("op")
    found = schema.variables.get(name)
    if found is None:
        hint = did_you_mean(name, list(schema.variables))
        return ExprProblem(
            "SG141", 0, f"'{name}' is not a declared variable{hint}; declare it under 'variables:' in story.yaml"
        )
    index, var = found
    offset = match.end()
    if op != "=" and var.type.kind != "int":
        return ExprProblem(
            "SG142", match.start("op"), f"'{op}' needs a number variable, but {name} is {var.type.describe()}"
        )
    rhs = source[offset:]
    rhs_pos = pos.shifted(offset)
    literal = rhs.strip()
    if var.type.kind == "enum" and len(literal) >= 2 and literal[0] in "'\"" and literal[-1] == literal[0]:
        name_value = literal[1:-1]
        if name_value not in var.type.names:
            hint = did_you_mean(name_value, var.type.names)
            return ExprProblem(
                "SG143", offset, f"'{name_value}' is not a value of {name}{hint}; it can be {var.type.describe()}"
            )
        value = Expression(literal, var.type, lambda s: name_value, rhs_pos)
    else:
        compiled = compile_expression(rhs, schema, rhs_pos)
        if isinstance(compiled, ExprProblem):
            return ExprProblem(compiled.code, compiled.offset + offset, compiled.message)
        value = compiled
        problem = _check_assignment(var, op, value, rhs)
        if problem is not None:
            return ExprProblem(problem.code, problem.offset + offset, problem.message)
    return Effect(source=source, variable=index, op=op, value=value, pos=pos)  # type: ignore[arg-type]


def _check_assignment(var: Variable, op: str, value: Expression, rhs: str) -> ExprProblem | None:
    want = var.type
    if value.type.kind != want.kind or (want.kind == "enum" and value.type != want):
        return ExprProblem("SG142", 0, f"{var.name} holds {want.describe()}, but this is {value.type.describe()}")
    if want.kind == "int" and op == "=" and rhs.strip().lstrip("-").isdigit():
        number = int(rhs.strip())
        if not var.minimum <= number <= var.maximum:
            return ExprProblem("SG143", 0, f"{number} is outside {var.name}'s range {var.minimum}..{var.maximum}")
    return None
