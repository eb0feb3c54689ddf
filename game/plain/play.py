"""Line mode's run of a story: from its start (or a save) to an ending, 'q' or the end of input.

``PlainGame`` is the prompt loop: it shows the scene (``game.plain.page``), reads what the
player typed (``game.plain.prompt``), and takes the choice through the engine's playthrough or
carries out the command, the save commands through ``game.plain.saving``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from game.engine import GameState, SceneView, Story
from game.engine.playthrough import Playthrough, StoryFault
from game.plain.page import Page
from game.plain.prompt import Command, Prompt
from game.plain.saving import SaveCommands, autosave, remember_ending
from game.saves import QUICK, Session, Shelf, slot_label


class PlainGame:
    """Plays one story on a pair of text streams, keeping the run in ``shelf`` when given one."""

    def __init__(
        self,
        story: Story,
        out: TextIO,
        echo_input: bool = False,
        shelf: Shelf | None = None,
        remember_endings: bool = False,
    ) -> None:
        self.story = story
        self.page = Page(out)
        self.echo_input = echo_input
        self.shelf = shelf
        self.saves = None if shelf is None else SaveCommands(story, shelf, self.page)
        self.remember_endings = remember_endings

    def play(
        self, lines: Iterator[str], seed: int = 0, state: GameState | None = None, resume: str | None = None
    ) -> int:
        """Play until an ending, 'q' or the end of input.

        With ``resume`` (a slot, a save's name, or ``newest`` for the newest save of the
        story) the run carries on from that save; if there is none, or it cannot be played,
        the player is told why and a new run begins.

        Returns the exit status: 1 when the story faulted at any point of the run (the player
        was told and could go on), else 0, so a scripted replay can tell a fault was met."""
        page = self.page
        prompt = Prompt(lines, page, self.echo_input, saving=self.shelf is not None)
        session: Session | None = None
        if resume is not None:
            session = self.resume(prompt, resume)
            if session is None:
                page.write("Starting a new game instead.")
                page.write()
            else:
                autosave(page, session)  # so the next --continue carries on this run, however old the save
        if session is None:
            run = Playthrough.begin(self.story, seed, state)
            if isinstance(run, StoryFault):
                page.write(f"The story cannot begin: a fault at {run.pos}: {run.message}.")
                page.write("Run 'stars-gossip check' on the story to find such faults before playing.")
                return 1
            session = Session(run, self.shelf)
            page.write(f"*** {self.story.title} ***")
            page.write()
        return self.loop(prompt, session)

    def loop(self, prompt: Prompt, session: Session) -> int:
        """The run from the scene ``session`` is at, until an ending, 'q' or the end of input."""
        page = self.page
        scene = session.run.scene
        faulted = False
        fresh = True  # whether the scene on screen is out of date
        undone = False  # whether that scene is one shown before, gone back to
        while scene is not None:
            run = session.run
            if fresh:
                page.show(scene, None if undone else run.chapter_started())
            if scene.ending is not None:
                self.ending(scene)
                return 1 if faulted else 0
            answer = prompt.ask(len(scene.choices), can_undo=run.can_undo)
            if answer is None:
                self.goodbye(session)
                return 1 if faulted else 0
            if isinstance(answer, Command):
                resumed = self.command(prompt, answer, session)
                fresh, undone = resumed is not None, answer.verb == "undo"
                if resumed is not None:
                    session = resumed
                    scene = session.run.scene
                continue
            picked = scene.choices[answer - 1]
            outcome = run.choose(answer)
            if isinstance(outcome, StoryFault):
                page.paragraph(outcome.explain(run.can_undo))
                page.write()
                faulted, fresh = True, False
                continue
            page.picked(picked, self.story.characters.get(self.story.player or ""))
            # The ending is saved too (in the next autosave slot, so the save before it stays): the
            # next --continue then knows this run is over and goes back to before it.
            autosave(page, session)
            scene, fresh, undone = outcome, True, False
        return 1 if faulted else 0

    def command(self, prompt: Prompt, command: Command, session: Session) -> Session | None:
        """Carry out ``command``; returns the session to go on with when the scene on screen changed
        (after an undo or a load), else None."""
        page = self.page
        if command.verb == "undo":
            if session.run.undo() is None:
                where = "as far back as the save went" if session.run.choices_made else "where the story starts"
                page.write(f"Nothing to take back: this is {where}.")
                return None
            page.write("(You think better of it.)")
            page.write()
            autosave(page, session)
            return session
        if command.verb == "map":
            page.map(self.story.map, *session.run.places())
            return None
        if self.saves is None:
            page.write("Saving is off in this game: play with the 'stars-gossip' command to save.")
            return None
        if command.verb == "save":
            self.saves.save(prompt, command.argument, session)
            return None
        if command.verb == "saves":
            self.saves.list_saves()
            return None
        resumed = self.saves.resume(prompt, command.argument or QUICK)
        if resumed is not None:
            autosave(page, resumed)
        return resumed

    def resume(self, prompt: Prompt, which: str) -> Session | None:
        """The session of the save ``which`` names, or None (and why) when there is none to play."""
        if self.saves is None:
            self.page.write("Saving is off in this game: there is nothing to load.")
            return None
        return self.saves.resume(prompt, which)

    def ending(self, scene: SceneView) -> None:
        assert scene.ending is not None
        self.page.ending(scene.ending)
        if self.remember_endings:
            remember_ending(self.page, self.story, scene.ending)
        self.page.write("Thank you for playing.")

    def goodbye(self, session: Session) -> None:
        page = self.page
        page.write()
        if self.shelf is None:
            page.write("Goodbye. (The story stops here; nothing was saved.)")
        elif session.autosave_problem is not None:
            page.notice(f"Goodbye. This run could not be saved: {session.autosave_problem}")
        elif session.last_autosave is not None:
            page.notice(
                f"Goodbye. Your run is saved ({slot_label(session.last_autosave)}, in {self.shelf.folder}); "
                "'stars-gossip play --continue' picks it up where you left off."
            )
        else:
            page.write("Goodbye. (No choice was made, so there was nothing to save.)")
