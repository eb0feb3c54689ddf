"""The published JSON Schemas (assets/schema/) name exactly the keys the loader accepts, accept\nevery file of a good story, and reject what the loader refuses where a schema can say so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.loader.manifest import MANIFEST_KEYS
from game.loader.outline import CHOICE_KEYS, OUTCOME_KEYS, SCENE_KEYS
from tests.conftest import BUNDLED, ROOT, STORIES
from tests.loader.schema_subset import valid

SCHEMAS = ROOT / "assets" / "schema"


def load(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return schema


def test_manifest_schema_matches_the_loader() -> None:
    schema = load("story.schema.json")
    assert set(schema["properties"]) == MANIFEST_KEYS
    assert schema["additionalProperties"] is False


def test_scene_schema_matches_the_loader() -> None:
    defs = load("scenes.schema.json")["$defs"]
    assert set(defs["scene"]["properties"]) == SCENE_KEYS
    assert set(defs["choice"]["properties"]) == CHOICE_KEYS
    assert set(defs["outcome"]["properties"]) == OUTCOME_KEYS


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if not any(part.startswith(".") for part in p.parts))


@pytest.mark.parametrize("story", [BUNDLED, STORIES / "minimal", STORIES / "tui_small"], ids=lambda p: p.name)
def test_every_file_of_a_good_story_satisfies_its_schema(story: Path) -> None:
    manifest, scenes = load("story.schema.json"), load("scenes.schema.json")
    for path in _yaml_files(story):
        schema = manifest if path.name == "story.yaml" and path.parent == story else scenes
        assert valid(schema, yaml.safe_load(path.read_text(encoding="utf-8")), schema), path


SCENE = {"scene": "hall", "text": "A hall.", "choices": [{"choice": "Go", "go": "hall"}]}


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"choices": [{"choice": "Go", "go": "hall", "random": [{"go": "hall"}]}]}, "go with random"),
        ({"choices": [{"choice": "Go"}]}, "neither go nor random"),
        ({"choices": [{"choice": "Go", "say": "Hi", "go": "hall"}]}, "say with choice"),
        ({"choices": [{"choice": "Go", "go": "hall", "wait": 1}]}, "an unknown key"),
        ({"ending": "home"}, "an ending with choices"),
        ({"choices": None}, "no choices and no ending"),
    ],
)
def test_the_scene_schema_rejects_what_the_loader_refuses(change: dict[str, Any], why: str) -> None:
    schema = load("scenes.schema.json")
    assert valid(schema, [SCENE], schema)
    scene = {k: v for k, v in {**SCENE, **change}.items() if v is not None}
    assert not valid(schema, [scene], schema), why


MANIFEST = {"id": "s", "title": "S", "start": "hall", "endings": {"home": "Home"}}


@pytest.mark.parametrize(
    "variable",
    [
        {"type": "int", "min": 0},
        {"type": "int", "min": 0, "max": 3, "values": ["a"]},
        {"type": "int", "min": 0, "max": 3, "initial": "two"},
        {"type": "enum"},
        {"type": "enum", "values": ["a"], "max": 2},
        {"type": "bool", "values": ["a"]},
    ],
)
def test_the_manifest_schema_rejects_a_variable_without_its_domain(variable: dict[str, Any]) -> None:
    schema = load("story.schema.json")
    good = {
        **MANIFEST,
        "variables": {"trust": {"type": "int", "min": 0, "max": 3}, "mood": {"type": "enum", "values": ["a"]}},
    }
    assert valid(schema, good, schema)
    assert not valid(schema, {**MANIFEST, "variables": {"v": variable}}, schema)
