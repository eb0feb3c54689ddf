"""The story map: the outline writers read, and diagrams other tools draw."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from game.analysis import explore
from game.analysis.storymap import dot_map, mermaid_map, reach_of, scene_order, text_map
from game.engine.model import Story
from game.loader import load_story
from tests.conftest import STORIES


def story_of(name: str) -> Story:
    story = load_story(STORIES / name).story
    assert story is not None
    return story


def test_scenes_are_listed_in_reading_order_from_the_start() -> None:
    assert scene_order(story_of("defect_unreachable_scene")) == ["corridor", "sealed_module", "dock"]


def test_text_map_lists_choices_targets_and_what_no_play_reaches() -> None:
    story = story_of("defect_unreachable_scene")
    shown = text_map(story, reach_of(explore(story)))
    assert shown.splitlines() == [
        "The Sealed Module: 3 scenes, 1 ending",
        "",
        "corridor  Corridor  [start; depth 0]",
        "  1. “May I have a badge, Commander?”  [once]  -> corridor",
        "  2. Open the sealed hatch  [if clearance >= 3; NEVER OFFERED]  -> sealed_module",
        "  3. Go back to the dock  -> dock",
        "",
        "sealed_module  The sealed module  [NEVER REACHED]",
        "  1. Leave  -> dock",
        "",
        "dock  [ending: Back at the dock; depth 1]",
    ]


def test_random_choices_show_each_outcome_with_its_chance() -> None:
    assert "  3. Flip a coin  -> hatch (1/2) | home (1/2)" in text_map(story_of("minimal")).splitlines()


def test_diagrams_escape_writer_text() -> None:
    story = story_of("minimal")
    mermaid = mermaid_map(story)
    assert mermaid.startswith("flowchart TD\n")
    assert '["The hatch<br/>hatch"]' in mermaid
    assert '"“Hello, Commander.”"' in mermaid
    dot = dot_map(story)
    assert dot.startswith('digraph "A Minimal Orbit" {') and dot.rstrip().endswith("}")
    assert '"hatch" -> "home" [label="Leave", style=dashed];' in dot


def test_mermaid_and_dot_labels_cannot_break_out_of_their_quotes() -> None:
    story = story_of("minimal")
    hostile = '"] --> x[evil] "\\'  # ends in one backslash
    renamed = replace(story, scenes={k: replace(v, title=hostile) for k, v in story.scenes.items()})
    assert r'["#34;#93; --#62; x#91;evil#93; #34;\<br/>hatch"]' in mermaid_map(renamed)
    assert r'[label="\"] --> x[evil] \"\\\nhatch"' in dot_map(renamed)


def test_line_breaks_in_writer_text_stay_on_one_line_of_every_map() -> None:
    story = story_of("minimal")
    broken = replace(story, scenes={k: replace(v, title="Two\nlines") for k, v in story.scenes.items()})
    assert "hatch  Two lines — Node 1" in text_map(broken)
    assert "Two lines<br/>hatch" in mermaid_map(broken)
    assert 'label="Two lines\\nhatch"' in dot_map(broken)


def test_a_map_cut_short_by_the_state_limit_says_so() -> None:
    story = story_of("defect_explosion")
    reach = reach_of(explore(story, max_states=200))
    assert not reach.complete
    assert text_map(story, reach).splitlines()[1].startswith("(the search stopped at its state limit")
    assert "%% the search stopped" in mermaid_map(story, reach)
    assert "// the search stopped" in dot_map(story, reach)


def test_text_map_with_effects_shows_what_each_way_changes() -> None:
    story = story_of("minimal")
    lines = text_map(story, reach_of(explore(story)), effects=True).splitlines()
    assert lines[3:7] == [
        "  1. “Hello, Commander.”  [once]  -> hatch {trust += 1}",
        "  2. Take the card  [if not has_card]  -> hatch {has_card = true; mood = 'queasy'}",
        "  3. Flip a coin  -> hatch (1/2) | home (1/2)",
        "  4. Leave  [if has_card and trust >= 1]  -> home",
    ]
    assert "{" not in text_map(story, reach_of(explore(story)))


def test_text_map_with_effects_shows_each_outcome_and_scene_entry(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(
        "id: s\ntitle: S\nstart: a\nvariables:\n  n: {type: int, min: 0, max: 3, overflow: clamp}\n"
        "endings:\n  end: End\n",
        encoding="utf-8",
    )
    (tmp_path / "scenes.yaml").write_text(
        "- scene: a\n  enter: n += 1\n  text: A.\n  choices:\n"
        "    - choice: Toss\n      random:\n        - {do: n = 0, go: a}\n        - {go: b}\n"
        "- scene: b\n  ending: end\n  text: B.\n",
        encoding="utf-8",
    )
    story = load_story(tmp_path).story
    assert story is not None
    lines = text_map(story, None, effects=True).splitlines()
    assert lines[2:5] == ["a  [start]", "  on entering: {n += 1}", "  1. Toss  -> a (1/2) {n = 0} | b (1/2)"]


def test_diagrams_with_effects_put_them_on_a_second_line_of_the_label() -> None:
    story = story_of("minimal")
    mermaid = mermaid_map(story, None, effects=True)
    assert '    s0 -->|"“Hello, Commander.”<br/>trust += 1"| s0' in mermaid.splitlines()
    assert "Flip a coin<br/>" not in mermaid
    dot = dot_map(story, None, effects=True)
    assert '    "hatch" -> "hatch" [label="Take the card\\nhas_card = true; mood = \'queasy\'", style=dashed];' in dot
