"""The story snapshot: a story that loaded without errors, kept whole, so the game starts without loading it again.

Loading a story parses and checks its YAML and compiles every expression; the outline cache
(``loader/cache.py``) spares the parsing, but not the rest, nor the import of PyYAML and the
loader. The game, starting, asks ``quick_load`` instead: when the story's files are byte for
byte those of a clean load it has kept, the story is rebuilt from that snapshot, and each
expression is compiled the first time it is evaluated (from its source, by the engine's own
compiler, exactly as the loader compiled it). Anything else, ``load_story`` loads as ever,
and a clean result is kept for next time.

The key is a SHA-256 of everything a load reads: the folder as it was named (positions name
files by it), every ``.yaml`` file below it with its path, its portraits and maps (the
``.txt`` files in its ``portraits`` and ``maps`` folders), every folder's path, and the
game's own portraits and maps. A story is kept only when its key is the same after the load
as before it (no file changed while it was read). A story with a link in it
is never kept (where a link leads is not in its bytes). One snapshot a story folder, in a
folder named for the loader's code (``files.code_stamp``): an edit replaces it, a new
release never reads an old one.

An entry is ``MAGIC``, the key, a CRC-32 of the payload and the payload: the story as nested
tuples of strings, numbers and bools in ``marshal`` form, which can hold only plain values and
cannot run code. Each scene is kept as a ``marshal`` string of its own, decoded the first time
it is asked for: the title screen needs none (starting a run builds the engine's rules, which
asks for them all). An entry that is missing, damaged or out of date costs one debug line and a
full load, which writes it again; one that cannot be written costs nothing. Deleting the
cache folder at any time is safe.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeAlias

from game.engine.diagnostics import Code, Diagnostic
from game.engine.errors import ExprProblem
from game.engine.model import (
    Beat,
    Chapter,
    Character,
    Choice,
    ConditionalSpan,
    Effect,
    Ending,
    Expression,
    Interpolation,
    Literal_,
    Outcome,
    ReadableState,
    Scene,
    SourcePos,
    StationMap,
    StatusItem,
    Story,
    Template,
    TemplatePart,
    Value,
    ValueType,
    Variable,
)
from game.engine.schema import Schema
from game.loader.files import code_stamp, entry_bytes, read_entry, story_entries, write_replacing
from game.loader.result import LoadResult
from game.paths import assets_dir
from game.userdirs import cache_dir

log = logging.getLogger(__name__)

MAGIC = b"stars-gossip story 2\n"
_MARSHAL_VERSION = 4
_ASSET_FOLDERS = ("portraits", "maps")
"""The game's own folders a load may read from (when the story has no file of that name)."""

Plain: TypeAlias = tuple[Any, ...]


def quick_load(directory: Path | str) -> LoadResult:
    """The story in ``directory`` as ``load_story`` gives it: from its snapshot when one of
    exactly these files is kept, else loaded (and, when it has no errors, kept)."""
    directory = Path(directory)
    key = story_key(directory)
    place = snapshot_path(directory)
    if key is not None:
        kept = read_snapshot(place, key, directory)
        if kept is not None:
            return kept
    from game.loader.story import load_story  # lazy: only when the snapshot cannot serve

    result = load_story(directory)
    # Kept only when no file changed while it was read (an editor saving as the game starts):
    # else the story would be kept under the key of other bytes.
    if key is not None and result.story is not None and story_key(directory) == key:
        write_snapshot(place, key, result)
    return result


def snapshot_path(directory: Path) -> Path:
    """Where the snapshot of the story folder named ``directory`` is kept."""
    name = hashlib.sha256(os.fsencode(str(directory))).hexdigest()[:32]
    return cache_dir() / "stories" / code_stamp() / name


def story_key(directory: Path) -> bytes | None:
    """The SHA-256 of everything loading ``directory`` reads (see the module's text), or None
    when the story cannot be kept: it is not a readable folder, or has a link, or a folder the
    loader would not walk (too deep, unreadable)."""
    digest = hashlib.sha256()
    digest.update(os.fsencode(str(directory)) + b"\0")
    problems: list[Diagnostic] = []
    try:
        found = [("/".join((*parts, entry.name)), entry) for parts, entry in story_entries(directory, problems)]
    except OSError:
        return None
    if problems:
        return None
    assets = assets_dir()
    digest.update(os.fsencode(str(assets)) + b"\0")
    for folder in _ASSET_FOLDERS:
        try:
            with os.scandir(assets / folder) as listing:
                found.extend((f"\0{folder}/{entry.name}", entry) for entry in listing)
        except OSError:
            continue
    for name, entry in sorted(found, key=lambda item: item[0]):
        try:
            if entry.is_symlink():
                return None
            if entry.is_dir(follow_symlinks=False):
                digest.update(b"d" + os.fsencode(name) + b"\0")
            elif not entry.is_file(follow_symlinks=False):
                return None
            elif name.endswith(".yaml") or (name.endswith(".txt") and _read_as_art(name)):
                with open(entry.path, "rb") as handle:
                    data = handle.read()
                digest.update(b"f" + os.fsencode(name) + b"\0" + len(data).to_bytes(8, "big") + data)
        except OSError:
            return None
    return digest.digest()


def _read_as_art(name: str) -> bool:
    """Whether the loader may read the ``.txt`` file ``name`` (a path in the story, or one of the
    game's own): a portrait or a map, directly in a ``portraits`` or ``maps`` folder at the top."""
    folder, _, rest = name.lstrip("\0").partition("/")
    return folder in _ASSET_FOLDERS and "/" not in rest


def read_snapshot(path: Path, key: bytes, directory: Path) -> LoadResult | None:
    """The result kept in ``path`` for the files whose key is ``key``, or None (with a debug
    line when an entry was there but could not serve)."""
    payload = read_entry(path, MAGIC, key, "story snapshot", log)
    if payload is None:
        return None
    try:
        return decode(marshal.loads(payload), directory)
    except (ValueError, EOFError, TypeError, IndexError, KeyError) as err:
        log.debug("story snapshot: %s cannot be decoded (%s); it will be written again", path, err)
        return None


def write_snapshot(path: Path, key: bytes, result: LoadResult) -> None:
    """Keep ``result`` (a story) in ``path`` for the files whose key is ``key``; never fails."""
    payload = marshal.dumps(encode(result), _MARSHAL_VERSION)
    try:
        write_replacing(path, entry_bytes(MAGIC, key, payload))
    except (OSError, ValueError) as err:
        log.debug("story snapshot: cannot write %s (%s); the game loads the story each time", path, err)


# The codec: a story and its diagnostics as plain nested tuples, and back. Positions, the files
# they name and types are each kept once, in a table, and named by their index in it; the order
# of each tuple is the order of the dataclass's fields.


class _Encoder:
    def __init__(self) -> None:
        self.files: dict[str, int] = {}
        self.positions: dict[Plain, int] = {}
        self.types: dict[Plain, int] = {}
        self.effects: list[Plain] = []
        self.effect_index: dict[int, int] = {}  # by the effect's identity

    def pos(self, pos: SourcePos) -> int:
        file = self.files.setdefault(pos.file, len(self.files))
        plain = (
            (file, pos.line, pos.col, pos.spans, pos.offset) if pos.spans or pos.offset else (file, pos.line, pos.col)
        )
        return self.positions.setdefault(plain, len(self.positions))

    def type(self, value_type: ValueType) -> int:
        return self.types.setdefault((value_type.kind, value_type.names, value_type.labels), len(self.types))

    def expression(self, expr: Expression | None) -> Plain | None:
        if expr is None:
            return None
        return (
            expr.source,
            self.type(expr.type),
            self.pos(expr.pos),
            tuple(sorted(expr.variables)),
            tuple(sorted(expr.scenes)),
        )

    def effect(self, effect: Effect) -> int:
        """The effect's index in the scene's table of effects: an effect several outcomes share
        (a choice's own, before each outcome's) is kept once, and comes back shared."""
        index = self.effect_index.get(id(effect))
        if index is None:
            index = self.effect_index[id(effect)] = len(self.effects)
            self.effects.append(
                (effect.source, effect.variable, effect.op, self.expression(effect.value), self.pos(effect.pos))
            )
        return index

    def template(self, template: Template) -> Plain:
        return (tuple(self.part(part) for part in template.parts), template.source, self.pos(template.pos))

    def part(self, part: TemplatePart) -> object:
        if isinstance(part, Literal_):
            return part.text
        if isinstance(part, Interpolation):
            return ("i", self.expression(part.expression))
        return ("c", self.expression(part.condition), self.template(part.then), self.template(part.otherwise))

    def scene(self, scene: Scene) -> Plain:
        beats = tuple(
            (beat.speaker, self.template(beat.text), self.expression(beat.condition), self.pos(beat.pos))
            for beat in scene.beats
        )
        choices = tuple(
            (
                choice.id,
                self.template(choice.text),
                choice.spoken,
                self.expression(choice.condition),
                tuple(
                    (o.weight, tuple(self.effect(e) for e in o.effects), o.target, self.pos(o.pos))
                    for o in choice.outcomes
                ),
                choice.once,
                self.pos(choice.pos),
            )
            for choice in scene.choices
        )
        on_enter = tuple(self.effect(e) for e in scene.on_enter)
        return (scene.id, scene.title, scene.place, beats, choices, on_enter, scene.ending, self.pos(scene.pos))

    def scene_entry(self, scene: Scene) -> bytes:
        """A scene with its own table of positions, in ``marshal`` form: the game decodes a
        scene only when it is first asked for (``_Scenes``)."""
        outer, self.positions = self.positions, {}
        self.effects, self.effect_index = [], {}
        try:
            plain = self.scene(scene)
            return marshal.dumps((tuple(self.positions), tuple(self.effects), plain), _MARSHAL_VERSION)
        finally:
            self.positions = outer

    def story(self, story: Story) -> Plain:
        station = story.map
        return (
            story.id,
            story.title,
            story.start,
            story.player,
            tuple((c.id, c.name, c.color, c.portrait, self.pos(c.pos)) for c in story.characters.values()),
            tuple(
                (v.name, self.type(v.type), v.initial, v.minimum, v.maximum, v.overflow, self.pos(v.pos))
                for v in story.variables
            ),
            tuple((e.id, e.title, e.description, self.pos(e.pos), e.hint) for e in story.endings.values()),
            tuple((scene.id, self.scene_entry(scene)) for scene in story.scenes.values()),
            tuple(
                (s.label, self.expression(s.value), self.expression(s.condition), self.pos(s.pos), s.help)
                for s in story.status
            ),
            tuple(story.visit_caps.items()),
            story.seed,
            story.fingerprint,
            story.description,
            tuple((c.number, c.title, c.folder, self.pos(c.pos)) for c in story.chapters),
            None if station is None else (station.art, station.places, self.pos(station.pos)),
            tuple(story.scene_chapters.items()),
        )


def encode(result: LoadResult) -> Plain:
    """``result`` (a loaded story and its diagnostics) as plain data ``marshal`` can hold."""
    if result.story is None:
        raise ValueError("only a story that loaded can be kept")
    encoder = _Encoder()
    story = encoder.story(result.story)
    diagnostics = tuple((str(d.code), d.file, d.line, d.col, d.message, d.severity) for d in result.diagnostics)
    return (tuple(encoder.files), tuple(encoder.positions), tuple(encoder.types), story, diagnostics)


class _Later:
    """An expression's function until its first call, which compiles the expression from its
    source (as the loader did, at the same place, so a fault names the same position), puts the
    result in the expression's place and calls it. A caller that kept this object is passed on.
    ``effect`` is set for the value of an effect: the whole effect is compiled, at its place."""

    __slots__ = ("compiled", "effect", "expression", "pos", "schema", "source")

    def __init__(self, source: str, pos: SourcePos, schema: Schema, effect: bool) -> None:
        self.source = source
        self.pos = pos
        self.schema = schema
        self.effect = effect
        self.compiled: Callable[[ReadableState], Value] | None = None
        self.expression: Expression | None = None

    def __call__(self, state: ReadableState) -> Value:
        evaluate = self.compiled
        if evaluate is None:
            evaluate = self.compiled = self.compile()
            object.__setattr__(self.expression, "evaluate", evaluate)
        return evaluate(state)

    def compile(self) -> Callable[[ReadableState], Value]:
        from game.engine.expr import compile_effect, compile_expression  # lazy: only once the story plays

        if self.effect:
            effect = compile_effect(self.source, self.schema, self.pos)
            if not isinstance(effect, ExprProblem):
                return effect.value.evaluate
            problem = effect
        else:
            expression = compile_expression(self.source, self.schema, self.pos)
            if not isinstance(expression, ExprProblem):
                return expression.evaluate
            problem = expression
        # The snapshot's key covers everything the load read: this is a fault of the game's.
        raise RuntimeError(f"a kept story's expression no longer compiles: {self.source!r}: {problem.message}")


class _Decoder:
    """Rebuilds model values from one table of positions; the tables of files and types, the
    schema expressions compile against and the plain texts made so far are the story's own."""

    def __init__(
        self,
        files: tuple[str, ...],
        positions: tuple[Plain, ...],
        types: tuple[ValueType, ...],
        schema: Schema,
        plain_texts: dict[str, tuple[TemplatePart, ...]],
    ) -> None:
        self.files = files
        self.positions = [
            SourcePos(files[p[0]], p[1], p[2]) if len(p) == 3 else SourcePos(files[p[0]], p[1], p[2], p[3], p[4])
            for p in positions
        ]
        self.types = types
        self.schema = schema
        self.plain_texts = plain_texts
        self.effects: list[Effect] = []
        """The scene's effects, by their index in its table (``_Encoder.effect``)."""

    def scene_from(self, entry: bytes) -> Scene:
        """The scene kept as ``entry`` (``_Encoder.scene_entry``)."""
        positions, effects, plain = marshal.loads(entry)
        decoder = _Decoder(self.files, positions, self.types, self.schema, self.plain_texts)
        decoder.effects = [decoder.effect(effect) for effect in effects]
        return decoder.scene(plain)

    def condition(self, plain: Plain | None) -> Expression | None:
        return None if plain is None else self.expression(plain)

    def expression(self, plain: Plain) -> Expression:
        source, type_index, pos, variables, scenes = plain
        pos = self.positions[pos]
        later = _Later(source, pos, self.schema, False)
        expression = Expression(source, self.types[type_index], later, pos, frozenset(variables), frozenset(scenes))
        later.expression = expression
        return expression

    def effect(self, plain: Plain) -> Effect:
        source, variable, op, (value_source, type_index, value_pos, variables, scenes), pos = plain
        pos = self.positions[pos]
        later = _Later(source, pos, self.schema, True)
        value = Expression(
            value_source,
            self.types[type_index],
            later,
            self.positions[value_pos],
            frozenset(variables),
            frozenset(scenes),
        )
        later.expression = value
        return Effect(source, variable, op, value, pos)

    def template(self, plain: Plain) -> Template:
        parts_plain, source, pos_plain = plain
        if len(parts_plain) == 1 and parts_plain[0] == source and isinstance(source, str):
            parts = self.plain_texts.get(source)  # plain texts share their parts, as the loader's do
            if parts is None:
                parts = self.plain_texts[source] = (Literal_(source),)
            return Template(parts, source, self.positions[pos_plain])
        return Template(tuple(self.part(part) for part in parts_plain), source, self.positions[pos_plain])

    def part(self, plain: object) -> TemplatePart:
        if isinstance(plain, str):
            return Literal_(plain)
        assert isinstance(plain, tuple)
        if plain[0] == "i":
            return Interpolation(self.expression(plain[1]))
        _, condition, then, otherwise = plain
        return ConditionalSpan(self.expression(condition), self.template(then), self.template(otherwise))

    def scene(self, plain: Plain) -> Scene:
        scene_id, title, place, beats_plain, choices_plain, on_enter, ending, pos = plain
        beats = tuple(
            Beat(speaker, self.template(text), self.condition(condition), self.positions[beat_pos])
            for speaker, text, condition, beat_pos in beats_plain
        )
        choices = tuple(
            Choice(
                choice_id,
                self.template(text),
                spoken,
                self.condition(condition),
                tuple(
                    Outcome(weight, tuple(self.effects[e] for e in effects), target, self.positions[outcome_pos])
                    for weight, effects, target, outcome_pos in outcomes
                ),
                once,
                self.positions[choice_pos],
            )
            for choice_id, text, spoken, condition, outcomes, once, choice_pos in choices_plain
        )
        return Scene(
            scene_id,
            title,
            place,
            beats,
            choices,
            tuple(self.effects[e] for e in on_enter),
            ending,
            self.positions[pos],
        )


class _Scenes(Mapping[str, Scene]):
    """A kept story's scenes, each decoded the first time it is asked for: starting the game
    needs none of them, a run only those it goes through. Read-only, as a story's scenes are;
    threads asking for the same scene at once all get the one that was kept."""

    def __init__(self, entries: tuple[tuple[str, bytes], ...], decoder: _Decoder) -> None:
        self._entries = dict(entries)
        self._decoded: dict[str, Scene] = {}
        self._decoder = decoder

    def __getitem__(self, scene_id: str) -> Scene:
        scene = self._decoded.get(scene_id)
        if scene is None:
            scene = self._decoded.setdefault(scene_id, self._decoder.scene_from(self._entries[scene_id]))
        return scene

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, scene_id: object) -> bool:
        return scene_id in self._entries


def decode(plain: Plain, directory: Path) -> LoadResult:
    """The result ``encode`` was given, rebuilt from its plain form (expressions compiled on
    their first call), for the story folder ``directory``."""
    files, positions, types, story_plain, diagnostics_plain = plain
    value_types = tuple(ValueType(kind, names, labels) for kind, names, labels in types)
    decoder = _Decoder(files, positions, value_types, Schema({}), {})
    (
        story_id,
        title,
        start,
        player,
        characters_plain,
        variables_plain,
        endings_plain,
        scenes_plain,
        status_plain,
        visit_caps,
        seed,
        fingerprint,
        description,
        chapters_plain,
        map_plain,
        scene_chapters,
    ) = story_plain
    variables = tuple(
        Variable(name, decoder.types[type_index], initial, minimum, maximum, overflow, decoder.positions[pos])
        for name, type_index, initial, minimum, maximum, overflow, pos in variables_plain
    )
    # Expressions compile against the story's declarations, with every counted scene already
    # in the place the loader gave it (compiling adds none).
    schema = decoder.schema = Schema.of(variables)
    for scene_id, cap in visit_caps:
        schema.visit_slot(scene_id, cap)
    story = Story(
        id=story_id,
        title=title,
        start=start,
        player=player,
        characters={c[0]: Character(c[0], c[1], c[2], c[3], decoder.positions[c[4]]) for c in characters_plain},
        variables=variables,
        endings={e[0]: Ending(e[0], e[1], e[2], decoder.positions[e[3]], e[4]) for e in endings_plain},
        scenes=_Scenes(scenes_plain, decoder),
        status=tuple(
            StatusItem(
                label, decoder.expression(value), decoder.condition(condition), decoder.positions[pos], help_text
            )
            for label, value, condition, pos, help_text in status_plain
        ),
        visit_caps=dict(visit_caps),
        seed=seed,
        fingerprint=fingerprint,
        description=description,
        chapters=tuple(
            Chapter(number, chapter_title, folder, decoder.positions[pos])
            for number, chapter_title, folder, pos in chapters_plain
        ),
        map=None if map_plain is None else StationMap(map_plain[0], map_plain[1], decoder.positions[map_plain[2]]),
        scene_chapters=dict(scene_chapters),
    )
    diagnostics = tuple(
        Diagnostic(Code(code), file, line, col, message, severity)
        for code, file, line, col, message, severity in diagnostics_plain
    )
    return LoadResult(story, diagnostics, directory)
