"""Run the game full-screen: the player's app, or with ``--watch``/``--dev`` the writer's.

The one entry point the CLI and the browser page call; it stands above both apps, so the
game's app never imports the writer's that extends it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.tui.app import StarsGossipApp

if TYPE_CHECKING:
    from game.engine import GameState


def run_app(
    directory: Path,
    seed: int | None,
    start: GameState | None = None,
    save_dir: Path | None = None,
    resume: str | None = None,
    watch: bool = False,
    dev: bool = False,
) -> int:
    """Play the story in ``directory`` full-screen; returns the exit status.

    ``seed`` None draws with the story's own seed when its manifest fixes one, else a fresh one.
    With ``start``, the first new game begins in that state instead of the story's start.
    ``save_dir`` moves the saves; ``resume`` carries on a save at once (``newest``, a slot, a name).
    ``watch`` reloads the story when its files change, ``dev`` adds writer mode (``tui/writer.py``).
    """
    if watch or dev:
        from game.tui.writer import WriterApp  # lazy: only writers need its tools

        app: StarsGossipApp = WriterApp(
            directory, seed, start=start, save_dir=save_dir, resume=resume, watch=watch, dev=dev
        )
    else:
        app = StarsGossipApp(directory, seed, start=start, save_dir=save_dir, resume=resume)
    return app.run() or 0
