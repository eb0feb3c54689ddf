"""Read one YAML file into a node tree with positions, refusing what a story never needs.

PyYAML's C composer (when present) builds the nodes; nothing is constructed from tags, so
no Python object can be created. Aliases are refused (they are how "billion laughs" bombs
work), as are tags, duplicate keys (PyYAML would silently keep the last) and absurd
sizes or depths — each as a located diagnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from game.engine.diagnostics import Diagnostic

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where PyYAML has libyaml


class _Loader(_Base):  # type: ignore[misc]
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


@dataclass(frozen=True, slots=True)
class YamlFile:
    """A parsed file: its name as shown in diagnostics, its root node (None when unusable)."""

    name: str
    root: yaml.Node | None
    data: bytes
    lines: tuple[str, ...] = ()


def node_line_col(node: yaml.Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def read_yaml(path: Path, name: str, problems: list[Diagnostic]) -> YamlFile:
    """Parse ``path``; append every problem found to ``problems``."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        problems.append(Diagnostic.make("SG114", name, 1, 1, f"cannot read the file: {err.strerror or err}"))
        return YamlFile(name, None, b"")
    if len(data) > MAX_FILE_BYTES:
        problems.append(
            Diagnostic.make(
                "SG104",
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
        line = data[: err.start].count(b"\n") + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        problems.append(
            Diagnostic.make("SG101", name, line, col, "this byte is not UTF-8: save the file as UTF-8 text")
        )
        return YamlFile(name, None, data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.append(Diagnostic.make("SG102", name, 1, 1, "the file is empty: add scenes, or delete it"))
        return YamlFile(name, None, data)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = err.problem or "invalid YAML"
        context = f" ({err.context})" if err.context else ""
        problems.append(
            Diagnostic.make("SG100", name, line, col, f"YAML syntax: {what}{context}; {_syntax_hint(what)}")
        )
        return YamlFile(name, None, data)
    except yaml.YAMLError as err:
        problems.append(Diagnostic.make("SG100", name, 1, 1, f"YAML syntax: {err}"))
        return YamlFile(name, None, data)
    except RecursionError:
        problems.append(
            Diagnostic.make("SG105", name, 1, 1, f"the YAML nests too deeply (more than {MAX_DEPTH} levels)")
        )
        return YamlFile(name, None, data)
    if root is None:
        problems.append(Diagnostic.make("SG102", name, 1, 1, "the file is empty: add scenes, or delete it"))
        return YamlFile(name, None, data)
    usable = _check_tree(root, name, text, problems, may_alias="&" in text)
    return YamlFile(name, root if usable else None, data, tuple(text.splitlines()))


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "text containing ': ' must be quoted, e.g. say: \"Wait: what?\""
    if "found character '\\t'" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "each key needs a ':' after it"
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return "anchors, aliases and complex keys are not part of the story format"
    return "check the indentation and quoting near this point"


def _check_tree(root: yaml.Node, name: str, text: str, problems: list[Diagnostic], may_alias: bool) -> bool:
    """Walk the tree once (iteratively): tags, aliases, duplicate keys, depth.

    Returns False when the tree must not be read further (an alias, a tag, too deep); a
    duplicate key is reported but the rest of the file is still worth checking. Text with
    no '&' has no anchors, so no aliases: the identity bookkeeping is skipped there. Only
    collections go on the stack; scalars are checked where they stand.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if may_alias:
            if id(node) in seen:
                _report_aliases(name, text, problems)
                return False
            seen.add(id(node))
        if depth > MAX_DEPTH:
            line, col = node_line_col(node)
            problems.append(
                Diagnostic.make("SG105", name, line, col, f"the YAML nests deeper than {MAX_DEPTH} levels here")
            )
            return False
        if node.tag not in STANDARD_TAGS:
            _report_tag(node, name, problems)
            return False
        children: list[yaml.Node]
        if isinstance(node, yaml.MappingNode):
            pairs = node.value
            keys = [k.value for k, _ in pairs if isinstance(k, yaml.ScalarNode)]
            if len(set(keys)) != len(keys):
                _report_duplicates(pairs, name, problems)
            children = [n for pair in pairs for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            continue
        for child in children:
            if isinstance(child, yaml.ScalarNode) and not may_alias:
                if child.tag not in STANDARD_TAGS:
                    _report_tag(child, name, problems)
                    return False
            else:
                stack.append((child, depth + 1))
    return True


def _report_tag(node: yaml.Node, name: str, problems: list[Diagnostic]) -> None:
    line, col = node_line_col(node)
    problems.append(
        Diagnostic.make(
            "SG107",
            name,
            line,
            col,
            f"the tag '{node.tag}' is not allowed: remove it (story files hold plain text, numbers, lists and mappings)",
        )
    )


def _report_duplicates(pairs: list[tuple[yaml.Node, yaml.Node]], name: str, problems: list[Diagnostic]) -> None:
    first: dict[str, yaml.Node] = {}
    for key, _ in pairs:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if key.value not in first:
            first[key.value] = key
            continue
        line, col = node_line_col(key)
        first_line, _ = node_line_col(first[key.value])
        problems.append(
            Diagnostic.make(
                "SG108",
                name,
                line,
                col,
                f"'{key.value}' appears twice in this mapping (first on line {first_line}); keep one",
            )
        )


def _report_aliases(name: str, text: str, problems: list[Diagnostic]) -> None:
    """Aliases share nodes, so only the events say where one was written. The first is
    reported with a count of the rest: a bomb has thousands."""
    aliases = [e for e in yaml.parse(text, Loader=_Loader) if isinstance(e, yaml.AliasEvent)]
    first = aliases[0] if aliases else None
    if first is not None and first.start_mark is not None:
        mark = first.start_mark
        more = f" ({len(aliases) - 1} more in this file)" if len(aliases) > 1 else ""
        problems.append(
            Diagnostic.make(
                "SG106",
                name,
                mark.line + 1,
                mark.column + 1,
                f"the alias '*{first.anchor}' is not allowed: write the value out in full{more}",
            )
        )
