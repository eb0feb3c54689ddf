"""Endings found: stored as JSON in the (overridden) data folder, robust to damage."""

from __future__ import annotations

from pathlib import Path

from game.saves.records import found_endings, record_ending, records_path


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
