"""What the player has done across runs, kept in the user data folder: the endings found (and
when), and every choice taken in any run (so the choice list can mark them, as visual novels
grey out text already read).

The file is JSON: ``{"version": 2, "stories": {story id: {"endings": {ending id: ISO date or
null}, "choices": [choice ids]}}}``. Version 1 kept only a list of ending ids per story; such
a file still reads (its endings without a date) and is written back as version 2. A damaged
file, or a part of one, counts as nothing found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from game.userdirs import data_dir, read_json, write_json

RECORDS_FILE = "endings.json"
VERSION = 2


@dataclass(frozen=True, slots=True)
class StoryRecords:
    """One story's records: each ending found with the moment it was first found (None when
    an older version of the game found it and kept no date), and the ids of the choices taken
    in any run."""

    endings: Mapping[str, datetime | None] = field(default_factory=dict)
    choices: frozenset[str] = frozenset()

    @property
    def found(self) -> frozenset[str]:
        """The ids of the endings found."""
        return frozenset(self.endings)


def records_path() -> Path:
    """The records file in the player's data folder."""
    return data_dir() / RECORDS_FILE


def _moment(raw: object) -> datetime | None:
    if not isinstance(raw, str):
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _parse(raw: object) -> StoryRecords:
    """One story's entry of the file, in either version; anything malformed is left out."""
    if isinstance(raw, list):  # version 1: the ids of the endings found, no dates
        return StoryRecords({e: None for e in raw if isinstance(e, str)})
    if not isinstance(raw, dict):
        return StoryRecords()
    endings = raw.get("endings")
    choices = raw.get("choices")
    found = {e: _moment(when) for e, when in endings.items()} if isinstance(endings, dict) else {}
    taken = frozenset(c for c in choices if isinstance(c, str)) if isinstance(choices, list) else frozenset()
    return StoryRecords(found, taken)


def _stories(path: Path) -> dict[str, object]:
    raw = read_json(path)
    stories = raw.get("stories") if isinstance(raw, dict) else None
    return dict(stories) if isinstance(stories, dict) else {}


def records_of(story_id: str, path: Path | None = None) -> StoryRecords:
    """What earlier runs of ``story_id`` found and took."""
    return _parse(_stories(path or records_path()).get(story_id))


def found_endings(story_id: str, path: Path | None = None) -> frozenset[str]:
    """The ids of the endings of ``story_id`` reached in any earlier run."""
    return records_of(story_id, path).found


def _write(story_id: str, records: StoryRecords, path: Path) -> None:
    stories = {sid: _encode(_parse(raw)) for sid, raw in _stories(path).items()}
    stories[story_id] = _encode(records)
    write_json(path, {"version": VERSION, "stories": stories})


def _encode(records: StoryRecords) -> dict[str, object]:
    return {
        "endings": {e: (when.isoformat() if when else None) for e, when in sorted(records.endings.items())},
        "choices": sorted(records.choices),
    }


def record_ending(
    story_id: str, ending_id: str, path: Path | None = None, when: datetime | None = None
) -> frozenset[str]:
    """Add ``ending_id`` to the endings found for ``story_id`` (keeping the first date it was
    found; ``when`` defaults to now); returns them all.

    Raises OSError when the data folder cannot be written (the caller tells the player).
    """
    path = path or records_path()
    records = records_of(story_id, path)
    endings = dict(records.endings)
    if endings.get(ending_id) is None:
        endings[ending_id] = when or datetime.now(UTC)
    _write(story_id, StoryRecords(endings, records.choices), path)
    return frozenset(endings)


def record_choices(story_id: str, choice_ids: Iterable[str], path: Path | None = None) -> frozenset[str]:
    """Add ``choice_ids`` to the choices taken in runs of ``story_id``; returns them all.

    Raises OSError when the data folder cannot be written.
    """
    path = path or records_path()
    records = records_of(story_id, path)
    taken = records.choices | frozenset(choice_ids)
    if taken != records.choices:
        _write(story_id, StoryRecords(records.endings, taken), path)
    return taken
