"""An installed (non-editable) wheel carries the bundled story and assets and finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("stars_gossip-*.whl")
    return built


def test_wheel_contains_the_story_the_assets_and_the_ui_styles(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "game/_data/scenes/story.yaml" in names
    assert "game/_data/scenes/README.md" in names
    assert "game/_data/assets/schema/scenes.schema.json" in names
    assert any(n.startswith("game/_data/scenes/") and n.endswith(".yaml") and "story.yaml" not in n for n in names)
    assert any(n.startswith("game/tui/") and n.endswith(".tcss") for n in names)
    assert not any(n.startswith("tests/") for n in names)


def test_installed_package_finds_and_checks_its_bundled_story(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys; from game.paths import bundled_story_dir; from game.cli import main; "
        "print(bundled_story_dir()); sys.exit(main(['check']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "STARS_GOSSIP_CACHE_DIR": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == str(site / "game" / "_data" / "scenes")


def test_installed_package_names_its_own_schema_and_guide_in_a_new_story(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = "import sys; from game.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "STARS_GOSSIP_CACHE_DIR": str(tmp_path / "cache")}

    def stars_gossip(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )

    schema = site / "game" / "_data" / "assets" / "schema" / "scenes.schema.json"
    assert stars_gossip("schema", "--path").stdout == f"{schema}\n"
    assert stars_gossip("new", "mystory").returncode == 0
    opening = (tmp_path / "mystory" / "act1" / "opening.yaml").read_text(encoding="utf-8")
    assert opening.startswith(f"# yaml-language-server: $schema={schema}\n")
    assert str(site / "game" / "_data" / "scenes" / "README.md") in (tmp_path / "mystory" / "README.md").read_text(
        encoding="utf-8"
    )
