"""A story's files as the loader finds them, and what a load depends on besides them.

Light on purpose (the standard library and the engine's diagnostics): the warm start of the
game (``loader/snapshot.py``) walks a story and checks its caches without importing PyYAML
or the rest of the loader.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
import zlib
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path

from game.engine.diagnostics import Code, Diagnostic

CHECKSUM_BYTES = 4
"""The length of a cache entry's CRC-32 checksum (``checksum``)."""

MANIFEST = "story.yaml"
MAX_FOLDER_DEPTH = 16
TOO_DEEP = (
    f"folders nest deeper than {MAX_FOLDER_DEPTH} levels here: scene files this far down are not read; "
    "keep the story's folders shallower"
)
FOLDER_OUTSIDE = (
    "this folder is a link that leads outside the story folder, and a story may read only its own files: "
    "move its scene files into the story folder"
)


def scene_files(directory: Path, problems: list[Diagnostic] | None = None) -> list[Path]:
    """Every scene file of a story, in a stable order (hidden folders and files are skipped).

    Entries named ``*.yaml`` that are not regular files (a folder, a device, a broken or
    looping link) are listed too: reading them reports why they cannot be used. The folders
    walked are those ``story_entries`` walks; what it cannot walk is added to ``problems``.
    """
    found: list[tuple[tuple[str, ...], Path]] = []  # with the path's parts below the story, to sort by
    for parts, entry in story_entries(directory, problems):
        if entry.name.endswith(".yaml") and (parts or entry.name != MANIFEST):
            found.append(((*parts, entry.name), directory.joinpath(*parts, entry.name)))
    return [path for _, path in sorted(found)]


def story_entries(
    directory: Path, problems: list[Diagnostic] | None = None
) -> Iterator[tuple[tuple[str, ...], os.DirEntry[str]]]:
    """Every entry under the story ``directory`` (files and folders alike) but hidden ones,
    with the names of the folders it is in below the story. The walk keeps its own list of
    folders to visit (no recursion, however deep the folders go), stops MAX_FOLDER_DEPTH
    folders down, and never enters a link to a folder: the folders a link leads to inside the
    story are walked where they are, and those outside it are not the story's. What it cannot
    walk is added to ``problems`` (when given) once the walk is done; a story folder that
    cannot be read raises ``OSError``."""
    noted: list[Diagnostic] = []
    root = directory.resolve()
    too_deep_noted = False
    pending: list[tuple[Path, tuple[str, ...]]] = [(directory, ())]
    while pending:
        folder, parts = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as err:
            if folder == directory:
                raise
            noted.append(
                Diagnostic.make(
                    Code.UNREADABLE, readable(str(folder)), 1, 1, f"cannot read this folder: {err.strerror or err}"
                )
            )
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            yield parts, entry
            if not _is_folder(entry):
                continue
            path = folder / name
            if entry.is_symlink():
                if within(path, root) is None:
                    noted.append(Diagnostic.make(Code.UNREADABLE, readable(str(path)), 1, 1, FOLDER_OUTSIDE))
            elif len(parts) >= MAX_FOLDER_DEPTH:
                if not too_deep_noted:
                    noted.append(Diagnostic.make(Code.UNREADABLE, readable(str(path)), 1, 1, TOO_DEEP))
                too_deep_noted = True
            else:
                pending.append((path, (*parts, name)))
    if problems is not None:
        problems.extend(noted)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def readable(name: str) -> str:
    """A file name fit to print: bytes that are not UTF-8 (kept by the OS as lone
    surrogates) shown as ``\xff`` escapes instead of failing when printed."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def within(path: Path, root: Path) -> Path | None:
    """The real file ``path`` leads to when that is inside ``root`` (a resolved folder),
    else None: a link may lead anywhere, and a story may read only its own files."""
    real = Path(os.path.realpath(path))
    return real if real.is_relative_to(root) else None


def not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a story file, or None when it is a regular file."""
    try:
        if path.is_file():
            return None
        if path.is_dir():
            return "is a folder"
        if path.is_symlink():
            return "is a link that leads nowhere"
        return "is not a regular file" if path.exists() else "does not exist"
    except OSError as err:
        return f"cannot be read ({err.strerror or err})"


def code_stamp() -> str:
    """A short hash of everything a load depends on besides the story's files: the game's
    release, the loader's and the engine's sources, and the versions of Python and PyYAML (PyYAML's by its own
    ``__init__.py`` and whether its C part is there, so it is not imported for this). Names
    the folders of the loader's caches: a new release, or a changed loader in a working
    tree, never reads an entry an older one wrote."""
    from game import __version__  # a frozen build, whose sources cannot be read, still differs by release

    digest = hashlib.sha256(f"{__version__} {sys.version_info[:2]}".encode())
    yaml_spec = find_spec("yaml")
    if yaml_spec is not None and yaml_spec.origin is not None:
        yaml_init = Path(yaml_spec.origin)
        try:
            digest.update(yaml_init.read_bytes())
            digest.update(" ".join(sorted(n for n in os.listdir(yaml_init.parent) if n.startswith("_yaml"))).encode())
        except OSError:  # not readable: the Python version and the sources still apply
            pass
    game = Path(__file__).resolve().parent.parent
    for folder in ("loader", "engine"):
        for source in sorted((game / folder).glob("*.py")):
            try:
                digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
            except OSError:  # sources not readable (a frozen build): the versions above still apply
                digest.update(source.name.encode() + b"\0")
    return digest.hexdigest()[:16]


def read_entry(path: Path, magic: bytes, key: bytes, what: str, log: logging.Logger) -> memoryview | None:
    """The payload of the cache entry in ``path`` (``magic``, the 32-byte ``key``, a checksum of
    the payload, the payload), or None when there is none, or it is not whole, or it was kept
    for another key (with a debug line in ``log`` naming ``what`` kind of entry, when there was
    a file)."""
    try:
        with path.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return None
    except OSError as err:
        log.debug("%s: cannot read %s: %s", what, path, err)
        return None
    header = len(magic) + 32 + CHECKSUM_BYTES
    payload = memoryview(data)[header:]
    if not data.startswith(magic) or data[len(magic) + 32 : header] != checksum(payload):
        log.debug("%s: %s is damaged or not one of ours; it will be written again", what, path)
        return None
    if data[len(magic) : len(magic) + 32] != key:
        log.debug(
            "%s: %s was kept for other files than these (they have changed); it will be written again", what, path
        )
        return None
    return payload


def entry_bytes(magic: bytes, key: bytes, payload: bytes) -> bytes:
    """A whole cache entry, as ``read_entry`` reads it."""
    return magic + key + checksum(payload) + payload


def checksum(payload: bytes | memoryview) -> bytes:
    """The checksum an entry keeps of its payload."""
    return zlib.crc32(payload).to_bytes(CHECKSUM_BYTES, "big")


def write_replacing(path: Path, data: bytes) -> None:
    """Write ``path`` through a temporary file renamed over it, so a reader sees a whole entry
    or none. Not fsynced: an entry torn by a power cut fails its checksum and is written again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
