"""Hostile and malformed files become located diagnostics in bounded memory.

(How quickly is measured by tests/bench/bench_load.py: the suite never times anything.)
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from game.engine.diagnostics import Diagnostic
from game.loader.yamlread import MAX_DEPTH, MAX_FILE_BYTES, read_yaml


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
    assert [d.code for d in problems] == ["SG105"]


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
    assert (problems[0].line, problems[0].col) == (2, 10)
    assert "80 more" in problems[0].message
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
