"""The story model: what a loaded story is, independent of where it came from.

Everything here is a frozen value. The loader builds these from YAML; the engine's
transition function (``game.engine.play``) reads them; nothing mutates them.
"""

from __future__ import annotations

import builtins
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Literal, Protocol

from game.engine.frozen import quick_init

Value = bool | int | str
"""A variable's value: a bool, an int within its range, or one of an enum's names."""


class ReadableState(Protocol):
    """What an expression may read: variable values in declaration order and visit counts."""

    @property
    def values(self) -> Sequence[Value]: ...

    @property
    def visits(self) -> Sequence[int]: ...


VarKind = Literal["bool", "int", "enum"]


@quick_init
@dataclass(frozen=True, slots=True)
class SourcePos:
    """Where a thing was written: a file (relative to the story directory) and a 1-based line and column.

    A position inside a text that YAML folded over several lines, or whose escapes changed
    its length, also carries ``spans`` and its ``offset`` in that text, so that ``shifted``
    lands on the line a character was really written on. Each span says where a run of the
    text's characters was written: (offset of its first character in the text, line,
    column, the last column that line has, i.e. its length + 1), in order of offset.
    Neither takes part in equality or hashing: two positions are equal when they name the
    same place.
    """

    file: str
    line: int
    col: int
    spans: tuple[tuple[int, int, int, int], ...] = field(default=(), compare=False, repr=False)
    offset: int = field(default=0, compare=False, repr=False)
    build: ClassVar[type[SourcePos]]  # SourcePos(...), made quicker: see frozen.quick_init

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    def shifted(self, offset: int) -> SourcePos:
        """The position of the character ``offset`` characters further along the text.

        Without spans that is further along the same line; with them, the run holding that
        character decides the line, and the column never passes the end of that line.
        """
        if not self.spans:
            return SourcePos.build(self.file, self.line, self.col + offset)
        target = self.offset + offset
        index = max(bisect_left(self.spans, (target + 1,)) - 1, 0)
        start, line, col, last_col = self.spans[index]
        return SourcePos.build(self.file, line, min(col + max(target - start, 0), last_col), self.spans, target)


NOWHERE = SourcePos("<story>", 0, 0)


@dataclass(frozen=True, slots=True)
class ValueType:
    """The static type of an expression: ``bool``, ``int`` or an enum with its names."""

    kind: VarKind
    names: tuple[str, ...] = ()
    labels: tuple[str, ...] = field(default=(), compare=False)
    """What the player reads for each of ``names`` (same order); empty when the writer gave
    none. Labels never change what an expression means, so types compare without them."""

    def label(self, value: Value) -> str | None:
        """The writer's label for an enum value, if there is one."""
        if self.labels and isinstance(value, str) and value in self.names:
            return self.labels[self.names.index(value)]
        return None

    def describe(self) -> str:
        if self.kind == "enum":
            return "one of " + ", ".join(repr(n) for n in self.names)
        return "a number" if self.kind == "int" else "true/false"


BOOL = ValueType("bool")
INT = ValueType("int")


@dataclass(frozen=True, slots=True)
class Variable:
    """A declared story variable with its finite domain.

    ``overflow`` says what an effect that leaves ``minimum..maximum`` means: ``clamp`` keeps
    the value at the bound silently (a saturating counter); ``error`` also keeps it at the
    bound but the checker reports the effect as a story bug.
    """

    name: str
    type: ValueType
    initial: Value
    minimum: int = 0
    maximum: int = 1
    overflow: Literal["clamp", "error"] = "error"
    pos: SourcePos = NOWHERE

    def domain(self) -> tuple[Value, ...]:
        """Every value this variable can hold, in order."""
        if self.type.kind == "bool":
            return (False, True)
        if self.type.kind == "enum":
            return self.type.names
        return tuple(range(self.minimum, self.maximum + 1))


@dataclass(frozen=True, slots=True)
class Character:
    """Someone who speaks: an id used in scene files, a display name, a colour, a portrait name."""

    id: str
    name: str
    color: str
    portrait: str | None = None
    pos: SourcePos = NOWHERE


@dataclass(frozen=True, slots=True)
class Ending:
    """A declared ending: the scenes that carry ``ending: <id>`` finish the game with it."""

    id: str
    title: str
    description: str = ""
    pos: SourcePos = NOWHERE
    hint: str = ""
    """A nudge toward this ending, shown in the endings gallery until the player finds it."""


@quick_init
@dataclass(frozen=True, slots=True, eq=False)
class Expression:
    """A writer's expression, parsed, type-checked and compiled once.

    ``evaluate`` is a closure built from the parsed tree (never ``eval``); it reads the
    state's values and visit counts and may raise ``StoryRuntimeError``.
    """

    source: str
    type: ValueType
    evaluate: Callable[[ReadableState], Value]
    pos: SourcePos = NOWHERE
    variables: frozenset[str] = frozenset()
    scenes: frozenset[str] = frozenset()
    build: ClassVar[builtins.type[Expression]]  # made quicker: quick_init ('type' names a field here)

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"


@quick_init
@dataclass(frozen=True, slots=True)
class Effect:
    """``name = expr``, ``name += expr`` or ``name -= expr`` on a declared variable."""

    source: str
    variable: int
    op: Literal["=", "+=", "-="]
    value: Expression
    pos: SourcePos = NOWHERE
    build: ClassVar[type[Effect]]  # Effect(...), made quicker: see frozen.quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class Literal_:
    text: str
    build: ClassVar[type[Literal_]]  # Literal_(...), made quicker: see frozen.quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class Interpolation:
    expression: Expression
    build: ClassVar[type[Interpolation]]  # Interpolation(...), made quicker: see frozen.quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class ConditionalSpan:
    condition: Expression
    then: Template
    otherwise: Template
    build: ClassVar[type[ConditionalSpan]]  # ConditionalSpan(...), made quicker: see frozen.quick_init


TemplatePart = Literal_ | Interpolation | ConditionalSpan


@quick_init
@dataclass(frozen=True, slots=True)
class Template:
    """Text with ``{variable}`` interpolations and ``{if cond}…{else}…{end}`` spans."""

    parts: tuple[TemplatePart, ...]
    source: str = ""
    pos: SourcePos = NOWHERE
    build: ClassVar[type[Template]]  # Template(...), made quicker: see frozen.quick_init

    @property
    def is_static(self) -> bool:
        return all(isinstance(p, Literal_) for p in self.parts)


@quick_init
@dataclass(frozen=True, slots=True)
class Beat:
    """One line of a scene's script: narration (no speaker) or a character's line."""

    speaker: str | None
    text: Template
    condition: Expression | None = None
    pos: SourcePos = NOWHERE
    build: ClassVar[type[Beat]]  # Beat(...), made quicker: see frozen.quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class Outcome:
    """One way a choice can turn out. A choice without ``random`` has exactly one."""

    weight: int
    effects: tuple[Effect, ...]
    target: str
    pos: SourcePos = NOWHERE
    build: ClassVar[type[Outcome]]  # Outcome(...), made quicker: see frozen.quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class Choice:
    """Something the player can pick.

    ``spoken`` choices are lines Gong Ryong says (echoed as his dialogue); others are
    actions. ``id`` is stable across edits (writer-chosen, or ``<scene>#<n>``) and is what
    once-only bookkeeping and saves refer to.
    """

    id: str
    text: Template
    spoken: bool
    condition: Expression | None
    outcomes: tuple[Outcome, ...]
    once: bool = False
    pos: SourcePos = NOWHERE
    build: ClassVar[type[Choice]]  # Choice(...), made quicker: see frozen.quick_init

    @property
    def is_random(self) -> bool:
        return len(self.outcomes) > 1


@quick_init
@dataclass(frozen=True, slots=True)
class Scene:
    """A place in the story: what is shown on entering it and the choices it offers."""

    id: str
    title: str
    place: str
    beats: tuple[Beat, ...]
    choices: tuple[Choice, ...]
    on_enter: tuple[Effect, ...] = ()
    ending: str | None = None
    pos: SourcePos = NOWHERE
    build: ClassVar[type[Scene]]  # Scene(...), made quicker: see frozen.quick_init


def label_start(art: str, label: str) -> int | None:
    """Where ``label`` first stands whole in ``art``: not inside a longer word or number
    ("Node 1" is not in "Node 10"); None when it never does."""
    if not label:
        return None
    before = r"(?<!\w)" if re.match(r"\w", label[0]) else ""
    after = r"(?!\w)" if re.match(r"\w", label[-1]) else ""
    found = re.search(before + re.escape(label) + after, art)
    return found.start() if found is not None else None


@dataclass(frozen=True, slots=True)
class StationMap:
    """Text art of the story's world, and which label in it marks each place.

    ``places`` pairs a place as scenes name it (or the start of one: ``ILS, Node 1`` covers
    ``ILS, Node 1, log terminal``) with the label written in the art that marks it."""

    art: str
    places: tuple[tuple[str, str], ...]
    pos: SourcePos = field(default=NOWHERE, compare=False)  # the same map, wherever it is written

    def label_for(self, place: str) -> str | None:
        """The label marking ``place``: the one for the longest declared place it starts with."""
        best: tuple[str, str] | None = None
        for declared, label in self.places:
            if (place == declared or place.startswith(declared + ",")) and (
                best is None or len(declared) > len(best[0])
            ):
                best = (declared, label)
        return best[1] if best is not None else None

    def marks(self, here: str, visited: Iterable[str]) -> tuple[str | None, tuple[str, ...]]:
        """The label of the place ``here``, and those of the other ``visited`` places, once each."""
        here_label = self.label_for(here)
        seen: list[str] = []
        for place in visited:
            label = self.label_for(place)
            if label is not None and label != here_label and label not in seen:
                seen.append(label)
        return here_label, tuple(seen)


@dataclass(frozen=True, slots=True)
class Chapter:
    """A part of the story: the scenes in the files under ``folder`` (relative to the story),
    announced with a heading when the player first enters one of them."""

    number: int
    title: str = field(compare=False)
    folder: str = field(compare=False)
    pos: SourcePos = field(default=NOWHERE, compare=False)
    """Chapters are compared by number: the same chapter, retitled or moved in story.yaml."""

    @property
    def heading(self) -> str:
        return f"Chapter {self.number} \u00b7 {self.title}"


@dataclass(frozen=True, slots=True)
class StatusItem:
    """A line of the status sidebar, declared by the writer in the manifest."""

    label: str
    value: Expression
    condition: Expression | None = None
    pos: SourcePos = NOWHERE
    help: str = ""
    """What the line means, in a sentence: shown on hover and in the help screen."""


@dataclass(frozen=True, slots=True, eq=False, weakref_slot=True)  # engine/rules.py caches beside it
class Story:
    """A whole loaded story. ``visit_caps`` lists the scenes whose visits are counted.

    Visit counts saturate at their cap: the largest count any expression can tell apart.
    Scenes no expression asks about are not counted, which keeps the state space finite
    and small.
    """

    id: str
    title: str
    start: str
    player: str | None
    characters: Mapping[str, Character]
    variables: tuple[Variable, ...]
    endings: Mapping[str, Ending]
    scenes: Mapping[str, Scene]
    status: tuple[StatusItem, ...] = ()
    visit_caps: Mapping[str, int] = field(default_factory=dict)
    seed: int | None = None
    fingerprint: str = ""
    description: str = ""
    chapters: tuple[Chapter, ...] = ()
    map: StationMap | None = None
    scene_chapters: Mapping[str, int] = field(default_factory=dict)
    """Scene id -> index in ``chapters``, for the scenes that belong to one."""
    visit_slots: Mapping[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "visit_slots", {scene: i for i, scene in enumerate(self.visit_caps)})

    def chapter_of(self, scene: str) -> Chapter | None:
        """The chapter ``scene`` belongs to, if the story has chapters and it is in one."""
        index = self.scene_chapters.get(scene)
        return None if index is None else self.chapters[index]

    def variable_index(self, name: str) -> int:
        for i, var in enumerate(self.variables):
            if var.name == name:
                return i
        raise KeyError(name)
