"""Verdicts: what an exploration proves about a story, as located, coded diagnostics.

Absences (a scene nobody enters, an ending nobody reaches, a choice never offered, a state
with no way out) are only reported when the exploration was complete: a partial search
proves nothing about them, and says so instead (SG305). Presences (an overflow, a run-time
fault) are real whenever they were found, and come with the shortest play that shows them.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from itertools import compress

from game.analysis.explore import Exploration
from game.analysis.paths import ChoicePath, path_to, replay_to
from game.engine import Choice, Diagnostic, GameState, SourcePos, Story, Value
from game.engine.diagnostics import Code
from game.engine.play import why_unavailable
from game.engine.wording import excerpt, plural

SHUT_WAYS_SHOWN = 3
"""How many shut choices a soft-lock's message names."""
REGION_LOOKED_AT = 2_000
"""How many states of a soft-locked region are searched for the choices that are shut in it."""
_UNFINISHED = bytes([1, 0]) + bytes(254)
"""Turns ``can_finish``'s bytes into 1 where a state cannot finish."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic and, where there is one, the shortest play from the start that shows it."""

    diagnostic: Diagnostic
    path: ChoicePath | None = None


def _at(code: Code, pos: SourcePos, message: str) -> Diagnostic:
    return Diagnostic.make(code, pos.file, pos.line, pos.col, message)


def _incoming(story: Story) -> dict[str, list[tuple[str, Choice]]]:
    """For each scene, the (scene, choice) pairs with an outcome that goes there, in story order."""
    incoming: dict[str, list[tuple[str, Choice]]] = {sid: [] for sid in story.scenes}
    for sid, scene in story.scenes.items():
        for choice in scene.choices:
            for target in dict.fromkeys(o.target for o in choice.outcomes):
                incoming[target].append((sid, choice))
    return incoming


def _blockers(scene_id: str, exploration: Exploration, incoming: dict[str, list[tuple[str, Choice]]]) -> str:
    """Why no play enters ``scene_id``: each way in, and what keeps it shut."""
    story = exploration.story
    reached = exploration.first_in_scene
    ways = incoming[scene_id]
    if not ways:
        return f"no choice leads to it (no 'go: {scene_id}' anywhere)"
    reasons: list[str] = []
    unreached_sources: list[str] = []
    for source, choice in ways:
        if source not in reached:
            if source not in unreached_sources:
                unreached_sources.append(source)
            continue
        if story.scenes[source].ending is not None:
            reasons.append(f"'{source}' is an ending, so its choices are never offered")
        elif choice.id not in exploration.available_choices:
            condition = choice.condition.source if choice.condition else "(no condition)"
            reasons.append(
                f"the choice '{choice.text.source}' in '{source}' ({choice.pos}) needs '{condition}', "
                "which never holds there"
            )
        else:
            reasons.append(f"the choice '{choice.text.source}' in '{source}' ({choice.pos}) fails at run time")
    for source in unreached_sources:
        reasons.append(f"'{source}' ({story.scenes[source].pos}) is never entered either")
    return "; ".join(reasons)


def _nearest_way_in(
    scene_id: str, exploration: Exploration, incoming: dict[str, list[tuple[str, Choice]]]
) -> ChoicePath | None:
    """The shortest play to the nearest scene whose way into ``scene_id`` is never offered there:
    replaying it shows the missing choice. None when no way in starts in a reached scene."""
    reached = exploration.first_in_scene
    sources = [reached[source] for source, _ in incoming[scene_id] if source in reached]
    return path_to(exploration, min(sources)) if sources else None


def _literal(value: Value) -> str:
    """A value as a writer would type it in a condition: ``true``, ``3``, ``'queasy'``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else f"'{value}'"


def _describe_state(story: Story, values: tuple[Value, ...]) -> str:
    changed = [
        f"{var.name} = {_literal(value)}"
        for var, value in zip(story.variables, values, strict=True)
        if value != var.initial
    ]
    return ", ".join(changed) if changed else "every variable at its start value"


def reachability_findings(exploration: Exploration) -> list[Finding]:
    """Unreachable scenes (SG300) and endings (SG301), dead choices (SG302): complete searches only."""
    story = exploration.story
    reached = exploration.first_in_scene
    findings: list[Finding] = []
    endings_reached = {story.scenes[s].ending for s in reached} - {None}
    if len(reached) == len(story.scenes) and len(endings_reached) == len(story.endings):
        return _dead_choices(exploration)  # every scene and ending entered: no way in to explain
    incoming = _incoming(story)
    for ending_id, ending in story.endings.items():
        if ending_id in endings_reached:
            continue
        scenes = [sid for sid, scene in story.scenes.items() if scene.ending == ending_id]
        if not scenes:
            message = f"ending '{ending_id}' can never be reached: no scene has 'ending: {ending_id}'"
            findings.append(Finding(_at(Code.UNREACHABLE_ENDING, ending.pos, message)))
            continue
        why = " / ".join(f"'{sid}': {_blockers(sid, exploration, incoming)}" for sid in scenes)
        message = f"ending '{ending_id}' ({ending.title}) can never be reached: {why}"
        nearest = min(
            (p for p in (_nearest_way_in(sid, exploration, incoming) for sid in scenes) if p is not None),
            key=lambda p: len(p.steps),
            default=None,
        )
        findings.append(Finding(_at(Code.UNREACHABLE_ENDING, story.scenes[scenes[0]].pos, message), nearest))
    for sid, scene in story.scenes.items():
        if sid in reached or (scene.ending is not None and scene.ending not in endings_reached):
            continue
        message = f"scene '{sid}' is never entered: {_blockers(sid, exploration, incoming)}"
        findings.append(
            Finding(_at(Code.UNREACHABLE_SCENE, scene.pos, message), _nearest_way_in(sid, exploration, incoming))
        )
    findings.extend(_dead_choices(exploration))
    return findings


def _dead_choices(exploration: Exploration) -> list[Finding]:
    story = exploration.story
    dead = [
        (sid, choice)
        for sid, scene in story.scenes.items()
        if sid in exploration.first_in_scene and scene.ending is None
        for choice in scene.choices
        if choice.id not in exploration.available_choices
    ]
    if not dead:
        return []
    seen = _values_seen(exploration, {sid for sid, _ in dead})
    findings = []
    for sid, choice in dead:
        condition = choice.condition.source if choice.condition else "(no condition)"
        facts = []
        if choice.condition is not None:
            for name in sorted(choice.condition.variables):
                i = story.variable_index(name)
                values = sorted(seen[sid][i], key=repr)
                shown = ", ".join(_literal(v) for v in values)
                facts.append(f"{name} is only ever {shown}" if len(values) > 1 else f"{name} is always {shown}")
        there = f" (in '{sid}', {'; '.join(facts)})" if facts else ""
        message = f"the choice '{choice.text.source}' is never offered: its condition '{condition}' never holds{there}"
        nearest = path_to(exploration, exploration.first_in_scene[sid])  # where the choice is missing
        findings.append(Finding(_at(Code.DEAD_CHOICE, choice.pos, message), nearest))
    return findings


def _values_seen(exploration: Exploration, scenes: set[str]) -> dict[str, list[set[Value]]]:
    width = len(exploration.story.variables)
    seen: dict[str, list[set[Value]]] = {sid: [set() for _ in range(width)] for sid in scenes}
    packing = exploration.packing
    for packed in exploration.states:
        scene = packing.scene_of(packed)
        if scene in seen:
            for bucket, value in zip(seen[scene], packing.decode(packed)[1], strict=True):
                bucket.add(value)
    return seen


def softlock_findings(exploration: Exploration, finished: bytearray) -> list[Finding]:
    """Soft-locks (SG303): one per scene holding reachable states from which no ending can be reached,
    with the shortest play into the nearest such state."""
    story = exploration.story
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    # The stuck states, found by the builtins: a proven story has none, and millions of states.
    for i in compress(range(len(finished)), finished.translate(_UNFINISHED)):
        scene = exploration.scene_of(i)
        counts[scene] = counts.get(scene, 0) + 1
        first.setdefault(scene, i)
    findings = []
    for sid, state_id in first.items():
        exact = replay_to(exploration, state_id)
        values = exact.values  # every value as the player would have it
        stuck = (
            "no choice is offered"
            if state_id < exploration.expanded and not len(exploration.successors_of(state_id))
            else "every choice leads only to states that cannot finish either"
        )
        shut = _shut_ways(exploration, state_id, exact)
        message = (
            f"soft-lock: {plural(counts[sid], 'reachable state')} in scene '{sid}' can never reach an ending; "
            f"the nearest one has {_describe_state(story, values)}; there {stuck}"
            + (f"; the ways out are shut: {shut}" if shut else "")
        )
        findings.append(Finding(_at(Code.SOFT_LOCK, story.scenes[sid].pos, message), path_to(exploration, state_id)))
    return findings


def _shut_ways(exploration: Exploration, state_id: int, exact: GameState) -> str:
    """The choices not offered in the soft-locked region that starts at ``state_id`` (whose
    exact state is ``exact``), each with what keeps it shut: the condition and the values of
    the variables it reads (a gate at its start value is named too), or its being once-only
    and taken. Looked for in the nearest state's scene first, then along the region."""
    story = exploration.story
    found: list[str] = []
    seen_scenes: set[str] = set()
    pending, visited = deque([state_id]), {state_id}
    while pending and len(found) < SHUT_WAYS_SHOWN and len(visited) <= REGION_LOOKED_AT:
        current = pending.popleft()
        if current == state_id:
            state = exact
        else:
            scene, values, visits, taken = exploration.parts(current)
            state = GameState(scene, values, visits, taken)
        if state.scene not in seen_scenes:
            seen_scenes.add(state.scene)
            found.extend(_shut_in(story, state, exact.scene))
        for successor in exploration.successors_of(current):
            if successor not in visited:
                visited.add(successor)
                pending.append(successor)
    return ", ".join(found[:SHUT_WAYS_SHOWN])


def _shut_in(story: Story, state: GameState, locked_in: str) -> list[str]:
    scene = story.scenes[state.scene]
    where = "" if state.scene == locked_in else f" in '{state.scene}'"
    if scene.ending is not None:
        return []
    shut = []
    for choice in scene.choices:
        reason = why_unavailable(story, state, choice)
        text = excerpt(choice.text.source)
        if reason == "taken":
            shut.append(f"{text}{where} was taken already (once: true)")
        elif reason == "condition" and choice.condition is not None:
            names = sorted(choice.condition.variables)
            values = ", ".join(f"{name} = {_literal(state.values[story.variable_index(name)])}" for name in names)
            shut.append(f"{text}{where} needs '{choice.condition.source}'" + (f" ({values})" if values else ""))
    return shut


def event_findings(exploration: Exploration) -> list[Finding]:
    """Overflows (SG304) and run-time faults (SG306), each with the shortest play that triggers it."""
    story = exploration.story
    findings = []
    for effect, event in exploration.overflows.items():
        var = story.variables[effect.variable]
        message = (
            f"'{effect.source}' pushes {var.name} outside its range {var.minimum}..{var.maximum} "
            "(it is held at the bound); widen the range, guard the choice with a condition, "
            "or declare 'overflow: clamp' if saturating is meant"
        )
        findings.append(Finding(_at(Code.OVERFLOW, effect.pos, message), path_to(exploration, event.state, event.move)))
    for pos, event in exploration.faults.items():
        message = (
            f"{event.message} while playing: the game would stop here with a fault; guard the choice with a "
            "condition that rules the zero out, or divide by max(x, 1)"
        )
        findings.append(Finding(_at(Code.RUNTIME_ERROR, pos, message), path_to(exploration, event.state, event.move)))
    return findings


def limit_finding(exploration: Exploration, max_states: int) -> Finding:
    """The state limit (SG305): the search stopped at the limit; what it covered, and the likely culprit."""
    story = exploration.story
    reached_endings = {story.scenes[s].ending for s in exploration.first_in_scene} - {None}
    raise_what = "--max-states"
    if exploration.limit < max_states:
        raise_what = "--max-memory"
        memory = exploration.limit * exploration.state_bytes
        stopped = (
            f"the check stopped at {exploration.limit:,} states, as many as fit in "
            f"{f'{memory >> 20:,} MiB' if memory >= 1 << 20 else f'{memory >> 10:,} KiB'} at about "
            f"{exploration.state_bytes:,} bytes a state (every state holds every variable's value)"
        )
    else:
        stopped = f"the check stopped at the limit of {max_states:,} states"
    covered = (
        f"{stopped}, so the story is NOT proven: "
        f"{exploration.expanded:,} states fully explored, "
        f"{len(exploration.first_in_scene)} of {len(story.scenes)} scenes and "
        f"{len(reached_endings)} of {len(story.endings)} endings reached so far"
    )
    culprit = _widest_variable(exploration)
    if culprit is None:
        pos = story.scenes[story.start].pos
        hint = f"; raise {raise_what} to go further"
    else:
        index, distinct = culprit
        var = story.variables[index]
        pos = var.pos
        hint = (
            f"; '{var.name}' alone took {distinct:,} different values: a narrower range "
            f"({var.minimum}..{var.maximum} now) shrinks the state space, or raise {raise_what}"
        )
    return Finding(_at(Code.STATE_LIMIT, pos, covered + hint))


def _widest_variable(exploration: Exploration, work: int = 2_000_000) -> tuple[int, int] | None:
    """The variable with the most distinct values among (a sample of) the explored states.

    Read straight from the packed states, one bit field at a time, with the sample sized so
    that the work stays bounded however many variables the story has."""
    fields = exploration.packing.var_fields
    if not fields or not exploration.states:
        return None
    sample = max(1_000, work // len(fields))
    stride = max(1, exploration.state_count // sample)
    sampled = exploration.states[::stride]
    widths = [(index, len({packed & mask for packed in sampled})) for index, _, mask, _, _ in fields]
    return max(widths, key=lambda pair: pair[1])
