"""Where the game keeps a player's files: settings in the config folder, records in the data folder.

Both follow the platform's conventions (platformdirs) and can be moved with an environment
variable, which the tests always set so no test touches a real player's files.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

APP_NAME = "stars-gossip"
DATA_ENV = "STARS_GOSSIP_DATA_DIR"
CONFIG_ENV = "STARS_GOSSIP_CONFIG_DIR"


def data_dir() -> Path:
    """The folder for records kept across runs (found endings; saves later)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir  # lazy: only needed when no override is set

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The folder for the player's settings."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir  # lazy: only needed when no override is set

    return Path(user_config_dir(APP_NAME, appauthor=False))


def read_json(path: Path) -> object | None:
    """The JSON value in ``path``; None when the file is missing, unreadable or not JSON."""
    try:
        value: object = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        return None
    return value


def write_json(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` atomically (temp file, fsync, rename); raises OSError on failure.

    A crash part-way through leaves the previous file intact.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(value, out, indent=2, sort_keys=True)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
