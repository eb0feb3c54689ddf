"""Hypothesis strategies for whole stories, written as real story directories.

A ``StorySpec`` is a small plain description of a story (variables, scenes, choices with
conditions, effects, once-only flags and random outcomes); ``write`` renders it in the
writer's YAML format and ``load_spec`` reads it back through the real loader, so every
generated story exercises the same path a writer's story does.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from hypothesis import strategies as st

from game.analysis.explore import Exploration, explore
from game.engine import Story, StoryRuntimeError
from game.loader import load_story

ENUM_VALUES = ("calm", "tense", "wild")


@dataclass(frozen=True, slots=True)
class OutcomeSpec:
    target: str
    weight: int = 1
    effects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChoiceSpec:
    text: str
    outcomes: tuple[OutcomeSpec, ...]
    condition: str | None = None
    effects: tuple[str, ...] = ()
    once: bool = False


@dataclass(frozen=True, slots=True)
class SceneSpec:
    id: str
    choices: tuple[ChoiceSpec, ...] = ()
    ending: str | None = None
    enter: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()  # more text items, as YAML (a quoted template or an {if, text} line)


@dataclass(frozen=True, slots=True)
class StorySpec:
    """A story to write: ``variables`` are YAML declarations keyed by name."""

    variables: dict[str, str]
    endings: tuple[str, ...]
    scenes: tuple[SceneSpec, ...]
    extra: dict[str, str] = field(default_factory=dict)
    status: tuple[str, ...] = ()  # status lines, as YAML flow mappings

    @property
    def start(self) -> str:
        return self.scenes[0].id

    def with_scenes(self, scenes: tuple[SceneSpec, ...], endings: tuple[str, ...] | None = None) -> StorySpec:
        return replace(self, scenes=scenes, endings=self.endings if endings is None else endings)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text)


def write(spec: StorySpec, directory: Path) -> Path:
    """Write ``spec`` as a story directory: story.yaml plus scenes split over two files."""
    directory.mkdir(parents=True, exist_ok=True)
    manifest = [
        "id: generated",
        "title: Generated",
        f"start: {spec.start}",
        "player: ryong",
        "characters:",
        '  ryong: {name: Gong Ryong, color: "#7fd1ff"}',
        "variables:" + ("" if spec.variables else " {}"),
        *(f"  {name}: {decl}" for name, decl in spec.variables.items()),
        "endings:",
        *(f"  {e}: Ending {e}" for e in spec.endings),
        *(["status:", *(f"  - {line}" for line in spec.status)] if spec.status else []),
    ]
    (directory / "story.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    half = max(1, len(spec.scenes) // 2)
    for name, scenes in (("one.yaml", spec.scenes[:half]), ("two/more.yaml", spec.scenes[half:])):
        if not scenes:
            continue
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(_scene_lines(s) for s in scenes), encoding="utf-8")
    return directory


def _scene_lines(scene: SceneSpec) -> str:
    lines = [f"- scene: {scene.id}", f"  text: Scene {scene.id}."]
    if scene.lines:
        lines[-1] = "  text:"
        lines += [f"    - Scene {scene.id}.", *(f"    - {line}" for line in scene.lines)]
    if scene.enter:
        lines.append(f"  enter: {_q('; '.join(scene.enter))}")
    if scene.ending is not None:
        lines.append(f"  ending: {scene.ending}")
        return "\n".join(lines) + "\n"
    lines.append("  choices:")
    for choice in scene.choices:
        lines.append(f"    - choice: {_q(choice.text)}")
        if choice.condition is not None:
            lines.append(f"      if: {_q(choice.condition)}")
        if choice.effects:
            lines.append(f"      do: {_q('; '.join(choice.effects))}")
        if choice.once:
            lines.append("      once: true")
        if len(choice.outcomes) == 1 and choice.outcomes[0].weight == 1 and not choice.outcomes[0].effects:
            lines.append(f"      go: {choice.outcomes[0].target}")
            continue
        lines.append("      random:")
        for outcome in choice.outcomes:
            effects = f", do: {_q('; '.join(outcome.effects))}" if outcome.effects else ""
            lines.append(f"        - {{weight: {outcome.weight}{effects}, go: {outcome.target}}}")
    return "\n".join(lines) + "\n"


def load_spec(spec: StorySpec) -> Story:
    """Write ``spec`` to a temporary directory and load it with the real loader."""
    with tempfile.TemporaryDirectory() as tmp:
        result = load_story(write(spec, Path(tmp) / "story"))
    errors = [str(d) for d in result.errors]
    assert result.story is not None and not errors, "\n".join(errors)
    return result.story


def searched_whole_and_cut(story: Story, share: float) -> tuple[Exploration, ...]:
    """The search of ``story`` to the end, and one stopped at ``share`` of its state count (at
    least one state); none when the start scene itself faults and nothing is explored."""
    try:
        whole = explore(story)
    except StoryRuntimeError:
        return ()
    return whole, explore(story, max_states=max(1, round(whole.state_count * share)))


@st.composite
def variables(draw: st.DrawFn, max_bools: int = 3, max_ints: int = 2, enums: bool = True) -> dict[str, str]:
    declared: dict[str, str] = {}
    for i in range(draw(st.integers(0, max_bools))):
        declared[f"flag{i}"] = draw(st.sampled_from(["false", "true"]))
    for i in range(draw(st.integers(0, max_ints))):
        top = draw(st.integers(1, 3))
        overflow = draw(st.sampled_from(["clamp", "error"]))
        declared[f"count{i}"] = f"{{type: int, min: 0, max: {top}, overflow: {overflow}}}"
    if enums and draw(st.booleans()):
        declared["mood"] = "{type: enum, values: [" + ", ".join(ENUM_VALUES) + "]}"
    return declared


def _atoms(declared: dict[str, str], scenes: list[str]) -> list[str]:
    atoms = []
    for name in declared:
        if name.startswith("flag"):
            atoms += [name, f"not {name}"]
        elif name.startswith("count"):
            atoms += [f"{name} >= 1", f"{name} < 2", f"{name} == 0"]
        else:
            atoms += [f"mood == '{v}'" for v in ENUM_VALUES] + ["mood != 'calm'"]
    atoms += [f"visited('{s}')" for s in scenes[:3]]
    atoms += [f"visits('{s}') == 2" for s in scenes[:2]] + [f"visits('{s}') >= 3" for s in scenes[:1]]
    return atoms


def _effect_forms(declared: dict[str, str]) -> list[str]:
    forms = []
    for name in declared:
        if name.startswith("flag"):
            forms += [f"{name} = true", f"{name} = false", f"{name} = not {name}"]
        elif name.startswith("count"):
            forms += [f"{name} += 1", f"{name} -= 1", f"{name} = 0"]
        else:
            forms += [f"mood = '{v}'" for v in ENUM_VALUES]
    # A counter set from another: whether it overflows depends on the one it copies, even
    # where nothing reads the counter it sets.
    counters = [name for name in declared if name.startswith("count")]
    forms += [f"{a} = {b} + 1" for a in counters for b in counters if a != b]
    return forms


@st.composite
def conditions(draw: st.DrawFn, atoms: list[str]) -> str | None:
    if not atoms or draw(st.integers(0, 2)) == 0:
        return None
    first = draw(st.sampled_from(atoms))
    if draw(st.booleans()):
        return first
    joiner = draw(st.sampled_from(["and", "or"]))
    return f"{first} {joiner} {draw(st.sampled_from(atoms))}"


@st.composite
def stories(
    draw: st.DrawFn,
    min_scenes: int = 2,
    max_scenes: int = 12,
    max_bools: int = 3,
    max_ints: int = 2,
    completable: bool = False,
    risky: bool = False,
) -> StorySpec:
    """A valid story. With ``completable``, every scene has a plain choice (no condition, not
    once-only) whose outcomes all lead further along, to a later scene or an ending, so some
    ending is reachable from every state by construction. With ``risky``, text, line
    conditions and status lines divide by counters, some guarded and some not, so showing a
    scene can fault."""
    declared = draw(variables(max_bools, max_ints))
    count = draw(st.integers(min_scenes, max_scenes))
    ending_count = draw(st.integers(1, 3))
    names = [f"s{i}" for i in range(count)]
    endings = tuple(f"e{i}" for i in range(ending_count))
    ending_scenes = [f"end{i}" for i in range(ending_count)]
    atoms = _atoms(declared, names)
    forms = _effect_forms(declared)
    effects = st.lists(st.sampled_from(forms), max_size=2).map(tuple) if forms else st.just(())
    anywhere = names + ending_scenes
    # Once-only choices multiply the state space by two each: a few keep the search small.
    once_left = draw(st.integers(0, 3))
    scenes = []
    for i, sid in enumerate(names):
        choices = []
        for n in range(draw(st.integers(1, 4))):
            outcome_count = draw(st.integers(1, 3)) if draw(st.integers(0, 3)) == 0 else 1
            outcomes = tuple(
                OutcomeSpec(
                    draw(st.sampled_from(anywhere)),
                    draw(st.integers(1, 3)) if outcome_count > 1 else 1,
                    draw(effects) if outcome_count > 1 else (),
                )
                for _ in range(outcome_count)
            )
            once = once_left > 0 and draw(st.integers(0, 4)) == 0
            once_left -= once
            choices.append(ChoiceSpec(f"{sid} choice {n + 1}", outcomes, draw(conditions(atoms)), draw(effects), once))
        if completable:
            later = names[i + 1 :] + ending_scenes
            forward = tuple(
                OutcomeSpec(draw(st.sampled_from(later)), draw(st.integers(1, 3)))
                for _ in range(draw(st.integers(1, 2)))
            )
            position = draw(st.integers(0, len(choices)))
            choices.insert(position, ChoiceSpec(f"{sid} onward", forward, None, draw(effects)))
        enter = draw(effects) if draw(st.integers(0, 4)) == 0 else ()
        lines = draw(st.lists(st.sampled_from(_risky_lines(declared)), max_size=2)) if risky else []
        scenes.append(SceneSpec(sid, tuple(choices), enter=enter, lines=tuple(lines)))
    for ending, sid in zip(endings, ending_scenes, strict=True):
        lines = draw(st.lists(st.sampled_from(_risky_lines(declared)), max_size=1)) if risky else []
        scenes.append(SceneSpec(sid, ending=ending, lines=tuple(lines)))
    status: list[str] = []
    counters = [name for name in declared if name.startswith("count")]
    if risky and counters and draw(st.booleans()):
        name = draw(st.sampled_from(counters))
        guard = draw(st.sampled_from(["", f', if: "{name} > 0"']))
        status.append(f'{{label: Share, show: "6 / {name}"{guard}}}')
    return StorySpec(declared, endings, tuple(scenes), status=tuple(status))


def _risky_lines(declared: dict[str, str]) -> list[str]:
    """Text items that divide by a counter: bare (faults at zero), guarded, or made safe."""
    lines = ['"Nothing to divide."']
    for name in declared:
        if name.startswith("count"):
            lines += [
                _q(f"Share {{6 / {name}}}."),
                f'{{if: "6 / {name} > 1", text: Crowded.}}',
                _q(f"{{if {name} > 0}}Share {{6 / {name}}}.{{end}}"),
                _q(f"Share {{6 / max({name}, 1)}}."),
            ]
    return lines
