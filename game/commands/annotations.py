"""Diagnostics as GitHub Actions workflow commands, so a story's CI marks each problem on its
line in the pull request: ``::error file=F,line=L,col=C,title=SG131::message``.

Escaping follows GitHub's toolkit: in the message ``%``, CR and LF become ``%25``, ``%0D`` and
``%0A``; in a property also ``:`` and ``,`` (``%3A``, ``%2C``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from game.engine import Diagnostic

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
"""Our severities as GitHub's annotation levels."""


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_path(file: str, here: Path | None = None) -> str:
    """A diagnostic's file (named as the story folder was given) as a path from the current
    folder, the repository's top in CI, with forward slashes; absolute when it lies outside."""
    path = Path(os.path.normpath(file))
    if path.is_absolute():
        with contextlib.suppress(ValueError):
            path = path.relative_to(Path.cwd() if here is None else here)
    return path.as_posix()


def annotation(diagnostic: Diagnostic, detail: str = "", here: Path | None = None) -> str:
    """One workflow command for ``diagnostic``; ``detail`` (more lines, such as the play that
    shows it) follows the message."""
    properties = []
    if not diagnostic.file.startswith("<"):  # "<story>": a problem of no one file
        properties.append(f"file={escape_property(workflow_path(diagnostic.file, here))}")
        if diagnostic.line > 0:
            properties.append(f"line={diagnostic.line}")
            if diagnostic.col > 0:
                properties.append(f"col={diagnostic.col}")
    properties.append(f"title={escape_property(str(diagnostic.code))}")
    message = diagnostic.message + (f"\n{detail}" if detail else "")
    return f"::{LEVELS[diagnostic.severity]} {','.join(properties)}::{escape_data(message)}"
