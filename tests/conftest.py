"""Shared test set-up: Hypothesis profiles and isolated user directories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
STORIES = Path(__file__).resolve().parent / "stories"
BUNDLED = ROOT / "scenes"

# "ci": reproducible (derandomized), no wall-clock deadline on a loaded 2-core machine.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=60,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=40)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data, config, save and cache folders: no test touches a real user's files."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("STARS_GOSSIP_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("STARS_GOSSIP_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("STARS_GOSSIP_SAVE_DIR", str(base / "saves"))
    monkeypatch.setenv("STARS_GOSSIP_CACHE_DIR", str(base / "cache"))
    yield base
