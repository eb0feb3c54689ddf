"""Typed reading of YAML nodes with located diagnostics: the loader's vocabulary."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from game.engine.diagnostics import Diagnostic
from game.engine.errors import ExprProblem
from game.engine.model import SourcePos
from game.engine.syntax import did_you_mean
from game.loader.yamlread import node_line_col

Entries = dict[str, tuple[yaml.Node, yaml.Node]]

_KIND = {
    yaml.MappingNode: "a mapping (key: value lines)",
    yaml.SequenceNode: "a list ('- ' items)",
    yaml.ScalarNode: "a single value",
}


@dataclass
class Reader:
    """Reads nodes of one file, appending problems to a shared list."""

    file: str
    problems: list[Diagnostic]
    lines: tuple[str, ...] = ()

    def report(self, code: str, node: yaml.Node | None, message: str) -> None:
        line, col = node_line_col(node) if node is not None else (1, 1)
        self.problems.append(Diagnostic.make(code, self.file, line, col, message))

    def report_at(self, code: str, pos: SourcePos, message: str) -> None:
        self.problems.append(Diagnostic.make(code, pos.file, pos.line, pos.col, message))

    def report_expr(self, problem: ExprProblem, node: yaml.Node, base_offset: int = 0) -> None:
        pos = self.text_pos(node).shifted(base_offset + problem.offset)
        self.report_at(problem.code, pos, problem.message)

    def pos(self, node: yaml.Node) -> SourcePos:
        line, col = node_line_col(node)
        return SourcePos(self.file, line, col)

    def text_pos(self, node: yaml.Node) -> SourcePos:
        """Where the text of a scalar starts: after an opening quote, or on the next line of a block."""
        pos = self.pos(node)
        style = getattr(node, "style", None)
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
        self.report("SG103", node, f"{what} must be {_KIND[want]}, but it is {got}")
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
                self.report("SG103", key, f"keys in {what} must be plain words")
                continue
            if key.value not in allowed:
                self.report(
                    "SG110",
                    key,
                    f"'{key.value}' is not a key of {what}{did_you_mean(key.value, allowed)}; "
                    f"the keys are: {', '.join(sorted(allowed))}",
                )
                continue
            entries.setdefault(key.value, (key, value))
        for name in sorted(required - entries.keys()):
            self.report("SG112", node, f"{what} needs '{name}:'")
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
            self.report("SG103", node, f"{what} is empty: write some text")
            return None
        return value

    def integer(self, node: yaml.Node, what: str) -> int | None:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":int"):
            try:
                return int(str(node.value).replace("_", ""), 0)
            except ValueError:
                pass
        if isinstance(node, yaml.ScalarNode):
            self.report("SG103", node, f"{what} must be a whole number, not '{node.value}'")
            return None
        self.shape(node, yaml.ScalarNode, what)
        return None

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool"):
            return str(node.value).lower() in ("true", "yes", "on", "y")
        if isinstance(node, yaml.ScalarNode):
            self.report("SG103", node, f"{what} must be true or false, not '{node.value}'")
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
