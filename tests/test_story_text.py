"""The bundled story's text and size: no placeholder anywhere, and the measurable minimum of
the full adventure (scenes, words, endings, and how long the way to each main ending is)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.analysis import CheckReport, check_story
from game.analysis.paths import moves_to
from game.engine.model import BOOL, ConditionalSpan, Literal_, Story, Template, Variable
from game.engine.schema import Schema
from game.engine.text import compile_template
from game.loader import load_story
from tests.conftest import BUNDLED

MAIN_ENDINGS = ("quiet", "disclosed", "exposed", "principle", "rival", "rescue", "stars", "heir")
"""The endings of the whole adventure (the prologue's early endings are not among them)."""

MIN_SCENES = 70
MIN_WORDS = 25_000
MIN_ENDINGS = 8
MIN_CHOICES_TO_MAIN_ENDING = 25

PLACEHOLDERS = (
    re.compile(r"\bTODO\b"),
    re.compile(r"\bTBD\b"),
    re.compile(r"\bFIXME\b"),
    re.compile(r"\bXXX+\b"),
    re.compile(r"lorem\s+ipsum", re.IGNORECASE),
    re.compile(r"placeholder", re.IGNORECASE),
)

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@pytest.fixture(scope="module")
def story() -> Story:
    result = load_story(BUNDLED)
    assert result.story is not None, "\n".join(str(d) for d in result.diagnostics)
    return result.story


@pytest.fixture(scope="module")
def report(story: Story) -> CheckReport:
    return check_story(story)


def literal_text(template: Template) -> list[str]:
    """Every piece of literal text a template can show, both sides of each ``{if}`` included."""
    found: list[str] = []
    for part in template.parts:
        if isinstance(part, Literal_):
            found.append(part.text)
        elif isinstance(part, ConditionalSpan):
            found += literal_text(part.then) + literal_text(part.otherwise)
    return found


def words(story: Story) -> int:
    """Words of narration, dialogue and choice labels, as a player can read them."""
    count = 0
    for scene in story.scenes.values():
        for beat in scene.beats:
            count += sum(len(WORD.findall(text)) for text in literal_text(beat.text))
        for choice in scene.choices:
            count += sum(len(WORD.findall(text)) for text in literal_text(choice.text))
    return count


def story_files() -> list[Path]:
    """The story itself: the manifest and every scene file (the writer's guide beside them is not story)."""
    return sorted(
        p for p in BUNDLED.rglob("*.yaml") if not any(part.startswith(".") for part in p.relative_to(BUNDLED).parts)
    )


def test_the_word_counter_reads_both_sides_of_a_condition_and_skips_inserted_values() -> None:
    flag = Variable("flag", BOOL, False)
    template = compile_template(
        "Eve's log {if flag}says yes{else}says no, twice{end} at {flag}.", Schema({"flag": (0, flag)})
    )
    assert isinstance(template, Template)
    assert sum(len(WORD.findall(text)) for text in literal_text(template)) == 8


@pytest.mark.parametrize("path", story_files(), ids=lambda p: str(p.relative_to(BUNDLED)))
def test_no_placeholder_text_in_the_story_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern in PLACEHOLDERS:
            assert not pattern.search(line), f"{path.relative_to(BUNDLED)}:{number}: placeholder text: {line.strip()}"


def test_no_empty_text_in_the_story(story: Story) -> None:
    empty: list[str] = []
    for scene in story.scenes.values():
        if not scene.title.strip():
            empty.append(f"{scene.pos}: scene '{scene.id}' has no title")
        if not scene.beats:
            empty.append(f"{scene.pos}: scene '{scene.id}' has no text")
        for beat in scene.beats:
            if not "".join(literal_text(beat.text)).strip() and beat.text.is_static:
                empty.append(f"{beat.pos}: an empty line in '{scene.id}'")
        for choice in scene.choices:
            if not "".join(literal_text(choice.text)).strip() and choice.text.is_static:
                empty.append(f"{choice.pos}: a choice with no label in '{scene.id}'")
    for ending in story.endings.values():
        if not ending.title.strip():
            empty.append(f"{ending.pos}: ending '{ending.id}' has no title")
    assert not empty, "\n".join(empty)


def test_at_least_70_scenes(story: Story) -> None:
    assert len(story.scenes) >= MIN_SCENES, f"{len(story.scenes)} scenes"


def test_at_least_25000_words_of_narration_dialogue_and_choices(story: Story) -> None:
    count = words(story)
    assert count >= MIN_WORDS, f"{count} words"


def test_at_least_8_endings_each_with_a_closing_scene_of_its_own(story: Story) -> None:
    assert len(story.endings) >= MIN_ENDINGS
    for ending in MAIN_ENDINGS:
        assert ending in story.endings, f"main ending '{ending}' is not declared"
        scenes = [s for s in story.scenes.values() if s.ending == ending]
        assert [s.id for s in scenes] == [f"endings.{ending}"], f"'{ending}' should close in endings.{ending} alone"


def test_the_whole_story_is_proven(report: CheckReport) -> None:
    problems = "\n".join(str(f.diagnostic) for f in report.findings)
    assert report.proven, problems or "the check did not finish"


@pytest.mark.parametrize("ending", MAIN_ENDINGS)
def test_the_shortest_route_to_each_main_ending_takes_at_least_25_choices(report: CheckReport, ending: str) -> None:
    exploration = report.exploration
    assert exploration.complete, "the check did not explore the whole story"
    scene = f"endings.{ending}"
    assert scene in exploration.first_in_scene, f"no play reaches {scene}"
    shortest = len(moves_to(exploration, exploration.first_in_scene[scene]))
    assert shortest >= MIN_CHOICES_TO_MAIN_ENDING, f"{scene} is reached in {shortest} choices"
