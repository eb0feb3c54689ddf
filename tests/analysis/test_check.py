"""check_story: the verdict, its proof obligations and its summary."""

from __future__ import annotations

import pytest

from game.analysis import CheckReport, check_story
from game.loader import load_story
from tests.conftest import BUNDLED, STORIES
from tests.support import can_finish


def checked(directory: str) -> CheckReport:
    story = load_story(BUNDLED if directory == "bundled" else STORIES / directory).story
    assert story is not None
    return check_story(story)


def test_the_bundled_story_is_proven_and_every_state_can_finish() -> None:
    report = checked("bundled")
    assert report.proven and report.findings == ()
    exploration = report.exploration
    assert all(can_finish(report, i) for i in range(exploration.state_count))
    summary = report.summary()
    assert summary["scenes_reached"] == summary["scenes"] and summary["endings_reached"] == summary["endings"]


def test_a_soft_locked_story_is_not_proven_and_its_stuck_state_cannot_finish() -> None:
    report = checked("defect_dead_end")
    assert not report.proven and report.errors == 1
    exploration = report.exploration
    stuck = [i for i in range(exploration.state_count) if not can_finish(report, i)]
    assert [exploration.scene_of(i) for i in stuck] == ["hatch"]


def test_a_check_cut_short_proves_nothing() -> None:
    story = load_story(STORIES / "defect_explosion").story
    assert story is not None
    report = check_story(story, max_states=500)
    assert not report.complete and not report.proven
    assert [f.diagnostic.code for f in report.findings] == ["SG305"]
    with pytest.raises(ValueError, match="proves nothing"):
        can_finish(report, 0)
