"""Hostile and malformed files become located diagnostics in bounded memory.

(How quickly is measured by tests/bench/bench_load.py: the suite never times anything.)
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
import yaml

from game.engine.diagnostics import Diagnostic
from game.loader.yamlread import MAX_DEPTH, MAX_FILE_BYTES, editor_lines, read_yaml


def read(tmp_path: Path, content: bytes | str) -> tuple[object, list[Diagnostic]]:
    path = tmp_path / "scene.yaml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    problems: list[Diagnostic] = []
    parsed = read_yaml(path, "scene.yaml", problems)
    return parsed.root, problems


def codes(problems: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.col) for d in problems]


def test_valid_file_has_a_root_and_no_problems(tmp_path: Path) -> None:
    root, problems = read(tmp_path, "- scene: a\n  ending: x\n")
    assert root is not None
    assert problems == []


def test_syntax_error_points_at_the_problem(tmp_path: Path) -> None:
    root, problems = read(tmp_path, "- scene: a\n  text: one: two\n")
    assert root is None
    assert codes(problems) == [("SG100", 2, 12)]
    assert "must be quoted" in problems[0].message


def test_non_utf8_byte_is_located(tmp_path: Path) -> None:
    _, problems = read(tmp_path, b"- scene: a\n  text: caf\xe9\n")
    assert codes(problems) == [("SG101", 2, 12)]


def test_empty_and_comment_only_files_are_reported(tmp_path: Path) -> None:
    for content in ("", "   \n\n", "# only a comment\n"):
        _, problems = read(tmp_path, content)
        assert [d.code for d in problems] == ["SG102"]


def test_file_over_the_size_limit_is_refused_without_parsing(tmp_path: Path) -> None:
    line = "- scene: a\n  text: " + "x" * 1000 + "\n"
    content = line * (10 * 1024 * 1024 // len(line) + 1)
    assert len(content) > MAX_FILE_BYTES
    root, problems = read(tmp_path, content)
    assert root is None
    assert codes(problems) == [("SG104", 1, 1)]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    depth = 10_000
    root, problems = read(tmp_path, "[" * depth + "]" * depth)
    assert root is None
    assert codes(problems) == [("SG105", 1, MAX_DEPTH + 1)]


def test_nesting_within_the_limit_is_accepted(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 2
    root, problems = read(tmp_path, "[" * depth + "]" * depth)
    assert root is not None
    assert problems == []


def test_billion_laughs_is_refused_quickly_in_bounded_memory(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    tracemalloc.start()
    root, problems = read(tmp_path, "\n".join(lines) + "\n")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert root is None
    assert [d.code for d in problems] == ["SG106"]
    assert (problems[0].line, problems[0].col) == (1, 5)  # the first anchor: refused itself
    assert "'&a0'" in problems[0].message and "81 aliases" in problems[0].message
    assert peak < 20 * 1024 * 1024


def test_python_object_tags_are_refused_and_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    root, problems = read(tmp_path, f'- scene: a\n  text: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert root is None
    assert codes(problems) == [("SG107", 2, 9)]
    assert not marker.exists()


def test_custom_tags_are_refused(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "- scene: !include other.yaml\n")
    assert codes(problems) == [("SG107", 1, 10)]


def test_duplicate_key_is_reported_at_the_second_key_and_the_file_still_read(tmp_path: Path) -> None:
    root, problems = read(tmp_path, "- scene: a\n  go: b\n  go: c\n")
    assert root is not None
    assert codes(problems) == [("SG108", 3, 3)]
    assert "first on line 2" in problems[0].message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    root, problems = read(tmp_path, "\ufeff- scene: a\n  ending: x\n".encode())
    assert root is not None
    assert problems == []


def test_deep_nesting_is_refused_where_the_limit_is_crossed(tmp_path: Path) -> None:
    # A flow that closes, one that never does, one per line, and block nesting: each is
    # refused at the collection that is one level too deep, however libyaml reads ahead.
    flow = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert codes(read(tmp_path, flow)[1]) == [("SG105", 1, MAX_DEPTH + 1)]
    assert codes(read(tmp_path, "[" * 100_000)[1]) == [("SG105", 1, MAX_DEPTH + 1)]
    assert codes(read(tmp_path, "[\n" * 5_000)[1]) == [("SG105", MAX_DEPTH + 1, 1)]
    block = "".join(" " * level + "a:\n" for level in range(200)) + " " * 200 + "b\n"
    assert codes(read(tmp_path, block)[1]) == [("SG105", MAX_DEPTH + 1, MAX_DEPTH + 1)]
    assert codes(read(tmp_path, "- " * 2_000 + "x\n")[1]) == [("SG105", 1, 2 * MAX_DEPTH + 1)]


def test_nesting_at_the_limit_is_accepted_in_every_shape(tmp_path: Path) -> None:
    quoted = '["[", ' * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1)  # brackets in quotes look deeper
    for content in ("[" * MAX_DEPTH + "]" * MAX_DEPTH, quoted, "".join(" " * n + "a:\n" for n in range(MAX_DEPTH))):
        root, problems = read(tmp_path, content)
        assert problems == []
        assert root is not None


def test_text_with_many_brackets_is_not_mistaken_for_nesting(tmp_path: Path) -> None:
    line = '- say: "{if met}[whispers] {name}{end}"\n  go: a\n'
    root, problems = read(
        tmp_path, "- scene: a\n  choices:\n" + "".join("  " + ln for ln in (line * 400).splitlines(True))
    )
    assert problems == []
    assert root is not None


def test_recursion_in_the_composer_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def too_deep(*args: object, **kwargs: object) -> None:
        raise RecursionError

    monkeypatch.setattr(yaml, "compose", too_deep)
    root, problems = read(tmp_path, "- scene: a\n")
    assert root is None
    assert codes(problems) == [("SG105", 1, 1)]


def test_control_character_is_located_in_one_line(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "- scene: a\n  text: Bell\x07 rings\n  ending: x\n")
    assert codes(problems) == [("SG100", 2, 13)]
    assert problems[0].message == "control character U+0007 is not allowed in a story file; remove it"


def test_line_separators_and_a_lone_cr_are_refused_where_an_editor_shows_them(tmp_path: Path) -> None:
    for char, named in (("\u2028", "U+2028"), ("\u2029", "U+2029"), ("\x85", "U+0085"), ("\r", "carriage return")):
        text = f"- scene: a\n  ending: x\n  text: one{char}two\n  title: T{char}U\n"
        _, problems = read(tmp_path, text)
        assert codes(problems) == [("SG100", 3, 12)], char
        assert named in problems[0].message
        assert "(1 more such character in this file)" in problems[0].message


def test_crlf_line_endings_are_ordinary_lines(tmp_path: Path) -> None:
    path = tmp_path / "scene.yaml"
    path.write_bytes(b"- scene: a\r\n  text: one: two\r\n")
    problems: list[Diagnostic] = []
    parsed = read_yaml(path, "scene.yaml", problems)
    assert codes(problems) == [("SG100", 2, 12)]
    assert parsed.lines == ("- scene: a", "  text: one: two")


def test_lines_are_split_as_an_editor_splits_them() -> None:
    assert editor_lines("a\r\nb\n") == ("a", "b")
    assert editor_lines("a\n\n") == ("a", "")
    assert editor_lines("a\x0cb\x1cc\u00a0") == ("a\x0cb\x1cc\u00a0",)
    assert editor_lines("") == ("",)


def test_non_utf8_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "- scene: a\n  text: 日本語 café".encode() + b"\xff\n")
    assert codes(problems) == [("SG101", 2, 17)]
    _, problems = read(tmp_path, "\ufeffé".encode() + b"\xff")
    assert codes(problems) == [("SG101", 1, 2)]


def test_errors_at_the_end_of_the_file_point_at_its_last_line(tmp_path: Path) -> None:
    assert codes(read(tmp_path, "- scene: [a\n")[1]) == [("SG100", 1, 12)]
    # An unclosed quote is reported where it opens, not where the file ends.
    assert codes(read(tmp_path, '- scene: a\n  text: "open\n\n')[1]) == [("SG100", 2, 9)]
    assert codes(read(tmp_path, '- scene: a\n  text: "open')[1]) == [("SG100", 2, 9)]


def test_messages_quoting_the_file_stay_on_one_line(tmp_path: Path) -> None:
    _, problems = read(tmp_path, '"a\\nb": 1\n"a\\nb": 2\n')
    assert codes(problems) == [("SG108", 2, 1)]
    assert "'a\\nb' appears twice" in problems[0].message
    assert all("\n" not in d.message for d in problems)
