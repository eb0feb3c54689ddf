"""Read scene files: each is a YAML list of scenes, compiled against the manifest."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from game.engine.diagnostics import Code
from game.engine.errors import ExprProblem
from game.engine.expr import Schema, compile_effect, compile_expression
from game.engine.model import BOOL, Beat, Character, Choice, Effect, Expression, Outcome, Scene, Template
from game.engine.text import compile_template, expressions
from game.engine.wording import did_you_mean
from game.loader.fields import Reader
from game.loader.manifest import ID

SCENE_KEYS = {"scene", "title", "place", "enter", "text", "choices", "ending"}
CHOICE_KEYS = {"say", "choice", "id", "if", "do", "go", "once", "random"}
OUTCOME_KEYS = {"weight", "do", "go"}
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass
class SceneSource:
    """A scene's id and nodes, gathered in the first pass so targets can be checked in the second."""

    id: str
    node: yaml.MappingNode
    entries: dict[str, tuple[yaml.Node, yaml.Node]]
    reader: Reader


@dataclass
class SceneContext:
    """What compiling a scene needs to know about the rest of the story."""

    schema: Schema
    scene_ids: set[str]
    characters: dict[str, Character]
    endings: set[str]
    choice_ids: dict[str, yaml.Node] = field(default_factory=dict)
    used_endings: set[str] = field(default_factory=set)
    references: list[tuple[Expression, Reader, yaml.Node]] = field(default_factory=list)


def gather_scenes(root: yaml.Node, reader: Reader) -> list[SceneSource]:
    """First pass over one file: the scene mappings and their ids."""
    if isinstance(root, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == "scene" for k, _ in root.value
    ):
        reader.report(Code.WRONG_SHAPE, root, "a scene file is a list of scenes: put '- ' before 'scene:'")
        return []
    if not reader.shape(root, yaml.SequenceNode, "a scene file"):
        return []
    assert isinstance(root, yaml.SequenceNode)
    found = []
    for item in root.value:
        entries = reader.mapping(item, "a scene", SCENE_KEYS, {"scene"})
        if entries is None or "scene" not in entries:
            continue
        id_node = entries["scene"][1]
        scene_id = reader.text(id_node, "a scene id")
        if scene_id is None:
            continue
        if not ID.match(scene_id):
            reader.report(Code.BAD_ID, id_node, f"scene id '{scene_id}' may use only letters, digits, '_', '.' and '-'")
            continue
        assert isinstance(item, yaml.MappingNode)
        found.append(SceneSource(scene_id, item, entries, reader))
    return found


def compile_scene(source: SceneSource, ctx: SceneContext) -> Scene:
    reader, entries = source.reader, source.entries
    title = _optional_text(reader, entries, "title", "a scene title")
    place = _optional_text(reader, entries, "place", "a scene's place")
    on_enter = _effects(reader, entries["enter"][1], ctx) if "enter" in entries else ()
    beats = _beats(reader, entries["text"][1], ctx) if "text" in entries else ()
    ending = None
    if "ending" in entries:
        ending_node = entries["ending"][1]
        ending = reader.text(ending_node, "an ending id")
        if ending is not None and ending not in ctx.endings:
            reader.report(
                Code.UNKNOWN_ENDING,
                ending_node,
                f"ending '{ending}' is not declared{did_you_mean(ending, ctx.endings)}; add it under 'endings:' in story.yaml",
            )
        elif ending is not None:
            ctx.used_endings.add(ending)
    choices: tuple[Choice, ...] = ()
    if "choices" in entries:
        choices = _choices(reader, source.id, entries["choices"][1], ctx)
        if ending is not None and choices:
            reader.report(
                Code.ENDING_WITH_CHOICES,
                entries["choices"][0],
                "an ending scene's choices are never offered: remove them or the ending",
            )
    if ending is None and not choices and "choices" not in entries:
        reader.report(
            Code.NO_CHOICES,
            source.node,
            f"scene '{source.id}' has no choices, so the player would be stuck: add choices or 'ending: <id>'",
        )
    elif ending is None and "choices" in entries and _is_empty_list(entries["choices"][1]):
        reader.report(
            Code.NO_CHOICES,
            entries["choices"][1],
            f"scene '{source.id}' has an empty choice list: add choices or 'ending: <id>'",
        )
    return Scene(
        id=source.id,
        title=title,
        place=place,
        beats=beats,
        choices=choices,
        on_enter=on_enter,
        ending=ending,
        pos=reader.pos(source.node),
    )


def _is_empty_list(node: yaml.Node) -> bool:
    return isinstance(node, yaml.SequenceNode) and not node.value


def _optional_text(reader: Reader, entries: dict[str, tuple[yaml.Node, yaml.Node]], key: str, what: str) -> str:
    if key not in entries:
        return ""
    return reader.text(entries[key][1], what) or ""


def _condition(reader: Reader, node: yaml.Node, ctx: SceneContext) -> Expression | None:
    source = reader.text(node, "a condition")
    if source is None:
        return None
    expr = compile_expression(source, ctx.schema, reader.text_pos(node), want=BOOL)
    if isinstance(expr, ExprProblem):
        reader.report_expr(expr, node)
        return None
    ctx.references.append((expr, reader, node))
    return expr


def _template(reader: Reader, node: yaml.Node, source: str, ctx: SceneContext, offset: int = 0) -> Template | None:
    """Compile ``source``, which starts ``offset`` characters into ``node``'s text."""
    # In plain text nothing will ever be located: its place needs no map of the lines.
    located = "{" in source or "}" in source
    pos = reader.text_pos(node, mapped=located)
    template = compile_template(source, ctx.schema, pos.shifted(offset) if offset and located else pos)
    if isinstance(template, ExprProblem):
        reader.report_expr(template, node, offset)
        return None
    ctx.references.extend((expr, reader, node) for expr in expressions(template))
    return template


def _stripped(source: str, chars: str | None = None) -> tuple[int, str]:
    """``source`` stripped, with the offset where what is left starts (to keep columns right)."""
    kept = source.strip(chars)
    if kept is source:  # the usual case: nothing to strip
        return 0, source
    return len(source) - len(source.lstrip(chars)), kept


def _effects(reader: Reader, node: yaml.Node, ctx: SceneContext) -> tuple[Effect, ...]:
    effects = []
    for source, item in reader.texts(node, "an effect"):
        for part_offset, part in _split_effects(source):
            effect = compile_effect(part.strip(), ctx.schema, reader.text_pos(item).shifted(part_offset))
            if isinstance(effect, ExprProblem):
                reader.report_expr(effect, item, part_offset)
            else:
                ctx.references.append((effect.value, reader, item))
                effects.append(effect)
    return tuple(effects)


def _split_effects(source: str) -> list[tuple[int, str]]:
    """``a += 1; b = true`` holds two effects; each keeps its offset for error columns."""
    parts, offset = [], 0
    for chunk in source.split(";"):
        stripped = chunk.lstrip()
        if stripped.strip():
            parts.append((offset + len(chunk) - len(stripped), stripped))
        offset += len(chunk) + 1
    return parts


def _beats(reader: Reader, node: yaml.Node, ctx: SceneContext) -> tuple[Beat, ...]:
    if isinstance(node, yaml.ScalarNode):
        return tuple(_narration(reader, node, ctx))
    if not reader.shape(node, yaml.SequenceNode, "a scene's text"):
        return ()
    assert isinstance(node, yaml.SequenceNode)
    beats: list[Beat] = []
    for item in node.value:
        if isinstance(item, yaml.ScalarNode):
            beats.extend(_narration(reader, item, ctx))
            continue
        if not reader.shape(item, yaml.MappingNode, "a line of the script"):
            continue
        assert isinstance(item, yaml.MappingNode)
        beat = _beat(reader, item, ctx)
        if beat is not None:
            beats.append(beat)
    return tuple(beats)


def _narration(reader: Reader, node: yaml.Node, ctx: SceneContext) -> list[Beat]:
    source = reader.text(node, "narration")
    if source is None:
        return []
    offset, stripped = _stripped(source, "\n")
    template = _template(reader, node, stripped, ctx, offset)
    if template is None:
        return []
    # Blank lines split narration into paragraphs, shown one after another.
    paragraphs = _paragraphs(source)
    if len(paragraphs) == 1 or not template.is_static:
        return [Beat(None, template, None, reader.pos(node))]
    beats = []
    for offset, paragraph in paragraphs:
        part = _template(reader, node, paragraph, ctx, offset)
        if part is not None:
            beats.append(Beat(None, part, None, reader.pos(node)))
    return beats


def _paragraphs(source: str) -> list[tuple[int, str]]:
    """The paragraphs of narration, stripped, each with the offset where it starts."""
    if "\n" not in source:
        offset, paragraph = _stripped(source)
        return [(offset, paragraph)] if paragraph else []
    bounds = [0, *(i for brk in PARAGRAPH_BREAK.finditer(source) for i in brk.span()), len(source)]
    found = []
    for start, stop in zip(bounds[::2], bounds[1::2], strict=True):
        offset, paragraph = _stripped(source[start:stop])
        if paragraph:
            found.append((start + offset, paragraph))
    return found


def _beat(reader: Reader, item: yaml.MappingNode, ctx: SceneContext) -> Beat | None:
    condition = None
    speaker_entries = []
    for key, value in item.value:
        if not isinstance(key, yaml.ScalarNode):
            reader.report(Code.WRONG_SHAPE, key, "a script line's keys must be plain words")
            continue
        if key.value == "if":
            condition = _condition(reader, value, ctx)
            if condition is None:
                return None
        else:
            speaker_entries.append((key, value))
    if len(speaker_entries) != 1:
        where = speaker_entries[1][0] if len(speaker_entries) > 1 else item
        reader.report(
            Code.WRONG_SHAPE,
            where,
            "a script line is one 'speaker: line' (or 'text: narration'), optionally with 'if:'; "
            "split several speakers into separate '- ' items",
        )
        return None
    key, value = speaker_entries[0]
    speaker: str | None = None
    if key.value != "text":
        if key.value not in ctx.characters:
            options = set(ctx.characters) | {"text", "if"}
            reader.report(
                Code.UNKNOWN_SPEAKER,
                key,
                f"'{key.value}' is not a declared character{did_you_mean(key.value, options)}; "
                "declare it under 'characters:' in story.yaml (or use 'text:' for narration)",
            )
            return None
        speaker = key.value
    source = reader.text(value, "a line")
    if source is None:
        return None
    offset, stripped = _stripped(source)
    template = _template(reader, value, stripped, ctx, offset)
    if template is None:
        return None
    return Beat(speaker, template, condition, reader.pos(item))


def _choices(reader: Reader, scene_id: str, node: yaml.Node, ctx: SceneContext) -> tuple[Choice, ...]:
    if not reader.shape(node, yaml.SequenceNode, "choices"):
        return ()
    assert isinstance(node, yaml.SequenceNode)
    choices = []
    for number, item in enumerate(node.value, start=1):
        choice = _choice(reader, scene_id, number, item, ctx)
        if choice is not None:
            choices.append(choice)
    return tuple(choices)


def _choice(reader: Reader, scene_id: str, number: int, item: yaml.Node, ctx: SceneContext) -> Choice | None:
    entries = reader.mapping(item, "a choice", CHOICE_KEYS)
    if entries is None:
        return None
    spoken = "say" in entries
    if spoken and "choice" in entries:
        reader.report(
            Code.WRONG_SHAPE, entries["choice"][0], "a choice has 'say:' (a line Ryong speaks) or 'choice:', not both"
        )
        return None
    if not spoken and "choice" not in entries:
        reader.report(
            Code.MISSING_KEY, item, "a choice needs 'say:' (a line the player speaks) or 'choice:' (an action)"
        )
        return None
    text_node = entries["say" if spoken else "choice"][1]
    text_source = reader.text(text_node, "a choice's text")
    template = None
    if text_source:
        offset, stripped = _stripped(text_source)
        template = _template(reader, text_node, stripped, ctx, offset)
    choice_id = f"{scene_id}#{number}"
    if "id" in entries:
        given = reader.text(entries["id"][1], "a choice id")
        if given is not None and not ID.match(given):
            reader.report(
                Code.BAD_ID, entries["id"][1], f"choice id '{given}' may use only letters, digits, '_', '.' and '-'"
            )
        elif given is not None:
            choice_id = given
    if choice_id in ctx.choice_ids:
        reader.report(
            Code.DUPLICATE_CHOICE_ID,
            entries["id"][1] if "id" in entries else item,
            f"choice id '{choice_id}' is used twice: make each id unique",
        )
    ctx.choice_ids[choice_id] = item
    condition = _condition(reader, entries["if"][1], ctx) if "if" in entries else None
    once = bool(reader.boolean(entries["once"][1], "once")) if "once" in entries else False
    effects = _effects(reader, entries["do"][1], ctx) if "do" in entries else ()
    outcomes = _outcomes(reader, entries, item, effects, ctx)
    if template is None or outcomes is None or ("if" in entries and condition is None):
        return None
    return Choice(choice_id, template, spoken, condition, outcomes, once, reader.pos(item))


def _outcomes(
    reader: Reader,
    entries: dict[str, tuple[yaml.Node, yaml.Node]],
    item: yaml.Node,
    effects: tuple[Effect, ...],
    ctx: SceneContext,
) -> tuple[Outcome, ...] | None:
    if "go" in entries and "random" in entries:
        reader.report(
            Code.NO_TARGET,
            entries["random"][0],
            "a choice has 'go:' or 'random:', not both: move 'go:' into each outcome",
        )
        return None
    if "go" in entries:
        target = _target(reader, entries["go"][1], ctx)
        return (Outcome(1, effects, target, reader.pos(entries["go"][1])),) if target else None
    if "random" not in entries:
        reader.report(
            Code.NO_TARGET, item, "a choice needs 'go: <scene id>' (or 'random:' outcomes) to say where it leads"
        )
        return None
    node = entries["random"][1]
    if not reader.shape(node, yaml.SequenceNode, "random outcomes"):
        return None
    assert isinstance(node, yaml.SequenceNode)
    outcomes = []
    ok = bool(node.value)
    if not node.value:
        reader.report(Code.NO_TARGET, node, "'random:' needs at least one outcome with 'go:'")
    for sub in node.value:
        sub_entries = reader.mapping(sub, "a random outcome", OUTCOME_KEYS, {"go"})
        if sub_entries is None or "go" not in sub_entries:
            ok = False
            continue
        weight = 1
        if "weight" in sub_entries:
            got = reader.integer(sub_entries["weight"][1], "a weight")
            if got is None or got < 1:
                if got is not None:
                    reader.report(
                        Code.BAD_WEIGHT, sub_entries["weight"][1], f"weight {got} must be a whole number of 1 or more"
                    )
                ok = False
                continue
            weight = got
        more = _effects(reader, sub_entries["do"][1], ctx) if "do" in sub_entries else ()
        target = _target(reader, sub_entries["go"][1], ctx)
        if target is None:
            ok = False
            continue
        outcomes.append(Outcome(weight, effects + more, target, reader.pos(sub)))
    return tuple(outcomes) if ok else None


def _target(reader: Reader, node: yaml.Node, ctx: SceneContext) -> str | None:
    target = reader.text(node, "a target scene")
    if target is None:
        return None
    if target not in ctx.scene_ids:
        reader.report(
            Code.UNKNOWN_SCENE,
            node,
            f"there is no scene '{target}'{did_you_mean(target, ctx.scene_ids)}: check the id or add the scene",
        )
        return None
    return target
