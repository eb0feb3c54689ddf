"""Coded diagnostics: every problem the loader or the checker reports about a story.

Each code has a fixed default severity and a one-line meaning; the writer's guide
(scenes/README.md) lists them all with an example. Messages say what is wrong and how to
fix it; positions are never invented (a problem with no place in a file points at the
file's first line).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    severity: Severity
    meaning: str


_CATALOGUE = (
    # Files and YAML
    Code("SG100", "yaml-syntax", "error", "the file is not valid YAML"),
    Code("SG101", "not-utf8", "error", "the file is not UTF-8 text"),
    Code("SG102", "empty-file", "warning", "the file holds nothing"),
    Code(
        "SG103",
        "wrong-shape",
        "error",
        "a value has the wrong type (a list where a mapping belongs, text where a number belongs)",
    ),
    Code("SG104", "file-too-large", "error", "the file is larger than a story file may be"),
    Code("SG105", "too-deep", "error", "the YAML is nested deeper than any story needs"),
    Code("SG106", "alias", "error", "YAML anchors and aliases (&name, *name) are not allowed"),
    Code("SG107", "tag", "error", "YAML tags (!!python/object, !custom) are not allowed"),
    Code("SG108", "duplicate-key", "error", "a key appears twice in one mapping"),
    Code("SG109", "no-manifest", "error", "the story directory has no story.yaml"),
    Code("SG110", "unknown-key", "error", "a key the format does not know (often a typo)"),
    Code("SG112", "missing-key", "error", "a required key is missing"),
    Code("SG113", "bad-id", "error", "an id has characters ids may not have"),
    Code("SG114", "unreadable", "error", "the file or directory cannot be read"),
    # Manifest
    Code("SG120", "no-start", "error", "the start scene is missing or does not exist"),
    Code("SG121", "no-endings", "error", "the manifest declares no endings"),
    Code(
        "SG122",
        "bad-variable",
        "error",
        "a variable's declaration is incomplete or its initial value is outside its domain",
    ),
    Code("SG123", "bad-color", "error", "a colour is not a colour name or #rrggbb"),
    Code("SG124", "no-portrait", "warning", "a character's portrait file cannot be found"),
    Code("SG125", "unknown-player", "error", "'player' does not name a declared character"),
    Code("SG126", "no-scenes", "error", "the story directory holds no scene files"),
    # Scenes
    Code("SG130", "duplicate-scene", "error", "two scenes have the same id"),
    Code("SG131", "unknown-scene", "error", "a choice or visited() names a scene that does not exist"),
    Code("SG132", "unknown-speaker", "error", "a line's speaker is not a declared character"),
    Code("SG133", "no-choices", "error", "a scene that is not an ending offers no choices"),
    Code("SG134", "unknown-ending", "error", "a scene's ending is not declared in the manifest"),
    Code("SG135", "unused-ending", "warning", "a declared ending is used by no scene"),
    Code("SG136", "ending-with-choices", "warning", "an ending scene has choices, which are never offered"),
    Code("SG137", "no-target", "error", "a choice says neither where it goes nor what random outcomes it has"),
    Code("SG138", "duplicate-choice-id", "error", "two choices share an id"),
    Code("SG139", "bad-weight", "error", "a random outcome's weight is not a positive whole number"),
    # Expressions and text
    Code("SG140", "expression-syntax", "error", "an expression cannot be parsed"),
    Code("SG141", "undeclared-variable", "error", "an expression uses a variable that is not declared"),
    Code(
        "SG142",
        "type-error",
        "error",
        "an expression mixes kinds of value (a number with true/false, text with a number)",
    ),
    Code("SG143", "outside-domain", "error", "a value is outside the variable's declared domain"),
    Code("SG144", "bad-function", "error", "an unknown function, or a function called with the wrong arguments"),
    Code("SG145", "bad-effect", "error", "an effect is not of the form 'name = value', 'name += n' or 'name -= n'"),
    Code("SG146", "bad-template", "error", "text has an unclosed or stray '{', '}', '{if}', '{else}' or '{end}'"),
    Code("SG147", "divide-by-zero", "error", "an expression divides by a literal zero"),
    # Exhaustive check (game/analysis)
    Code("SG300", "unreachable-scene", "error", "no play of the story ever enters the scene"),
    Code("SG301", "unreachable-ending", "error", "no play of the story ever reaches the ending"),
    Code("SG302", "dead-choice", "warning", "a choice is never available in any reachable state"),
    Code("SG303", "soft-lock", "error", "a reachable state from which no ending can be reached"),
    Code("SG304", "overflow", "error", "an effect pushes a variable outside its declared range"),
    Code("SG305", "state-limit", "error", "the check stopped at the state limit: the story is not proven"),
    Code("SG306", "runtime-error", "error", "an expression fails while playing (division by zero)"),
)

CODES: dict[str, Code] = {c.code: c for c in _CATALOGUE}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place: ``file:line:col: severity CODE: message``."""

    code: str
    file: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    @classmethod
    def make(cls, code: str, file: str, line: int, col: int, message: str) -> Diagnostic:
        """A diagnostic with the catalogue's severity for ``code``."""
        return cls(code, file, line, col, message, CODES[code].severity)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity} {self.code}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "name": CODES[self.code].name,
            "message": self.message,
        }
