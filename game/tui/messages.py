"""Messages the game's parts send each other, so no screen reaches into another, and the
values they carry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from game.engine.playthrough import Playthrough
    from game.loader import LoadResult
    from game.saves import Entry, SaveProblem


class StoryLoaded(Message):
    """The story folder was read (from a worker thread): a playable story, or its problems."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__()
        self.result = result


@dataclass(frozen=True, slots=True)
class SavesFound:
    """What the title screen offers of the story's saves: ``newest``, the save Continue carries
    on (the newest one this story can play), and how many slots hold anything (for Load)."""

    newest: Entry | None
    filled: int
    ended: str = ""
    """The title of the ending the newest save's run reached after it ("" when it did not)."""


class SavesListed(Message):
    """The story's save folder was read (from a worker thread)."""

    def __init__(self, found: SavesFound) -> None:
        super().__init__()
        self.found = found


class Autosaved(Message):
    """An autosave to ``slot`` was written (``problem`` None) or failed, on the saves' own thread."""

    def __init__(self, slot: str, problem: SaveProblem | None) -> None:
        super().__init__()
        self.slot, self.problem = slot, problem


class SceneShown(Message):
    """The play screen shows a scene of ``run`` (a new one, or the same again after an undo or a reload)."""

    def __init__(self, run: Playthrough) -> None:
        super().__init__()
        self.run = run
