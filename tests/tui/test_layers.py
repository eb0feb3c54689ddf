"""Inside game/tui the modules stand in layers: no import circle, type-only imports included."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

TUI = ROOT / "game" / "tui"


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def tui_imports(path: Path, modules: set[str]) -> set[str]:
    """The modules of game/tui that ``path`` imports anywhere in it: at the top, inside functions
    (lazy) or under ``TYPE_CHECKING`` (``from game.tui.screens import title`` counts as the module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found & modules


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in TUI.rglob("*.py")}
    modules = set(paths)
    # A package's __init__ runs before its modules whatever they import: it is no step of a circle.
    packages = {name for name, path in paths.items() if path.name == "__init__.py"}
    return {name: tui_imports(path, modules) - packages - {name} for name, path in paths.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_circles_finds_a_planted_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_no_import_circle_in_the_tui() -> None:
    assert circles(import_graph()) == []


def test_only_the_entry_points_import_the_app() -> None:
    """Screens, the keeper and the themes type the app with ``tui/gameapp.py``'s protocol."""
    importers = sorted(name for name, targets in import_graph().items() if "game.tui.app" in targets)
    assert importers == ["game.tui.launch", "game.tui.writer"]
