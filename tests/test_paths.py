"""Bundled data is found from a checkout (the installed wheel is covered by test_packaging)."""

from __future__ import annotations

from game.paths import assets_dir, bundled_story_dir
from tests.conftest import ROOT


def test_a_checkout_finds_the_story_and_assets_beside_the_package() -> None:
    assert bundled_story_dir() == ROOT / "scenes"
    assert (bundled_story_dir() / "story.yaml").is_file()
    assert assets_dir() == ROOT / "assets"
    assert (assets_dir() / "title.txt").is_file()
