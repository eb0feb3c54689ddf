"""A map of a story: its scenes and the choices between them, as text, Mermaid or Graphviz.

The map is drawn from the story model; when an exploration is given it also marks what no
play ever reaches (scenes never entered, choices never offered) and how many choices the
shortest play needs to reach each scene, so a writer sees the shape and the dead wood at once.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from game.analysis.explore import Exploration
from game.engine import Choice, Scene, Story
from game.engine.model import Effect
from game.engine.wording import plural

LABEL_WIDTH = 40
"""Choice texts in diagrams are cut to this many characters; the text map shows them whole."""


@dataclass(frozen=True, slots=True)
class Reach:
    """What an exploration learnt that the map shows: scene depths and the choices ever offered."""

    depth: dict[str, int]
    offered: set[str]
    complete: bool


def reach_of(exploration: Exploration) -> Reach:
    """The depth of each reached scene (choices on a shortest play into it) and the offered choices."""
    depth = {scene: exploration.depth_of(state_id) for scene, state_id in exploration.first_in_scene.items()}
    return Reach(depth, set(exploration.available_choices), exploration.complete)


def scene_order(story: Story) -> list[str]:
    """Scenes in reading order: breadth-first along choices from the start, then any left over."""
    order: dict[str, None] = {}
    queue = deque([story.start])
    while queue:
        scene_id = queue.popleft()
        if scene_id in order or scene_id not in story.scenes:
            continue
        order[scene_id] = None
        queue.extend(o.target for c in story.scenes[scene_id].choices for o in c.outcomes)
    order.update(dict.fromkeys(story.scenes))
    return list(order)


def _choice_words(choice: Choice) -> str:
    words = _one_line(choice.text.source)
    return f"“{words}”" if choice.spoken else words


def _targets(choice: Choice, effects: bool = False) -> str:
    """Where a choice leads; with ``effects``, what each way changes, in braces."""
    if not choice.is_random:
        return choice.outcomes[0].target + (_effects_note(choice.outcomes[0].effects) if effects else "")
    total = sum(o.weight for o in choice.outcomes)
    return " | ".join(
        f"{o.target} ({o.weight}/{total}){_effects_note(o.effects) if effects else ''}" for o in choice.outcomes
    )


def effects_text(effects: tuple[Effect, ...]) -> str:
    """Effects as the writer wrote them, in order: ``trust += 1; has_card = true``."""
    return "; ".join(_one_line(e.source) for e in effects)


def _effects_note(effects: tuple[Effect, ...]) -> str:
    return f" {{{effects_text(effects)}}}" if effects else ""


def _scene_heading(story: Story, scene: Scene, reach: Reach | None) -> str:
    names = " — ".join(_one_line(part) for part in (scene.title, scene.place) if part)
    marks = []
    if scene.id == story.start:
        marks.append("start")
    if scene.ending is not None:
        marks.append(f"ending: {_one_line(story.endings[scene.ending].title)}")
    if reach is not None:
        if scene.id in reach.depth:
            marks.append(f"depth {reach.depth[scene.id]}")
        elif reach.complete:
            marks.append("NEVER REACHED")
    heading = scene.id + (f"  {names}" if names else "")
    return heading + (f"  [{'; '.join(marks)}]" if marks else "")


PARTIAL = "the search stopped at its state limit, so what no play reaches is not marked"


def _one_line(text: str) -> str:
    """Writer text on one line of a map (titles and choices may hold line breaks)."""
    return " ".join(text.split())


def text_map(story: Story, reach: Reach | None = None, effects: bool = False) -> str:
    """An outline: every scene (in reading order) with its choices and where each leads; with
    ``effects``, what entering each scene and taking each choice changes, in braces."""
    lines = [f"{_one_line(story.title)}: {plural(len(story.scenes), 'scene')}, {plural(len(story.endings), 'ending')}"]
    if reach is not None and not reach.complete:
        lines.append(f"({PARTIAL})")
    for scene_id in scene_order(story):
        scene = story.scenes[scene_id]
        lines.append("")
        lines.append(_scene_heading(story, scene, reach))
        if effects and scene.on_enter:
            lines.append(f"  on entering:{_effects_note(scene.on_enter)}")
        for number, choice in enumerate(scene.choices, start=1):
            notes = []
            if choice.condition is not None:
                notes.append(f"if {choice.condition.source}")
            if choice.once:
                notes.append("once")
            if reach is not None and reach.complete and scene_id in reach.depth and choice.id not in reach.offered:
                notes.append("NEVER OFFERED")
            note = f"  [{'; '.join(notes)}]" if notes else ""
            lines.append(f"  {number}. {_choice_words(choice)}{note}  -> {_targets(choice, effects)}")
    return "\n".join(lines) + "\n"


def _short(text: str) -> str:
    return text if len(text) <= LABEL_WIDTH else text[: LABEL_WIDTH - 1] + "…"


def _mermaid_text(text: str) -> str:
    """Text safe inside a Mermaid quoted label (quotes and markup-like characters as entities)."""
    return "".join(f"#{ord(ch)};" if ch in '"<>#&[]{}|' else ch for ch in _one_line(text))


def mermaid_map(story: Story, reach: Reach | None = None, effects: bool = False) -> str:
    """A Mermaid flowchart (renders in GitHub and most Markdown viewers); with ``effects``, each
    arrow's label has the effects of its way on a second line."""
    ids = {scene_id: f"s{i}" for i, scene_id in enumerate(scene_order(story))}
    lines = ["flowchart TD"]
    if reach is not None and not reach.complete:
        lines.append(f"    %% {PARTIAL}")
    for scene_id, node in ids.items():
        scene = story.scenes[scene_id]
        label = (
            _mermaid_text(scene.title) + "<br/>" + _mermaid_text(scene_id) if scene.title else _mermaid_text(scene_id)
        )
        if scene.ending is not None:
            ending = _mermaid_text(story.endings[scene.ending].title)
            lines.append(f'    {node}(["{label}<br/>✦ {ending}"])')
        else:
            lines.append(f'    {node}["{label}"]')
        if reach is not None and reach.complete and scene_id not in reach.depth:
            lines.append(f"    class {node} unreached")
    for scene_id, node in ids.items():
        for choice in story.scenes[scene_id].choices:
            dead = reach is not None and reach.complete and scene_id in reach.depth and choice.id not in reach.offered
            arrow = "-.->" if dead or choice.condition is not None else "-->"
            words = _mermaid_text(_short(_choice_words(choice)))
            for outcome in choice.outcomes:
                label = words
                if effects and outcome.effects:
                    label += "<br/>" + _mermaid_text(_short(effects_text(outcome.effects)))
                lines.append(f'    {node} {arrow}|"{label}"| {ids[outcome.target]}')
    lines.append("    classDef unreached stroke-dasharray: 4 4, stroke:#c00")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return _one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def dot_map(story: Story, reach: Reach | None = None, effects: bool = False) -> str:
    """A Graphviz digraph (``dot -Tsvg map.dot > map.svg``); with ``effects``, each edge's
    label has the effects of its way on a second line."""
    lines = [f'digraph "{_dot_text(story.title)}" {{', "    rankdir=TB;", "    node [shape=box, fontname=Helvetica];"]
    if reach is not None and not reach.complete:
        lines.insert(1, f"    // {PARTIAL}")
    for scene_id in scene_order(story):
        scene = story.scenes[scene_id]
        label = _dot_text(scene.title) + "\\n" + _dot_text(scene_id) if scene.title else _dot_text(scene_id)
        attrs = [f'label="{label}"']
        if scene.ending is not None:
            attrs.append('shape=doubleoctagon, xlabel="' + _dot_text(story.endings[scene.ending].title) + '"')
        if scene_id == story.start:
            attrs.append("penwidth=2")
        if reach is not None and reach.complete and scene_id not in reach.depth:
            attrs.append('style=dashed, color="#cc0000"')
        lines.append(f'    "{_dot_text(scene_id)}" [{", ".join(attrs)}];')
    for scene_id in scene_order(story):
        for choice in story.scenes[scene_id].choices:
            style = ", style=dashed" if choice.condition is not None else ""
            for outcome in choice.outcomes:
                label = _dot_text(_short(_choice_words(choice)))
                if effects and outcome.effects:
                    label += "\\n" + _dot_text(_short(effects_text(outcome.effects)))
                lines.append(f'    "{_dot_text(scene_id)}" -> "{_dot_text(outcome.target)}" [label="{label}"{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


FORMATS = {"text": text_map, "mermaid": mermaid_map, "dot": dot_map}
