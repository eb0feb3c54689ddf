"""stars-gossip stats: counts taken from the model, route lengths from the checker."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from game.analysis import explore
from game.analysis.explore import Exploration
from game.analysis.stats import Road, count, depths, render, roads_to_endings, words_in
from game.cli import main
from game.loader import load_story
from tests.analysis.strategies import StorySpec, load_spec, searched_whole_and_cut, stories
from tests.loader.written import load_written

MANIFEST = (
    "id: s\ntitle: Stats\nstart: a\nplayer: ryong\n"
    "characters:\n  ryong: {name: Gong Ryong}\n  eve: {name: Eve Kim}\n"
    "variables:\n  n: {type: int, min: 0, max: 2}\n"
    "endings:\n  quick: Quick\n  slow: Slow\n  never: Never\n"
)
SCENES = """\
- scene: a
  text:
    - The hatch opens onto the galley.
    - eve: "Doctor. You're late."
    - "{if n > 0}Twice over{else}Once{end}, it's quiet."
  choices:
    - say: Sorry, Commander.
      go: b
    - choice: Drift straight to the end
      go: end_quick
- scene: b
  choices:
    - {choice: Wait, do: n += 1, go: c, if: n < 2}
    - {choice: Leave, go: end_slow}
- scene: c
  choices:
    - {choice: Back, go: b}
- scene: end_quick
  ending: quick
- scene: end_slow
  ending: slow
- scene: end_never
  ending: never
"""


def test_words_count_every_branch_of_a_template(tmp_path: Path) -> None:
    story = load_written(tmp_path, MANIFEST, SCENES)
    third = story.scenes["a"].beats[2].text
    assert words_in(third) == 5  # Twice over / Once / it's quiet


def test_counts_and_voices(tmp_path: Path) -> None:
    stats = count(load_written(tmp_path, MANIFEST, SCENES))
    assert (stats.scenes, stats.endings, stats.choices) == (6, 3, 5)
    assert (stats.narration_words, stats.dialogue_words) == (6 + 5, 3)
    assert [(v.name, v.lines, v.words) for v in stats.voices] == [("Eve Kim", 1, 3), ("Gong Ryong", 1, 2)]


def test_routes_give_the_fewest_and_the_median_choices_to_each_ending(tmp_path: Path) -> None:
    story = load_written(tmp_path, MANIFEST, SCENES)
    exploration = explore(story)
    depth = depths(exploration)
    found = sorted((exploration.scene_of(i), depth[i]) for i in range(exploration.state_count))
    # b and c once per value of n; n decides nothing at the ending, so end_slow is one state.
    assert found == [("a", 0), ("b", 1), ("b", 3), ("b", 5), ("c", 2), ("c", 4), ("end_quick", 1), ("end_slow", 2)]
    roads = {r.ending: (r.shortest, r.median, r.ways) for r in count(story, exploration).roads}
    # slow: leave at n=0 (2 choices), after one wait-and-back (4), after two (6).
    assert roads == {"quick": (1, 1, 1), "slow": (2, 4, 3), "never": (None, None, 0)}
    text = render(story, count(story, exploration))
    assert "Slow   shortest   2  median     4  (3 ways)" in text
    assert "Never  never reached" in text


def test_the_command_prints_text_and_json(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    load_written(tmp_path, MANIFEST, SCENES)
    assert main(["stats", str(tmp_path)]) == 0
    assert "Routes to each ending" in capsys.readouterr().out
    assert main(["stats", str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["scenes"], data["words"], data["roads"][1]["median"]) == (6, 14, 4)


def test_the_bundled_story_has_figures() -> None:
    result = load_story(Path(__file__).parents[2] / "scenes")
    assert result.story is not None
    stats = count(result.story, explore(result.story))
    assert stats.words > 3000 and all(r.shortest is not None for r in stats.roads)


def test_an_ending_at_the_start_is_reached_in_no_choices(tmp_path: Path) -> None:
    story = load_written(
        tmp_path, "id: s\ntitle: S\nstart: home\nendings:\n  home: Home\n", "- scene: home\n  ending: home\n"
    )
    roads = [(r.ending, r.shortest, r.median, r.ways) for r in count(story, explore(story)).roads]
    assert roads == [("home", 0, 0, 1)]


def roads_from_successors(exploration: Exploration) -> tuple[Road, ...]:
    """The roads as the definition reads: for each expanded state, the endings among the states
    its moves lead to (worked out again from the move table)."""
    story = exploration.story
    ending_of = {scene.id: scene.ending for scene in story.scenes.values() if scene.ending is not None}
    depth = depths(exploration)
    ends = {i: e for i in range(exploration.state_count) if (e := ending_of.get(exploration.scene_of(i)))}
    found: dict[str, list[int]] = {ending: [] for ending in story.endings}
    if 0 in ends:
        found[ends[0]].append(0)
    for state_id in range(exploration.expanded):
        for ending in {ends[j] for j in exploration.successors_of(state_id) if j in ends}:
            found[ending].append(depth[state_id] + 1)
    return tuple(
        Road(e, story.endings[e].title, min(w) if w else None, statistics.median(w) if w else None, len(w))
        for e, w in found.items()
    )


@given(stories(max_scenes=8, risky=True), st.floats(0, 1))
def test_roads_read_from_the_moves_kept_are_those_of_every_successor(spec: StorySpec, share: float) -> None:
    """Also when the search stops at a limit (a state left unexpanded leads nowhere yet)."""
    for exploration in searched_whole_and_cut(load_spec(spec), share):
        assert roads_to_endings(exploration) == roads_from_successors(exploration)
