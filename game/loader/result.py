"""What loading a story gives: the story, or None when it has errors, and every diagnostic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.engine.diagnostics import Diagnostic
from game.engine.model import Story


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The story (None when any error was found) and every diagnostic, sorted by place."""

    story: Story | None
    diagnostics: tuple[Diagnostic, ...]
    directory: Path

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")
