"""Typed reading of YAML nodes with located diagnostics: the loader's vocabulary."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

import yaml

from game.engine.diagnostics import Code, Diagnostic
from game.engine.errors import ExprProblem
from game.engine.model import SourcePos
from game.engine.wording import did_you_mean
from game.loader.yamlerrors import comment_hint
from game.loader.yamlread import clamp, one_line

Entries = dict[str, tuple[yaml.Node, yaml.Node]]
ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")
"""What an id (of a story, scene, choice, character, ending or enum value) may be."""

ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")
"""A writer's id: a story, scene, ending, character, portrait or map name."""

_KIND = {
    yaml.MappingNode: "a mapping (key: value lines)",
    yaml.SequenceNode: "a list ('- ' items)",
    yaml.ScalarNode: "a single value",
}


@dataclass
class Reader:
    """Reads nodes of one file, appending problems to a shared list.

    ``lines`` are the file's lines as an editor shows them: with them, every place
    reported is one that exists in the file, and places inside a text written over several
    lines are found on the line they were written on.
    """

    file: str
    problems: list[Diagnostic]
    lines: tuple[str, ...] = ()
    # A scalar's map is asked for by each part of its text compiled and each problem in it.
    _spans: dict[int, tuple[tuple[int, int, int, int], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # A node starting on a (0-based) line below this one is in the file; only an empty value
    # at the very end of a file starts past its last line.
    _last_line: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._last_line = len(self.lines) if self.lines else sys.maxsize

    def report(self, code: Code, node: yaml.Node | None, message: str) -> None:
        pos = self.pos(node) if node is not None else SourcePos(self.file, 1, 1)
        self.problems.append(Diagnostic.make(code, self.file, pos.line, pos.col, one_line(message)))

    def report_at(self, code: Code, pos: SourcePos, message: str) -> None:
        line, col = clamp(self.lines, pos.line, pos.col) if pos.file == self.file else (pos.line, pos.col)
        self.problems.append(Diagnostic.make(code, pos.file, line, col, one_line(message)))

    def report_expr(self, problem: ExprProblem, node: yaml.Node, base_offset: int = 0) -> None:
        if problem.consequence:
            return
        pos = self.text_pos(node).shifted(base_offset + problem.offset)
        self.report_at(problem.code, pos, problem.message)

    def pos(self, node: yaml.Node) -> SourcePos:
        mark = node.start_mark
        if mark.line < self._last_line:
            return SourcePos(self.file, mark.line + 1, mark.column + 1)
        return SourcePos(self.file, *clamp(self.lines, mark.line + 1, mark.column + 1))

    def text_pos(self, node: yaml.Node, mapped: bool = True) -> SourcePos:
        """Where the text of a scalar starts (after an opening quote, or on the first line of
        a block), carrying where each later character was written when the text spans
        several lines or has escapes: ``shifted`` then finds the right line and column.
        Without ``mapped`` only the start is right (for text no place inside will be asked of)."""
        style = getattr(node, "style", None)
        # Most texts are plain and on one line: their columns simply add up, with no map.
        multiline = style or node.end_mark.line > node.start_mark.line
        if mapped and multiline and self.lines and isinstance(node, yaml.ScalarNode):
            spans = self._spans.get(id(node))
            if spans is None:
                spans = self._spans[id(node)] = _text_spans(node, self.lines)
            if spans:
                return SourcePos(self.file, spans[0][1], spans[0][2], spans)
        pos = self.pos(node)
        if style in ('"', "'"):
            return pos.shifted(1)
        if style in ("|", ">"):
            # A block's text starts on the next line, at that line's indentation.
            first = self.lines[pos.line] if pos.line < len(self.lines) else ""
            return SourcePos(pos.file, pos.line + 1, len(first) - len(first.lstrip(" ")) + 1)
        return pos

    def shape(self, node: yaml.Node, want: type, what: str) -> bool:
        if isinstance(node, want):
            return True
        got = _KIND.get(type(node), "something else")
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            got = "empty"
        self.report(Code.WRONG_SHAPE, node, f"{what} must be {_KIND[want]}, but it is {got}")
        return False

    def mapping(
        self,
        node: yaml.Node,
        what: str,
        allowed: set[str],
        required: set[str] = frozenset(),  # type: ignore[assignment]
    ) -> Entries | None:
        """The entries of a mapping, after reporting unknown keys and missing required ones."""
        if not self.shape(node, yaml.MappingNode, what):
            return None
        entries: Entries = {}
        assert isinstance(node, yaml.MappingNode)
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.report(Code.WRONG_SHAPE, key, f"keys in {what} must be plain words")
                continue
            if key.value not in allowed:
                self.report(
                    Code.UNKNOWN_KEY,
                    key,
                    f"'{key.value}' is not a key of {what}{did_you_mean(key.value, allowed)}; "
                    f"the keys are: {', '.join(sorted(allowed))}",
                )
                continue
            entries.setdefault(key.value, (key, value))
        for name in sorted(required - entries.keys()):
            self.report(Code.MISSING_KEY, node, f"{what} needs '{name}:'")
        return entries

    def text(self, node: yaml.Node, what: str, allow_empty: bool = False) -> str | None:
        """A scalar's text exactly as written (so `yes`, `on` or `12` stay text)."""
        if not isinstance(node, yaml.ScalarNode):
            self.shape(node, yaml.ScalarNode, what)
            return None
        value = str(node.value)
        if node.tag.endswith(":null") and node.style is None:
            value = ""
        if not value.strip() and not allow_empty:
            commented = self._commented(node) if not node.style else None
            if commented is not None:
                col, rest = commented
                self.report_at(
                    Code.WRONG_SHAPE,
                    SourcePos(self.file, node.start_mark.line + 1, col),
                    f"{what} is empty because '#' starts a comment in YAML, so '{rest}' is not read: "
                    f'quote it, as in "{rest}"',
                )
                return None
            self.report(Code.WRONG_SHAPE, node, f"{what} is empty: write some text")
            return None
        return value

    def _commented(self, node: yaml.ScalarNode) -> tuple[int, str] | None:
        """Where a comment starts right after an empty value, and what it says."""
        line = node.start_mark.line
        if line >= len(self.lines):
            return None
        return comment_hint(self.lines[line], node.start_mark.column + 1)

    def identifier(self, node: yaml.Node, what: str) -> str | None:
        """An id's text, after reporting one that has characters ids may not have."""
        value = self.text(node, what)
        if value is not None and not ID.match(value):
            self.report(Code.BAD_ID, node, f"{what} '{value}' may use only letters, digits, '_', '.' and '-'")
            return None
        return value

    def integer(self, node: yaml.Node, what: str) -> int | None:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":int"):
            try:
                return int(str(node.value).replace("_", ""), 0)
            except ValueError:
                pass
        if isinstance(node, yaml.ScalarNode):
            self.report(Code.WRONG_SHAPE, node, f"{what} must be a whole number, not '{node.value}'")
            return None
        self.shape(node, yaml.ScalarNode, what)
        return None

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool"):
            return str(node.value).lower() in ("true", "yes", "on", "y")
        if isinstance(node, yaml.ScalarNode):
            self.report(Code.WRONG_SHAPE, node, f"{what} must be true or false, not '{node.value}'")
            return None
        self.shape(node, yaml.ScalarNode, what)
        return None

    def texts(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]]:
        """One text or a list of texts (as for effects), each with its node."""
        if isinstance(node, yaml.SequenceNode):
            out = []
            for item in node.value:
                value = self.text(item, what)
                if value is not None:
                    out.append((value, item))
            return out
        value = self.text(node, what)
        return [(value, node)] if value is not None else []


# In double quotes: an escape (one character of the text, or none for a backslash ending the
# line); in single quotes: a doubled quote (one quote of the text).
_ESCAPES = {
    '"': re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.|$)"),
    "'": re.compile("''"),
}


def _text_spans(node: yaml.ScalarNode, lines: tuple[str, ...]) -> tuple[tuple[int, int, int, int], ...]:
    """Where the runs of a scalar's text were written, for ``SourcePos.spans``; empty when
    the text stands on one line exactly as written (columns then simply add up).

    Each line of the scalar contributes its words, found in order in the value: YAML folds
    line breaks and indentation into spaces or newlines and turns escapes into single
    characters, but never reorders or rewrites the rest. Best effort by design: a run not
    found is skipped, and ``shifted`` never passes the end of a line whatever the map says.
    """
    style = node.style
    start, end = node.start_mark, node.end_mark
    quoted = style in ('"', "'")
    block = style in ("|", ">")
    escapes = _ESCAPES.get(style or "")
    if start.line == end.line and not block:
        if escapes is None or start.line >= len(lines):
            return ()
        line = lines[start.line]
        if ("\\" if style == '"' else "''") not in line or not escapes.search(line, start.column + 1, end.column - 1):
            return ()
    value: str = node.value
    first = start.line + 1 if block else start.line
    last = min(end.line, len(lines) - 1)
    spans: list[tuple[int, int, int, int]] = []
    cursor, joined = 0, False
    for number in range(first, last + 1):
        text = lines[number]
        lo = start.column + int(quoted) if number == start.line else 0
        hi = min(len(text), end.column - int(quoted)) if number == end.line else len(text)
        # Indentation and trailing blanks are never part of a line's run (the first line of
        # a quoted text keeps its leading blanks: they are part of the text).
        run = text[lo:hi]
        if number > start.line:
            kept = run.lstrip(" \t")
            lo += len(run) - len(kept)
            run = kept
        if number < end.line or block:
            run = run.rstrip(" \t")
            hi = lo + len(run)
        if not run:
            continue
        if cursor and not block and not joined:
            # The line break before this line became a space, or newlines for blank lines.
            if value.startswith(" ", cursor):
                cursor += 1
            while value.startswith("\n", cursor):
                cursor += 1
        last_col = len(text) + 1
        column, joined = lo, False
        for escape in escapes.finditer(text, lo, hi) if escapes else ():
            cursor = _place_run(value, text[column : escape.start()], cursor, number, column, last_col, spans)
            joined = escape.group() == "\\"  # a backslash ending the line joins it to the next
            if not joined:
                spans.append((cursor, number + 1, escape.start() + 1, last_col))
                cursor += 1
            column = escape.end()
        cursor = _place_run(value, run if column == lo else text[column:hi], cursor, number, column, last_col, spans)
    return tuple(spans)


def _place_run(
    value: str, run: str, cursor: int, number: int, column: int, last_col: int, spans: list[tuple[int, int, int, int]]
) -> int:
    """Find ``run`` (written at 0-based ``number``, ``column``) in ``value`` from ``cursor``;
    record where, and return where the value continues."""
    if not run:
        return cursor
    found = cursor if value.startswith(run, cursor) else value.find(run, cursor)
    if found < 0:
        return cursor
    spans.append((found, number + 1, column + 1, last_col))
    return found + len(run)
