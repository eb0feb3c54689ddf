"""The outline cache: each scene file's outline, kept under the user's cache folder by content hash.

Re-loading a story after editing one file parses only that file; every other file's outline
(``loader/outline.py``: what depends on that file's bytes alone) is read back from here.
One entry a file, named by the SHA-256 of its bytes, in a folder named for this loader's
own code (``files.code_stamp``: its sources, Python's and PyYAML's versions): a new
release, or a changed loader in a working tree, never reads an entry an older one wrote.

An entry is ``MAGIC``, the SHA-256 of the file it outlines, a CRC-32 checksum of the
payload (``checksum``: it finds a torn or damaged entry; the cache is the user's own, so
nothing stronger is needed) and the payload: the outline in ``marshal`` form, which can hold only plain values
and cannot run code. An entry that is missing, truncated, corrupt or not ours is ignored
(one debug line in the log) and written again; an entry that cannot be written (a
read-only folder, a full disk) costs nothing but the time to try. The cache is never
needed: deleting its folder at any time is safe.
"""

from __future__ import annotations

import logging
import marshal
from pathlib import Path
from typing import cast

from game.loader.files import code_stamp, entry_bytes, read_entry, write_replacing
from game.loader.outline import FileOutline

log = logging.getLogger(__name__)

MAGIC = b"stars-gossip outline 2\n"
_MARSHAL_VERSION = 4


class OutlineCache:
    """Outlines of scene files by the SHA-256 of their bytes, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._writable = True

    @classmethod
    def at(cls, base: Path) -> OutlineCache:
        """The cache of this loader's outlines below the user cache folder ``base``."""
        return cls(base / "outlines" / code_stamp())

    def get(self, digest: bytes) -> FileOutline | None:
        """The outline of the file whose bytes hash to ``digest``, or None when none is kept (or
        the entry kept is unusable)."""
        path = self.folder / digest.hex()
        payload = read_entry(path, MAGIC, digest, "outline cache", log)
        if payload is None:
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
        entry = entry_bytes(MAGIC, digest, payload)
        try:
            write_replacing(self.folder / digest.hex(), entry)
        except (OSError, ValueError) as err:
            log.debug("outline cache: cannot write in %s (%s); loading goes on without it", self.folder, err)
            self._writable = False  # one try a load: the next file would fail the same way


def _is_outline(value: object) -> bool:
    """The shape of a ``FileOutline`` at its top: four tuples, the first of line lengths."""
    return (
        isinstance(value, tuple)
        and len(value) == 4
        and all(isinstance(part, tuple) for part in value)
        and all(isinstance(length, int) for length in value[0][:1])
    )
