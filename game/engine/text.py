"""Templates: writer text with ``{expr}`` interpolations and ``{if cond}…{else}…{end}`` spans.

Rendering yields plain text. Writer text is never markup: front ends show every character
as written (square brackets included), so interpolated values cannot inject styling.
``{{`` and ``}}`` stand for literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from game.engine.errors import ExprProblem
from game.engine.expr import Schema, compile_expression
from game.engine.model import (
    BOOL,
    NOWHERE,
    ConditionalSpan,
    Expression,
    Interpolation,
    Literal_,
    ReadableState,
    SourcePos,
    Template,
    TemplatePart,
    Value,
)

_PIECE = re.compile(r"\{\{|\}\}|\{[^{}]*\}|\{|\}")


def _tags(source: str) -> list[tuple[int, int, str | None]]:
    """Split ``source`` into (start, end, tag) pieces; tag is None for literal text."""
    pieces: list[tuple[int, int, str | None]] = []
    literal_start = 0
    for match in _PIECE.finditer(source):
        text = match.group()
        if text in ("{{", "}}"):
            continue
        if text == "{":
            raise _Unclosed(match.start())
        if text == "}":
            raise _Stray(match.start())
        if literal_start < match.start():
            pieces.append((literal_start, match.start(), None))
        pieces.append((match.start(), match.end(), text[1:-1].strip()))
        literal_start = match.end()
    if literal_start < len(source):
        pieces.append((literal_start, len(source), None))
    return pieces


class _Unclosed(Exception):
    def __init__(self, offset: int) -> None:
        self.offset = offset


class _Stray(Exception):
    def __init__(self, offset: int) -> None:
        self.offset = offset


def compile_template(source: str, schema: Schema, pos: SourcePos = NOWHERE) -> Template | ExprProblem:
    """Compile writer text; returns the first problem instead when there is one."""
    if "{" not in source and "}" not in source:
        return Template((Literal_(source),), source, pos)
    try:
        pieces = _tags(source)
    except _Unclosed as err:
        return ExprProblem("SG146", err.offset, "'{' is never closed: add '}' (write '{{' for a literal brace)")
    except _Stray as err:
        return ExprProblem("SG146", err.offset, "'}' has no opening '{' (write '}}' for a literal brace)")
    # A stack of open {if} spans: each holds its condition, then-parts, else-parts and start.
    stack: list[tuple[object, list[TemplatePart], list[TemplatePart] | None, int]] = []
    parts: list[TemplatePart] = []

    def current() -> list[TemplatePart]:
        if not stack:
            return parts
        _, then, otherwise, _ = stack[-1]
        return otherwise if otherwise is not None else then

    for start, end, tag in pieces:
        if tag is None:
            text = source[start:end].replace("{{", "{").replace("}}", "}")
            current().append(Literal_(text))
            continue
        inner_offset = start + 1 + (len(source[start + 1 : end - 1]) - len(source[start + 1 : end - 1].lstrip()))
        if tag.startswith("if ") or tag == "if":
            cond_source = tag[2:].strip()
            if not cond_source:
                return ExprProblem("SG146", start, "'{if}' needs a condition, like {if has_keycard}")
            cond_offset = inner_offset + tag.index(cond_source, 2)
            cond = compile_expression(cond_source, schema, pos.shifted(cond_offset), want=BOOL)
            if isinstance(cond, ExprProblem):
                return ExprProblem(cond.code, cond.offset + cond_offset, cond.message)
            stack.append((cond, [], None, start))
        elif tag == "else":
            if not stack or stack[-1][2] is not None:
                return ExprProblem("SG146", start, "'{else}' without an open '{if …}'")
            cond_, then, _, open_at = stack.pop()
            stack.append((cond_, then, [], open_at))
        elif tag == "end":
            if not stack:
                return ExprProblem("SG146", start, "'{end}' without an open '{if …}'")
            cond_, then, otherwise, _ = stack.pop()
            span = ConditionalSpan(
                cond_,  # type: ignore[arg-type]
                Template(tuple(then)),
                Template(tuple(otherwise or ())),
            )
            current().append(span)
        else:
            if not tag:
                return ExprProblem("SG146", start, "'{}' is empty: put a variable inside, or write '{{}}'")
            expr = compile_expression(tag, schema, pos.shifted(inner_offset))
            if isinstance(expr, ExprProblem):
                return ExprProblem(expr.code, expr.offset + inner_offset, expr.message)
            current().append(Interpolation(expr))
    if stack:
        return ExprProblem("SG146", stack[-1][3], "'{if …}' is never closed: add '{end}'")
    return Template(tuple(parts), source, pos)


def expressions(template: Template) -> Iterator[Expression]:
    """Every expression in ``template``: interpolations and span conditions, nested ones too."""
    for part in template.parts:
        if isinstance(part, Interpolation):
            yield part.expression
        elif isinstance(part, ConditionalSpan):
            yield part.condition
            yield from expressions(part.then)
            yield from expressions(part.otherwise)


def show_value(value: Value) -> str:
    """How a value reads in text: numbers as digits, bools as yes/no, enum names as written."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def plural(count: int, noun: str) -> str:
    """``1 state``, ``4,136 states``: a count and its noun, for messages."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def render(template: Template, state: ReadableState) -> str:
    """The template's text in ``state``."""
    out: list[str] = []
    _render_into(template, state, out)
    return "".join(out)


def _render_into(template: Template, state: ReadableState, out: list[str]) -> None:
    for part in template.parts:
        if isinstance(part, Literal_):
            out.append(part.text)
        elif isinstance(part, Interpolation):
            out.append(show_value(part.expression.evaluate(state)))
        else:
            branch = part.then if part.condition.evaluate(state) else part.otherwise
            _render_into(branch, state, out)
