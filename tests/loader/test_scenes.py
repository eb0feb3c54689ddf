"""Scene files: script lines, choices and their outcomes as the model sees them."""

from __future__ import annotations

from pathlib import Path

from game.engine.model import Story
from tests.loader.written import load_written

MANIFEST = """\
id: s
title: S
start: a
characters:
  eve: {name: Eve Kim}
variables:
  n: {type: int, min: 0, max: 3}
  flag: false
endings:
  done: Done
"""


def load(tmp_path: Path, scenes: str) -> Story:
    return load_written(tmp_path, MANIFEST, scenes + "- scene: z\n  ending: done\n")


def test_script_lines_narration_dialogue_and_conditions(tmp_path: Path) -> None:
    story = load(
        tmp_path,
        "- scene: a\n"
        "  title: T\n"
        "  place: P\n"
        "  enter: n += 1; flag = true\n"
        "  text:\n"
        "    - Narration.\n"
        "    - eve: A line.\n"
        "    - {if: flag, text: Only with the flag.}\n"
        "    - {if: n > 1, eve: Only later.}\n"
        "  choices:\n"
        "    - {choice: On, go: z}\n",
    )
    scene = story.scenes["a"]
    assert (scene.title, scene.place) == ("T", "P")
    assert [e.source for e in scene.on_enter] == ["n += 1", "flag = true"]
    assert [(b.speaker, b.text.source, b.condition.source if b.condition else None) for b in scene.beats] == [
        (None, "Narration.", None),
        ("eve", "A line.", None),
        (None, "Only with the flag.", "flag"),
        ("eve", "Only later.", "n > 1"),
    ]


def test_choices_merge_their_effects_into_every_outcome(tmp_path: Path) -> None:
    story = load(
        tmp_path,
        "- scene: a\n"
        "  choices:\n"
        "    - say: Hello.\n"
        "      id: hello\n"
        "      once: true\n"
        "      go: z\n"
        "    - choice: Gamble\n"
        "      if: not flag\n"
        "      do: flag = true\n"
        "      random:\n"
        "        - {weight: 3, go: z}\n"
        "        - {do: n += 1, go: a}\n",
    )
    hello, gamble = story.scenes["a"].choices
    assert (hello.id, hello.spoken, hello.once, hello.outcomes[0].target) == ("hello", True, True, "z")
    assert (gamble.id, gamble.spoken, gamble.condition.source if gamble.condition else None) == (
        "a#2",
        False,
        "not flag",
    )
    assert [(o.weight, [e.source for e in o.effects], o.target) for o in gamble.outcomes] == [
        (3, ["flag = true"], "z"),
        (1, ["flag = true", "n += 1"], "a"),
    ]


def test_ending_scene_keeps_its_ending_and_offers_no_choices(tmp_path: Path) -> None:
    story = load(tmp_path, "- scene: a\n  choices:\n    - {choice: On, go: z}\n")
    assert (story.scenes["z"].ending, story.scenes["z"].choices) == ("done", ())
