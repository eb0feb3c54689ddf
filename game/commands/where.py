"""Which story a command works on: the folder given, else the one the writer stands in, else
the bundled story; and the one line that says which it was."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from game.paths import bundled_story_dir

MANIFEST = "story.yaml"


@dataclass(frozen=True, slots=True)
class StoryFolder:
    """A story folder and how it was picked: ``given`` on the command line, ``here`` (the
    current folder holds a manifest) or ``bundled`` (the story that ships with the game)."""

    path: Path
    how: Literal["given", "here", "bundled"]

    @property
    def shown(self) -> str:
        """How messages name the folder: as typed, ``.``, or ``the bundled story``."""
        return "the bundled story" if self.how == "bundled" else str(self.path)

    def line(self, title: str | None) -> str:
        """``story: ./mystory (My Story)``."""
        return f"story: {self.shown}" + (f" ({' '.join(title.split())})" if title else "")

    def say(self, title: str | None) -> None:
        """Print which story this is on standard error (standard output stays the command's)."""
        print(self.line(title), file=sys.stderr)


def story_folder(given: Path | None, here: Path | None = None) -> StoryFolder:
    """The folder ``given``, else ``here`` (default: the current folder) when it holds
    ``story.yaml``, else the bundled story."""
    if given is not None:
        return StoryFolder(given, "given")
    folder = Path.cwd() if here is None else here
    try:
        if (folder / MANIFEST).is_file():
            return StoryFolder(Path("."), "here") if here is None else StoryFolder(folder, "here")
    except OSError:  # an unreadable current folder holds no story we can use
        pass
    return StoryFolder(bundled_story_dir(), "bundled")


def is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the system, a loop of links: not a usable folder
        return False
