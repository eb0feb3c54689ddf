"""YAML slips named in the writer's words, at the place they were typed."""

from __future__ import annotations

import pytest
import yaml

from game.engine.diagnostics import Diagnostic
from game.loader.yamlerrors import anchor_problem, comment_hint, syntax_problem
from game.loader.yamlread import editor_lines, parse_yaml


def problem(text: str) -> tuple[int, int, str]:
    lines = editor_lines(text)
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=yaml.SafeLoader)
    found = syntax_problem(caught.value, "f.yaml", lines)
    return found.line, found.col, found.message


def test_a_tab_in_the_indentation_is_named_at_the_tab() -> None:
    line, col, message = problem("a:\n  b: 1\n  \tc: 2\n")
    assert (line, col) == (3, 3)
    assert "a tab is used for indentation" in message


def test_a_hash_inside_braces_is_named_where_it_cut_the_line() -> None:
    line, col, message = problem("eve: {name: Eve, color: #e8a33d}\nryong: {name: Ryong}\n")
    assert (line, col) == (1, 25)
    assert "'#' starts a comment in YAML, so '#e8a33d'" in message


def test_a_quoted_hash_is_no_cause() -> None:
    _, _, message = problem('eve: {name: Eve, color: "#e8a33d"}\n  - x\n')
    assert "'#'" not in message


def test_other_slips_keep_pyyamls_place_and_a_hint() -> None:
    line, col, message = problem("- say: Wait: what?\n")
    assert (line, col) == (1, 12)
    assert message.startswith("YAML syntax: mapping values are not allowed") and "must be quoted" in message


def test_comment_hint_finds_the_comment_after_an_empty_value() -> None:
    assert comment_hint("  color: #e8a33d", 9) == (10, "#e8a33d")
    assert comment_hint("  color:", 9) is None
    assert comment_hint("  color: # to do", 9) is None  # a comment meant as one


def test_an_anchor_is_found_with_the_aliases_counted() -> None:
    found = anchor_problem("a: &x 1\nb: *x\nc: *x\n", "f.yaml", ("a: &x 1", "b: *x", "c: *x"))
    assert found is not None
    assert (found.code, found.line, found.col) == ("SG106", 1, 4)
    assert "'&x'" in found.message and "2 aliases" in found.message


def test_an_ampersand_in_text_is_no_anchor() -> None:
    assert anchor_problem("- say: Tom & Jerry\n", "f.yaml", ("- say: Tom & Jerry",)) is None


def test_a_tab_inside_a_block_of_text_is_not_blamed_for_a_slip_after_it() -> None:
    line, col, message = problem("a: |\n  text\n  \twith a tab\nb: {c: 1\n")
    assert "tab" not in message
    assert (line, col) == (4, 9) and message.startswith("YAML syntax: expected ',' or '}'")


def test_a_tab_is_blamed_in_a_salvaged_scene_only_when_it_is_the_slip() -> None:
    text = "- scene: a\n  text: |\n    one\n    \ttwo\n  go: [b\n- scene: b\n  \tending: x\n"
    problems: list[Diagnostic] = []
    parse_yaml(text.encode(), "f.yaml", problems)
    found = [(d.line, d.col, "tab" in d.message) for d in problems]
    assert found == [(6, 1, False), (7, 3, True)]
