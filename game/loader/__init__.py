"""Scene YAML to the engine's story model, with coded diagnostics at file:line:col.

``load_story`` (``loader/story.py``, with PyYAML and the whole loader behind it) is imported
on first use, so that the game's warm start (``loader/snapshot.py``) can import this package
without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.loader.result import LoadResult

if TYPE_CHECKING:
    from game.loader.story import load_story

__all__ = ["LoadResult", "load_story"]


if not TYPE_CHECKING:  # to the type checker, only the names imported above exist

    def __getattr__(name: str) -> object:
        if name == "load_story":
            from game.loader.story import load_story  # lazy: see the module's text

            return load_story
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
