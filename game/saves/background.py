"""Saves written on a thread of their own, one after another, so a slow disk never holds up a keypress.

The Textual game autosaves after every choice. Encoding a save and fsyncing it usually takes
a millisecond or two, but on a slow or network disk it can take far longer than a frame; the
writer takes that work off the UI thread and keeps the writes in the order they were asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from game.saves.format import Save, SaveProblem
from game.saves.store import Shelf

Done = Callable[[str, SaveProblem | None], None]
"""Told, on the writer's thread, how a write to a slot went (None: it worked)."""


class BackgroundWriter:
    """A queue of saves to write, in order, on one thread. ``flush`` waits for all of them;
    ``close`` does too, then stops the thread (the interpreter also waits for it at exit, so a
    save asked for just before quitting is never lost)."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stars-gossip-saves")

    def submit(self, shelf: Shelf, slot: str, save: Save, done: Done) -> None:
        """Write ``save`` to ``slot`` after the writes already asked for; then call ``done``."""

        def write() -> None:
            try:
                problem = shelf.write(slot, save)
            except Exception as bug:  # a bug in encoding: say so rather than lose it silently on a thread
                problem = SaveProblem(f"the save could not be written ({bug!r}); this is a bug, please report it")
            done(slot, problem)

        self._pool.submit(write)

    def flush(self) -> None:
        """Wait until every write asked for so far is done."""
        self._pool.submit(lambda: None).result()

    def close(self) -> None:
        """Finish the writes asked for, then stop."""
        self._pool.shutdown(wait=True)
