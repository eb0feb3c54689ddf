"""Reading typed values out of YAML nodes, with the problems located."""

from __future__ import annotations

import yaml

from game.engine.diagnostics import Code, Diagnostic
from game.loader.fields import Reader
from game.loader.yamlread import _Loader


def node(text: str) -> yaml.Node:
    found = yaml.compose(text, Loader=_Loader)
    assert found is not None
    return found


def reader() -> Reader:
    return Reader("f.yaml", [], tuple())


def codes(r: Reader) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.col) for d in r.problems]


def test_text_is_kept_as_written_even_when_yaml_would_read_it_otherwise() -> None:
    r = reader()
    assert [r.text(node(t), "x") for t in ("yes", "12", "on", "'quoted'", "3.0")] == [
        "yes",
        "12",
        "on",
        "quoted",
        "3.0",
    ]
    assert r.problems == []


def test_empty_text_is_reported_unless_allowed() -> None:
    r = reader()
    assert r.text(node("key: ''").value[0][1], "a title") is None
    assert r.text(node("key: ''").value[0][1], "a title", allow_empty=True) == ""
    assert codes(r) == [("SG103", 1, 6)]


def test_numbers_and_booleans_are_checked() -> None:
    r = reader()
    assert r.integer(node("12"), "a weight") == 12
    assert r.integer(node("twelve"), "a weight") is None
    assert r.boolean(node("true"), "once") is True
    assert r.boolean(node("maybe"), "once") is None
    assert [d.message for d in r.problems] == [
        "a weight must be a whole number, not 'twelve'",
        "once must be true or false, not 'maybe'",
    ]


def test_mapping_reports_unknown_keys_with_a_suggestion_and_missing_required_ones() -> None:
    r = reader()
    entries = r.mapping(node("titel: X\nplace: Y\n"), "a scene", {"title", "place", "scene"}, {"scene"})
    assert entries is not None and set(entries) == {"place"}
    assert codes(r) == [("SG110", 1, 1), ("SG112", 1, 1)]
    assert "did you mean 'title'" in r.problems[0].message


def test_wrong_shape_names_what_was_found() -> None:
    r = reader()
    assert r.mapping(node("- a\n- b\n"), "a choice", {"go"}) is None
    assert r.problems == [
        Diagnostic.make(
            Code.WRONG_SHAPE,
            "f.yaml",
            1,
            1,
            "a choice must be a mapping (key: value lines), but it is a list ('- ' items)",
        )
    ]


def test_text_positions_point_past_quotes_and_into_blocks() -> None:
    r = Reader("f.yaml", [], ("say: |", "    Hello {x}"))
    block = node("say: |\n    Hello {x}\n").value[0][1]
    assert (r.text_pos(block).line, r.text_pos(block).col) == (2, 5)
    quoted = node('say: "Hi"').value[0][1]
    assert r.text_pos(quoted).col == 7
