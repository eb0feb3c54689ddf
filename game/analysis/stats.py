"""A story's figures for its writers: size, voices, and how long the roads to its endings are.

Words are counted in what the player reads: narration and spoken lines (every branch of
their conditional spans) and, separately, choice labels. Route lengths come from the
checker's exploration (one semantics): a state in an ending's scene is a way that ending can
be reached, and the depth of a state in the breadth-first search is the fewest choices that
reach it. Each distinct state an ending is entered from is one way to it, ``depth + 1``
choices long: ``shortest`` is the least of those, ``median`` the median over all its ways,
which says how long a typical road to it is rather than the quickest.
"""

from __future__ import annotations

import re
import statistics
from array import array
from collections import Counter
from dataclasses import dataclass, field

from game.analysis.explore import Exploration
from game.engine import Story
from game.engine.model import ConditionalSpan, Literal_, Template
from game.engine.wording import plural

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def words_in(template: Template) -> int:
    """The words a template can show, counting every branch of its ``{if}`` spans."""
    count = 0
    pending = [template]
    while pending:
        for part in pending.pop().parts:
            if isinstance(part, Literal_):
                count += len(_WORD.findall(part.text))
            elif isinstance(part, ConditionalSpan):
                pending.extend((part.then, part.otherwise))
    return count


@dataclass(frozen=True, slots=True)
class Voice:
    """One speaker's share: how many lines they have and how many words are in them."""

    name: str
    lines: int
    words: int


@dataclass(frozen=True, slots=True)
class Road:
    """The routes to one ending: the fewest choices, the median over its ways, how many ways."""

    ending: str
    title: str
    shortest: int | None
    median: float | None
    ways: int


@dataclass(frozen=True, slots=True)
class StoryStats:
    scenes: int
    endings: int
    choices: int
    narration_words: int
    dialogue_words: int
    choice_words: int
    voices: tuple[Voice, ...]
    roads: tuple[Road, ...] = field(default=())
    complete: bool = True
    """Whether the exploration behind ``roads`` reached every state (else the figures are partial)."""

    @property
    def words(self) -> int:
        """Narration and dialogue: what the story tells, not counting the choices' labels."""
        return self.narration_words + self.dialogue_words


def count(story: Story, exploration: Exploration | None = None) -> StoryStats:
    """The figures of ``story``; route lengths only when an exploration of it is given."""
    narration = dialogue = labels = choices = 0
    lines: Counter[str] = Counter()
    spoken: Counter[str] = Counter()
    for scene in story.scenes.values():
        for beat in scene.beats:
            words = words_in(beat.text)
            if beat.speaker is None:
                narration += words
            else:
                dialogue += words
                lines[beat.speaker] += 1
                spoken[beat.speaker] += words
        for choice in scene.choices:
            choices += 1
            labels += words_in(choice.text)
            if choice.spoken and story.player is not None:
                lines[story.player] += 1
                spoken[story.player] += words_in(choice.text)
    voices = tuple(
        Voice(story.characters[s].name if s in story.characters else s, lines[s], spoken[s])
        for s in sorted(lines, key=lambda s: (-spoken[s], s))
    )
    roads = roads_to_endings(exploration) if exploration is not None else ()
    return StoryStats(
        scenes=len(story.scenes),
        endings=len(story.endings),
        choices=choices,
        narration_words=narration,
        dialogue_words=dialogue,
        choice_words=labels,
        voices=voices,
        roads=roads,
        complete=exploration.complete if exploration is not None else True,
    )


def depths(exploration: Exploration) -> array[int]:
    """The fewest choices to each state: its depth in the breadth-first search (a parent is
    always found before its children, so one pass in id order suffices)."""
    parent = exploration.parent
    depth = array("q", [0]) * len(parent)
    for i in range(1, len(parent)):
        depth[i] = depth[parent[i]] + 1 if parent[i] >= 0 else 0
    return depth


def roads_to_endings(exploration: Exploration) -> tuple[Road, ...]:
    """For each declared ending, the fewest choices to it and the median over its ways: each
    distinct state the ending is entered from is one way, ``depth + 1`` choices long; a story
    that starts at an ending reaches it in no choices, one way more (as ``check`` counts it).

    The states an ending is entered from are read where the search keeps the moves into each
    state (its parent, its link slots and the further links), so no state's successors are
    worked out again."""
    story = exploration.story
    ending_of = {scene.id: scene.ending for scene in story.scenes.values() if scene.ending is not None}
    depth = depths(exploration)
    expanded, count = exploration.expanded, exploration.state_count
    # The states in ending scenes: those the search expanded, which it noted, and any it left unexpanded.
    ends: dict[int, str] = {i: ending_of[exploration.scene_of(i)] for i in exploration.ending_states}
    for i in range(expanded, count):
        ending = ending_of.get(exploration.scene_of(i))
        if ending is not None:
            ends[i] = ending
    sources: dict[str, set[int]] = {ending: set() for ending in story.endings}
    parent, first, second = exploration.parent, exploration.first_link, exploration.second_link
    for target, ending in ends.items():
        for source in (parent[target], first[target], second[target]):
            if 0 <= source < expanded:  # not the start's parent, an empty slot or a move the limit broke off
                sources[ending].add(source)
    further = exploration.further
    for target, ending in ends.items():
        sources[ending].update(further.get(target, ()))
    found = {ending: [depth[source] + 1 for source in sorted(states)] for ending, states in sources.items()}
    if 0 in ends:
        found[ends[0]].append(0)
    return tuple(
        Road(
            ending,
            story.endings[ending].title,
            min(ways) if ways else None,
            statistics.median(ways) if ways else None,
            len(ways),
        )
        for ending, ways in found.items()
    )


def render(story: Story, stats: StoryStats) -> str:
    """The figures as a writer reads them in a terminal."""
    out = [
        f"{story.title}",
        f"  scenes    {stats.scenes:>8,}",
        f"  endings   {stats.endings:>8,}",
        f"  choices   {stats.choices:>8,}",
        f"  words     {stats.words:>8,}  ({stats.narration_words:,} narration, {stats.dialogue_words:,} dialogue;"
        f" {stats.choice_words:,} more in choices)",
        "",
        "Lines per character (spoken choices count as the player's lines):",
    ]
    width = max((len(v.name) for v in stats.voices), default=0)
    out += [f"  {v.name:<{width}}  {v.lines:>5,} lines  {v.words:>7,} words" for v in stats.voices]
    if stats.roads:
        out += ["", "Routes to each ending (choices: fewest, and median over its ways):"]
        width = max(len(r.title) for r in stats.roads)
        for road in stats.roads:
            if road.shortest is None or road.median is None:
                out.append(f"  {road.title:<{width}}  never reached")
            else:
                out.append(
                    f"  {road.title:<{width}}  shortest {road.shortest:>3}  median {road.median:>5g}"
                    f"  ({plural(road.ways, 'way')})"
                )
        if not stats.complete:
            out.append("  (the exploration stopped at its state limit: these figures are partial)")
    return "\n".join(out) + "\n"
