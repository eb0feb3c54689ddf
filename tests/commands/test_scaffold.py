"""The new story's files: its id and title come from the folder's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.commands.scaffold import scaffold, schema_path, story_id, story_title


@pytest.mark.parametrize(
    ("name", "identifier", "title"),
    [
        ("mystory", "mystory", "Mystory"),
        ("the-long_night", "the-long_night", "The Long Night"),
        ("Été à bord", "ete-a-bord", "Été À Bord"),
        ("Gong Ryong 공룡", "gong-ryong", "Gong Ryong 공룡"),
        ("---", "my-story", "My Story"),
    ],
)
def test_id_and_title_come_from_the_folder_name(tmp_path: Path, name: str, identifier: str, title: str) -> None:
    assert story_id(tmp_path / name) == identifier
    assert story_title(tmp_path / name) == title


def test_a_title_yaml_would_misread_is_quoted(tmp_path: Path) -> None:
    files = dict(scaffold(tmp_path / "no: really").files)
    assert 'title: "No: Really"' in files["story.yaml"]


def test_the_schemas_named_are_the_shipped_ones() -> None:
    assert schema_path("manifest").name == "story.schema.json" and schema_path("manifest").is_file()
    assert schema_path("scene").name == "scenes.schema.json" and schema_path("scene").is_file()
