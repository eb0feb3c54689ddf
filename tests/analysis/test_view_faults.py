"""The check proves what the player sees, not only what the choices do: a division by zero in
narration, in a line's condition or in a status line is found, located and replayable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis import CheckReport, check_story
from game.engine import Story
from game.engine.playthrough import Playthrough, StoryFault
from game.loader import load_story
from tests.conftest import ROOT
from tests.loader.written import load_written

MANIFEST = """\
id: ratio
title: Ratio
start: galley
variables:
  v: {{type: int, min: 0, max: 2, initial: 2}}
endings:
  done: Done
{status}
"""

SCENES = """\
- scene: galley
  text: Packets left.
  choices:
    - choice: Eat one
      if: v > 0
      do: v -= 1
      go: galley
    - choice: Leave
      go: hall
- scene: hall
  text:
    - {hall_line}
  choices:
    - choice: Sleep
      go: bunk
- scene: bunk
  ending: done
  text: Night.
"""

CASES = {
    # where the division is written: (status block, the hall's line, the fault's file:line:col, shortest play)
    # Text in the hall faults on leaving with both packets eaten (then "Eat one" is gone, so "Leave" is 1);
    # the status line faults in the galley as soon as the second packet is eaten.
    "narration": ("", '"Ratio {10 / v}"', ("scenes.yaml", 12, 18), (1, 1, 1)),
    "line condition": ("", "{if: 10 / v > 1, text: Crowded.}", ("scenes.yaml", 12, 15), (1, 1, 1)),
    "status line": ("status:\n  - {label: Share, show: 10 / v}", "Quiet.", ("story.yaml", 9, 29), (1, 1)),
}


def written(tmp_path: Path, case: str) -> Path:
    status, hall_line, _, _ = CASES[case]
    load_written(tmp_path, MANIFEST.format(status=status), SCENES.format(hall_line=hall_line))
    return tmp_path


@pytest.mark.parametrize("case", list(CASES))
def test_a_fault_in_what_the_player_sees_is_found_with_its_shortest_play(tmp_path: Path, case: str) -> None:
    directory = written(tmp_path, case)
    story, report = load_and_check(directory)
    faults = [f for f in report.findings if f.diagnostic.code == "SG306"]
    assert len(faults) == 1, [str(f.diagnostic) for f in report.findings]
    finding = faults[0]
    _, _, (file, line, col), numbers = CASES[case]
    diagnostic = finding.diagnostic
    assert (Path(diagnostic.file).name, diagnostic.line, diagnostic.col) == (file, line, col)
    assert "'/' divided by zero" in diagnostic.message
    assert not report.proven
    assert finding.path is not None and finding.path.numbers == numbers
    # The same play, in the engine's own playthrough: the last choice stops with this very fault.
    run = Playthrough.begin(story, finding.path.seed or 0)
    assert isinstance(run, Playthrough)
    outcomes = [run.choose(n) for n in finding.path.numbers]
    assert isinstance(outcomes[-1], StoryFault) and str(outcomes[-1].pos) == str(diagnostic).split(": ")[0]
    assert run.choices_made == len(numbers) - 1  # the player is still where they were, free to undo or go on


@pytest.mark.parametrize("case", list(CASES))
def test_the_printed_replay_meets_the_fault_in_line_mode_and_the_player_can_go_on(tmp_path: Path, case: str) -> None:
    directory = written(tmp_path, case)
    played = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--story", str(directory), "--seed", "0"],
        cwd=ROOT,
        input="1\n1\n1\nu\n1\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    said = " ".join(played.stdout.split())
    assert "The story hit a fault at" in said and "'/' divided by zero" in said
    assert "Traceback" not in played.stderr
    assert played.returncode == 1  # a fault was met on the way


def test_a_story_whose_text_cannot_fault_is_still_proven(tmp_path: Path) -> None:
    load_written(
        tmp_path,
        MANIFEST.format(status='status:\n  - {label: Share, show: "10 / max(v, 1)"}'),
        SCENES.format(hall_line='"Ratio {10 / max(v, 1)}"'),
    )
    _, report = load_and_check(tmp_path)
    assert report.proven, [str(f.diagnostic) for f in report.findings]


def load_and_check(directory: Path) -> tuple[Story, CheckReport]:
    story = load_story(directory).story
    assert story is not None
    return story, check_story(story)
