"""Read one YAML file into a node tree with positions, refusing what a story never needs.

PyYAML's C composer (when present) builds the nodes; nothing is constructed from tags, so
no Python object can be created. Aliases are refused (they are how "billion laughs" bombs
work), as are tags, duplicate keys (PyYAML would silently keep the last) and absurd
sizes or depths — each as a located diagnostic.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from game.engine.diagnostics import Code, Diagnostic
from game.loader.salvage import NOTHING_UNREAD, Unread, salvage, unread_text
from game.loader.yamlerrors import BASE_LOADER, anchor_problem, clamp, collapse, runs_off_the_end, syntax_problem

__all__ = ["YamlFile", "clamp", "one_line", "parse_yaml", "read_bytes", "read_yaml", "readable", "within"]


class _Loader(BASE_LOADER):  # type: ignore[misc]
    """The safe loader with a leaner tag resolver: the parser asks it once per scalar.

    Same YAML 1.1 rules as PyYAML's (plain scalars matched against the implicit
    resolvers for their first character), minus the path-resolver machinery we never use.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._plain_tags: dict[str, str] = {}  # a file repeats its plain scalars a lot

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        """Path resolvers are not used: nothing to track."""

    def ascend_resolver(self) -> None:
        """Path resolvers are not used: nothing to track."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                known = self._plain_tags.get(value)
                if known is None:
                    known = self._plain_tags[value] = _resolve_plain(self.yaml_implicit_resolvers, value)
                return known
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"


def _resolve_plain(resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]], value: str) -> str:
    if value == "":
        return "tag:yaml.org,2002:null"
    for tag, pattern in resolvers.get(value[0], ()):
        if pattern.match(value):
            return str(tag)
    return "tag:yaml.org,2002:str"


MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 48
# Composing recurses once per level (in C, or in Python without libyaml); a file is composed
# directly only when its text proves it cannot nest deeper than this.
_COMPOSE_DEPTH_BOUND = 160

STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:timestamp",
}

# What YAML refuses (control characters) or reads as a line break where editors show none
# (a lone CR, NEL, U+2028, U+2029): refused before parsing, so that every line YAML counts
# is a line the writer sees, ending in LF or CRLF.
REFUSED = re.compile("\r(?!\n)|[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PLAIN_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0x100)])
_NON_ASCII_MARKERS = (b"\xc2", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbf\xbe", b"\xef\xbf\xbf")
_LINE_SEPARATORS = {"\x85": "NEL (U+0085)", "\u2028": "U+2028", "\u2029": "U+2029"}
# A flow collection holding no other bracket, quote, comment or tag: it closes where it
# opens, so it adds at most one level wherever it stands (or it is no collection at all).
_FLAT_GROUP = re.compile(r"[\[{][^\[\]{}\"'#!]*[\]}]")
_FLAT_GROUP_ROUNDS = 4
# How far past libyaml's last event a re-reading first cuts the text: short enough that no
# parser's own nesting limit can be reached in it, long enough to rarely need another.
_READ_AHEAD = 4 * MAX_DEPTH
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

OUTSIDE = (
    "this is a link that leads outside the story folder, and a story may read only its own files: "
    "copy the file into the story folder instead of linking to it"
)


@dataclass(frozen=True, slots=True)
class YamlFile:
    """A parsed file: its name as shown in diagnostics, its root node (None when unusable),
    its bytes, its lines as an editor shows them (empty when it is not text), and what the
    parts that could not be read seem to name."""

    name: str
    root: yaml.Node | None
    data: bytes
    lines: tuple[str, ...] = ()
    unread: Unread = NOTHING_UNREAD


def readable(name: str) -> str:
    """A file name fit to print: bytes that are not UTF-8 (kept by the OS as lone
    surrogates) shown as ``\xff`` escapes instead of failing when printed."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def editor_lines(text: str) -> tuple[str, ...]:
    """The lines of ``text`` as an editor numbers them: broken at LF and CRLF only
    (never at the other breaks ``str.splitlines`` knows), with no empty line after a final
    line break. Empty text is one empty line."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    if "\r" not in text:
        return tuple(lines)
    return tuple(line[:-1] if line.endswith("\r") else line for line in lines)


def editor_place(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of the character at ``index`` of ``text``."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def node_line_col(node: yaml.Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def within(path: Path, root: Path) -> Path | None:
    """The real file ``path`` leads to when that is inside ``root`` (a resolved folder),
    else None: a link may lead anywhere, and a story may read only its own files."""
    real = Path(os.path.realpath(path))
    return real if real.is_relative_to(root) else None


def read_yaml(path: Path, name: str, problems: list[Diagnostic], root: Path | None = None) -> YamlFile:
    """Parse ``path``; append every problem found to ``problems``.

    With ``root`` (the resolved story folder) a file that leads outside it is refused unread.
    """
    data = read_bytes(path, name, problems, root)
    return YamlFile(name, None, b"") if data is None else parse_yaml(data, name, problems)


def read_bytes(path: Path, name: str, problems: list[Diagnostic], root: Path | None = None) -> bytes | None:
    """The bytes of ``path`` (at most one more than MAX_FILE_BYTES), or None with the problem
    appended to ``problems`` when it cannot be read (or, with ``root``, leads outside it)."""
    if root is not None:
        real = within(path, root)
        if real is None:
            problems.append(Diagnostic.make(Code.UNREADABLE, name, 1, 1, OUTSIDE))
            return None
        path = real
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        problems.append(Diagnostic.make(Code.UNREADABLE, name, 1, 1, f"cannot read the file: {err.strerror or err}"))
        return None


def parse_yaml(data: bytes, name: str, problems: list[Diagnostic]) -> YamlFile:
    """Parse the bytes of the file shown as ``name``; append every problem found to ``problems``.
    Depends on ``data`` alone (and ``name`` only as it is shown)."""
    if len(data) > MAX_FILE_BYTES:
        problems.append(
            Diagnostic.make(
                Code.FILE_TOO_LARGE,
                name,
                1,
                1,
                f"the file is over {MAX_FILE_BYTES // (1024 * 1024)} MiB; split its scenes across several files",
            )
        )
        return YamlFile(name, None, data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(_not_utf8(data, err.start, name))
        return YamlFile(name, None, data, (), unread_text(data.decode("utf-8", "replace")))
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = editor_lines(text)
    refused = REFUSED.search(text) if _may_refuse(data) else None
    if refused is not None:
        problems.append(_refused_character(text, refused.start(), name))
        return YamlFile(name, None, data, lines, unread_text(text))
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in lines):
        problems.append(Diagnostic.make(Code.EMPTY_FILE, name, 1, 1, "the file is empty: add scenes, or delete it"))
        return YamlFile(name, None, data, lines)
    too_deep = _too_deep(text) if _nesting_bound(text) > _COMPOSE_DEPTH_BOUND else None
    if too_deep is not None:
        problems.append(_report_depth(name, lines, *too_deep))
        return YamlFile(name, None, data, lines, unread_text(text))
    unread = NOTHING_UNREAD
    try:
        root_node = _compose(text)
    except yaml.MarkedYAMLError as err:
        # A slip in one scene of a list of scenes costs only that scene.
        salvaged = salvage(lines, name, _compose)
        if salvaged is None:
            problems.append(syntax_problem(err, name, lines))
            return YamlFile(name, None, data, lines, unread_text(text, runs_off_the_end(err, text)))
        problems.extend(salvaged.problems)
        if salvaged.root is None:
            return YamlFile(name, None, data, lines, salvaged.unread)
        root_node, unread = salvaged.root, salvaged.unread
    except yaml.YAMLError as err:
        problems.append(Diagnostic.make(Code.YAML_SYNTAX, name, 1, 1, f"YAML syntax: {collapse(str(err))}"))
        return YamlFile(name, None, data, lines, unread_text(text))
    except RecursionError:
        problems.append(
            Diagnostic.make(Code.TOO_DEEP, name, 1, 1, f"the YAML nests too deeply (more than {MAX_DEPTH} levels)")
        )
        return YamlFile(name, None, data, lines, unread_text(text))
    else:
        anchored = anchor_problem(text, name, lines)
        if anchored is not None:
            problems.append(anchored)
            return YamlFile(name, None, data, lines, unread_text(text))
    if root_node is None:
        problems.append(Diagnostic.make(Code.EMPTY_FILE, name, 1, 1, "the file is empty: add scenes, or delete it"))
        return YamlFile(name, None, data, lines)
    usable = _check_tree(root_node, name, text, lines, problems, may_alias="&" in text)
    return YamlFile(name, root_node if usable else None, data, lines, unread)


def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_Loader)


def one_line(message: str) -> str:
    """``message`` fit for one line of output: any character that would break or garble
    the line (a line break, a control character, a line separator) written as an escape."""
    return _UNPRINTABLE.sub(_escape, message)


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def _not_utf8(data: bytes, start: int, name: str) -> Diagnostic:
    """The not-UTF-8 diagnostic (SG101) at the bad byte, its column counted in characters like every other."""
    line_start = data.rfind(b"\n", 0, start) + 1
    before = data[line_start:start].decode("utf-8", "replace")
    if line_start == 0 and before.startswith("\ufeff"):
        before = before[1:]
    line = data.count(b"\n", 0, start) + 1
    return Diagnostic.make(
        Code.NOT_UTF8, name, line, len(before) + 1, "this byte is not UTF-8: save the file as UTF-8 text"
    )


def _may_refuse(data: bytes) -> bool:
    """False when the UTF-8 ``data`` surely holds no character REFUSED finds: a test on
    the bytes, many times quicker than searching the text."""
    if data.translate(None, _PLAIN_BYTES) or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
        return True  # an ASCII control character, or a lone CR
    # C1 controls (NEL among them) are encoded after 0xC2; U+2028, U+2029, U+FFFE, U+FFFF.
    return not data.isascii() and any(marker in data for marker in _NON_ASCII_MARKERS)


def _refused_character(text: str, index: int, name: str) -> Diagnostic:
    char = text[index]
    if char == "\r":
        message = (
            "a carriage return (CR) on its own: editors differ on whether it breaks the line; "
            "save the file with LF (or CRLF) line endings"
        )
    elif char in _LINE_SEPARATORS:
        message = (
            f"a line-separator character {_LINE_SEPARATORS[char]} here: editors do not show it as a new line; "
            "replace it with a normal line break or remove it"
        )
    else:
        message = f"control character U+{ord(char):04X} is not allowed in a story file; remove it"
    more = len(REFUSED.findall(text, index + 1))
    if more:
        message += f" ({more} more such character{'s' if more > 1 else ''} in this file)"
    return Diagnostic.make(Code.YAML_SYNTAX, name, *editor_place(text, index), message)


def _nesting_bound(text: str) -> int:
    """A bound on how deeply ``text`` can nest, read from the text alone, cheaply.

    Block collections nest by indentation: each column holds at most two of them (a
    mapping and a sequence written at its keys' indentation), and a block collection starts
    at a line's indentation or after the '- ', '? ' and ': ' indicators leading it (or, with
    nothing nested in it, after an anchor or tag: one level more). Flow collections nest
    by brackets, each able to hold one implicit single-pair mapping: counting every '[' and
    '{' would be sound but counts text such as '{if met}' too, so when that is too many,
    brackets that close with only plain text inside are first removed, a round at a time.
    The result may be far above the real depth; it is never below it.
    """
    flow = 2 * (text.count("[") + text.count("{"))
    columns = (_COMPOSE_DEPTH_BOUND - flow - 1) // 2
    if columns >= 1 and not _leads(text, columns):
        return flow + 2 * columns + 1
    reduced, rounds = text, 0
    while rounds < _FLAT_GROUP_ROUNDS and ("[" in reduced or "{" in reduced):
        reduced, removed = _FLAT_GROUP.subn("", reduced)
        if not removed:
            break
        rounds += 1
    flow = 2 * (reduced.count("[") + reduced.count("{") + rounds)
    # Block depth stays within the budget left when no line leads with `columns` or more
    # of blanks and indicators.
    columns = (_COMPOSE_DEPTH_BOUND - flow - 1) // 2
    if columns < 1 or _leads(text, columns):
        return _COMPOSE_DEPTH_BOUND + 1
    return flow + 2 * columns + 1


def _leads(text: str, columns: int) -> bool:
    """Whether a line of ``text`` starts with ``columns`` or more of blanks and block indicators."""
    lead = f"[ \t?:-]{{{columns}}}"
    return re.match(lead, text) is not None or re.search("\n" + lead, text) is not None


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where ``text`` first nests deeper than MAX_DEPTH (0-based line and column), or None.

    The parser's events are counted, and read no further than that place. libyaml reads
    ahead along a line before it gives an event, and may stop there (on a limit of its own,
    or on a syntax error) before giving the events that cross MAX_DEPTH: then it reads the
    text again, cut short a little after its last event, so the cut comes before anything
    it could stop on, and a little further each time until the crossing or its stopping
    place is reached. A syntax error met before the limit is left for composing to report.
    """
    found, stopped, last = _first_too_deep(text)
    if found is not None or stopped is None:
        return found
    end = _index(text, stopped)
    reach = _READ_AHEAD
    while True:
        cut = _index(text, last) + reach
        found, _, last_now = _first_too_deep(text[:cut])
        if found is not None or cut > end:
            return found
        reach = reach if last_now > last else 2 * reach
        last = max(last, last_now)


def _first_too_deep(text: str) -> tuple[tuple[int, int] | None, tuple[int, int] | None, tuple[int, int]]:
    """(where ``text`` first nests deeper than MAX_DEPTH, where the parser stopped on an
    error, where its last event ended), places as 0-based (line, column)."""
    depth, last = 0, (0, 0)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            start, end = event.start_mark, event.end_mark
            assert start is not None and end is not None  # the parser marks every event
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return (start.line, start.column), None, last
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            last = (end.line, end.column)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        return None, (mark.line, mark.column) if mark else last, last
    except yaml.YAMLError:
        return None, last, last
    return None, None, last


def _index(text: str, place: tuple[int, int]) -> int:
    """The offset in ``text`` of a 0-based (line, column)."""
    start = 0
    for _ in range(place[0]):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return start + place[1]


def _report_depth(name: str, lines: tuple[str, ...], line: int, col: int) -> Diagnostic:
    return Diagnostic.make(
        Code.TOO_DEEP,
        name,
        *clamp(lines, line + 1, col + 1),
        f"the YAML nests deeper than {MAX_DEPTH} levels here: a story never needs more than a few",
    )


def _check_tree(
    root: yaml.Node, name: str, text: str, lines: tuple[str, ...], problems: list[Diagnostic], may_alias: bool
) -> bool:
    """Walk the tree once (iteratively, in the order it was written): tags, aliases,
    duplicate keys, depth.

    Returns False when the tree must not be read further (an alias, a tag, too deep); a
    duplicate key is reported but the rest of the file is still worth checking. Text with
    no '&' has no anchors, so no aliases: the identity bookkeeping is skipped there. Only
    collections go on the stack (and count towards the depth, as in the parser's events);
    scalars are checked where they stand.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if may_alias:
            if id(node) in seen:
                _report_aliases(name, text, lines, problems)
                return False
            seen.add(id(node))
        if node.tag not in STANDARD_TAGS:
            _report_tag(node, name, lines, problems)
            return False
        if isinstance(node, yaml.ScalarNode):
            continue
        if depth > MAX_DEPTH:
            problems.append(_report_depth(name, lines, node.start_mark.line, node.start_mark.column))
            return False
        children: list[yaml.Node]
        if isinstance(node, yaml.MappingNode):
            pairs = node.value
            keys = [k.value for k, _ in pairs if isinstance(k, yaml.ScalarNode)]
            if len(set(keys)) != len(keys):
                _report_duplicates(pairs, name, lines, problems)
            children = [n for pair in pairs for n in pair]
        else:
            children = node.value
        for child in reversed(children):
            if isinstance(child, yaml.ScalarNode) and not may_alias:
                if child.tag not in STANDARD_TAGS:
                    _report_tag(child, name, lines, problems)
                    return False
            else:
                stack.append((child, depth + 1))
    return True


def _report_tag(node: yaml.Node, name: str, lines: tuple[str, ...], problems: list[Diagnostic]) -> None:
    problems.append(
        Diagnostic.make(
            Code.TAG,
            name,
            *clamp(lines, *node_line_col(node)),
            f"the tag '{one_line(node.tag)}' is not allowed: remove it "
            "(story files hold plain text, numbers, lists and mappings)",
        )
    )


def _report_duplicates(
    pairs: list[tuple[yaml.Node, yaml.Node]], name: str, lines: tuple[str, ...], problems: list[Diagnostic]
) -> None:
    first: dict[str, yaml.Node] = {}
    for key, _ in pairs:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if key.value not in first:
            first[key.value] = key
            continue
        first_line, _ = node_line_col(first[key.value])
        problems.append(
            Diagnostic.make(
                Code.DUPLICATE_KEY,
                name,
                *clamp(lines, *node_line_col(key)),
                f"'{one_line(key.value)}' appears twice in this mapping (first on line {first_line}); keep one",
            )
        )


def _report_aliases(name: str, text: str, lines: tuple[str, ...], problems: list[Diagnostic]) -> None:
    """Aliases share nodes, so only the events say where one was written. The first is
    reported with a count of the rest: a bomb has thousands."""
    aliases = [e for e in yaml.parse(text, Loader=_Loader) if isinstance(e, yaml.AliasEvent)]
    first = aliases[0] if aliases else None
    if first is not None and first.start_mark is not None:
        mark = first.start_mark
        more = f" ({len(aliases) - 1} more in this file)" if len(aliases) > 1 else ""
        problems.append(
            Diagnostic.make(
                Code.ALIAS,
                name,
                *clamp(lines, mark.line + 1, mark.column + 1),
                f"the alias '*{one_line(str(first.anchor))}' is not allowed: write the value out in full{more}",
            )
        )
