"""Where the game keeps a player's files, and how it writes them without ever leaving half a file.

Settings go in the config folder; found endings and saves in the data folder (saves in its
``saves/`` sub-folder); what can be rebuilt at any time (the loader's outlines of scene
files) in the cache folder. All follow the platform's conventions (platformdirs) and can be
moved with an environment variable, which the tests always set so no test touches a real
player's files. A leaf module: it imports nothing of the game.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

APP_NAME = "stars-gossip"
DATA_ENV = "STARS_GOSSIP_DATA_DIR"
CONFIG_ENV = "STARS_GOSSIP_CONFIG_DIR"
SAVE_ENV = "STARS_GOSSIP_SAVE_DIR"
CACHE_ENV = "STARS_GOSSIP_CACHE_DIR"
SAVES_FOLDER = "saves"
SAVE_SUFFIX = ".json"
"""Every save file's name ends so."""
STORY_FOLDER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")


def data_dir() -> Path:
    """The folder for records kept across runs: found endings, and saves unless moved."""
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


def cache_dir() -> Path:
    """The folder for what the game can rebuild whenever it is missing: deleting it is always safe."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir  # lazy: only needed when no override is set

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def save_dir(override: Path | None = None) -> Path:
    """The folder of saves: ``override`` (``--save-dir``), else ``STARS_GOSSIP_SAVE_DIR``, else
    ``saves/`` in the data folder."""
    if override is not None:
        return override
    moved = os.environ.get(SAVE_ENV)
    if moved:
        return Path(moved)
    return data_dir() / SAVES_FOLDER


def story_save_folder(root: Path, story_id: str) -> Path:
    """The folder of ``story_id``'s saves under the save folder ``root``; an id that could not
    be a plain folder name (the loader never makes one) is kept to its safe characters."""
    if STORY_FOLDER.match(story_id):
        return root / story_id
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", story_id).lstrip(".") or "story"
    return root / safe


def may_hold_saves(folder: Path) -> bool:
    """Whether the story save folder ``folder`` may hold a save: False only when it surely
    holds none (it does not exist, or has no save file but ones being written), which the
    title screen learns without loading the saves package."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # the saves package reads it, and says what is wrong
    if names and not os.access(folder, os.X_OK):
        return True  # listed but its files cannot be opened: the saves package says so
    # Any case: on a file system that ignores case, "SLOT-1.JSON" is slot 1's file.
    return any(name.lower().endswith(SAVE_SUFFIX) and not name.startswith(TEMP_PREFIX) for name in names)


def read_json(path: Path) -> object | None:
    """The JSON value in ``path``; None when the file is missing, unreadable or not JSON."""
    try:
        value: object = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        return None
    return value


def write_json(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` as JSON, atomically (see ``write_atomic``); raises OSError on failure."""
    write_atomic(path, (json.dumps(value, indent=2, sort_keys=True) + "\n").encode("utf-8"))


TEMP_PREFIX = "."
"""Temporary files start with a dot and the name of the file they will replace: readers skip them."""


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that, whatever happens, it holds either the old or the new bytes.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, then renamed
    over ``path`` (an atomic step on every system we run on); the folder is fsynced too where
    the system allows it, so the rename itself survives a power cut. A crash part-way leaves
    the previous file intact (and at worst a hidden temporary file). Creates the folder if
    needed; raises OSError (read-only folder, full disk) with the temporary file removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable. Windows cannot open folders; some file systems refuse."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
