"""Messages the game's parts send each other, so no screen reaches into another."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from game.loader import LoadResult


class StoryLoaded(Message):
    """The story folder was read (from a worker thread): a playable story, or its problems."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__()
        self.result = result
