"""Stories written to a folder for a test, loaded through the real loader."""

from __future__ import annotations

from pathlib import Path

from game.engine.model import Story
from game.loader import load_story


def load_written(directory: Path, manifest: str, scenes: str) -> Story:
    """Write ``story.yaml`` and ``scenes.yaml`` into ``directory`` and load them; they must be valid."""
    (directory / "story.yaml").write_text(manifest)
    (directory / "scenes.yaml").write_text(scenes)
    result = load_story(directory)
    assert result.story is not None, [str(d) for d in result.diagnostics]
    return result.story
