"""Compile scene outlines against the rest of the story: the manifest and every file's scene ids.

An outline (``loader/outline.py``) holds what one file says; here its conditions, effects
and texts are compiled against the declared variables, its speakers, endings and targets
are checked against the manifest and the other scenes, and the problems the outline noted
are reported at the very step where reading the nodes found them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.diagnostics import Code, Diagnostic
from game.engine.errors import ExprProblem
from game.engine.expr import compile_effect, compile_embedded
from game.engine.model import (
    BOOL,
    Beat,
    Character,
    Choice,
    Effect,
    Expression,
    Literal_,
    Outcome,
    Scene,
    SourcePos,
    Template,
    TemplatePart,
)
from game.engine.schema import Schema
from game.engine.text import compile_template, expressions
from game.engine.wording import did_you_mean
from game.loader.outline import (
    BeatOutline,
    ChoiceOutline,
    ConditionOutline,
    EffectsOutline,
    NarrationOutline,
    Outcomes,
    Place,
    Problems,
    SceneOutline,
    TargetOutline,
    TemplateOutline,
    TextPlace,
)
from game.loader.yamlread import one_line

Reference = tuple[Expression, str, Place]
"""An expression that names scenes and where it was written (file, place): its scene names
are checked once every scene is known."""


@dataclass
class SceneContext:
    """What compiling a scene needs to know about the rest of the story."""

    schema: Schema
    scene_ids: set[str]
    characters: dict[str, Character]
    endings: set[str]
    player: str = "the player"
    """How messages name the one who speaks the 'say:' choices."""
    failed: frozenset[str] = frozenset()
    """Characters and endings whose declaration was reported as broken: naming one is no new problem."""
    choice_ids: set[str] = field(default_factory=set)
    used_endings: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)
    read: set[str] = field(default_factory=set)
    """The variables some expression reads (by name)."""
    entered: set[str] = field(default_factory=set)
    """The scenes some choice goes to."""
    targets: list[tuple[str, FileReporter, Place]] = field(default_factory=list)
    """Every 'go:' target that names no scene, with where it was written: reported once every
    file is read (one typo'd definition may explain several)."""
    written: set[int] = field(default_factory=set)
    """The variables some effect sets (by index)."""
    plain_texts: dict[str, tuple[TemplatePart, ...]] = field(default_factory=dict)
    """The parts of each text without ``{…}`` met so far: equal texts share them."""

    def refer(self, expr: Expression, file: str, place: Place) -> None:
        """Note what ``expr`` reads: its variables now, its scene names to check later."""
        self.read.update(expr.variables)
        if expr.scenes:
            self.references.append((expr, file, place))

    def go(self, target: str, rep: FileReporter, place: Place) -> bool:
        """Note a choice going to ``target``; whether that scene exists."""
        if target in self.scene_ids:
            self.entered.add(target)
            return True
        self.targets.append((target, rep, place))
        return False


class FileReporter:
    """Reports problems in one scene file from its outline's places, as ``fields.Reader`` does from nodes."""

    __slots__ = ("file", "lengths", "problems")

    def __init__(self, file: str, problems: list[Diagnostic], lengths: tuple[int, ...]) -> None:
        self.file = file
        self.problems = problems
        self.lengths = lengths

    def emit(self, problems: Problems) -> None:
        """Report problems the outline noted (their messages are already on one line)."""
        for code, line, col, message in problems:
            self.problems.append(Diagnostic.make(Code(code), self.file, line, col, message))

    def report(self, code: Code, place: Place, message: str) -> None:
        self.problems.append(Diagnostic.make(code, self.file, place[0], place[1], one_line(message)))

    def report_expr(self, problem: ExprProblem, text: TextPlace, base_offset: int = 0) -> None:
        if problem.consequence:
            return
        pos = self.text_pos(text).shifted(base_offset + problem.offset)
        line, col = _clamp(self.lengths, pos.line, pos.col)
        self.problems.append(Diagnostic.make(problem.code, self.file, line, col, one_line(problem.message)))

    def pos(self, place: Place) -> SourcePos:
        return SourcePos.build(self.file, place[0], place[1])

    def text_pos(self, text: TextPlace) -> SourcePos:
        return SourcePos.build(self.file, text[0], text[1], text[2])


def _clamp(lengths: tuple[int, ...], line: int, col: int) -> tuple[int, int]:
    """``yamlread.clamp`` from the lengths of the file's lines."""
    if not lengths:
        return line, col
    if line > len(lengths):
        return len(lengths), lengths[-1] + 1
    line = max(line, 1)
    return line, min(max(col, 1), lengths[line - 1] + 1)


def compile_scene(outline: SceneOutline, rep: FileReporter, ctx: SceneContext) -> Scene:
    scene_id, place, _, heading, title, place_name, enter, beat_entries, ending_outline, choices_outline, tail = outline
    if heading:
        rep.emit(heading)
    on_enter = _effects(rep, enter, ctx) if enter is not None else ()
    beats: list[Beat] = []
    for entry in beat_entries:
        if entry[0] == "problem":
            rep.emit((entry[1],))
        elif entry[0] == "narration":
            beats.extend(_narration(rep, entry[1], ctx))
        else:
            beat = _beat(rep, entry[1], ctx)
            if beat is not None:
                beats.append(beat)
    ending = None
    if ending_outline is not None:
        problems, ending, ending_place = ending_outline
        if problems:
            rep.emit(problems)
        if ending is not None and ending not in ctx.endings and ending not in ctx.failed:
            rep.report(
                Code.UNKNOWN_ENDING,
                ending_place,
                f"ending '{ending}' is not declared{did_you_mean(ending, ctx.endings)}; add it under 'endings:' in story.yaml",
            )
        elif ending is not None:
            ctx.used_endings.add(ending)
    choices: tuple[Choice, ...] = ()
    if choices_outline is not None:
        problems, entries, key_place = choices_outline
        if problems:
            rep.emit(problems)
        compiled = []
        for choice_entry in entries:
            if choice_entry[0] == "problem":
                rep.emit(choice_entry[1])
                continue
            if choice_entry[0] == "both":
                rep.emit(choice_entry[1])
                rep.report(
                    Code.WRONG_SHAPE,
                    choice_entry[2],
                    f"a choice has 'say:' (a line {ctx.player} speaks) or 'choice:' (an action), not both",
                )
                continue
            choice = _choice(rep, choice_entry[1], ctx)
            if choice is not None:
                compiled.append(choice)
        choices = tuple(compiled)
        if ending is not None and choices:
            rep.report(
                Code.ENDING_WITH_CHOICES,
                key_place,
                "an ending scene's choices are never offered: remove them or the ending",
            )
    if tail:
        rep.emit(tail)
    return Scene.build(scene_id, title, place_name, tuple(beats), choices, on_enter, ending, rep.pos(place))


def _condition(rep: FileReporter, outline: ConditionOutline, ctx: SceneContext) -> Expression | None:
    problems, source, (place, text, _), tree = outline
    if problems:
        rep.emit(problems)
    if source is None:
        return None
    expr = compile_embedded(source, ctx.schema, SourcePos.build(rep.file, text[0], text[1], text[2]), 0, BOOL, tree)
    if isinstance(expr, ExprProblem):
        rep.report_expr(expr, text)
        return None
    ctx.refer(expr, rep.file, place)
    return expr


def _template(rep: FileReporter, outline: TemplateOutline, ctx: SceneContext) -> Template | None:
    source, (place, mapped, unmapped), offset, pieces = outline
    if "{" not in source and "}" not in source:
        # Plain text, made as compile_template makes it (one literal part, here shared by equal
        # texts). Nothing in it will ever be located: its place needs no map of the lines.
        parts = ctx.plain_texts.get(source)
        if parts is None:
            parts = ctx.plain_texts[source] = (Literal_.build(source),)
        return Template.build(parts, source, SourcePos.build(rep.file, unmapped[0], unmapped[1], unmapped[2]))
    pos = SourcePos.build(rep.file, mapped[0], mapped[1], mapped[2])
    template = compile_template(source, ctx.schema, pos.shifted(offset) if offset else pos, pieces)
    if isinstance(template, ExprProblem):
        rep.report_expr(template, mapped, offset)
        return None
    file = rep.file
    for expr in expressions(template):
        ctx.refer(expr, file, place)
    return template


def _effects(rep: FileReporter, outline: EffectsOutline, ctx: SceneContext) -> tuple[Effect, ...]:
    problems, parts = outline
    if problems:
        rep.emit(problems)
    effects = []
    file, schema, read, written = rep.file, ctx.schema, ctx.read, ctx.written
    for source, (place, text, _), offset, tree in parts:
        pos = SourcePos.build(file, text[0], text[1], text[2])
        effect = compile_effect(source, schema, pos.shifted(offset) if offset or text[2] else pos, tree)
        if isinstance(effect, ExprProblem):
            rep.report_expr(effect, text, offset)
        else:
            value = effect.value
            read.update(value.variables)
            if value.scenes:
                ctx.references.append((value, file, place))
            written.add(effect.variable)
            effects.append(effect)
    return tuple(effects)


def _narration(rep: FileReporter, outline: NarrationOutline, ctx: SceneContext) -> list[Beat]:
    problems, whole, paragraphs, place = outline
    if problems:
        rep.emit(problems)
    if whole is None:
        return []
    template = _template(rep, whole, ctx)
    if template is None:
        return []
    # Blank lines split narration into paragraphs, shown one after another.
    if len(paragraphs) == 1 or not template.is_static:
        return [Beat.build(None, template, None, rep.pos(place))]
    beats = []
    for offset, paragraph in paragraphs:
        part = _template(rep, (paragraph, whole[1], offset, None), ctx)
        if part is not None:
            beats.append(Beat.build(None, part, None, rep.pos(place)))
    return beats


def _beat(rep: FileReporter, outline: BeatOutline, ctx: SceneContext) -> Beat | None:
    steps, shape_problem, speaker, speaker_place, problems, line, place = outline
    condition = None
    for step in steps:
        if step[0] == "if":
            condition = _condition(rep, step[1], ctx)
            if condition is None:
                return None
        else:
            rep.emit((step[1],))
    if shape_problem is not None:
        rep.emit((shape_problem,))
        return None
    if speaker is not None and speaker not in ctx.characters:
        if speaker in ctx.failed:
            return None
        options = set(ctx.characters) | {"text", "if"}
        rep.report(
            Code.UNKNOWN_SPEAKER,
            speaker_place,
            f"'{speaker}' is not a declared character{did_you_mean(speaker, options)}; "
            "declare it under 'characters:' in story.yaml (or use 'text:' for narration)",
        )
        return None
    if problems:
        rep.emit(problems)
    if line is None:
        return None
    template = _template(rep, line, ctx)
    if template is None:
        return None
    return Beat.build(speaker, template, condition, rep.pos(place))


def _choice(rep: FileReporter, outline: ChoiceOutline, ctx: SceneContext) -> Choice | None:
    (
        spoken,
        text_problems,
        text,
        choice_id,
        id_problems,
        duplicate_at,
        condition_outline,
        once,
        once_problems,
        effects_outline,
        outcomes_outline,
        place,
    ) = outline
    if text_problems:
        rep.emit(text_problems)
    template = None
    if text is not None:
        source, (_, _, unmapped), _, _ = text
        parts = ctx.plain_texts.get(source)
        if parts is not None:  # a plain text met before: made as _template makes it
            template = Template.build(parts, source, SourcePos.build(rep.file, unmapped[0], unmapped[1], unmapped[2]))
        else:
            template = _template(rep, text, ctx)
    if id_problems:
        rep.emit(id_problems)
    choice_ids = ctx.choice_ids
    if choice_id in choice_ids:
        rep.report(
            Code.DUPLICATE_CHOICE_ID, duplicate_at, f"choice id '{choice_id}' is used twice: make each id unique"
        )
    choice_ids.add(choice_id)
    condition = _condition(rep, condition_outline, ctx) if condition_outline is not None else None
    if once_problems:
        rep.emit(once_problems)
    effects = _effects(rep, effects_outline, ctx) if effects_outline is not None else ()
    outcomes = _outcomes(rep, outcomes_outline, effects, ctx)
    if template is None or outcomes is None or (condition_outline is not None and condition is None):
        return None
    return Choice.build(
        choice_id, template, spoken, condition, outcomes, once, SourcePos.build(rep.file, place[0], place[1])
    )


def _outcomes(
    rep: FileReporter, outline: Outcomes, effects: tuple[Effect, ...], ctx: SceneContext
) -> tuple[Outcome, ...] | None:
    if outline[0] == "none":
        rep.emit(outline[1])
        return None
    if outline[0] == "go":
        problems, target, place = outline[1]
        if problems:
            rep.emit(problems)
        if not target:
            if target is not None:
                ctx.go(target, rep, place)
            return None
        if target in ctx.scene_ids:  # ctx.go, without a call in the usual case
            ctx.entered.add(target)
        elif not ctx.go(target, rep, place):
            return None
        return (Outcome.build(1, effects, target, SourcePos.build(rep.file, place[0], place[1])),)
    _, first, ok, subs = outline
    if first:
        rep.emit(first)
    outcomes = []
    for problems, usable, weight, more_outline, target_outline, place in subs:
        if problems:
            rep.emit(problems)
        if not usable or target_outline is None:
            ok = False
            continue
        more = _effects(rep, more_outline, ctx) if more_outline is not None else ()
        target = _target(rep, target_outline, ctx)
        if target is None:
            ok = False
            continue
        outcomes.append(Outcome.build(weight, effects + more, target, rep.pos(place)))
    return tuple(outcomes) if ok else None


def _target(rep: FileReporter, outline: TargetOutline, ctx: SceneContext) -> str | None:
    problems, target, place = outline
    if problems:
        rep.emit(problems)
    if target is None:
        return None
    return target if ctx.go(target, rep, place) else None
