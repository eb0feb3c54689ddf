"""A scene file with a YAML slip is cut at its top-level items: the others are still read, at their true lines."""

from __future__ import annotations

import yaml

from game.engine.diagnostics import Diagnostic
from game.loader.salvage import item_starts, salvage, unread_text
from game.loader.yamlread import editor_lines, parse_yaml

GOOD_THEN_BROKEN = """\
# Act one
- scene: a
  ending: done

- scene: b
  text: Wait: what?
  ending: lost
- scene: c
  text: Fine.
"""


def compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def test_item_starts_are_the_lines_of_top_level_items() -> None:
    assert item_starts(editor_lines(GOOD_THEN_BROKEN)) == [1, 4, 7]


def test_a_file_not_written_as_a_list_is_not_cut() -> None:
    assert item_starts(editor_lines("scene: a\nending: done\n")) is None
    assert item_starts(editor_lines("- scene: a\n---\n- scene: b\n")) is None
    assert item_starts(editor_lines("# only a comment\n")) is None


def test_the_items_that_compose_are_kept_at_their_true_lines() -> None:
    found = salvage(editor_lines(GOOD_THEN_BROKEN), "s.yaml", compose)
    assert found is not None and found.root is not None
    ids = [(item.value[0][1].value, item.start_mark.line + 1) for item in found.root.value]
    assert ids == [("a", 2), ("c", 8)]
    assert [(d.code, d.line, d.col) for d in found.problems] == [("SG100", 6, 13)]


def test_what_a_broken_item_names_is_kept() -> None:
    found = salvage(editor_lines(GOOD_THEN_BROKEN), "s.yaml", compose)
    assert found is not None
    assert found.unread == (("b",), ("lost",), False)


def test_nothing_is_salvaged_when_every_item_composes() -> None:
    assert salvage(editor_lines("- scene: a\n- scene: b\n"), "s.yaml", compose) is None


def test_unreadable_text_without_an_id_may_name_anything() -> None:
    assert unread_text("- scene: x\n  ending: out\n") == (("x",), ("out",), False)
    assert unread_text("\x00\x01 garbage") == ((), (), True)


def test_an_anchor_in_a_salvaged_item_is_refused_at_its_place_by_the_loaders_own_path() -> None:
    text = "- scene: a\n  text: &t Hello\n  ending: done\n- scene: b\n  text: Wait: what?\n  ending: lost\n"
    problems: list[Diagnostic] = []
    found = parse_yaml(text.encode(), "s.yaml", problems)
    assert [(d.code, d.line, d.col) for d in problems] == [("SG106", 2, 9), ("SG100", 5, 13)]
    assert found.root is None and found.unread == (("a", "b"), ("done", "lost"), False)
