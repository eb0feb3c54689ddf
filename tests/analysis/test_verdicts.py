"""Each planted defect under tests/stories/ is reported with the right code at the right place."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis import check_story
from game.analysis.check import CheckReport
from game.engine import available, view
from game.loader import load_story
from tests.conftest import STORIES
from tests.support import can_finish, replay


def check(name: str, max_states: int = 1_000_000) -> CheckReport:
    result = load_story(STORIES / name)
    assert result.story is not None, [str(d) for d in result.diagnostics]
    return check_story(result.story, max_states)


def located(report: CheckReport) -> list[tuple[str, str, int, int]]:
    return [
        (
            f.diagnostic.code,
            Path(f.diagnostic.file).relative_to(STORIES).as_posix(),
            f.diagnostic.line,
            f.diagnostic.col,
        )
        for f in report.findings
    ]


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        (
            "defect_unreachable_scene",
            [
                ("SG302", "defect_unreachable_scene/scenes.yaml", 11, 7),
                ("SG300", "defect_unreachable_scene/scenes.yaml", 17, 3),
            ],
        ),
        (
            "defect_unreachable_ending",
            [
                ("SG302", "defect_unreachable_ending/scenes.yaml", 11, 7),
                ("SG301", "defect_unreachable_ending/scenes.yaml", 17, 3),
            ],
        ),
        ("defect_softlock_flags", [("SG303", "defect_softlock_flags/scenes.yaml", 34, 3)]),
        ("defect_dead_choice", [("SG302", "defect_dead_choice/scenes.yaml", 10, 7)]),
        ("defect_overflow", [("SG304", "defect_overflow/scenes.yaml", 9, 12)]),
        ("defect_div_zero", [("SG306", "defect_div_zero/scenes.yaml", 12, 23)]),
    ],
)
def test_planted_defect_is_reported_at_its_place(story: str, expected: list[tuple[str, str, int, int]]) -> None:
    assert located(check(story)) == expected


def test_unreachable_scene_names_the_condition_that_blocks_it() -> None:
    message = check("defect_unreachable_scene").findings[1].diagnostic.message
    assert "'sealed_module' is never entered" in message
    assert "needs 'clearance >= 3', which never holds there" in message


def test_unreachable_ending_names_the_condition_and_the_nearest_place_its_way_in_is_missing() -> None:
    report = check("defect_unreachable_ending")
    finding = report.findings[1]
    assert "ending 'decorated' (Decorated hero) can never be reached" in finding.diagnostic.message
    assert "needs 'medals >= 2'" in finding.diagnostic.message
    assert finding.path is not None
    story = report.exploration.story
    state = replay(story, finding.path.numbers, finding.path.seed or 0)[-1]
    shown = view(story, state)
    assert shown.scene == "galley"
    assert "Ask for the ceremony" not in [c.text for c in shown.choices]


@pytest.mark.parametrize("story", ["defect_unreachable_scene", "defect_dead_choice", "defect_unreachable_ending"])
def test_absences_come_with_a_play_to_where_the_choice_is_missing(story: str) -> None:
    report = check(story)
    for finding in report.findings:
        assert finding.path is not None, finding.diagnostic
        state = replay(report.exploration.story, finding.path.numbers, finding.path.seed or 0)[-1]
        offered = [c.id for c in available(report.exploration.story, state)]
        if finding.diagnostic.code == "SG302":
            missing = next(
                c.id
                for scene in report.exploration.story.scenes.values()
                for c in scene.choices
                if c.pos.line == finding.diagnostic.line and c.pos.file == finding.diagnostic.file
            )
            assert missing not in offered


def test_dead_choice_is_a_warning_that_says_which_values_were_seen() -> None:
    report = check("defect_dead_choice")
    (finding,) = report.findings
    assert finding.diagnostic.severity == "warning"
    assert "fuel is only ever 0, 1" in finding.diagnostic.message
    assert report.errors == 0 and report.proven


def test_softlock_reached_only_through_a_combination_of_flags_has_the_shortest_path() -> None:
    (finding,) = check("defect_softlock_flags").findings
    assert finding.path is not None
    assert tuple(s.text for s in finding.path.steps) == (
        "Pocket the commander's badge",
        "Open the sample freezer",
        "Hurry on",
    )
    assert finding.path.numbers == (1, 1, 2)
    assert "badge = true, alarm = true" in finding.diagnostic.message


def test_state_explosion_stops_at_the_limit_and_says_what_was_covered() -> None:
    report = check("defect_explosion", max_states=5_000)
    assert report.exploration.state_count == 5_000
    assert not report.complete and not report.proven
    assert located(report) == [("SG305", "defect_explosion/story.yaml", 8, 3)]
    message = report.findings[0].diagnostic.message
    assert "limit of 5,000 states" in message and "NOT proven" in message
    assert "'stars' alone took" in message


def test_a_partial_check_reports_no_absences() -> None:
    report = check("defect_unreachable_scene", max_states=2)
    assert [f.diagnostic.code for f in report.findings] == ["SG305"]
    with pytest.raises(ValueError, match="incomplete"):
        can_finish(report, 0)


def test_minimal_story_is_proven() -> None:
    report = check("minimal")
    assert report.proven and report.findings == ()
    assert report.summary()["scenes_reached"] == 2


def test_softlock_names_each_shut_way_out_and_the_values_that_shut_it() -> None:
    """'codes' is still at its start value in the stuck state, and it is what keeps the override shut."""
    message = check("defect_softlock_flags").findings[0].diagnostic.message
    assert message.endswith(
        "the ways out are shut: 'Cycle the airlock' needs 'not (badge and alarm)' (alarm = true, badge = true), "
        "'Enter the override codes' needs 'codes' (codes = false)"
    )


def test_softlock_names_a_way_out_shut_in_another_scene_of_the_trap(tmp_path: Path) -> None:
    """Every choice of the hall is offered; the way out is shut at the door the hall leads to."""
    (tmp_path / "story.yaml").write_text(
        "id: trap\ntitle: Trap\nstart: cell\nvariables:\n  key: false\nendings:\n  out: Out\n", encoding="utf-8"
    )
    (tmp_path / "scenes.yaml").write_text(
        "- scene: cell\n  choices:\n"
        "    - {choice: Take the key, do: key = true, go: hall}\n"
        "    - {choice: Leave it, go: hall}\n"
        "- scene: hall\n  choices:\n    - {choice: Walk to the door, go: door}\n"
        "- scene: door\n  choices:\n"
        "    - {choice: Unlock it, if: key, go: outside}\n"
        "    - {choice: Back, go: hall}\n"
        "- scene: outside\n  ending: out\n",
        encoding="utf-8",
    )
    result = load_story(tmp_path)
    assert result.story is not None, [str(d) for d in result.diagnostics]
    messages = {f.diagnostic.message.split("'")[1]: f.diagnostic.message for f in check_story(result.story).findings}
    assert messages["hall"].endswith("the ways out are shut: 'Unlock it' in 'door' needs 'key' (key = false)")
    assert messages["door"].endswith("the ways out are shut: 'Unlock it' needs 'key' (key = false)")
