"""Scene YAML to the engine's story model, with coded diagnostics at file:line:col."""

from game.loader.story import LoadResult, load_story

__all__ = ["LoadResult", "load_story"]
