"""Layering: the core packages never load the Textual UI, and the engine never loads YAML."""

from __future__ import annotations

import subprocess
import sys

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
    assert {"game.engine", "game.loader", "game.analysis"} <= set(CORE)


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
