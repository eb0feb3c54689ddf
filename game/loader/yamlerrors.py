"""What a YAML slip was, in the writer's words, and where it was really made.

PyYAML names the place where parsing could not go on, which is often a line or two after
the slip itself: a tab used for indentation, or an unquoted ``#e8a33d`` that YAML reads as
the start of a comment (cutting off the rest of a ``{...}`` line). Those two are looked for
in the lines up to the place PyYAML names, and reported where they were typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from game.engine.diagnostics import Code, Diagnostic

_TAB_INDENT = re.compile(r"[ ]*\t")
# A key followed by an unquoted '#': YAML reads what follows as a comment.
_HASH_VALUE = re.compile(r"(?:^|[\s{\[,])(?:-[ ]+)?[A-Za-z_][\w.-]*:[ \t]+(#\S*)")
# An anchor can only start a line's content, or follow a blank or a flow indicator.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])&\S", re.MULTILINE)
# How many lines before the place PyYAML names a slip is looked for: it notices a tab or a
# cut-off '{...}' within a line or two.
_LOOK_BACK = 8
BASE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where PyYAML has libyaml
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def syntax_problem(
    err: yaml.MarkedYAMLError,
    name: str,
    lines: tuple[str, ...],
    first: int = 0,
    line_offset: int = 0,
    end: int | None = None,
) -> Diagnostic:
    """The SG100 diagnostic for ``err``, raised while composing the lines of ``lines`` from the
    0-based line ``first`` up to ``end`` (all the rest by default; ``line_offset`` is added to
    the lines ``err`` names)."""
    problem = collapse(err.problem or "invalid YAML")
    mark = err.problem_mark or err.context_mark
    if "end of stream" in problem and err.context_mark is not None:
        mark = err.context_mark  # an unclosed quote or bracket: where it was opened
    line = (mark.line if mark else 0) + line_offset
    col = mark.column if mark else 0
    stop = len(lines) if end is None else end
    place = (mark.line, mark.column) if mark else (0, 0)

    def tab_to_blame(number: int, col: int) -> bool:
        """Whether the tab at ``col`` of line ``number`` is the slip: without it, YAML stops
        somewhere else or not at all (a tab inside a block of text is no slip)."""
        fixed = list(lines[first:stop])
        text = fixed[number - first]
        fixed[number - first] = text[:col] + " " + text[col + 1 :]
        try:
            yaml.compose("\n".join(fixed) + "\n", Loader=BASE_LOADER)
        except yaml.MarkedYAMLError as again:
            moved = again.problem_mark or again.context_mark
            return moved is None or (moved.line, moved.column) != place
        except yaml.YAMLError:
            return True
        return True

    cause = _real_cause(lines, max(first, line - _LOOK_BACK), min(line, len(lines) - 1), tab_to_blame)
    if cause is not None:
        return Diagnostic.make(Code.YAML_SYNTAX, name, cause[0] + 1, cause[1] + 1, cause[2])
    context = f" ({collapse(err.context)})" if err.context else ""
    line, col = clamp(lines, line + 1, col + 1)
    hint = _hint(problem, collapse(err.context or ""))
    return Diagnostic.make(Code.YAML_SYNTAX, name, line, col, f"YAML syntax: {problem}{context}; {hint}")


def runs_off_the_end(err: yaml.MarkedYAMLError, text: str) -> bool:
    """Whether YAML stopped at the very end of ``text``, still inside something left open (a
    '[', a '{' or a quote): a file cut off while being written, which may name more."""
    mark = err.problem_mark
    return mark is not None and mark.index >= len(text.rstrip())


def _real_cause(
    lines: tuple[str, ...], first: int, last: int, tab_to_blame: Callable[[int, int], bool]
) -> tuple[int, int, str] | None:
    """The slip nearest before the 0-based line ``last`` (from line ``first`` on): a tab in a
    line's indentation that ``tab_to_blame`` confirms, or a '#' YAML took for a comment inside
    a '{...}' or '[...]'. As (0-based line, 0-based column, message), or None."""
    for number in range(last, first - 1, -1):
        text = lines[number]
        tab = _TAB_INDENT.match(text)
        if tab is not None and text.strip() and tab_to_blame(number, tab.end() - 1):
            return (
                number,
                tab.end() - 1,
                "YAML syntax: a tab is used for indentation here, and YAML indents with spaces only: "
                "replace the tab with spaces",
            )
        hashed = _HASH_VALUE.search(text)
        if hashed is not None and _in_flow(text, hashed.start(1)):
            word = hashed.group(1).rstrip("}],")
            return (
                number,
                hashed.start(1),
                f"YAML syntax: '#' starts a comment in YAML, so '{word}' and the rest of this line are not read: "
                f'quote it, as in color: "{word}"',
            )
    return None


def _in_flow(text: str, index: int) -> bool:
    """Whether ``index`` of a line is inside a '{...}' or '[...]' opened on that line."""
    depth = 0
    for char in text[:index]:
        if char in "{[":
            depth += 1
        elif char in "}]" and depth:
            depth -= 1
    return depth > 0


def comment_hint(line_text: str, col: int) -> tuple[int, str] | None:
    """When an empty value at 1-based ``col`` is empty only because a '#' starts a comment
    there: (the 1-based column of the '#', the text after it as the writer typed it). A '#'
    followed by a blank is taken as a comment meant as one."""
    rest = line_text[col - 1 :] if col >= 1 else line_text
    stripped = rest.lstrip(" \t")
    if not stripped.startswith("#") or len(stripped) < 2 or stripped[1] in " \t":
        return None
    return col + len(rest) - len(stripped), stripped.rstrip()


def anchor_problem(text: str, name: str, lines: tuple[str, ...], line_offset: int = 0) -> Diagnostic | None:
    """The ``Code.ALIAS`` problem at the first anchor (``&name``) in ``text``, or None when it has none.

    Anchors exist to be repeated by aliases (``*name``), and a story file refuses both: a
    refused anchor is reported where it stands, with how many aliases use anchors."""
    if "&" not in text or _MAYBE_ANCHOR.search(text) is None:
        return None
    anchor: yaml.NodeEvent | None = None
    aliases = 0
    try:
        for event in yaml.parse(text, Loader=BASE_LOADER):
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
            elif anchor is None and isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                anchor = event
    except yaml.YAMLError:
        pass  # the syntax error is reported on its own; anchors before it still count
    if anchor is None or anchor.start_mark is None:
        return None
    mark = anchor.start_mark
    used = f"; this file also has {aliases} alias{'es' if aliases > 1 else ''} (*name)" if aliases else ""
    return Diagnostic.make(
        Code.ALIAS,
        name,
        *clamp(lines, mark.line + 1 + line_offset, mark.column + 1),
        f"the anchor '&{collapse(str(anchor.anchor))}' is not allowed: story files refuse YAML anchors and "
        f"aliases, so write each value out in full where it is used{used}",
    )


def _hint(problem: str, context: str) -> str:
    if "end of stream" in problem and "quoted scalar" in context:
        return "the quote opened here is never closed: add the closing quote"
    if "end of stream" in problem and "flow" in context:
        return "the bracket opened here is never closed: add the closing bracket"
    if "mapping values are not allowed" in problem:
        return "text containing ': ' must be quoted, e.g. say: \"Wait: what?\""
    if "found character '\\t'" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "each key needs a ':' after it"
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return "anchors, aliases and complex keys are not part of the story format"
    return "check the indentation and quoting near this point"


def collapse(message: str) -> str:
    """PyYAML's own messages, some of which run over two lines, on one."""
    return " ".join(message.split())


def clamp(lines: tuple[str, ...], line: int, col: int) -> tuple[int, int]:
    """The nearest place that exists in a file of ``lines``: YAML's marks at the end of a
    file point past its last line, which is the end of the last line to a writer. Without
    lines (not text) the place is kept."""
    if not lines:
        return line, col
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    line = max(line, 1)
    return line, min(max(col, 1), len(lines[line - 1]) + 1)


def one_line(message: str) -> str:
    """``message`` fit for one line of output: any character that would break or garble
    the line (a line break, a control character, a line separator) written as an escape."""
    return _UNPRINTABLE.sub(_escape, message)


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]
