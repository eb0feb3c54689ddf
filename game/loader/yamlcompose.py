"""Compose YAML text into nodes, refusing what a story never needs from it.

The composer is PyYAML's safe loader (its C parser where PyYAML has libyaml) with a leaner
tag resolver. Nesting deeper than MAX_DEPTH is found from the text before composing (so
that no input can exhaust the stack); tags, aliases and duplicate keys are found in the
composed tree. Each is a located diagnostic; ``loader/yamlread.py`` decides when to ask.
"""

from __future__ import annotations

import re

import yaml

from game.engine.diagnostics import Code, Diagnostic
from game.loader.yamlerrors import BASE_LOADER, clamp, one_line

MAX_DEPTH = 48
# Composing recurses once per level (in C, or in Python without libyaml); a file is composed
# directly only when its text proves it cannot nest deeper than this.
COMPOSE_DEPTH_BOUND = 160

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
# A flow collection holding no other bracket, quote, comment or tag: it closes where it
# opens, so it adds at most one level wherever it stands (or it is no collection at all).
_FLAT_GROUP = re.compile(r"[\[{][^\[\]{}\"'#!]*[\]}]")
_FLAT_GROUP_ROUNDS = 4
# How far past libyaml's last event a re-reading first cuts the text: short enough that no
# parser's own nesting limit can be reached in it, long enough to rarely need another.
_READ_AHEAD = 4 * MAX_DEPTH


class Loader(BASE_LOADER):  # type: ignore[misc]
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


def compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=Loader)


def node_line_col(node: yaml.Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def nesting_bound(text: str) -> int:
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
    columns = (COMPOSE_DEPTH_BOUND - flow - 1) // 2
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
    columns = (COMPOSE_DEPTH_BOUND - flow - 1) // 2
    if columns < 1 or _leads(text, columns):
        return COMPOSE_DEPTH_BOUND + 1
    return flow + 2 * columns + 1


def _leads(text: str, columns: int) -> bool:
    """Whether a line of ``text`` starts with ``columns`` or more of blanks and block indicators."""
    lead = f"[ \t?:-]{{{columns}}}"
    return re.match(lead, text) is not None or re.search("\n" + lead, text) is not None


def too_deep(text: str) -> tuple[int, int] | None:
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
        for event in yaml.parse(text, Loader=Loader):
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


def report_depth(name: str, lines: tuple[str, ...], line: int, col: int) -> Diagnostic:
    return Diagnostic.make(
        Code.TOO_DEEP,
        name,
        *clamp(lines, line + 1, col + 1),
        f"the YAML nests deeper than {MAX_DEPTH} levels here: a story never needs more than a few",
    )


def check_tree(
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
            problems.append(report_depth(name, lines, node.start_mark.line, node.start_mark.column))
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
    aliases = [e for e in yaml.parse(text, Loader=Loader) if isinstance(e, yaml.AliasEvent)]
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
