"""Walk one parsed scene file into its outline (``loader/outline.py``), in the order compiling it will.

Each step of reading a node notes the problems it found there, so that compiling the
outline (``loader/scenes.py``) reports them at the very step where they were found, and the
diagnostics are the same whether the outline was just made or read back from the cache.
"""

from __future__ import annotations

import sys

import yaml

from game.engine.diagnostics import Code, Diagnostic
from game.engine.plaintree import PlainTree, parsed, parsed_effect
from game.engine.text import TemplatePieces, split_template
from game.loader.fields import ID, Reader
from game.loader.outline import (
    CHOICE_KEYS,
    OUTCOME_KEYS,
    SCENE_KEYS,
    BeatEntry,
    BeatOutline,
    BeatStep,
    ChoiceEntry,
    ConditionOutline,
    EffectsOutline,
    FileOutline,
    NarrationOutline,
    Outcomes,
    Place,
    Problems,
    RandomOutcome,
    SceneOutline,
    TargetOutline,
    TemplateOutline,
    TextNode,
)
from game.loader.slicing import paragraphs, split_effects, stripped_text
from game.loader.yamlread import YamlFile


class Parses:
    """Texts parsed so far while loading a story, by their text: each distinct text is parsed
    once a load, and equal texts share one parsed form (which marshal keeps once an entry)."""

    __slots__ = ("effects", "templates", "trees")

    def __init__(self) -> None:
        self.trees: dict[str, PlainTree | None] = {}
        self.effects: dict[str, PlainTree | None] = {}
        self.templates: dict[str, TemplatePieces | None] = {}


def outline_file(parsed: YamlFile, problems: list[Diagnostic], parses: Parses | None = None) -> FileOutline:
    """The outline of a parsed scene file; ``problems`` holds those reading it found so far
    (and is left empty: they are in the outline). ``parses`` shares parsed texts between the
    files of one load."""
    lengths = tuple(map(len, parsed.lines))
    if parsed.root is None:
        return lengths, _plain(problems), (), parsed.unread
    builder = _Outliner(Reader(parsed.name, problems, parsed.lines), parses or Parses())
    scenes = builder.gather(parsed.root)
    ids, endings, lost = parsed.unread
    return lengths, builder.taken_first, scenes, (ids + builder.refused_ids, endings, lost)


def _plain(problems: list[Diagnostic]) -> Problems:
    taken = tuple((str(d.code), d.line, d.col, d.message) for d in problems)
    problems.clear()
    return taken


class _Outliner:
    """Walks one file's nodes in the order compiling them will, noting what each step found."""

    def __init__(self, reader: Reader, parses: Parses) -> None:
        self.reader = reader
        self.taken_first: Problems = ()
        self.refused_ids: tuple[str, ...] = ()
        """Scene ids reported as malformed: naming one elsewhere is no new problem."""
        # As in Reader: a node starting on a (0-based) line below this one is in the file.
        self.last_line = len(reader.lines) if reader.lines else sys.maxsize
        self.trees = parses.trees
        self.effect_trees = parses.effects
        self.pieces = parses.templates

    def take(self) -> Problems:
        return _plain(self.reader.problems) if self.reader.problems else ()

    def place(self, node: yaml.Node) -> Place:
        """``Reader.pos`` as a plain (line, column)."""
        mark = node.start_mark
        if mark.line < self.last_line:
            return mark.line + 1, mark.column + 1
        pos = self.reader.pos(node)
        return pos.line, pos.col

    def text_node(self, node: yaml.Node) -> TextNode:
        place = self.place(node)
        if node.end_mark.line == node.start_mark.line and not getattr(node, "style", None):
            # Plain text on one line, the usual case: its text starts where the node does.
            text = (*place, ())
            return place, text, text
        mapped = self.reader.text_pos(node)
        unmapped = self.reader.text_pos(node, mapped=False)
        mapped_place = (mapped.line, mapped.col, mapped.spans)
        if unmapped == mapped and not mapped.spans:
            return place, mapped_place, mapped_place
        return place, mapped_place, (unmapped.line, unmapped.col, unmapped.spans)

    def gather(self, root: yaml.Node) -> tuple[SceneOutline, ...]:
        reader = self.reader
        found: list[tuple[str, yaml.MappingNode, dict[str, tuple[yaml.Node, yaml.Node]]]] = []
        if isinstance(root, yaml.MappingNode) and any(
            isinstance(k, yaml.ScalarNode) and k.value == "scene" for k, _ in root.value
        ):
            reader.report(Code.WRONG_SHAPE, root, "a scene file is a list of scenes: put '- ' before 'scene:'")
            self.refused_ids += tuple(
                str(v.value) for k, v in root.value if k.value == "scene" and isinstance(v, yaml.ScalarNode)
            )
        elif reader.shape(root, yaml.SequenceNode, "a scene file"):
            assert isinstance(root, yaml.SequenceNode)
            for item in root.value:
                entries = reader.mapping(item, "a scene", SCENE_KEYS, {"scene"})
                if entries is None or "scene" not in entries:
                    continue
                id_node = entries["scene"][1]
                scene_id = reader.text(id_node, "a scene id")
                if scene_id is None:
                    continue
                if not ID.match(scene_id):
                    reader.report(
                        Code.BAD_ID, id_node, f"scene id '{scene_id}' may use only letters, digits, '_', '.' and '-'"
                    )
                    self.refused_ids += (scene_id,)
                    continue
                assert isinstance(item, yaml.MappingNode)
                found.append((scene_id, item, entries))
        self.taken_first = self.take()
        return tuple(self.scene(scene_id, item, entries) for scene_id, item, entries in found)

    def scene(
        self, scene_id: str, node: yaml.MappingNode, entries: dict[str, tuple[yaml.Node, yaml.Node]]
    ) -> SceneOutline:
        reader = self.reader
        title = (reader.text(entries["title"][1], "a scene title") or "") if "title" in entries else ""
        place = (reader.text(entries["place"][1], "a scene's place") or "") if "place" in entries else ""
        heading = self.take()
        enter = self.effects(entries["enter"][1]) if "enter" in entries else None
        beats = self.beats(entries["text"][1]) if "text" in entries else ()
        ending = None
        if "ending" in entries:
            ending_node = entries["ending"][1]
            ending_id = reader.text(ending_node, "an ending id")
            ending = (self.take(), ending_id, self.place(ending_node))
        choices = None
        if "choices" in entries:
            key, value = entries["choices"]
            choices = (*self.choices(scene_id, value), self.place(key))
        if ending is None or ending[1] is None:
            if "choices" not in entries:
                reader.report(
                    Code.NO_CHOICES,
                    node,
                    f"scene '{scene_id}' has no choices, so the player would be stuck: add choices or 'ending: <id>'",
                )
            elif isinstance(entries["choices"][1], yaml.SequenceNode) and not entries["choices"][1].value:
                reader.report(
                    Code.NO_CHOICES,
                    entries["choices"][1],
                    f"scene '{scene_id}' has an empty choice list: add choices or 'ending: <id>'",
                )
        return (
            scene_id,
            self.place(node),
            self.place(entries["scene"][1]),
            heading,
            title,
            place,
            enter,
            beats,
            ending,
            choices,
            self.take(),
        )

    def condition(self, node: yaml.Node) -> ConditionOutline:
        source = self.reader.text(node, "a condition")
        tree = None
        if source is not None:
            tree = self.trees[source] if source in self.trees else self.trees.setdefault(source, parsed(source))
        return self.take(), source, self.text_node(node), tree

    def effects(self, node: yaml.Node) -> EffectsOutline:
        texts = self.reader.texts(node, "an effect")
        problems = self.take()
        parts: list[tuple[str, TextNode, int, PlainTree | None]] = []
        trees = self.effect_trees
        for source, item in texts:
            text_node = self.text_node(item)
            for offset, part in split_effects(source):
                effect = part.strip()
                tree = trees[effect] if effect in trees else trees.setdefault(effect, parsed_effect(effect))
                parts.append((effect, text_node, offset, tree))
        return problems, tuple(parts)

    def template(self, node: yaml.Node, source: str, offset: int = 0) -> TemplateOutline:
        pieces = None
        if "{" in source or "}" in source:
            known = self.pieces
            pieces = known[source] if source in known else known.setdefault(source, split_template(source, self.trees))
        return source, self.text_node(node), offset, pieces

    def beats(self, node: yaml.Node) -> tuple[BeatEntry, ...]:
        reader = self.reader
        if isinstance(node, yaml.ScalarNode):
            return (("narration", self.narration(node)),)
        if not reader.shape(node, yaml.SequenceNode, "a scene's text"):
            return (("problem", self.take()[0]),)
        assert isinstance(node, yaml.SequenceNode)
        beats: list[BeatEntry] = []
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                beats.append(("narration", self.narration(item)))
            elif not reader.shape(item, yaml.MappingNode, "a line of the script"):
                beats.append(("problem", self.take()[0]))
            else:
                assert isinstance(item, yaml.MappingNode)
                beats.append(("line", self.beat(item)))
        return tuple(beats)

    def narration(self, node: yaml.Node) -> NarrationOutline:
        source = self.reader.text(node, "narration")
        problems = self.take()
        if source is None:
            return problems, None, (), self.place(node)
        offset, stripped = stripped_text(source, "\n")
        return problems, self.template(node, stripped, offset), paragraphs(source), self.place(node)

    def beat(self, item: yaml.MappingNode) -> BeatOutline:
        reader = self.reader
        steps: list[BeatStep] = []
        speaker_entries = []
        for key, value in item.value:
            if not isinstance(key, yaml.ScalarNode):
                reader.report(Code.WRONG_SHAPE, key, "a script line's keys must be plain words")
                steps.append(("problem", self.take()[0]))
            elif key.value == "if":
                steps.append(("if", self.condition(value)))
            else:
                speaker_entries.append((key, value))
        nowhere = (0, 0)
        if len(speaker_entries) != 1:
            where = speaker_entries[1][0] if len(speaker_entries) > 1 else item
            reader.report(
                Code.WRONG_SHAPE,
                where,
                "a script line is one 'speaker: line' (or 'text: narration'), optionally with 'if:'; "
                "split several speakers into separate '- ' items",
            )
            return tuple(steps), self.take()[0], None, nowhere, (), None, self.place(item)
        key, value = speaker_entries[0]
        speaker = None if key.value == "text" else str(key.value)
        source = reader.text(value, "a line")
        problems = self.take()
        template = None
        if source is not None:
            offset, stripped = stripped_text(source)
            template = self.template(value, stripped, offset)
        return tuple(steps), None, speaker, self.place(key), problems, template, self.place(item)

    def choices(self, scene_id: str, node: yaml.Node) -> tuple[Problems, tuple[ChoiceEntry, ...]]:
        if not self.reader.shape(node, yaml.SequenceNode, "choices"):
            return self.take(), ()
        assert isinstance(node, yaml.SequenceNode)
        return (), tuple(self.choice(scene_id, number, item) for number, item in enumerate(node.value, start=1))

    def choice(self, scene_id: str, number: int, item: yaml.Node) -> ChoiceEntry:
        reader = self.reader
        entries = reader.mapping(item, "a choice", CHOICE_KEYS)
        if entries is None:
            return "problem", self.take()
        spoken = "say" in entries
        if spoken and "choice" in entries:
            return "both", self.take(), self.place(entries["choice"][0])
        if not spoken and "choice" not in entries:
            reader.report(
                Code.MISSING_KEY, item, "a choice needs 'say:' (a line the player speaks) or 'choice:' (an action)"
            )
            return "problem", self.take()
        text_node = entries["say" if spoken else "choice"][1]
        text_source = reader.text(text_node, "a choice's text")
        text_problems = self.take()
        template = None
        if text_source:
            offset, stripped = stripped_text(text_source)
            template = self.template(text_node, stripped, offset)
        choice_id = f"{scene_id}#{number}"
        if "id" in entries:
            given = reader.text(entries["id"][1], "a choice id")
            if given is not None and not ID.match(given):
                reader.report(
                    Code.BAD_ID, entries["id"][1], f"choice id '{given}' may use only letters, digits, '_', '.' and '-'"
                )
            elif given is not None:
                choice_id = given
        id_problems = self.take()
        duplicate_at = self.place(entries["id"][1] if "id" in entries else item)
        condition = self.condition(entries["if"][1]) if "if" in entries else None
        once = bool(reader.boolean(entries["once"][1], "once")) if "once" in entries else False
        once_problems = self.take()
        effects = self.effects(entries["do"][1]) if "do" in entries else None
        outcomes = self.outcomes(entries, item)
        return "choice", (
            spoken,
            text_problems,
            template,
            choice_id,
            id_problems,
            duplicate_at,
            condition,
            once,
            once_problems,
            effects,
            outcomes,
            self.place(item),
        )

    def outcomes(self, entries: dict[str, tuple[yaml.Node, yaml.Node]], item: yaml.Node) -> Outcomes:
        reader = self.reader
        if "go" in entries and "random" in entries:
            reader.report(
                Code.NO_TARGET,
                entries["random"][0],
                "a choice has 'go:' or 'random:', not both: move 'go:' into each outcome",
            )
            return "none", self.take()
        if "go" in entries:
            return "go", self.target(entries["go"][1])
        if "random" not in entries:
            reader.report(
                Code.NO_TARGET, item, "a choice needs 'go: <scene id>' (or 'random:' outcomes) to say where it leads"
            )
            return "none", self.take()
        node = entries["random"][1]
        if not reader.shape(node, yaml.SequenceNode, "random outcomes"):
            return "none", self.take()
        assert isinstance(node, yaml.SequenceNode)
        if not node.value:
            reader.report(Code.NO_TARGET, node, "'random:' needs at least one outcome with 'go:'")
        first = self.take()
        return "random", first, bool(node.value), tuple(self.random_outcome(sub) for sub in node.value)

    def random_outcome(self, sub: yaml.Node) -> RandomOutcome:
        reader = self.reader
        sub_entries = reader.mapping(sub, "a random outcome", OUTCOME_KEYS, {"go"})
        if sub_entries is None or "go" not in sub_entries:
            return self.take(), False, 0, None, None, (0, 0)
        weight = 1
        if "weight" in sub_entries:
            got = reader.integer(sub_entries["weight"][1], "a weight")
            if got is None or got < 1:
                if got is not None:
                    reader.report(
                        Code.BAD_WEIGHT, sub_entries["weight"][1], f"weight {got} must be a whole number of 1 or more"
                    )
                return self.take(), False, 0, None, None, (0, 0)
            weight = got
        problems = self.take()
        effects = self.effects(sub_entries["do"][1]) if "do" in sub_entries else None
        return problems, True, weight, effects, self.target(sub_entries["go"][1]), self.place(sub)

    def target(self, node: yaml.Node) -> TargetOutline:
        target = self.reader.text(node, "a target scene")
        return self.take(), target, self.place(node)
