"""Endings found and choices taken: stored as JSON in the (overridden) data folder, robust to damage."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from game.saves.records import StoryRecords, found_endings, record_choices, record_ending, records_of, records_path


def test_found_endings_accumulate_per_story(isolated_user_dirs: Path) -> None:
    assert found_endings("a") == frozenset()
    record_ending("a", "home")
    record_ending("b", "lost")
    assert record_ending("a", "space") == {"home", "space"}
    assert found_endings("b") == {"lost"}
    assert records_path().parent == isolated_user_dirs / "data"


def test_damaged_records_count_as_none_found() -> None:
    records_path().parent.mkdir(parents=True)
    records_path().write_text("[1, 2")
    assert found_endings("a") == frozenset()
    assert record_ending("a", "home") == {"home"}


def test_an_ending_keeps_the_date_it_was_first_found() -> None:
    first = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    record_ending("a", "home", when=first)
    record_ending("a", "home", when=first + timedelta(days=2))
    assert records_of("a").endings == {"home": first}


def test_records_written_by_the_first_version_still_load_and_gain_dates_and_choices() -> None:
    """Version 1 kept a list of ending ids per story and no choices."""
    records_path().parent.mkdir(parents=True)
    records_path().write_text(json.dumps({"version": 1, "stories": {"a": ["home"], "b": ["lost", 3]}}))
    assert records_of("a") == StoryRecords({"home": None}, frozenset())
    assert found_endings("b") == {"lost"}
    record_choices("a", ["pad#1"])
    record_ending("a", "space", when=datetime(2026, 3, 1, tzinfo=UTC))
    saved = json.loads(records_path().read_text())
    assert saved["version"] == 2
    assert saved["stories"]["a"] == {
        "endings": {"home": None, "space": "2026-03-01T00:00:00+00:00"},
        "choices": ["pad#1"],
    }
    assert records_of("b").found == {"lost"}  # another story's old entry is carried over


def test_choices_taken_accumulate_across_runs() -> None:
    assert records_of("a").choices == frozenset()
    record_choices("a", ["pad#1", "seat#2"])
    assert record_choices("a", ["pad#1", "hatch#1"]) == {"pad#1", "seat#2", "hatch#1"}
    assert records_of("b").choices == frozenset()


def test_damaged_parts_of_the_records_are_left_out() -> None:
    records_path().parent.mkdir(parents=True)
    raw = {"version": 2, "stories": {"a": {"endings": {"home": "not a date", "x": 5}, "choices": ["c#1", None]}}}
    records_path().write_text(json.dumps(raw))
    assert records_of("a") == StoryRecords({"home": None, "x": None}, frozenset({"c#1"}))
