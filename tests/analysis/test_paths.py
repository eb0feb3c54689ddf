"""Counterexamples are real: piped into the plain game with their seed, they reproduce the problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from game.analysis import ChoicePath, check_story
from game.analysis.check import CheckReport
from game.analysis.paths import find_seed
from game.engine import Choice, Story, available, step
from game.engine.model import NOWHERE, Literal_, Outcome, Template
from game.engine.play import draw_outcome
from game.engine.state import SEED_MASK
from game.loader import load_story
from tests.conftest import ROOT, STORIES
from tests.support import can_finish, coverage, id_of, replay


def checked(name: str) -> tuple[Story, CheckReport]:
    story = load_story(STORIES / name).story
    assert story is not None
    return story, check_story(story)


def play_plain(directory: Path, path: ChoicePath) -> subprocess.CompletedProcess[str]:
    """Pipe the path's choice numbers into ``stars-gossip play --plain`` with its seed."""
    assert path.seed is not None
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--story", str(directory), "--seed", str(path.seed)],
        cwd=ROOT,
        input="".join(f"{n}\n" for n in path.numbers),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def last_heading(output: str) -> str:
    return [line for line in output.splitlines() if line.startswith("== ")][-1]


def test_softlock_counterexample_piped_into_the_game_ends_stuck_in_the_airlock() -> None:
    story, report = checked("defect_softlock_flags")
    path = report.findings[0].path
    assert path is not None
    played = play_plain(STORIES / "defect_softlock_flags", path)
    assert played.returncode == 0, played.stderr
    assert last_heading(played.stdout) == "== Airlock =="
    assert "*** Ending" not in played.stdout
    final = replay(story, path.numbers, path.seed or 0)[-1]
    state_id = id_of(report.exploration, final)
    assert state_id is not None and not can_finish(report, state_id)


def test_overflow_counterexample_piped_into_the_game_pushes_the_meter_past_its_bound() -> None:
    story, report = checked("defect_overflow")
    path = report.findings[0].path
    assert path is not None and path.numbers == (1, 1, 1)
    played = play_plain(STORIES / "defect_overflow", path)
    assert played.returncode == 0, played.stderr
    assert last_heading(played.stdout) == "== Bridge =="
    assert played.stdout.count("[Suspicion: 2]") == 2  # after the second snoop, and held there by the third
    states = replay(story, path.numbers[:-1], path.seed or 0)
    last = available(story, states[-1])[path.numbers[-1] - 1]
    assert [e.source for e in step(story, states[-1], last, 0).overflows] == ["suspicion += 1"]


def test_division_by_zero_counterexample_piped_into_the_game_hits_the_fault() -> None:
    _, report = checked("defect_div_zero")
    finding = report.findings[0]
    assert finding.path is not None
    played = play_plain(STORIES / "defect_div_zero", finding.path)
    assert played.returncode == 1  # the run met a fault
    said = " ".join(played.stdout.split())  # the message is wrapped like any paragraph
    assert f":{finding.diagnostic.line}:{finding.diagnostic.col}: '/' divided by zero" in said
    assert "you are still here, so pick another choice or undo the last one" in said
    assert "Traceback" not in played.stderr


def test_random_outcomes_are_reproduced_by_the_printed_seed() -> None:
    story, report = checked("minimal")
    home = coverage(report.exploration)["home"]
    assert any(s.is_random for s in home.steps) and home.steps[-1].outcome == 1
    assert home.seed is not None
    assert replay(story, home.numbers, home.seed)[-1].scene == "home"
    played = play_plain(STORIES / "minimal", home)
    assert "*** Ending: Home safe ***" in played.stdout


def test_seed_search_gives_up_cleanly_on_improbable_outcomes() -> None:
    story, _ = checked("minimal")
    coin = next(c for c in story.scenes["hatch"].choices if c.is_random)
    assert find_seed([(coin, 1)] * 40, tries=50) is None
    assert find_seed([(coin, 1)]) is not None
    assert find_seed([]) == 0


def test_coverage_gives_every_reached_scene_a_shortest_path() -> None:
    _, report = checked("defect_softlock_flags")
    paths = coverage(report.exploration)
    assert set(paths) == {"quarters", "lab", "office", "airlock", "outside"}
    assert [len(paths[s].steps) for s in ("quarters", "lab", "office", "airlock", "outside")] == [0, 1, 2, 3, 4]
    assert paths["quarters"].describe() == "(the start of the story)"


def _weighted_choice(weights: list[int]) -> Choice:
    outcomes = tuple(Outcome(weight=w, effects=(), target="home") for w in weights)
    return Choice("draw", Template((Literal_("Draw"),)), spoken=False, condition=None, outcomes=outcomes, pos=NOWHERE)


@given(
    draws=st.lists(
        st.lists(st.integers(1, 50), min_size=2, max_size=600).flatmap(
            lambda ws: st.tuples(st.just(ws), st.integers(0, len(ws) - 1))
        ),
        min_size=1,
        max_size=3,
    ),
    first=st.integers(0, 2**64),
)
def test_a_found_seed_draws_exactly_the_wanted_outcomes_in_play(draws: list[tuple[list[int], int]], first: int) -> None:
    picked = [(_weighted_choice(weights), outcome) for weights, outcome in draws]
    seed = find_seed(picked, first)
    if seed is None:  # allowed only when the outcomes together are improbable
        chance = 1.0
        for weights, outcome in draws:
            chance *= weights[outcome] / sum(weights)
        assert chance < 1e-4
        return
    rng = seed & SEED_MASK
    for choice, outcome in picked:
        got, rng = draw_outcome(choice, rng)
        assert got == outcome


def test_one_rare_outcome_among_hundreds_gets_its_seed_without_a_search() -> None:
    weights = [1000] * 499 + [1]
    coin = _weighted_choice(weights)
    seed = find_seed([(coin, 499)])
    assert seed is not None
    assert draw_outcome(coin, seed & SEED_MASK)[0] == 499
