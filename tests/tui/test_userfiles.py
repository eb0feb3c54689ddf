"""Settings: stored as JSON in the (overridden) config folder, robust to damage."""

from __future__ import annotations

import json

from game.tui.settings import Settings, load_settings, save_settings, settings_path


def test_settings_round_trip_in_the_config_folder(isolated_user_dirs) -> None:  # type: ignore[no-untyped-def]
    save_settings(Settings(theme="nord", reveal="instant", reduced_motion=True))
    assert settings_path().parent == isolated_user_dirs / "config"
    assert load_settings() == Settings(theme="nord", reveal="instant", reduced_motion=True)


def test_missing_or_damaged_settings_fall_back_to_defaults_one_by_one() -> None:
    assert load_settings() == Settings()
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps({"theme": "nord", "reveal": "warp", "reduced_motion": "yes"}))
    assert load_settings() == Settings(theme="nord")
    settings_path().write_text("{not json")
    assert load_settings() == Settings()


def test_instant_and_reduced_motion_show_text_at_once() -> None:
    assert Settings(reveal="instant").chars_per_second == 0
    assert Settings(reveal="slow", reduced_motion=True).chars_per_second == 0
    assert Settings(reveal="slow").chars_per_second > 0


def test_absurdly_nested_settings_fall_back_to_defaults(isolated_user_dirs) -> None:  # type: ignore[no-untyped-def]
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[" * 100_000)
    assert load_settings() == Settings()
