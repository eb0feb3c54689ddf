"""The game's app has every member its screens rely on through the ``Game`` protocol."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from game.tui.app import StarsGossipApp
from game.tui.gameapp import Game, Keeping
from game.tui.settings import Settings


def members(protocol: type) -> set[str]:
    """The names a protocol declares: its annotated attributes, properties and methods."""
    declared = set(inspect.get_annotations(protocol))
    declared |= {name for name, value in vars(protocol).items() if callable(value) or isinstance(value, property)}
    return {name for name in declared if not name.startswith("_")}


def test_members_are_read_from_the_protocol() -> None:
    assert {"directory", "settings", "keeper", "story", "apply_settings", "load_story"} <= members(Game)
    assert members(Keeping) == {"autosave", "save_run"}


@pytest.mark.parametrize("name", sorted(members(Game)))
def test_the_app_has_every_member_of_the_game_protocol(name: str, tmp_path: Path) -> None:
    app = StarsGossipApp(tmp_path, 1, Settings(), save_dir=tmp_path)
    assert hasattr(app, name)


@pytest.mark.parametrize("name", sorted(members(Keeping)))
def test_the_keeper_has_every_member_play_screens_use(name: str, tmp_path: Path) -> None:
    app = StarsGossipApp(tmp_path, 1, Settings(), save_dir=tmp_path)
    assert callable(getattr(app.keeper, name))
