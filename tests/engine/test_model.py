"""The story model's own promises: domains, positions, the compiled-rules cache."""

from __future__ import annotations

from game.engine.model import BOOL, INT, SourcePos, ValueType, Variable
from game.loader import load_story
from tests.conftest import STORIES


def test_each_kind_of_variable_lists_its_whole_domain() -> None:
    assert Variable("f", BOOL, False).domain() == (False, True)
    assert Variable("n", INT, 0, -1, 2).domain() == (-1, 0, 1, 2)
    assert Variable("m", ValueType("enum", ("calm", "sick")), "calm").domain() == ("calm", "sick")


def test_positions_read_as_file_line_col_and_shift_along_the_line() -> None:
    pos = SourcePos("act1/a.yaml", 4, 9)
    assert str(pos) == "act1/a.yaml:4:9"
    assert pos.shifted(3) == SourcePos("act1/a.yaml", 4, 12)


def test_visit_slots_follow_the_caps() -> None:
    story = load_story(STORIES / "minimal").story
    assert story is not None
    assert dict(story.visit_slots) == {scene: i for i, scene in enumerate(story.visit_caps)}
