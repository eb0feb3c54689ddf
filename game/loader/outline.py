"""One scene file reduced to its outline: everything the loader learns from that file's bytes alone.

The outline is plain data (tuples, strings, ints, bools, None) so that it can be cached per
file (``loader/cache.py``) and read back without running code. Its expressions are kept
parsed (``game.engine.plaintree``), so compiling an outline read back never parses a text. It holds the scenes' texts,
sources and places, and the problems found in the file itself (YAML, shapes, keys, empty
texts), each at the step of reading where it was found. What depends on the rest of the
story (the manifest's variables, characters and endings, the other files' scene ids) is
left for ``loader/scenes.py`` to check when it compiles the outline, so those problems are
always found afresh.

Places are 1-based (line, column) in the file; a file's name is added when the outline is
compiled, so the same outline serves a story however its folder is named on the command line.

This module is the outline's shape; ``loader/outliner.py`` walks a parsed file into it.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

from game.engine.plaintree import PlainTree
from game.engine.text import TemplatePieces
from game.loader.salvage import Unread

SCENE_KEYS = {"scene", "title", "place", "enter", "text", "choices", "ending"}
CHOICE_KEYS = {"say", "choice", "id", "if", "do", "go", "once", "random"}
OUTCOME_KEYS = {"weight", "do", "go"}

Spans: TypeAlias = tuple[tuple[int, int, int, int], ...]
Place: TypeAlias = tuple[int, int]
TextPlace: TypeAlias = tuple[int, int, Spans]
"""Where a scalar's text starts, with ``SourcePos.spans`` when it was folded or escaped."""
Problem: TypeAlias = tuple[str, int, int, str]
"""A diagnostic without its file: (code, line, column, message)."""
Problems: TypeAlias = tuple[Problem, ...]

TextNode: TypeAlias = tuple[Place, TextPlace, TextPlace]
"""A scalar: its place, where its text starts (mapped), and the same unmapped (as
``Reader.text_pos(node, mapped=False)``, for text no place inside will be asked of)."""
TemplateOutline: TypeAlias = tuple[str, TextNode, int, TemplatePieces | None]
"""Text to compile as a template, the scalar it was written in, its offset there, and the
text split up with its expressions parsed (``text.split_template``; None for text without
braces, or whose braces do not pair up)."""
ConditionOutline: TypeAlias = tuple[Problems, str | None, TextNode, PlainTree | None]
"""Problems reading it, its source, its scalar, and its parsed tree (None when it does not parse)."""
EffectsOutline: TypeAlias = tuple[Problems, tuple[tuple[str, TextNode, int, PlainTree | None], ...]]
"""Problems reading the texts, then each effect's source, scalar, offset in it and parsed tree."""
TargetOutline: TypeAlias = tuple[Problems, str | None, Place]
NarrationOutline: TypeAlias = tuple[Problems, TemplateOutline | None, tuple[tuple[int, str], ...], Place]
BeatStep: TypeAlias = tuple[Literal["problem"], Problem] | tuple[Literal["if"], ConditionOutline]
BeatOutline: TypeAlias = tuple[
    tuple[BeatStep, ...], Problem | None, str | None, Place, Problems, TemplateOutline | None, Place
]
"""A script line: steps over its keys, a problem with its shape, speaker (None for
narration) and its key's place, problems reading the line, the line, the beat's place."""
BeatEntry: TypeAlias = (
    tuple[Literal["problem"], Problem]
    | tuple[Literal["narration"], NarrationOutline]
    | tuple[Literal["line"], BeatOutline]
)
RandomOutcome: TypeAlias = tuple[Problems, bool, int, EffectsOutline | None, TargetOutline | None, Place]
"""Problems reading it, whether it is usable, weight, effects, target, its place."""
Outcomes: TypeAlias = (
    tuple[Literal["none"], Problems]
    | tuple[Literal["go"], TargetOutline]
    | tuple[Literal["random"], Problems, bool, tuple[RandomOutcome, ...]]
)
ChoiceOutline: TypeAlias = tuple[
    bool,  # spoken
    Problems,  # reading its text
    TemplateOutline | None,
    str,  # its id
    Problems,  # reading its id
    Place,  # where a duplicate id is reported
    ConditionOutline | None,
    bool,  # once
    Problems,  # reading 'once'
    EffectsOutline | None,
    Outcomes,
    Place,
]
ChoiceEntry: TypeAlias = (
    tuple[Literal["problem"], Problems]
    | tuple[Literal["both"], Problems, Place]  # 'say:' and 'choice:': the message names the player
    | tuple[Literal["choice"], ChoiceOutline]
)
SceneOutline: TypeAlias = tuple[
    str,  # id
    Place,  # the scene's mapping
    Place,  # its id
    Problems,  # reading title and place
    str,  # title
    str,  # place
    EffectsOutline | None,  # enter
    tuple[BeatEntry, ...],
    tuple[Problems, str | None, Place] | None,  # ending
    tuple[Problems, tuple[ChoiceEntry, ...], Place] | None,  # choices, with the key's place
    Problems,  # the scene as a whole (no choices)
]
FileOutline: TypeAlias = tuple[tuple[int, ...], Problems, tuple[SceneOutline, ...], Unread]
"""A scene file: the length of each of its lines (to keep places inside the file), the
problems of the file itself in the order found, its scenes, and what its unreadable parts
seem to name (``salvage.Unread``)."""
