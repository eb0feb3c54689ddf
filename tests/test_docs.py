"""The docs say what the code does: the diagnostic table, the README's commands, CI."""

from __future__ import annotations

import re

from game.engine.diagnostics import CODES
from tests.conftest import ROOT


def test_writers_guide_lists_every_diagnostic_code_exactly() -> None:
    guide = (ROOT / "scenes" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (SG\d{3}) \| ([a-z0-9-]+) \| (error|warning|info) \| (.+) \|$", guide, re.MULTILINE)
    assert [(c, n, s, m) for c, n, s, m in rows] == [(c.code, c.name, c.severity, c.meaning) for c in CODES.values()]


def test_readme_quick_start_has_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick, re.DOTALL)
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    play, test = commands
    assert play.endswith("stars-gossip") and "pytest" in test
    assert all("-c requirements.lock" in c for c in commands), "both commands install the locked versions"


def test_ci_runs_the_readme_test_command_with_the_ci_profile() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in script and "README.md" in script
    assert "HYPOTHESIS_PROFILE=ci" in script
