"""Templates: writer text with ``{expr}`` interpolations and ``{if cond}…{else}…{end}`` spans.

Rendering yields plain text. Writer text is never markup: front ends show every character
as written (square brackets included), so interpolated values cannot inject styling.
``{{`` and ``}}`` stand for literal braces.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import replace

from game.engine.diagnostics import Code
from game.engine.errors import ExprProblem
from game.engine.expr import compile_embedded
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
    ValueType,
)
from game.engine.plaintree import PlainTree, parsed
from game.engine.schema import Schema

TemplatePieces = tuple[tuple[int, int, str | None, PlainTree | None], ...]
"""A template's text split up: (start, end, tag, tree) a piece, the tag None for literal text
(with ``{{``/``}}`` still doubled), else what is inside the braces, stripped, with the plain
tree (``game.engine.plaintree``) of its expression (None when it has none or it does not parse)."""

MAX_SPANS = 32
"""``{if}`` spans nested deeper than this are a mistake; refusing them keeps rendering shallow."""

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


def split_template(source: str, trees: dict[str, PlainTree | None] | None = None) -> TemplatePieces | None:
    """``source`` split into pieces, each expression parsed, for ``compile_template`` to compile
    without splitting or parsing again; None when the braces do not pair up (compiling the text
    itself then reports where). ``trees`` keeps the trees of expressions parsed so far by their
    text: an expression met again is not parsed again, and shares its tree."""
    try:
        pieces = _tags(source)
    except (_Unclosed, _Stray):
        return None
    known = {} if trees is None else trees
    return tuple((start, end, tag, _tag_tree(tag, known)) for start, end, tag in pieces)


def _tag_tree(tag: str | None, trees: dict[str, PlainTree | None]) -> PlainTree | None:
    if tag is None or tag in ("else", "end", ""):
        return None
    if tag.startswith("if ") or tag == "if":
        tag = tag[2:].strip()
        if not tag:
            return None
    return trees[tag] if tag in trees else trees.setdefault(tag, parsed(tag))


class _Unclosed(Exception):
    def __init__(self, offset: int) -> None:
        self.offset = offset


class _Stray(Exception):
    def __init__(self, offset: int) -> None:
        self.offset = offset


def compile_template(
    source: str, schema: Schema, pos: SourcePos = NOWHERE, pieces: TemplatePieces | None = None
) -> Template | ExprProblem:
    """Compile writer text; returns the first problem instead when there is one. ``pieces``,
    when given, is ``split_template(source)``, used instead of splitting and parsing again."""
    if "{" not in source and "}" not in source:
        return Template.build((Literal_.build(source),), source, pos)
    try:
        if pieces is None:
            pieces = tuple((start, end, tag, None) for start, end, tag in _tags(source))
    except _Unclosed as err:
        return ExprProblem(
            Code.BAD_TEMPLATE, err.offset, "'{' is never closed: add '}' (write '{{' for a literal brace)"
        )
    except _Stray as err:
        return ExprProblem(Code.BAD_TEMPLATE, err.offset, "'}' has no opening '{' (write '}}' for a literal brace)")
    # A stack of open {if} spans: each holds its condition, then-parts, else-parts and start.
    stack: list[tuple[Expression, list[TemplatePart], list[TemplatePart] | None, int]] = []
    parts: list[TemplatePart] = []
    here = parts  # where the next part goes: the innermost open span's branch, or the top

    for start, end, tag, tree in pieces:
        if tag is None:
            here.append(Literal_.build(source[start:end].replace("{{", "{").replace("}}", "}")))
            continue
        inside = source[start + 1 : end - 1]
        inner_offset = start + 1 + len(inside) - len(inside.lstrip())
        if tag.startswith("if ") or tag == "if":
            cond_source = tag[2:].strip()
            if not cond_source:
                return ExprProblem(Code.BAD_TEMPLATE, start, "'{if}' needs a condition, like {if has_keycard}")
            if len(stack) >= MAX_SPANS:
                return ExprProblem(
                    Code.BAD_TEMPLATE, start, f"'{{if}}' spans nest deeper than {MAX_SPANS} levels: simplify the text"
                )
            cond_offset = inner_offset + tag.index(cond_source, 2)
            cond = compile_embedded(cond_source, schema, pos, cond_offset, BOOL, tree)
            if isinstance(cond, ExprProblem):
                return replace(cond, offset=cond.offset + cond_offset)
            here = []
            stack.append((cond, here, None, start))
        elif tag == "else":
            if not stack or stack[-1][2] is not None:
                return ExprProblem(Code.BAD_TEMPLATE, start, "'{else}' without an open '{if …}'")
            cond_, then, _, open_at = stack.pop()
            here = []
            stack.append((cond_, then, here, open_at))
        elif tag == "end":
            if not stack:
                return ExprProblem(Code.BAD_TEMPLATE, start, "'{end}' without an open '{if …}'")
            cond_, then, otherwise, _ = stack.pop()
            if not stack:
                here = parts
            else:
                _, outer_then, outer_otherwise, _ = stack[-1]
                here = outer_otherwise if outer_otherwise is not None else outer_then
            here.append(ConditionalSpan(cond_, Template(tuple(then)), Template(tuple(otherwise or ()))))
        else:
            if not tag:
                return ExprProblem(Code.BAD_TEMPLATE, start, "'{}' is empty: put a variable inside, or write '{{}}'")
            expr = compile_embedded(tag, schema, pos, inner_offset, None, tree)
            if isinstance(expr, ExprProblem):
                return replace(expr, offset=expr.offset + inner_offset)
            here.append(Interpolation.build(expr))
    if stack:
        return ExprProblem(Code.BAD_TEMPLATE, stack[-1][3], "'{if …}' is never closed: add '{end}'")
    return Template.build(tuple(parts), source, pos)


def expressions(template: Template) -> Iterator[Expression]:
    """Every expression in ``template``: interpolations and span conditions, nested ones too,
    in the order they are written."""
    pending = [iter(template.parts)]
    while pending:
        for part in pending[-1]:
            if isinstance(part, Interpolation):
                yield part.expression
            elif isinstance(part, ConditionalSpan):
                yield part.condition
                pending += (iter(part.otherwise.parts), iter(part.then.parts))
                break
        else:
            pending.pop()


SHORT_DIGITS = 30
"""Numbers longer than this are shown shortened (an accepted expression never makes one)."""
_SHORT = 10**SHORT_DIGITS


def show_value(value: Value, type: ValueType | None = None) -> str:
    """How a value reads in text: numbers as digits, bools as yes/no, enum values by the
    label the writer gave them (``type``'s labels), else as written.
    Never fails: a number too long to show in full is shown shortened, as ``1.23e+4567``."""
    if type is not None and (label := type.label(value)) is not None:
        return label
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) and not -_SHORT < value < _SHORT:
        return _shortened(value)
    return str(value)


def _shortened(number: int) -> str:
    """``number`` in scientific notation, worked out from its leading bits (``str`` of a huge
    int is slow, and refused past ``sys.get_int_max_str_digits``)."""
    shift = number.bit_length() - 64
    exponent = math.log10(abs(number) >> shift) + shift * math.log10(2)
    whole = math.floor(exponent)
    leading = round(10 ** (exponent - whole), 2)
    if leading >= 10:
        leading, whole = leading / 10, whole + 1
    sign = "-" if number < 0 else ""
    return f"{sign}{leading:.2f}e+{whole}"


def render(template: Template, state: ReadableState) -> str:
    """The template's text in ``state``."""
    out: list[str] = []
    pending = [iter(template.parts)]
    while pending:
        for part in pending[-1]:
            if isinstance(part, Literal_):
                out.append(part.text)
            elif isinstance(part, Interpolation):
                out.append(show_value(part.expression.evaluate(state), part.expression.type))
            else:
                pending.append(iter((part.then if part.condition.evaluate(state) else part.otherwise).parts))
                break
        else:
            pending.pop()
    return "".join(out)
