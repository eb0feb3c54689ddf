"""Places inside texts written over several lines: every column on the line it was written on."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from game.engine.model import SourcePos
from game.loader import load_story
from game.loader.fields import Reader
from game.loader.yamlread import _Loader, editor_lines
from tests.conftest import BUNDLED, STORIES


def places(text: str) -> list[tuple[str, int, int]]:
    """Each character of the value of the file's first key, with where it is said to be written."""
    lines = editor_lines(text)
    root = yaml.compose(text, Loader=_Loader)
    assert isinstance(root, yaml.MappingNode)
    start = Reader("f.yaml", [], lines).text_pos(root.value[0][1])
    return [
        (char, pos.line, pos.col) for char, pos in ((c, start.shifted(i)) for i, c in enumerate(root.value[0][1].value))
    ]


def written(text: str, found: list[tuple[str, int, int]]) -> list[str]:
    """The characters of the file at the places found (a place just past a line's end reads '$')."""
    lines = editor_lines(text)
    return [lines[line - 1][col - 1] if col <= len(lines[line - 1]) else "$" for _, line, col in found]


def test_folded_plain_text_keeps_each_word_on_its_line() -> None:
    text = "a: one\n  two\n\n  three\n"
    found = places(text)
    assert [(c, ln, col) for c, ln, col in found if c != " " and c != "\n"] == [
        ("o", 1, 4), ("n", 1, 5), ("e", 1, 6),
        ("t", 2, 3), ("w", 2, 4), ("o", 2, 5),
        ("t", 4, 3), ("h", 4, 4), ("r", 4, 5), ("e", 4, 6), ("e", 4, 7),
    ]  # fmt: skip
    assert ("\n", 2, 6) in found  # the blank line's newline sits just past the end of line 2


def test_quoted_text_with_escapes_and_folds() -> None:
    text = 'a: "x \\t y\n   z \\\n  q\\x41b"\n'
    found = places(text)
    letters = [(c, written_char) for (c, _, _), written_char in zip(found, written(text, found), strict=True)]
    assert [pair for pair in letters if pair[0] in "xyzqb"] == [
        ("x", "x"),
        ("y", "y"),
        ("z", "z"),
        ("q", "q"),
        ("b", "b"),
    ]
    assert ("\t", 1, 7) in found and ("A", 3, 4) in found  # escapes sit on their backslash


def test_single_quoted_doubled_quotes() -> None:
    text = "a: 'it''s\n  ok'\n"
    assert places(text) == [("i", 1, 5), ("t", 1, 6), ("'", 1, 7), ("s", 1, 9), (" ", 1, 10), ("o", 2, 3), ("k", 2, 4)]


def test_literal_and_folded_blocks_follow_their_lines() -> None:
    for indicator in ("|", ">-", "|+"):
        text = f"a: {indicator}\n  one\n    two\n\n  three\n"
        found = places(text)
        chars = [c for c, _, _ in found]
        assert [w for (c, _, _), w in zip(found, written(text, found), strict=True) if c.isalpha()] == [
            c for c in chars if c.isalpha()
        ]


def test_columns_never_pass_the_end_of_a_line() -> None:
    text = "a: >\n  short\n  x\n"
    lines = editor_lines(text)
    root = yaml.compose(text, Loader=_Loader)
    assert isinstance(root, yaml.MappingNode)
    start = Reader("f.yaml", [], lines).text_pos(root.value[0][1])
    for offset in range(40):
        pos = start.shifted(offset)
        assert 1 <= pos.col <= len(lines[pos.line - 1]) + 1


def test_positions_compare_by_place_alone() -> None:
    mapped = SourcePos("f.yaml", 2, 3, ((0, 2, 3, 10), (5, 3, 1, 8)))
    assert mapped == SourcePos("f.yaml", 2, 3)
    assert hash(mapped) == hash(SourcePos("f.yaml", 2, 3))
    assert str(mapped.shifted(6)) == "f.yaml:3:2"
    assert mapped.shifted(2).shifted(4) == mapped.shifted(6)
    assert SourcePos("f.yaml", 1, 4).shifted(3) == SourcePos("f.yaml", 1, 7)


def test_broken_text_fixture_reports_exact_columns() -> None:
    found = {(Path(d.file).name, d.line, d.col, d.code) for d in load_story(STORIES / "broken_text").diagnostics}
    assert {
        ("folded.yaml", 5, 13, "SG141"),
        ("folded.yaml", 9, 24, "SG141"),
        ("folded.yaml", 11, 19, "SG141"),
        ("crlf.yaml", 3, 11, "SG141"),
        ("separator.yaml", 3, 17, "SG100"),
        ("control.yaml", 3, 13, "SG100"),
        ("lone_cr.yaml", 3, 12, "SG100"),
        ("deep.yaml", 3, 55, "SG105"),
        ("eof.yaml", 3, 35, "SG100"),
    } == found


def test_a_token_broken_in_the_bundled_storys_multi_line_text_is_located(tmp_path: Path) -> None:
    story = tmp_path / "scenes"
    shutil.copytree(BUNDLED, story)
    assert load_story(story).story is not None
    ascent = story / "prologue" / "02-ascent.yaml"
    text = ascent.read_text(encoding="utf-8")
    assert "{hour} hours since" in text and "    - if: weather_hold and cold_packs\n" in text
    text = text.replace("{hour} hours since", "{hoour} hours since")
    # The same condition written over two lines, with a misspelt variable on the second.
    text = text.replace("    - if: weather_hold and cold_packs\n", "    - if: weather_hold\n        and cold_pakcs\n")
    ascent.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    expected = set()
    for token in ("hoour", "cold_pakcs"):
        (number,) = [n for n, line in enumerate(lines, start=1) if token in line]
        expected.add((number, lines[number - 1].index(token) + 1))
    found = [(d.line, d.col) for d in load_story(story).diagnostics if d.file.endswith("02-ascent.yaml")]
    assert set(found) == expected and len(found) == 2
    for line, col in found:
        assert col <= len(lines[line - 1])
