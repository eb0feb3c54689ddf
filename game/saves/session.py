"""A run being played and kept: its playthrough, its play time, and the slots it is saved in.

Both front ends hold one ``Session`` per run. It turns the run into a ``Save`` whenever asked
(a slot, the quicksave, or the next autosave in turn after every choice) and remembers
whether the last autosave worked, so leaving can say truthfully whether the run is safe.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import datetime

from game.engine import SceneView
from game.engine.playthrough import Playthrough
from game.saves.format import HISTORY, PATH_LIMIT, TAIL_CHARS, TAIL_LINES, Save, SaveProblem, now
from game.saves.named import named
from game.saves.store import AUTOSAVES, Shelf


def tail_of(scene: SceneView) -> tuple[str, ...]:
    """The last lines of ``scene`` as the load screen shows them: ``Name: line`` for dialogue,
    each on one line and cut to ``TAIL_CHARS`` characters."""
    lines = []
    for block in scene.blocks[-TAIL_LINES:]:
        text = " ".join(block.text.split())
        line = f"{block.name}: {text}" if block.name else text
        lines.append(line if len(line) <= TAIL_CHARS else line[: TAIL_CHARS - 1] + "…")
    return tuple(lines)


class Session:
    """One run and where it is kept. ``played`` seconds were played before this session began
    (in earlier sittings, for a resumed save); ``created`` is when the run was first saved."""

    def __init__(
        self,
        run: Playthrough,
        shelf: Shelf | None,
        *,
        played: float = 0.0,
        created: datetime | None = None,
        clock: Callable[[], float] = time.monotonic,
        clock_now: Callable[[], datetime] = now,
    ) -> None:
        self.run = run
        self.shelf = shelf
        self.played = played
        self.clock = clock
        self.clock_now = clock_now
        self.began = clock()
        self.created = created
        self.last_autosave: str | None = None
        """The autosave slot that holds the run as it is now, when the last autosave worked."""
        self.autosave_problem: SaveProblem | None = None
        """Why the last autosave failed, until one works again."""
        self._next_autosave: int | None = None

    @classmethod
    def resumed(
        cls,
        run: Playthrough,
        shelf: Shelf | None,
        save: Save,
        clock: Callable[[], float] = time.monotonic,
        clock_now: Callable[[], datetime] = now,
    ) -> Session:
        """The session of a run carried on from ``save``: its play time and creation carry over."""
        return cls(run, shelf, played=save.play_seconds, created=save.created, clock=clock, clock_now=clock_now)

    def play_seconds(self) -> float:
        """Time spent playing this run, in all sittings."""
        return self.played + max(0.0, self.clock() - self.began)

    def capture(self, name: str | None = None) -> Save:
        """The run as a save, named ``name`` (by default the current scene's title)."""
        run = self.run
        scene = run.scene
        assert scene is not None  # a playthrough always shows a scene
        moment = self.clock_now()
        if self.created is None:
            self.created = moment
        story = run.story
        states = run.states[-(HISTORY + 1) :]
        path = run.path[-PATH_LIMIT:] if len(run.path) > PATH_LIMIT else run.path
        scene_title = scene.title or scene.scene
        return Save(
            story_id=story.id,
            fingerprint=story.fingerprint,
            story_title=story.title,
            name=name if name is not None else scene_title,
            scene_title=scene_title,
            chapter=scene.chapter.heading if scene.chapter is not None else "",
            tail=tail_of(scene),
            ending=scene.ending.id if scene.ending is not None else None,
            play_seconds=self.play_seconds(),
            created=self.created,
            updated=moment,
            seed=run.seed,
            origin=named(story, run.origin) if run.origin is not None else None,
            state=named(story, states[-1]),
            history=tuple(named(story, s) for s in states[:-1]),
            path=tuple(path),
            choices=run.choices_made,
            entered=dict(run.entered),
        )

    def save(self, slot: str, name: str | None = None) -> SaveProblem | None:
        """Write the run to ``slot`` now; the problem (folder and fix) when it cannot be written."""
        if self.shelf is None:
            return SaveProblem("saving is off for this run")
        return self.shelf.write(slot, self.capture(name))

    def claim_autosave(self) -> str:
        """The autosave slot to write next, in turn: the first one written is the one not written
        for longest (or never), so a new session never overwrites the newest autosave first."""
        if self._next_autosave is None:
            self._next_autosave = self._stalest_autosave()
        slot = AUTOSAVES[self._next_autosave]
        self._next_autosave = (self._next_autosave + 1) % len(AUTOSAVES)
        return slot

    def _stalest_autosave(self) -> int:
        if self.shelf is None:
            return 0
        times = []
        for index, slot in enumerate(AUTOSAVES):
            try:
                times.append((os.stat(self.shelf.path_of(slot)).st_mtime, index))
            except OSError:
                return index
        return min(times)[1]

    def autosaved(self, slot: str, problem: SaveProblem | None) -> None:
        """Record how an autosave to ``slot`` went (for writes made elsewhere, e.g. on a thread)."""
        if problem is None:
            self.last_autosave, self.autosave_problem = slot, None
        else:
            self.last_autosave, self.autosave_problem = None, problem

    def autosave(self) -> SaveProblem | None:
        """Write the run to the next autosave slot now; the problem when it cannot be written."""
        if self.shelf is None:
            return None
        slot = self.claim_autosave()
        problem = self.shelf.write(slot, self.capture())
        self.autosaved(slot, problem)
        return problem
