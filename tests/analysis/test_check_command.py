"""``stars-gossip check`` runs the exhaustive analysis: golden text, JSON paths, limits, exit codes."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def without_times(text: str) -> str:
    return re.sub(r" in \d+ ms$", " in N ms", text, flags=re.MULTILINE)


def test_check_text_output_matches_the_golden_file() -> None:
    result = run("check", "tests/stories/defect_softlock_flags", "tests/stories/defect_overflow")
    assert result.returncode == 1
    assert without_times(result.stdout) == (GOLDEN / "check_defects.txt").read_text(encoding="utf-8")


def test_printed_replay_command_reproduces_the_softlock() -> None:
    result = run("check", "tests/stories/defect_softlock_flags")
    (command,) = [line.split("replay: ", 1)[1] for line in result.stdout.splitlines() if "replay: " in line]
    command = command.replace("stars-gossip", f"{shlex.quote(sys.executable)} -m game", 1)
    played = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    headings = [line for line in played.stdout.splitlines() if line.startswith("== ")]
    assert headings[-1] == "== Airlock =="
    assert "*** Ending" not in played.stdout


def test_json_report_includes_counterexample_paths_and_exploration_figures() -> None:
    result = run("check", "--format", "json", "tests/stories/defect_softlock_flags")
    assert result.returncode == 1
    (report,) = json.loads(result.stdout)
    summary = report["summary"]
    assert (summary["states"], summary["transitions"], summary["complete"], summary["ok"]) == (16, 32, True, False)
    (lock,) = report["diagnostics"]
    assert lock["code"] == "SG303" and lock["name"] == "soft-lock"
    assert lock["path"]["numbers"] == [1, 1, 2]
    assert lock["path"]["seed"] == 0
    assert [s["text"] for s in lock["path"]["steps"]][-1] == "Hurry on"


def test_proven_story_exits_zero_with_a_summary_of_the_search() -> None:
    result = run("check", "tests/stories/minimal")
    assert result.returncode == 0, result.stdout
    assert re.fullmatch(
        r"tests/stories/minimal: ok: 2 scenes, 1 ending, 5 states \(1 variable set aside as deciding nothing; "
        r"merged where dead in 1 scene\), 13 transitions, 0 error\(s\), 0 warning\(s\) in \d+ ms\n",
        result.stdout,
    )


def test_warnings_alone_do_not_fail_the_check() -> None:
    result = run("check", "tests/stories/defect_dead_choice")
    assert result.returncode == 0
    assert "warning SG302" in result.stdout and ": ok: " in result.stdout


def test_state_limit_fails_the_check_with_a_clear_message() -> None:
    result = run("check", "--max-states", "3000", "tests/stories/defect_explosion")
    assert result.returncode == 1
    assert "error SG305: the check stopped at the limit of 3,000 states, so the story is NOT proven" in result.stdout
    assert "FAILED (state limit hit: not proven)" in result.stdout.splitlines()[-1]


def test_bad_max_states_is_a_usage_error() -> None:
    for value in ("0", "many"):
        result = run("check", "--max-states", value, "tests/stories/minimal")
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
