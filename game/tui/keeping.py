"""The full-screen game's side of the saves: where the story's saves are kept, autosaves written
off the UI thread, and a save becoming a run again, with the questions and notices that takes.

The app owns one ``Keeper``; screens reach it as ``app.keeper``. The saves package itself is
imported lazily, inside the methods: nothing of it is needed before the first frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.tui.messages import Autosaved, SavesFound

if TYPE_CHECKING:
    from game.engine import Story
    from game.saves import Entry, Restored, Save, SaveProblem, Session, Shelf
    from game.saves.background import BackgroundWriter
    from game.tui.gameapp import GameApp


def capitalised(text: str) -> str:
    """``text`` with its first letter a capital, the rest as written (ids and names keep their case)."""
    return text[:1].upper() + text[1:]


class Keeper:
    """The saves, for the app. ``shelf`` is the story's save folder once the story is loaded;
    ``writer`` writes autosaves in order on a thread of its own, from the first one on."""

    def __init__(self, app: GameApp, save_dir: Path | None) -> None:
        self.app = app
        self.save_dir = save_dir  # --save-dir; None: the environment's, else the data folder's
        self.story: Story | None = None
        self._shelf: Shelf | None = None
        self.writer: BackgroundWriter | None = None
        self.failing = False  # whether the last autosave failed (said once, until one works again)

    def keep_for(self, story: Story) -> None:
        """Keep the saves of ``story`` (the story loaded, or reloaded) from now on."""
        self.story = story
        self._shelf = None

    @property
    def shelf(self) -> Shelf | None:
        """Where the story's saves are kept; None until a story is loaded. Made when first asked
        for (by a run or a save screen), so loading the story never waits for the saves package."""
        if self._shelf is None and self.story is not None:
            self._shelf = self.shelf_of(self.story)
        return self._shelf

    def shelf_of(self, story: Story) -> Shelf:
        """Where ``story``'s saves are kept."""
        from game.saves import Shelf  # lazy: the saves load after the first frame
        from game.userdirs import save_dir

        return Shelf(save_dir(self.save_dir), story.id)

    def found(self, story: Story) -> SavesFound:
        """What the title screen offers: the save Continue carries on (the newest ``story`` can play
        that was made before an ending), the ending its run reached after it if any, and how many
        slots hold anything. Waits for the autosaves asked for, then reads files: call it on a
        worker thread. A story with no save file yet (a new player's) costs one look at a folder."""
        if self.writer is not None:
            self.writer.flush()
        elif self.none_yet(story):
            return SavesFound(None, 0, "")
        from game.saves import status_of, to_continue  # lazy: the saves load after the first frame

        entries = [entry for entry in self.shelf_of(story).entries() if not entry.empty]
        playable = [entry for entry in entries if entry.slot is not None and status_of(entry, story).playable]
        going, ended = to_continue(playable)
        ending = story.endings.get(ended.ending) if ended is not None and ended.ending is not None else None
        return SavesFound(going, len(entries), ending.title if ending is not None else "")

    def none_yet(self, story: Story) -> bool:
        """Whether ``story`` surely has no save yet (no save file in its folder, none being
        written): one look at a folder, without the saves package."""
        from game.userdirs import may_hold_saves, save_dir, story_save_folder

        return self.writer is None and not may_hold_saves(story_save_folder(save_dir(self.save_dir), story.id))

    def resume(self, which: str) -> None:
        """Carry on the save the command line asked for: ``newest`` (``--continue``), or a slot or a
        save's name (``--load``); say why not when there is none."""
        from game.saves import SaveProblem  # lazy: the saves load after the first frame

        if which == "newest":
            self.app.action_continue()
            return
        if self.shelf is None:
            return
        slot = self.shelf.find(which)
        if isinstance(slot, SaveProblem):
            self.app.notify(f"Cannot load '{which}': {slot}.", title="Not loaded", severity="error", markup=False)
        else:
            self.open(slot)

    def open(self, slot: str) -> None:
        """Carry on the save in ``slot``: at once when it loads as it is or fitted to an edited story
        (saying what changed), after a yes when it has to be rebuilt by replay; else say why not."""
        from game.saves import slot_label, status_of  # lazy: the saves load after the first frame
        from game.tui.screens.confirm import ConfirmScreen

        app, story, shelf = self.app, self.app.story, self.shelf
        if story is None or shelf is None:
            app.notify("The story is not ready: it is still loading, or it has errors.", severity="warning")
            return
        entry = shelf.read(slot)
        status = status_of(entry, story)
        label = slot_label(slot)
        restored = status.restored
        if entry.empty:
            app.notify(f"{capitalised(label)} is empty: nothing to load.", severity="warning", timeout=4)
            return
        if restored is None or entry.save is None:
            app.notify(
                f"{capitalised(status.text)}.\n({entry.path})",
                title=f"Cannot load {label}",
                severity="error",
                markup=False,
                timeout=12,
            )
            return
        save = entry.save
        if restored.how != "rebuilt":
            self.carry_on(story, shelf, entry, save, restored)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.carry_on(story, shelf, entry, save, restored)

        question = f"{capitalised(label)} is from an older version of the story. Load it rebuilt?"
        detail = " ".join(f"{capitalised(note)}." for note in restored.notes)
        app.push_screen(ConfirmScreen(question, detail), answered)

    def carry_on(self, story: Story, shelf: Shelf, entry: Entry, save: Save, restored: Restored) -> None:
        """Play ``restored`` on a fresh play screen over the title, and autosave it at once, so
        Continue carries on this run next time however old the save was."""
        from game.engine.playthrough import StoryFault  # lazy: the saves load after the first frame
        from game.saves import Session, slot_label
        from game.tui.screens.play import PlayScreen

        app = self.app
        run = restored.playthrough(story)
        if isinstance(run, StoryFault):
            app.notify(
                f"Its scene cannot be shown: the story hit a fault at {run.pos}: {run.message}.",
                title="Cannot load",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        session = Session.resumed(run, shelf, save)
        label = slot_label(entry.slot) if entry.slot is not None else entry.path.name
        app.to_title(list_saves=False)
        app.push_screen(PlayScreen(session, banner=f"Loaded {label}: “{save.name}”"))
        app.guard_size()
        self.autosave(session)
        if restored.how == "adapted" and restored.notes:
            app.notify(
                capitalised("; ".join(restored.notes)) + ".",
                title="The story has changed since this save",
                severity="warning",
                markup=False,
                timeout=12,
            )

    def save_run(self, session: Session, slot: str, name: str | None) -> bool:
        """Write ``session``'s run to ``slot`` now and say how it went; True when it was saved."""
        from game.saves import slot_label  # lazy: the saves load after the first frame

        problem = session.save(slot, name)
        if problem is not None:
            self.app.notify(str(problem), title="Not saved", severity="error", markup=False, timeout=15)
            return False
        shown = f" as “{name}”" if name else ""
        self.app.notify(f"Saved in {slot_label(slot)}{shown}.", timeout=3, markup=False)
        return True

    def autosave(self, session: Session) -> None:
        """Autosave ``session``'s run: the capture here, the encoding and writing on the writer's
        thread; how it went arrives as an ``Autosaved`` message."""
        shelf = session.shelf
        if shelf is None:
            return
        if self.writer is None:
            from game.saves.background import BackgroundWriter  # lazy: only once a run is played

            self.writer = BackgroundWriter()
        app = self.app

        def done(slot: str, problem: SaveProblem | None) -> None:
            session.autosaved(slot, problem)  # on the writer's thread: one assignment, then a message
            app.post_message(Autosaved(slot, problem))

        self.writer.submit(shelf, session.claim_autosave(), session.capture(), done)

    def autosaved(self, problem: SaveProblem | None) -> None:
        """Tell the player when autosaving starts failing (naming the folder and the fix), once,
        and when it works again."""
        if problem is not None and not self.failing:
            self.failing = True
            self.app.notify(str(problem), title="Autosave failed", severity="error", markup=False, timeout=15)
        elif problem is None and self.failing:
            self.failing = False
            self.app.notify("Autosaving works again.", timeout=4)

    def close(self) -> None:
        """Finish every autosave asked for (the game is ending)."""
        if self.writer is not None:
            self.writer.close()
