"""Where a writer's text splits, each part with the offset it starts at so that error columns
stay right: surrounding space, effect lists (``a += 1; b = true``) and narration's paragraphs."""

from __future__ import annotations

import re

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def stripped_text(source: str, chars: str | None = None) -> tuple[int, str]:
    """``source`` stripped, with the offset where what is left starts (to keep columns right)."""
    kept = source.strip(chars)
    if kept is source:  # the usual case: nothing to strip
        return 0, source
    return len(source) - len(source.lstrip(chars)), kept


def split_effects(source: str) -> list[tuple[int, str]]:
    """``a += 1; b = true`` holds two effects; each keeps its offset for error columns."""
    parts, offset = [], 0
    for chunk in source.split(";"):
        stripped = chunk.lstrip()
        if stripped.strip():
            parts.append((offset + len(chunk) - len(stripped), stripped))
        offset += len(chunk) + 1
    return parts


def paragraphs(source: str) -> tuple[tuple[int, str], ...]:
    """The paragraphs of narration, stripped, each with the offset where it starts."""
    if "\n" not in source:
        offset, paragraph = stripped_text(source)
        return ((offset, paragraph),) if paragraph else ()
    bounds = [0, *(i for brk in PARAGRAPH_BREAK.finditer(source) for i in brk.span()), len(source)]
    found = []
    for start, stop in zip(bounds[::2], bounds[1::2], strict=True):
        offset, paragraph = stripped_text(source[start:stop])
        if paragraph:
            found.append((start + offset, paragraph))
    return tuple(found)
