"""``stars-gossip schema``: the JSON Schemas editors use, and where the installed copies are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import stars_gossip
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("args", "file"),
    [([], "scenes.schema.json"), (["scene"], "scenes.schema.json"), (["manifest"], "story.schema.json")],
)
def test_schema_prints_the_shipped_json_schema(args: list[str], file: str) -> None:
    result = stars_gossip("schema", *args)
    assert result.returncode == 0, result.stderr
    shipped = (ROOT / "assets" / "schema" / file).read_text(encoding="utf-8")
    assert json.loads(result.stdout) == json.loads(shipped)
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(("kind", "file"), [("scene", "scenes.schema.json"), ("manifest", "story.schema.json")])
def test_schema_path_names_an_absolute_file_that_exists(kind: str, file: str, tmp_path: Path) -> None:
    result = stars_gossip("schema", "--path", kind, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert result.stdout.count("\n") == 1
    assert path.is_absolute() and path.name == file
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(stars_gossip("schema", kind).stdout)


def test_an_unknown_kind_is_a_usage_error() -> None:
    result = stars_gossip("schema", "scenes")
    assert result.returncode == 2
    assert "invalid choice: 'scenes'" in result.stderr
