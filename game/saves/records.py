"""Endings the player has found, remembered across runs in the user data folder."""

from __future__ import annotations

from pathlib import Path

from game.userdirs import data_dir, read_json, write_json

RECORDS_FILE = "endings.json"


def records_path() -> Path:
    """The file of found endings in the player's data folder."""
    return data_dir() / RECORDS_FILE


def found_endings(story_id: str, path: Path | None = None) -> frozenset[str]:
    """The ids of the endings of ``story_id`` reached in any earlier run."""
    raw = read_json(path or records_path())
    if not isinstance(raw, dict):
        return frozenset()
    stories = raw.get("stories")
    found = stories.get(story_id) if isinstance(stories, dict) else None
    if not isinstance(found, list):
        return frozenset()
    return frozenset(e for e in found if isinstance(e, str))


def record_ending(story_id: str, ending_id: str, path: Path | None = None) -> frozenset[str]:
    """Add ``ending_id`` to the endings found for ``story_id``; returns them all.

    Raises OSError when the data folder cannot be written (the caller tells the player).
    """
    path = path or records_path()
    raw = read_json(path)
    data = raw if isinstance(raw, dict) else {}
    stories = data.get("stories")
    if not isinstance(stories, dict):
        stories = {}
    found = found_endings(story_id, path) | {ending_id}
    stories[story_id] = sorted(found)
    write_json(path, {"version": 1, "stories": stories})
    return found
