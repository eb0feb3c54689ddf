"""The expression language of conditions, effects, interpolations and status lines: its entry points.

Writer text such as ``trust.eve >= 2 and not has_keycard`` is parsed into a typed tree
(``game.engine.syntax``), then type-checked against the declared variables (``game.engine.schema``)
and compiled into closures over the game state (``game.engine.compiler``). This module turns a
source text into an ``Expression`` or an ``Effect``, or the problem that stops it, and keeps each
text's result in the schema so a story's repeated conditions are compiled once. Nothing here
calls ``eval``: the only things an expression can touch are declared variables, visit counts
and four whitelisted functions.

Every number an accepted expression can compute is bounded: the compiler follows the range
of each subexpression from the variables' declared ranges and refuses one that could leave
``±MAX_VALUE`` (``game.engine.compiled``), so run-time arithmetic stays small and every result
can be shown.
"""

from __future__ import annotations

from game.engine.compiled import Compiled, CompiledEnum, CompiledInt, constant
from game.engine.compiler import Compiler
from game.engine.diagnostics import Code
from game.engine.errors import ExprProblem
from game.engine.model import BOOL, NOWHERE, Effect, Expression, SourcePos, ValueType
from game.engine.plaintree import PlainTree, effect_tree, expression_tree
from game.engine.schema import Schema
from game.engine.syntax import Assign, Fail, Str, parse_effect, parse_expression
from game.engine.wording import did_you_mean


def compile_expression(
    source: str, schema: Schema, pos: SourcePos = NOWHERE, want: ValueType | None = None
) -> Expression | ExprProblem:
    """Parse, type-check and compile ``source``; ``want`` (e.g. ``BOOL`` for a condition)
    is the type the result must have. Returns the problem instead when there is one."""
    return compile_embedded(source, schema, pos, 0, want)


def compile_tree(
    parsed: PlainTree | None,
    source: str,
    schema: Schema,
    pos: SourcePos,
    offset: int = 0,
    want: ValueType | None = None,
) -> Expression | ExprProblem:
    """As ``compile_embedded``, from ``source`` already parsed into the plain tree ``parsed``
    (``game.engine.plaintree``), which is not parsed again; None parses ``source``. The
    result is the one ``compile_embedded`` gives for ``source``."""
    return compile_embedded(source, schema, pos, offset, want, parsed)


def compile_embedded(
    source: str,
    schema: Schema,
    pos: SourcePos,
    offset: int,
    want: ValueType | None = None,
    parsed: PlainTree | None = None,
) -> Expression | ExprProblem:
    """As ``compile_expression``, for an expression written ``offset`` characters into a longer
    text that ``pos`` locates (a ``{…}`` in a line of text). Run-time faults are located from
    ``pos`` with the whole offset; a returned problem's offset counts from ``source``'s start.
    ``parsed``, when given, is ``source``'s plain tree, used instead of parsing it."""
    key = (source, want.kind if want else "")
    cached = schema.compiled.get(key)
    if cached is not None:
        if isinstance(cached, ExprProblem):
            return cached
        here = pos.shifted(offset) if offset else pos
        return Expression.build(cached.source, cached.type, cached.evaluate, here, cached.variables, cached.scenes)
    result = _compile(source, schema, pos, offset, want, parsed)
    # Division closures carry their position for run-time errors, so they are not shared.
    if "/" not in source and "%" not in source:
        schema.compiled[key] = result
    return result


def _compile(
    source: str, schema: Schema, pos: SourcePos, offset: int, want: ValueType | None, parsed: PlainTree | None
) -> Expression | ExprProblem:
    compiler = Compiler(schema, pos, offset)
    try:
        node = parse_expression(source) if parsed is None else expression_tree(parsed)
        typed = compiler.compile(node)
        compiler.finish(typed, node)
        if want is not None and typed.type.kind != want.kind:
            hint = " (use '==' to compare)" if want == BOOL and "=" in source else ""
            raise Fail(
                Code.TYPE_ERROR,
                node.offset,
                f"this must be {want.describe()}, but it is {typed.type.describe()}{hint}",
            )
    except Fail as fail:
        return fail.problem
    here = pos.shifted(offset) if offset else pos
    return Expression(
        source, typed.type, typed.evaluate, here, frozenset(compiler.variables), frozenset(compiler.scenes)
    )


def compile_effect(
    source: str, schema: Schema, pos: SourcePos = NOWHERE, parsed: PlainTree | None = None
) -> Effect | ExprProblem:
    """Compile ``name = expr``, ``name += expr`` or ``name -= expr``; ``parsed``, when given, is
    ``source``'s plain effect tree (``game.engine.plaintree``), used instead of parsing it."""
    cached = schema.effects.get(source)
    if isinstance(cached, ExprProblem):
        return cached
    if cached is not None:
        effect, offset = cached
        v = effect.value
        # pos.shifted(offset), without a call in the usual case of a text on one line.
        here = pos.shifted(offset) if pos.spans else SourcePos.build(pos.file, pos.line, pos.col + offset)
        value = Expression.build(v.source, v.type, v.evaluate, here, v.variables, v.scenes)
        return Effect.build(source, effect.variable, effect.op, value, pos)
    result: tuple[Effect, int] | ExprProblem
    try:
        assign = parse_effect(source) if parsed is None else effect_tree(parsed)
        result = (_compile_effect(assign, source, schema, pos), assign.value_offset)
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
        raise Fail(Code.UNDECLARED_VARIABLE, tree.target.offset, schema.undeclared(name), name in schema.failed)
    index, var = found
    want = var.type
    if tree.op != "=" and want.kind != "int":
        raise Fail(
            Code.TYPE_ERROR, tree.offset, f"'{tree.op}' needs a number variable, but {name} is {want.describe()}"
        )
    compiler = Compiler(schema, pos)
    value = tree.value
    typed: Compiled
    if want.kind == "enum" and isinstance(value, Str):
        if value.value not in want.names:
            hint = did_you_mean(value.value, want.names)
            raise Fail(
                Code.OUTSIDE_DOMAIN,
                value.offset,
                f"'{value.value}' is not a value of {name}{hint}; it can be {want.describe()}",
            )
        typed = CompiledEnum(want, constant(value.value))
    else:
        typed = compiler.compile(value)
        compiler.finish(typed, value)
    at = tree.value_offset
    if typed.type.kind != want.kind or (want.kind == "enum" and typed.type != want):
        raise Fail(Code.TYPE_ERROR, at, f"{name} holds {want.describe()}, but this is {typed.type.describe()}")
    literal = typed.literal if isinstance(typed, CompiledInt) and tree.op == "=" else None
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
