"""The player's settings: theme, text reveal speed, reduced motion; stored as JSON.

Unknown or damaged values fall back to the defaults one by one, so a hand-edited file never
stops the game from starting.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path

from game.userdirs import config_dir, read_json, write_json

SETTINGS_FILE = "settings.json"
DEFAULT_THEME = "textual-dark"

REVEAL_SPEEDS: dict[str, int] = {"instant": 0, "fast": 240, "normal": 90, "slow": 40}
"""Reveal speed names and the characters shown per second (0: all at once)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the player chose in the settings screen."""

    theme: str = DEFAULT_THEME
    reveal: str = "fast"
    reduced_motion: bool = False

    @property
    def chars_per_second(self) -> int:
        """How fast new text appears; 0 means at once."""
        return 0 if self.reduced_motion else REVEAL_SPEEDS.get(self.reveal, 0)


def settings_path() -> Path:
    """The settings file in the player's config folder."""
    return config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults for anything missing or invalid."""
    raw = read_json(path or settings_path())
    settings = Settings()
    if not isinstance(raw, dict):
        return settings
    theme, reveal, reduced = raw.get("theme"), raw.get("reveal"), raw.get("reduced_motion")
    if isinstance(theme, str) and theme:
        settings = replace(settings, theme=theme)
    if isinstance(reveal, str) and reveal in REVEAL_SPEEDS:
        settings = replace(settings, reveal=reveal)
    if isinstance(reduced, bool):
        settings = replace(settings, reduced_motion=reduced)
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Persist ``settings``; raises OSError when the folder cannot be written."""
    write_json(path or settings_path(), asdict(settings))
