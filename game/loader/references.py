"""Story-wide checks that need every file read first: what the story names against what it defines.

Each mistake is reported once, where it was made. A scene whose text could not be read
(``salvage.Unread``) is not reported as missing wherever it is named: its own file already
says why. A scene id typed wrong where the scene is defined, so that nothing goes to it while
every choice names an undefined near-identical id, is reported at the definition, not at
each of the choices that were right all along: when the id is named more than once, the
places that agree outvote the one that differs (named once, the reference is reported).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from game.engine.diagnostics import Code, Diagnostic
from game.engine.wording import closest, did_you_mean, plural
from game.loader.fields import Reader
from game.loader.manifest import Manifest
from game.loader.outline import Place, SceneOutline
from game.loader.scenes import FileReporter, SceneContext
from game.loader.yamlread import one_line

ALIKE = 0.8
"""How alike (difflib's ratio) a defined id nothing uses and an undefined id must be for the
first to be taken as a typo of the second."""


@dataclass
class Unreadable:
    """What the parts of the story that could not be read seem to define."""

    scenes: set[str] = field(default_factory=set)
    endings: set[str] = field(default_factory=set)
    lost: bool = False
    """Some part could not be read and no id was found in it: it may define anything."""

    def add(self, scenes: tuple[str, ...], endings: tuple[str, ...], lost: bool) -> None:
        self.scenes.update(scenes)
        self.endings.update(endings)
        self.lost = self.lost or lost


@dataclass
class _Mentions:
    """Where one undefined scene id is named: choices going there, expressions, the start."""

    choices: list[tuple[FileReporter, Place]] = field(default_factory=list)
    expressions: list[tuple[str, str, Place]] = field(default_factory=list)  # source, file, place
    start: bool = False

    @property
    def count(self) -> int:
        return len(self.choices) + len(self.expressions) + int(self.start)

    def described(self) -> str:
        parts = []
        if self.choices:
            parts.append(plural(len(self.choices), "choice"))
        if self.expressions:
            parts.append(plural(len(self.expressions), "expression"))
        if self.start:
            parts.append("'start:' in story.yaml")
        if len(parts) == 1 and self.choices:
            return f"which {parts[0]} go{'es' if len(self.choices) == 1 else ''} to"
        return f"which {' and '.join(parts)} name{'s' if self.count == 1 else ''}"


def check_story(
    manifest: Manifest,
    reader: Reader,
    ctx: SceneContext,
    sources: dict[str, tuple[FileReporter, SceneOutline]],
    unreadable: Unreadable,
    problems: list[Diagnostic],
) -> None:
    """Report the scene ids named but not defined, the endings and variables nothing uses."""
    defined = set(sources)
    missing: dict[str, _Mentions] = {}
    entered = set(ctx.entered)
    for target, rep, place in ctx.targets:
        missing.setdefault(target, _Mentions()).choices.append((rep, place))
    for expr, file, place in ctx.references:
        entered.update(expr.scenes & defined)
        for scene in sorted(expr.scenes - defined):
            missing.setdefault(scene, _Mentions()).expressions.append((expr.source, file, place))
    start = manifest.start
    if sources and manifest.start_node is not None and start:
        if start in defined:
            entered.add(start)
        else:
            missing.setdefault(start, _Mentions()).start = True
    if unreadable.lost:
        missing.clear()  # any of them may be defined in what could not be read
    for scene in unreadable.scenes:
        missing.pop(scene, None)
    unused = defined - entered
    claimed: set[str] = set()  # a definition is taken as the typo of one id at most
    for scene_id in sorted(missing):
        mentions = missing[scene_id]
        typo = _typo_of(scene_id, unused) if mentions.count > 1 else None
        if typo is not None and typo not in claimed:
            claimed.add(typo)
            rep, outline = sources[typo]
            rep.report(
                Code.UNKNOWN_SCENE,
                outline[2],
                f"scene '{typo}' is never used; did you mean '{scene_id}', {mentions.described()}? "
                f"Rename the scene to '{scene_id}'",
            )
            continue
        _report_mentions(scene_id, mentions, defined, manifest, reader, problems)
    _check_endings(manifest, reader, ctx, unreadable)
    if not sources and not any(d.code in (Code.YAML_SYNTAX, Code.NOT_UTF8) for d in problems):
        problems.append(
            Diagnostic.make(
                Code.NO_SCENES, reader.file, 1, 1, "the story has no scenes: add scene files (*.yaml) beside story.yaml"
            )
        )
    if not unreadable.lost and not unreadable.scenes and not any(d.severity == "error" for d in problems):
        _check_variables(manifest, reader, ctx)


def _typo_of(scene_id: str, unused: set[str]) -> str | None:
    """The defined scene nothing goes to whose id is near-identical to the undefined ``scene_id``."""
    if not unused:
        return None
    found = closest(scene_id, unused)
    if found is None or SequenceMatcher(None, found, scene_id).ratio() < ALIKE:
        return None
    return found


def _report_mentions(
    scene_id: str,
    mentions: _Mentions,
    defined: set[str],
    manifest: Manifest,
    reader: Reader,
    problems: list[Diagnostic],
) -> None:
    hint = did_you_mean(scene_id, defined)
    if mentions.start and manifest.start_node is not None:
        reader.report(Code.NO_START, manifest.start_node, f"the start scene '{scene_id}' does not exist{hint}")
    for rep, place in mentions.choices:
        rep.report(Code.UNKNOWN_SCENE, place, f"there is no scene '{scene_id}'{hint}: check the id or add the scene")
    for source, file, (line, col) in mentions.expressions:
        message = f"'{scene_id}' in '{source}' names no scene{hint}: check the id"
        problems.append(Diagnostic.make(Code.UNKNOWN_SCENE, file, line, col, one_line(message)))


def _check_endings(manifest: Manifest, reader: Reader, ctx: SceneContext, unreadable: Unreadable) -> None:
    if unreadable.lost:
        return
    for ending_id, ending in manifest.endings.items():
        if ending_id not in ctx.used_endings and ending_id not in unreadable.endings:
            reader.report_at(
                Code.UNUSED_ENDING,
                ending.pos,
                f"no scene ends with '{ending_id}': add 'ending: {ending_id}' to a scene, or remove it",
            )


def _check_variables(manifest: Manifest, reader: Reader, ctx: SceneContext) -> None:
    """A declared variable that no condition, effect or text reads and no effect changes (SG127)."""
    for index, var in enumerate(manifest.variables):
        if var.name not in ctx.read and index not in ctx.written:
            reader.report_at(
                Code.UNUSED_VARIABLE,
                var.pos,
                f"variable '{var.name}' is declared but nothing reads or changes it: "
                "use it in a condition, an effect or text, or remove it",
            )
