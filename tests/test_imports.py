"""Layering: the core packages never load the Textual UI, and the engine never loads YAML."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Every package of game/ except the UI itself, found on disk so a new one is covered at once.
CORE = sorted(
    f"game.{path.name}" for path in (ROOT / "game").iterdir() if (path / "__init__.py").is_file() and path.name != "tui"
)


def loaded_after_import(module: str) -> set[str]:
    """The top-level packages in ``sys.modules`` after importing ``module`` in a fresh interpreter."""
    code = f"import sys, {module}; print('\\n'.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


@pytest.mark.parametrize("module", CORE)
def test_core_packages_do_not_load_textual(module: str) -> None:
    loaded = loaded_after_import(module)
    assert "textual" not in loaded and "rich" not in loaded


def test_core_packages_are_found() -> None:
    assert {"game.engine", "game.loader", "game.analysis", "game.saves"} <= set(CORE)


def test_saves_load_neither_yaml_nor_the_analysis() -> None:
    """Loading a save needs the engine only: line mode and the title screen read saves cheaply."""
    loaded = loaded_after_import("game.saves")
    assert "yaml" not in loaded and "textual" not in loaded
    assert "game.analysis" not in _modules_after_import("game.saves")


def _modules_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_engine_does_not_load_yaml() -> None:
    assert "yaml" not in loaded_after_import("game.engine")


def test_cli_module_loads_neither_textual_nor_yaml() -> None:
    loaded = loaded_after_import("game.cli")
    assert "textual" not in loaded and "yaml" not in loaded


def test_only_the_command_imports_the_ui() -> None:
    """Nothing depends on the UI; the command opens it (lazily) because that is how the game starts."""
    importers = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "game").rglob("*.py")
        if "tui" not in path.relative_to(ROOT / "game").parts and "game.tui" in path.read_text(encoding="utf-8")
    )
    assert importers == ["game/cli.py"]


GAME = ROOT / "game"

# Which of our packages each part of game/ may import (lazy imports inside functions count too):
# the layers of DESIGN.md, arrows pointing down only.
ALLOWED = {
    "engine": {"engine"},
    "loader": {"engine", "loader", "paths", "userdirs", "__init__"},  # the release names its caches
    "analysis": {"engine", "analysis"},
    "saves": {"engine", "saves", "paths", "userdirs"},
    "paths": set(),
    "userdirs": set(),
    "plain": {"engine", "plain", "saves", "userdirs"},
    "tui": {"engine", "loader", "analysis", "saves", "paths", "userdirs", "tui"},
    "commands": {"engine", "loader", "analysis", "saves", "paths", "userdirs", "commands"},
    "cli": {
        "engine",
        "loader",
        "analysis",
        "saves",
        "paths",
        "userdirs",
        "plain",
        "tui",
        "commands",
        "cli",
        "__init__",
    },
    "__main__": {"cli"},
    "__init__": set(),
}


def _our_imports(path: Path) -> set[str]:
    """The parts of game/ that ``path`` imports (``game.engine.play`` counts as ``engine``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "game":
            # ``from game import cli`` imports a part; ``from game import __version__`` the package itself.
            names = [
                f"game.{a.name}" if (GAME / a.name).is_dir() or (GAME / f"{a.name}.py").is_file() else "game"
                for a in node.names
            ]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "game" and len(parts) > 1:
                found.add(parts[1])
            elif name == "game":
                found.add("__init__")
    return found


@pytest.mark.parametrize(
    "path", sorted((ROOT / "game").rglob("*.py")), ids=lambda p: p.relative_to(ROOT / "game").as_posix()
)
def test_no_module_imports_from_a_higher_layer(path: Path) -> None:
    part = path.relative_to(ROOT / "game").parts[0].removesuffix(".py")
    assert part in ALLOWED, f"{part} is a new part of game/: give it its place in ALLOWED"
    wrong = _our_imports(path) - ALLOWED[part] - {part}
    assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}, above its layer"


def test_no_screen_reaches_into_another() -> None:
    """Screens talk through messages and the app's reactive state: no digging through the screen
    stack for another screen's attributes, no matching screens by class name."""
    offenders = []
    for path in sorted((ROOT / "game" / "tui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in ("screen_stack[", "getattr(", "__name__ =="):
            if pattern in text:
                offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert not offenders
