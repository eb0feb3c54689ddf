"""The published JSON Schemas (assets/schema/) name exactly the keys the loader accepts."""

from __future__ import annotations

import json
from typing import Any

from game.loader.manifest import MANIFEST_KEYS
from game.loader.outline import CHOICE_KEYS, OUTCOME_KEYS, SCENE_KEYS
from tests.conftest import ROOT

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
