"""Problems the engine can find in writer text, as values and as run-time faults."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.diagnostics import Code
from game.engine.model import SourcePos


@dataclass(frozen=True, slots=True)
class ExprProblem:
    """A problem in one expression or template: a diagnostic code, a column offset into
    the source text, and the sentence to show the writer. A ``consequence`` follows from a
    problem reported elsewhere (a name whose declaration failed): it stops the compiling
    but is not reported again."""

    code: Code
    offset: int
    message: str
    consequence: bool = False


class StoryRuntimeError(Exception):
    """An expression failed while playing (division by zero). Carries where it was written.

    Raised by the transition function; the checker turns it into a located diagnostic and the
    front ends show it as a story fault instead of a traceback.
    """

    def __init__(self, pos: SourcePos, message: str) -> None:
        super().__init__(f"{pos}: {message}")
        self.pos = pos
        self.message = message
