"""Watching a story folder for edits (``play --watch``): a cheap poll of every story file's size and
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

MAX_WATCHED_FILES = 5000
"""At most this many files are watched (a story has a few hundred): past it, edits to the
files left out are not seen, and the writer is told so once."""

Snapshot = dict[str, tuple[int, int, int]]
"""Every story file under the folder, by its path below it: (modification time in ns, size, inode)."""


def is_story_file(parts: tuple[str, ...], name: str) -> bool:
    """Whether the loader reads the file ``name`` in the folders ``parts`` below the story:
    scene files and the manifest, map art, portraits and the title art."""
    if name.endswith(".yaml"):
        return True
    if not name.endswith(".txt"):
        return False
    return parts in (("maps",), ("portraits",)) or (not parts and name == "title.txt")


def snapshot(root: Path, limit: int = MAX_WATCHED_FILES) -> Snapshot:
    """The story files under ``root`` now, the first ``limit`` of them, walked as the loader
    walks a story (``story_entries``: no dot-files or dot-folders, no links to folders); a
    folder that cannot be read is simply empty here."""
    from game.loader.files import story_entries  # lazy: kept off the start-up path

    seen: Snapshot = {}
    try:
        for parts, entry in story_entries(root):
            if not is_story_file(parts, entry.name):
                continue
            try:
                if entry.is_dir():
                    continue
                info = entry.stat()
            except OSError:  # removed between the listing and the look, or a broken link
                continue
            seen[os.path.join(*parts, entry.name)] = (info.st_mtime_ns, info.st_size, info.st_ino)
            if len(seen) >= limit:
                break
    except OSError:
        return {}
    return seen


class FolderWatch:
    """Tells when the files under ``root`` have changed and then stayed as they are for one poll.

    ``poll`` is called every ``POLL_SECONDS``; the first call only takes note of the folder.
    A change seen in one poll is reported at the next one that finds the folder the same again:
    an editor that truncates, writes and renames across a few milliseconds gives one change,
    never a reload of the half-written file in between (though a half-written file that stays
    that way for a poll is read, and the loader says what is wrong with it).
    """

    def __init__(self, root: Path, limit: int = MAX_WATCHED_FILES) -> None:
        self.root = root
        self.limit = limit
        self.capped = False
        """Whether the last look stopped at ``limit`` files."""
        self._known: Snapshot | None = None
        self._moving: Snapshot | None = None

    def poll(self) -> bool:
        """Look at the folder now; True once a change has settled (then the change is known)."""
        now = snapshot(self.root, self.limit)
        self.capped = len(now) >= self.limit
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
