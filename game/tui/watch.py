"""Watching a story folder for edits (``play --watch``): a cheap poll of every file's size and
modification time, settled before it counts, so an editor's save in several writes is one change.

No dependency and no operating-system notification API: a scan of a story's few hundred files
takes a millisecond or two, and runs on a worker thread so even a huge story never stalls a frame.
"""

from __future__ import annotations

import os
from pathlib import Path

POLL_SECONDS = 0.5
"""How often the folder is looked at. A change counts once a look finds it unchanged since the
last one, so a reload follows a save within one or two polls."""

MAX_DEPTH = 16
"""Folders deeper than this are not watched (the loader reads no deeper either)."""

Snapshot = dict[str, tuple[int, int, int]]
"""Every file under the folder, by its path below it: (modification time in ns, size, inode)."""


def snapshot(root: Path) -> Snapshot:
    """What is under ``root`` now. Dot-files and dot-folders (editors' swap files, ``.git``) are
    left out, and so are links to folders; a folder that cannot be read is simply empty here."""
    seen: Snapshot = {}
    pending: list[tuple[str, int]] = [(str(root), 0)]
    while pending:
        folder, depth = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    if depth < MAX_DEPTH and not entry.is_symlink():
                        pending.append((entry.path, depth + 1))
                    continue
                info = entry.stat()
            except OSError:  # removed between the listing and the look, or a broken link
                continue
            seen[os.path.relpath(entry.path, root)] = (info.st_mtime_ns, info.st_size, info.st_ino)
    return seen


class FolderWatch:
    """Tells when the files under ``root`` have changed and then stayed as they are for one poll.

    ``poll`` is called every ``POLL_SECONDS``; the first call only takes note of the folder.
    A change seen in one poll is reported at the next one that finds the folder the same again:
    an editor that truncates, writes and renames across a few milliseconds gives one change,
    never a reload of the half-written file in between (though a half-written file that stays
    that way for a poll is read, and the loader says what is wrong with it).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._known: Snapshot | None = None
        self._moving: Snapshot | None = None

    def poll(self) -> bool:
        """Look at the folder now; True once a change has settled (then the change is known)."""
        now = snapshot(self.root)
        if self._known is None:
            self._known = now
            return False
        if now == self._known:
            self._moving = None  # changed and changed back: nothing to reload
            return False
        if now != self._moving:
            self._moving = now  # still being written, perhaps: wait for a quiet poll
            return False
        self._known, self._moving = now, None
        return True
