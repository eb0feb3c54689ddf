"""``stars-gossip check --format github``: annotations a story's CI shows on the lines at fault,
and the pre-commit hook another repository of scenes runs."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.cli_run import stars_gossip
from tests.conftest import ROOT


def without_times(text: str) -> str:
    return re.sub(r" in \d+ ms$", " in N ms", text, flags=re.MULTILINE)


def test_check_github_prints_one_annotation_per_diagnostic_then_the_summary() -> None:
    result = stars_gossip("check", "--format", "github", "tests/stories/defect_overflow", "tests/stories/broken_files")
    assert result.returncode == 1
    lines = without_times(result.stdout).splitlines()
    assert lines[0] == (
        "::error file=tests/stories/defect_overflow/scenes.yaml,line=9,col=12,title=SG304::'suspicion += 1' pushes"
        " suspicion outside its range 0..2 (it is held at the bound); widen the range, guard the choice with a"
        " condition, or declare 'overflow: clamp' if saturating is meant"
        "%0Ashortest way (3 choices): 1. Snoop through the logs > 1. Snoop through the logs > 1. Snoop through the logs"
        "%0Areplay: printf '1\\n1\\n1\\n' | stars-gossip play --plain --story tests/stories/defect_overflow --seed 0"
    )
    assert lines[1].startswith("tests/stories/defect_overflow: FAILED: 3 scenes, 2 endings, ")
    broken = lines[2:-1]
    assert broken and all(re.match(r"::(error|warning) file=tests/stories/broken_files/", line) for line in broken)
    assert all(re.search(r",line=\d+,col=\d+,title=SG1\d\d::", line) for line in broken)
    # Colons and commas stay as they are in the message; only properties escape them.
    assert (
        "::error file=tests/stories/broken_files/python_tag.yaml,line=2,col=9,title=SG107::the tag"
        " 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: remove it (story files hold plain text,"
        " numbers, lists and mappings)"
    ) in broken
    assert lines[-1].startswith("tests/stories/broken_files: FAILED: ")


def test_check_github_of_a_good_story_prints_only_the_summary() -> None:
    result = stars_gossip("check", "--format", "github", "tests/stories/minimal")
    assert result.returncode == 0
    assert not any(line.startswith("::") for line in result.stdout.splitlines())


def test_the_pre_commit_hook_runs_the_check_of_this_package() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "stars-gossip-check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "act1/scenes.yaml") and re.search(hook["files"], "story.yml")
    assert not re.search(hook["files"], "README.md")
    command, subcommand = hook["entry"].split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert command in scripts
    assert stars_gossip(subcommand, "--help").returncode == 0
