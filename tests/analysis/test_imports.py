"""game.analysis stands on the engine alone: no YAML, no Textual, no loader."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_importing_the_analysis_loads_neither_yaml_nor_textual_nor_the_loader() -> None:
    code = (
        "import sys, game.analysis; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'textual') or m.startswith('game.loader')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
