"""Coded diagnostics: every problem the loader or the checker reports about a story.

Each code has a fixed default severity and a one-line meaning; the writer's guide
(scenes/README.md) lists them all with an example. Messages say what is wrong and how to
fix it; positions are never invented (a problem with no place in a file points at the
file's first line).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

Severity = Literal["error", "warning", "info"]


class Code(StrEnum):
    """Every diagnostic code, by name: ``Code.UNKNOWN_SCENE`` is ``"SG131"``.

    Call sites name the problem, so a typo is an AttributeError at import time, not a
    KeyError while reporting; the value is the code writers see and search for.
    """

    # Files and YAML
    YAML_SYNTAX = "SG100"
    NOT_UTF8 = "SG101"
    EMPTY_FILE = "SG102"
    WRONG_SHAPE = "SG103"
    FILE_TOO_LARGE = "SG104"
    TOO_DEEP = "SG105"
    ALIAS = "SG106"
    TAG = "SG107"
    DUPLICATE_KEY = "SG108"
    NO_MANIFEST = "SG109"
    UNKNOWN_KEY = "SG110"
    MISSING_KEY = "SG112"
    BAD_ID = "SG113"
    UNREADABLE = "SG114"
    # Manifest
    NO_START = "SG120"
    NO_ENDINGS = "SG121"
    BAD_VARIABLE = "SG122"
    BAD_COLOR = "SG123"
    NO_PORTRAIT = "SG124"
    UNKNOWN_PLAYER = "SG125"
    NO_SCENES = "SG126"
    UNUSED_VARIABLE = "SG127"
    BAD_CHAPTER = "SG128"
    BAD_MAP = "SG129"
    # Scenes
    DUPLICATE_SCENE = "SG130"
    UNKNOWN_SCENE = "SG131"
    UNKNOWN_SPEAKER = "SG132"
    NO_CHOICES = "SG133"
    UNKNOWN_ENDING = "SG134"
    UNUSED_ENDING = "SG135"
    ENDING_WITH_CHOICES = "SG136"
    NO_TARGET = "SG137"
    DUPLICATE_CHOICE_ID = "SG138"
    BAD_WEIGHT = "SG139"
    # Expressions and text
    EXPRESSION_SYNTAX = "SG140"
    UNDECLARED_VARIABLE = "SG141"
    TYPE_ERROR = "SG142"
    OUTSIDE_DOMAIN = "SG143"
    BAD_FUNCTION = "SG144"
    BAD_EFFECT = "SG145"
    BAD_TEMPLATE = "SG146"
    DIVIDE_BY_ZERO = "SG147"
    # Exhaustive check (game/analysis)
    UNREACHABLE_SCENE = "SG300"
    UNREACHABLE_ENDING = "SG301"
    DEAD_CHOICE = "SG302"
    SOFT_LOCK = "SG303"
    OVERFLOW = "SG304"
    STATE_LIMIT = "SG305"
    RUNTIME_ERROR = "SG306"

    @property
    def entry(self) -> CodeEntry:
        return CODES[self]

    @property
    def severity(self) -> Severity:
        return CODES[self].severity


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """A code's catalogue entry: its name, default severity and one-line meaning (the guide's table)."""

    code: Code
    name: str
    severity: Severity
    meaning: str


CODES: dict[Code, CodeEntry] = {
    Code.YAML_SYNTAX: CodeEntry(Code.YAML_SYNTAX, "yaml-syntax", "error", "the file is not valid YAML"),
    Code.NOT_UTF8: CodeEntry(Code.NOT_UTF8, "not-utf8", "error", "the file is not UTF-8 text"),
    Code.EMPTY_FILE: CodeEntry(Code.EMPTY_FILE, "empty-file", "warning", "the file holds nothing"),
    Code.WRONG_SHAPE: CodeEntry(
        Code.WRONG_SHAPE,
        "wrong-shape",
        "error",
        "a value has the wrong type (a list where a mapping belongs, text where a number belongs)",
    ),
    Code.FILE_TOO_LARGE: CodeEntry(
        Code.FILE_TOO_LARGE, "file-too-large", "error", "the file is larger than a story file may be"
    ),
    Code.TOO_DEEP: CodeEntry(Code.TOO_DEEP, "too-deep", "error", "the YAML is nested deeper than any story needs"),
    Code.ALIAS: CodeEntry(Code.ALIAS, "alias", "error", "YAML anchors and aliases (&name, *name) are not allowed"),
    Code.TAG: CodeEntry(Code.TAG, "tag", "error", "YAML tags (!!python/object, !custom) are not allowed"),
    Code.DUPLICATE_KEY: CodeEntry(Code.DUPLICATE_KEY, "duplicate-key", "error", "a key appears twice in one mapping"),
    Code.NO_MANIFEST: CodeEntry(Code.NO_MANIFEST, "no-manifest", "error", "the story directory has no story.yaml"),
    Code.UNKNOWN_KEY: CodeEntry(
        Code.UNKNOWN_KEY, "unknown-key", "error", "a key the format does not know (often a typo)"
    ),
    Code.MISSING_KEY: CodeEntry(Code.MISSING_KEY, "missing-key", "error", "a required key is missing"),
    Code.BAD_ID: CodeEntry(Code.BAD_ID, "bad-id", "error", "an id has characters ids may not have"),
    Code.UNREADABLE: CodeEntry(Code.UNREADABLE, "unreadable", "error", "the file or directory cannot be read"),
    Code.NO_START: CodeEntry(Code.NO_START, "no-start", "error", "the start scene is missing or does not exist"),
    Code.NO_ENDINGS: CodeEntry(Code.NO_ENDINGS, "no-endings", "error", "the manifest declares no endings"),
    Code.BAD_VARIABLE: CodeEntry(
        Code.BAD_VARIABLE,
        "bad-variable",
        "error",
        "a variable's declaration is incomplete or its initial value is outside its domain",
    ),
    Code.BAD_COLOR: CodeEntry(Code.BAD_COLOR, "bad-color", "error", "a colour is not a colour name or #rrggbb"),
    Code.NO_PORTRAIT: CodeEntry(
        Code.NO_PORTRAIT, "no-portrait", "warning", "a character's portrait file cannot be found"
    ),
    Code.UNKNOWN_PLAYER: CodeEntry(
        Code.UNKNOWN_PLAYER, "unknown-player", "error", "'player' does not name a declared character"
    ),
    Code.NO_SCENES: CodeEntry(Code.NO_SCENES, "no-scenes", "error", "the story directory holds no scene files"),
    Code.UNUSED_VARIABLE: CodeEntry(
        Code.UNUSED_VARIABLE, "unused-variable", "warning", "a declared variable that nothing reads or changes"
    ),
    Code.BAD_CHAPTER: CodeEntry(
        Code.BAD_CHAPTER,
        "bad-chapter",
        "error",
        "a chapter names a folder with no scene files, or one inside another chapter's",
    ),
    Code.BAD_MAP: CodeEntry(
        Code.BAD_MAP, "bad-map", "warning", "the map's art file is missing, or a label or place it names is not found"
    ),
    Code.DUPLICATE_SCENE: CodeEntry(Code.DUPLICATE_SCENE, "duplicate-scene", "error", "two scenes have the same id"),
    Code.UNKNOWN_SCENE: CodeEntry(
        Code.UNKNOWN_SCENE, "unknown-scene", "error", "a choice or visited() names a scene that does not exist"
    ),
    Code.UNKNOWN_SPEAKER: CodeEntry(
        Code.UNKNOWN_SPEAKER, "unknown-speaker", "error", "a line's speaker is not a declared character"
    ),
    Code.NO_CHOICES: CodeEntry(
        Code.NO_CHOICES, "no-choices", "error", "a scene that is not an ending offers no choices"
    ),
    Code.UNKNOWN_ENDING: CodeEntry(
        Code.UNKNOWN_ENDING, "unknown-ending", "error", "a scene's ending is not declared in the manifest"
    ),
    Code.UNUSED_ENDING: CodeEntry(
        Code.UNUSED_ENDING, "unused-ending", "warning", "a declared ending is used by no scene"
    ),
    Code.ENDING_WITH_CHOICES: CodeEntry(
        Code.ENDING_WITH_CHOICES,
        "ending-with-choices",
        "warning",
        "an ending scene has choices, which are never offered",
    ),
    Code.NO_TARGET: CodeEntry(
        Code.NO_TARGET, "no-target", "error", "a choice says neither where it goes nor what random outcomes it has"
    ),
    Code.DUPLICATE_CHOICE_ID: CodeEntry(
        Code.DUPLICATE_CHOICE_ID, "duplicate-choice-id", "error", "two choices share an id"
    ),
    Code.BAD_WEIGHT: CodeEntry(
        Code.BAD_WEIGHT, "bad-weight", "error", "a random outcome's weight is not a positive whole number"
    ),
    Code.EXPRESSION_SYNTAX: CodeEntry(
        Code.EXPRESSION_SYNTAX, "expression-syntax", "error", "an expression cannot be parsed"
    ),
    Code.UNDECLARED_VARIABLE: CodeEntry(
        Code.UNDECLARED_VARIABLE, "undeclared-variable", "error", "an expression uses a variable that is not declared"
    ),
    Code.TYPE_ERROR: CodeEntry(
        Code.TYPE_ERROR,
        "type-error",
        "error",
        "an expression mixes kinds of value (a number with true/false, text with a number)",
    ),
    Code.OUTSIDE_DOMAIN: CodeEntry(
        Code.OUTSIDE_DOMAIN, "outside-domain", "error", "a value is outside the variable's declared domain"
    ),
    Code.BAD_FUNCTION: CodeEntry(
        Code.BAD_FUNCTION, "bad-function", "error", "an unknown function, or a function called with the wrong arguments"
    ),
    Code.BAD_EFFECT: CodeEntry(
        Code.BAD_EFFECT,
        "bad-effect",
        "error",
        "an effect is not of the form 'name = value', 'name += n' or 'name -= n'",
    ),
    Code.BAD_TEMPLATE: CodeEntry(
        Code.BAD_TEMPLATE,
        "bad-template",
        "error",
        "text has an unclosed or stray '{', '}', '{if}', '{else}' or '{end}'",
    ),
    Code.DIVIDE_BY_ZERO: CodeEntry(
        Code.DIVIDE_BY_ZERO, "divide-by-zero", "error", "an expression divides by a literal zero"
    ),
    Code.UNREACHABLE_SCENE: CodeEntry(
        Code.UNREACHABLE_SCENE, "unreachable-scene", "error", "no play of the story ever enters the scene"
    ),
    Code.UNREACHABLE_ENDING: CodeEntry(
        Code.UNREACHABLE_ENDING, "unreachable-ending", "error", "no play of the story ever reaches the ending"
    ),
    Code.DEAD_CHOICE: CodeEntry(
        Code.DEAD_CHOICE, "dead-choice", "warning", "a choice is never available in any reachable state"
    ),
    Code.SOFT_LOCK: CodeEntry(
        Code.SOFT_LOCK, "soft-lock", "error", "a reachable state from which no ending can be reached"
    ),
    Code.OVERFLOW: CodeEntry(
        Code.OVERFLOW, "overflow", "error", "an effect pushes a variable outside its declared range"
    ),
    Code.STATE_LIMIT: CodeEntry(
        Code.STATE_LIMIT, "state-limit", "error", "the check stopped at the state limit: the story is not proven"
    ),
    Code.RUNTIME_ERROR: CodeEntry(
        Code.RUNTIME_ERROR, "runtime-error", "error", "an expression fails while playing (division by zero)"
    ),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place: ``file:line:col: severity CODE: message``."""

    code: Code
    file: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    @classmethod
    def make(cls, code: Code, file: str, line: int, col: int, message: str) -> Diagnostic:
        """A diagnostic with the catalogue's severity for ``code``."""
        return cls(code, file, line, col, message, code.severity)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity} {self.code}: {self.message}"

    def order(self) -> tuple[str, int, int, str]:
        """The one order diagnostics are reported in: by file, line, column, then code."""
        return (self.file, self.line, self.col, self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": str(self.code),
            "name": self.code.entry.name,
            "message": self.message,
        }
