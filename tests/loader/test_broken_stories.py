"""Every broken story under tests/stories/ reports exactly the codes its files announce.

A line that ends with ``# expect: SG131`` (several codes separated by spaces) must carry
those diagnostics, at that line, and no other line may carry any. Files that cannot hold
comments (the non-UTF-8 and binary cases) are listed in EXPECTED_ELSEWHERE.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from game.loader import load_story
from game.loader.yamlread import editor_lines
from tests.conftest import STORIES

EXPECT = re.compile(r"#\s*expect:\s*((?:SG\d{3}\s*)+)$")

BROKEN = ["broken_scenes", "broken_files", "broken_manifest", "broken_text", "no_manifest"]

EXPECTED_ELSEWHERE: dict[str, list[tuple[str, int, str]]] = {
    "broken_files": [
        ("bomb.yaml", 1, "SG106"),
        ("empty.yaml", 1, "SG102"),
        ("latin1.yaml", 2, "SG101"),
        ("mapping.yaml", 1, "SG103"),
        ("python_tag.yaml", 2, "SG107"),
        ("syntax.yaml", 2, "SG100"),
        ("tabs.yaml", 3, "SG100"),
    ],
    "no_manifest": [("story.yaml", 1, "SG109")],
}


def announced(directory: Path) -> Counter[tuple[str, int, str]]:
    expected: Counter[tuple[str, int, str]] = Counter()
    for path in sorted(directory.rglob("*.yaml")):
        try:
            # Lines as an editor numbers them (LF or CRLF), as diagnostics count them.
            lines = editor_lines(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(lines, start=1):
            match = EXPECT.search(line)
            if match:
                for code in match.group(1).split():
                    expected[(path.relative_to(directory).as_posix(), number, code)] += 1
    for file, line, code in EXPECTED_ELSEWHERE.get(directory.name, []):
        expected[(file, line, code)] += 1
    return expected


def reported(directory: Path) -> Counter[tuple[str, int, str]]:
    result = load_story(directory)
    found: Counter[tuple[str, int, str]] = Counter()
    for d in result.diagnostics:
        found[(Path(d.file).relative_to(directory).as_posix(), d.line, d.code)] += 1
    return found


@pytest.mark.parametrize("name", BROKEN)
def test_broken_story_reports_announced_codes_at_their_lines(name: str) -> None:
    directory = STORIES / name
    assert reported(directory) == announced(directory)


@pytest.mark.parametrize("name", BROKEN)
def test_broken_story_yields_no_story(name: str) -> None:
    assert load_story(STORIES / name).story is None


def test_every_broken_story_is_covered() -> None:
    on_disk = {p.name for p in STORIES.iterdir() if p.name.startswith(("broken_", "no_"))}
    assert on_disk == set(BROKEN)
