"""Playthrough transcripts: scripted routes through the bundled story, played in line mode.

Each tests/transcripts/*.yaml gives a seed, the choice numbers typed, the ending the route
must reach, and lines that must appear in the output in that order. A story edit that
breaks a route fails here with the output to compare.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from game.engine.model import Story
from game.loader import load_story
from game.plain import PlainGame
from tests.conftest import BUNDLED, ROOT

TRANSCRIPTS = sorted((ROOT / "tests" / "transcripts").glob("*.yaml"))


@pytest.fixture(scope="module")
def story() -> Story:
    result = load_story(BUNDLED)
    assert result.story is not None, "\n".join(str(d) for d in result.diagnostics)
    return result.story


def test_there_are_transcripts() -> None:
    assert len(TRANSCRIPTS) >= 3


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_transcript_route_still_plays(story: Story, path: Path) -> None:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    inputs = [str(n) for n in spec["inputs"]]
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for line in inputs:
            consumed += 1
            yield line + "\n"

    out = io.StringIO()
    status = PlainGame(story, out, echo_input=True).play(lines(), spec.get("seed", 0))
    text = out.getvalue()
    assert status == 0, text
    ending = story.endings[spec["ending"]]
    assert f"*** Ending: {ending.title} ***" in text, text
    assert consumed == len(inputs), f"the ending came after {consumed} of {len(inputs)} inputs:\n{text}"
    position = 0
    for expected in spec["expect"]:
        found = text.find(expected, position)
        assert found >= 0, f"{expected!r} not found (in order) in:\n{text}"
        position = found + len(expected)
