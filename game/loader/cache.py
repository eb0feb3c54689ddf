"""The outline cache: each scene file's outline, kept under the user's cache folder by content hash.

Re-loading a story after editing one file parses only that file; every other file's outline
(``loader/outline.py``: what depends on that file's bytes alone) is read back from here.
One entry a file, named by the SHA-256 of its bytes, in a folder named for this loader's
own code (its sources, Python's and PyYAML's versions): a new release, or a changed
loader in a working tree, never reads an entry an older one wrote.

An entry is ``MAGIC``, the SHA-256 of the file it outlines, a CRC-32 checksum of the
payload (``checksum``: it finds a torn or damaged entry; the cache is the user's own, so
nothing stronger is needed) and the payload: the outline in ``marshal`` form, which can hold only plain values
and cannot run code. An entry that is missing, truncated, corrupt or not ours is ignored
(one debug line in the log) and written again; an entry that cannot be written (a
read-only folder, a full disk) costs nothing but the time to try. The cache is never
needed: deleting its folder at any time is safe.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
import zlib
from pathlib import Path
from typing import cast

import yaml

from game.loader.outline import FileOutline

log = logging.getLogger(__name__)

MAGIC = b"stars-gossip outline 2\n"
_CHECKSUM = 4
_HEADER = len(MAGIC) + 32 + _CHECKSUM
_MARSHAL_VERSION = 4


def loader_stamp() -> str:
    """A short hash of everything an outline depends on besides the file: this loader's and
    the engine's sources, the Python and PyYAML versions. Names the cache's folder."""
    digest = hashlib.sha256(
        f"{sys.version_info[:2]} {yaml.__version__} {getattr(yaml, '__with_libyaml__', False)}".encode()
    )
    game = Path(__file__).resolve().parent.parent
    for folder in ("loader", "engine"):
        for source in sorted((game / folder).glob("*.py")):
            try:
                digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
            except OSError:  # sources not readable (a frozen build): the versions above still apply
                digest.update(source.name.encode() + b"\0")
    return digest.hexdigest()[:16]


class OutlineCache:
    """Outlines of scene files by the SHA-256 of their bytes, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._writable = True

    @classmethod
    def at(cls, base: Path) -> OutlineCache:
        """The cache of this loader's outlines below the user cache folder ``base``."""
        return cls(base / "outlines" / loader_stamp())

    def get(self, digest: bytes) -> FileOutline | None:
        """The outline of the file whose bytes hash to ``digest``, or None when none is kept (or
        the entry kept is unusable)."""
        path = self.folder / digest.hex()
        try:
            with path.open("rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return None
        except OSError as err:
            log.debug("outline cache: cannot read %s: %s", path, err)
            return None
        payload = memoryview(data)[_HEADER:]
        if (
            not data.startswith(MAGIC)
            or data[len(MAGIC) : len(MAGIC) + 32] != digest
            or data[len(MAGIC) + 32 : _HEADER] != checksum(payload)
        ):
            log.debug("outline cache: %s is damaged or not an outline; it will be written again", path)
            return None
        try:
            outline = marshal.loads(payload)
        except (ValueError, EOFError, TypeError) as err:
            log.debug("outline cache: %s cannot be decoded (%s); it will be written again", path, err)
            return None
        if not _is_outline(outline):
            log.debug("outline cache: %s does not hold an outline; it will be written again", path)
            return None
        return cast(FileOutline, outline)

    def put(self, digest: bytes, outline: FileOutline) -> None:
        """Keep ``outline`` for the file whose bytes hash to ``digest``; never fails."""
        if not self._writable:
            return
        payload = marshal.dumps(outline, _MARSHAL_VERSION)
        entry = MAGIC + digest + checksum(payload) + payload
        try:
            _write_replacing(self.folder / digest.hex(), entry)
        except (OSError, ValueError) as err:
            log.debug("outline cache: cannot write in %s (%s); loading goes on without it", self.folder, err)
            self._writable = False  # one try a load: the next file would fail the same way


def checksum(payload: bytes | memoryview) -> bytes:
    """The checksum an entry keeps of its payload."""
    return zlib.crc32(payload).to_bytes(_CHECKSUM, "big")


def _write_replacing(path: Path, data: bytes) -> None:
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


def _is_outline(value: object) -> bool:
    """The shape of a ``FileOutline`` at its top: four tuples, the first of line lengths."""
    return (
        isinstance(value, tuple)
        and len(value) == 4
        and all(isinstance(part, tuple) for part in value)
        and all(isinstance(length, int) for length in value[0][:1])
    )
