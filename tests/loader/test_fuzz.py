"""Mutated story files: the loader never raises, and every diagnostic is one line at a real place.

Each example takes one file of the bundled story or of a story under tests/stories/ (copies,
made once for the module), damages it the way editors, merges and careless hands do, loads
the story, and puts the file back.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.diagnostics import Diagnostic
from game.loader import load_story
from game.loader.yamlread import editor_lines
from tests.conftest import BUNDLED, STORIES

# Characters that have broken positions or messages before: control characters, the line
# breaks only YAML knows, a byte order mark, tabs, and YAML's own indicators.
AWKWARD = [
    "\t", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\r", "\r\n", "\ufeff",
    "\\", '"', "'", "[", "]", "{", "}", ": ", "- ", "# ", "&a ", "*a ", "!!str ", "|\n", ">-\n",
    "é", "日", "\U0001f680",
]  # fmt: skip
NEW_VALUES = ["[]", "{}", "[a, {b: c}]", "42", "-1", "true", "~", '""', "'x'", '"{x}"', "|\n  text", "x: y"]


@dataclass(frozen=True)
class Story:
    directory: Path
    files: tuple[Path, ...]


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> tuple[Story, ...]:
    base = tmp_path_factory.mktemp("fuzz")
    found = []
    for source in [BUNDLED, *sorted(p for p in STORIES.iterdir() if p.is_dir())]:
        target = base / source.name
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.md"))
        files = tuple(sorted(p for p in target.rglob("*.yaml") if p.is_file() and not p.is_symlink()))
        if files:
            found.append(Story(target, files))
    return tuple(found)


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with one mutation: a line deleted, duplicated or retyped, a cut, or an insertion."""
    lines = data.split(b"\n")
    kind = draw(st.sampled_from(["delete", "duplicate", "retype", "truncate", "bytes", "awkward"]))
    line = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        return b"\n".join(lines[:line] + lines[line + 1 :])
    if kind == "duplicate":
        return b"\n".join(lines[: line + 1] + lines[line:])
    if kind == "retype":
        key, colon, _ = lines[line].partition(b": ")
        value = draw(st.sampled_from(NEW_VALUES)).encode()
        lines[line] = key + colon + value if colon else lines[line] + b" " + value
        return b"\n".join(lines)
    at = draw(st.integers(0, len(data)))
    if kind == "truncate":
        return data[:at]
    if kind == "bytes":
        return data[:at] + draw(st.binary(min_size=1, max_size=6)) + data[at:]
    inserted = "".join(draw(st.lists(st.sampled_from(AWKWARD), min_size=1, max_size=3)))
    return data[:at] + inserted.encode() + data[at:]


def assert_in_place(diagnostic: Diagnostic) -> None:
    """One line of message, at a line and column that exist in the file it names."""
    assert len(diagnostic.message.splitlines()) == 1 and "\n" not in diagnostic.message, diagnostic
    str(diagnostic).encode("utf-8")
    path = Path(diagnostic.file)
    if not path.is_file():
        assert (diagnostic.line, diagnostic.col) == (1, 1), diagnostic
        return
    text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    lines = editor_lines(text)
    assert 1 <= diagnostic.line <= len(lines), diagnostic
    assert 1 <= diagnostic.col <= len(lines[diagnostic.line - 1]) + 1, diagnostic


@settings(max_examples=400)
@given(data=st.data())
def test_any_damaged_file_gives_located_one_line_diagnostics(stories: tuple[Story, ...], data: st.DataObject) -> None:
    story = data.draw(st.sampled_from(stories), label="story")
    path = data.draw(st.sampled_from(story.files), label="file")
    original = path.read_bytes()
    damaged = data.draw(mutations(original), label="damaged")
    path.write_bytes(damaged)
    try:
        result = load_story(story.directory)
        for diagnostic in result.diagnostics:
            assert_in_place(diagnostic)
    finally:
        path.write_bytes(original)


def test_the_undamaged_stories_pass_the_same_checks(stories: tuple[Story, ...]) -> None:
    for story in stories:
        for diagnostic in load_story(story.directory).diagnostics:
            assert_in_place(diagnostic)
