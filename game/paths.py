"""Where bundled data lives, in a source checkout and in an installed wheel alike.

The wheel carries ``scenes/`` and ``assets/`` inside the package (``game/_data/``); a
checkout or editable install finds them at the repository root beside ``game/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def bundled_story_dir() -> Path:
    """The story that ships with the game."""
    return _data_dir("scenes")


def assets_dir() -> Path:
    """Title art, portraits and help text."""
    return _data_dir("assets")
