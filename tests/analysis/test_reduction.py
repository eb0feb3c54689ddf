"""The reduction keeps every verdict and needs no help from the writer.

Writers should not have to reset flags by hand to keep the check fast: a flag nobody reads
any more is set aside by the check itself. These tests hold the packed codec to the engine's
states, and the reduced search to the plain one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given, settings

from game.analysis import check_story, explore
from game.analysis.check import CheckReport
from game.analysis.packing import StatePacking
from game.engine import Story
from game.loader import load_story
from tests.analysis.strategies import StorySpec, load_spec, stories
from tests.conftest import BUNDLED, STORIES

# Every story that loads (the broken ones are the loader's fixtures and have no states).
EVERY_STORY = [
    p for p in [BUNDLED, *sorted(STORIES.iterdir())] if (p / "story.yaml").is_file() and load_story(p).story is not None
]

# The prologue's one-scene echoes, reset by hand so they never multiplied the states.
HAND_RESETS = {
    "prologue/02-ascent.yaml": ("  enter: cup_holder = false\n", ""),
    "prologue/04-station.yaml": ("enter: [hour += 1, shocked = false, eyes_shut = false]", "enter: hour += 1"),
}
LATER_RESETS = {
    "prologue/04-station.yaml": ("enter: [hour += 1, clutched = false, kept_quiet = false]", "enter: hour += 1"),
}


def loaded(directory: Path) -> Story | None:
    return load_story(directory).story


@pytest.mark.parametrize("directory", EVERY_STORY, ids=lambda p: p.name)
@pytest.mark.parametrize("reduce", [False, True])
def test_the_codec_round_trips_every_reachable_state(directory: Path, reduce: bool) -> None:
    story = loaded(directory)
    assert story is not None
    packing = StatePacking(story, reduce)
    exploration = explore(story, max_states=20_000, reduce=reduce)
    for packed in exploration.states:
        assert packing.canonical(packing.encode(packing.decode(packed))) == packed
        if not reduce:
            assert packing.encode(packing.decode(packed)) == packed


def prologue_alone(into: Path) -> Path:
    """The bundled story cut after Chapter 1 (the plain, unreduced search of the whole adventure
    would not fit the state limit): each later chapter's folder keeps one stub file, a corridor
    of pass-through scenes (one per folder, plus the scenes the manifest's status lines name)
    that ends in a fork to one stub scene per ending Chapter 1 does not reach itself."""
    copy = into / "scenes"
    shutil.copytree(BUNDLED, copy)
    folders = sorted(f.name for f in copy.iterdir() if f.is_dir() and f.name != "prologue")
    for name in folders:
        shutil.rmtree(copy / name)
    story = load_story(BUNDLED).story
    assert story is not None
    named = re.findall(r"visited\('([^']+)'\)", (copy / "story.yaml").read_text(encoding="utf-8"))
    corridor = ["day1.wake"] + [sid for sid in dict.fromkeys(named) if not sid.startswith("prologue.")]
    corridor += [f"{name}.stub" for name in folders if not any(sid.startswith(f"{name}.") for sid in corridor)]
    corridor.sort(key=lambda sid: (folders.index(sid.split(".")[0]), sid != "day1.wake"))
    reached = {scene.ending for scene in story.scenes.values() if scene.ending and scene.id.startswith("prologue.")}
    later = [name for name in story.endings if name not in reached]
    files: dict[str, list[str]] = {name: [] for name in folders}
    for here, there in zip(corridor, [*corridor[1:], None], strict=True):
        lines = files[here.split(".")[0]]
        lines += [f"- scene: {here}", "  text: The rest of the adventure.", "  choices:"]
        if there is not None:
            lines.append(f"    - {{choice: On, go: {there}}}")
        else:
            lines += [f"    - {{choice: {name}, go: {folders[-1]}.stub_{name}}}" for name in later]
    for name in later:
        files[folders[-1]] += [f"- scene: {folders[-1]}.stub_{name}", f"  ending: {name}", "  text: The end."]
    for name, lines in files.items():
        (copy / name).mkdir()
        (copy / name / "stub.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return copy


def test_without_its_hand_resets_the_prologue_checks_the_same_in_no_more_states(tmp_path: Path) -> None:
    kept_resets = prologue_alone(tmp_path / "kept")
    copy = prologue_alone(tmp_path / "unreset")
    for resets in (HAND_RESETS, LATER_RESETS):
        for name, (reset, kept) in resets.items():
            path = copy / name
            text = path.read_text(encoding="utf-8")
            assert reset in text, f"{name} no longer has '{reset}'"
            path.write_text(text.replace(reset, kept), encoding="utf-8")
    original, unreset = loaded(kept_resets), loaded(copy)
    assert original is not None and unreset is not None
    before, after = check_story(original), check_story(unreset)
    assert before.proven and after.proven
    assert after.exploration.state_count <= before.exploration.state_count
    plain = check_story(unreset, reduce=False)
    assert plain.proven and plain.exploration.state_count > after.exploration.state_count


def test_text_only_counters_are_set_aside_and_read_ones_are_kept() -> None:
    story = loaded(STORIES / "defect_explosion")
    assert story is not None
    kept = {story.variables[i].name for i in StatePacking(story).relevant_variables}
    assert kept == {"stars", "comets", "satellites"}  # the wish reads all three
    minimal = loaded(STORIES / "minimal")
    assert minimal is not None
    names = {minimal.variables[i].name for i in StatePacking(minimal).relevant_variables}
    assert "mood" not in names and {"trust", "has_card"} <= names


def test_a_value_copied_only_into_text_is_dead_once_nothing_else_reads_it(tmp_path: Path) -> None:
    """``note = key`` feeds only text: it does not keep ``key`` alive where no condition reads it."""
    (tmp_path / "story.yaml").write_text(
        "id: copy\ntitle: Copy\nstart: pick\nplayer: ryong\n"
        "characters:\n  ryong: {name: Gong Ryong, color: red}\n"
        "variables:\n  key: false\n  note: false\nendings:\n  home: Home\n",
        encoding="utf-8",
    )
    (tmp_path / "scenes.yaml").write_text(
        "- scene: pick\n  text: A key on the floor.\n  choices:\n"
        "    - {choice: Take it, do: key = true, go: door}\n"
        "    - {choice: Leave it, go: door}\n"
        "- scene: door\n  text: A door.\n  choices:\n"
        "    - {choice: Unlock it, if: key, go: after}\n"
        "    - {choice: Knock, go: after}\n"
        "- scene: after\n  text: Beyond the door.\n  choices:\n"
        "    - {choice: Note it down, do: note = key, go: hall}\n"
        "- scene: hall\n  text: '{if note}You had the key.{end}A hall.'\n  choices:\n"
        "    - {choice: Go home, go: home}\n"
        "- scene: home\n  ending: home\n  text: Home.\n",
        encoding="utf-8",
    )
    story = loaded(tmp_path)
    assert story is not None
    exploration = explore(story)
    in_scene = [exploration.scene_of(i) for i in range(exploration.state_count)]
    assert in_scene.count("door") == 2 and in_scene.count("after") == 1 and in_scene.count("hall") == 1
    assert check_story(story).proven


def overflow_story(directory: Path, variables: str, scenes: str) -> Story:
    (directory / "story.yaml").write_text(
        "id: held\ntitle: Held\nstart: a\nplayer: ryong\n"
        "characters:\n  ryong: {name: Gong Ryong, color: red}\n"
        f"variables:\n{variables}endings:\n  done: Done\n",
        encoding="utf-8",
    )
    (directory / "scenes.yaml").write_text(scenes + "- {scene: fin, ending: done, text: End.}\n", encoding="utf-8")
    story = loaded(directory)
    assert story is not None
    return story


def findings_of(story: Story, reduce: bool) -> list[tuple[str, int, tuple[int, ...] | None]]:
    report = check_story(story, reduce=reduce)
    return [
        (f.diagnostic.code, f.diagnostic.line, f.path.numbers if f.path is not None else None) for f in report.findings
    ]


def test_an_error_overflow_into_a_variable_nothing_reads_is_found_from_the_values_it_copies(tmp_path: Path) -> None:
    """``x = y + 2`` sets aside ``x`` (nothing reads it), but whether it overflows depends on ``y``."""
    story = overflow_story(
        tmp_path,
        "  y: {type: int, min: 0, max: 3, overflow: clamp}\n  x: {type: int, min: 0, max: 3}\n",
        "- scene: a\n  text: A.\n  choices:\n"
        "    - {choice: Inc, do: y += 1, go: a}\n"
        "    - {choice: Set, do: x = y + 2, go: a}\n"
        "    - {choice: End, go: fin}\n",
    )
    found = findings_of(story, reduce=True)
    assert [(code, numbers) for code, _, numbers in found] == [("SG304", (1, 1, 2))]  # Inc, Inc, Set
    assert found == findings_of(story, reduce=False)


def test_an_error_overflow_is_judged_on_the_value_it_copies_where_no_choice_reads_that_value(tmp_path: Path) -> None:
    """Scene ``b`` reads ``y`` only to copy it into ``x``: ``y`` is 0 there on every play, so nothing overflows."""
    story = overflow_story(
        tmp_path,
        "  y: {type: int, min: 0, max: 3, initial: 3}\n  x: {type: int, min: 0, max: 1}\n",
        "- {scene: a, text: A., choices: [{choice: Calm down, do: y = 0, go: b}]}\n"
        "- {scene: b, text: B., choices: [{choice: Set, do: x = y + 1, go: c}]}\n"
        "- {scene: c, text: C., choices: [{choice: Leave, if: y == 0, go: fin}]}\n",
    )
    assert findings_of(story, reduce=True) == findings_of(story, reduce=False) == []


@settings(max_examples=150)
@given(stories(max_scenes=6, max_bools=1, max_ints=2))
def test_the_reduced_check_finds_what_the_plain_one_finds_where_counters_copy_each_other(spec: StorySpec) -> None:
    """Stories whose counters are set from one another: an ``overflow: error`` counter nothing
    reads is set aside, yet whether it overflows depends on the one it copies."""
    story = load_spec(spec)
    plain, reduced = check_story(story, reduce=False), check_story(story)
    assume(plain.complete)

    def seen(report: CheckReport) -> list[tuple[str, int, int, int]]:
        return sorted(
            (f.diagnostic.code, f.diagnostic.line, f.diagnostic.col, len(f.path.steps) if f.path else -1)
            for f in report.findings
        )

    assert seen(reduced) == seen(plain)
