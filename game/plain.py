"""The line-mode front end: numbered choices on stdin, text on stdout.

For screen readers, pipes and scripted replays. It drives the same engine as the Textual UI
and shows writer text exactly as written. With a save folder it keeps the run as the full-screen
game does: an autosave after every choice, ``save``/``load``/``saves`` commands, and the
endings found remembered for next time.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from game.engine import Chapter, GameState, SceneView, Story
from game.engine.playthrough import Playthrough, StoryFault
from game.saves import (
    QUICK,
    SLOTS,
    Entry,
    SaveProblem,
    Session,
    Shelf,
    check_name,
    listing_line,
    newest_of,
    slot_label,
    status_of,
)
from game.saves.records import found_endings, record_ending

HELP = (
    "Type the number of a choice and press Enter. 'u' (or 'undo') takes back your last choice, "
    "'q' quits, 'h' shows this help, 'map' shows the map (in stories that have one)."
)
SAVE_HELP = (
    "Saving: 'save' keeps the run in the quicksave, 'save N' in slot N (1-9), 'save N name' or "
    "'save name' names it; 'load' loads the quicksave, 'load N' or 'load name' a slot, 'load auto' "
    "the newest autosave; 'saves' lists every slot. The run is also autosaved after every choice."
)
STUCK = (
    "No choice is open here: the story is stuck (a soft-lock). Type {way_out}; 'stars-gossip check' finds such places."
)
WIDTH = 78


@dataclass(frozen=True, slots=True)
class Command:
    """Something typed that is not a choice: ``undo``, ``save``, ``load`` or ``saves``, with the
    rest of the line as ``argument``."""

    verb: str
    argument: str = ""


UNDO = Command("undo")
VERBS = {"save": "save", "load": "load", "restore": "load", "saves": "saves", "list": "saves", "map": "map"}


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
        self.out = out
        self.echo_input = echo_input
        self.shelf = shelf
        self.remember_endings = remember_endings

    def write(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def paragraph(self, text: str, indent: str = "") -> None:
        for line in text.splitlines() or [""]:
            wrapped = textwrap.fill(line, WIDTH, initial_indent=indent, subsequent_indent=indent) if line else ""
            self.write(wrapped)

    def notice(self, text: str) -> None:
        """A message of the game's own (not story text), wrapped without splitting paths or names."""
        self.write(textwrap.fill(text, WIDTH, break_long_words=False, break_on_hyphens=False))

    def show(self, scene: SceneView, opened: Chapter | None = None) -> None:
        """``scene``, after the heading of the chapter it ``opened`` (``Playthrough.chapter_started``)."""
        if opened is not None:
            self.write(f"### {opened.heading} ###")
            self.write()
        heading = " — ".join(part for part in dict.fromkeys((scene.title, scene.place)) if part)  # each once
        if heading:
            self.write(f"== {heading} ==")
            self.write()
        for block in scene.blocks:
            if block.name:
                self.paragraph(f'{block.name}: "{block.text}"')
            else:
                self.paragraph(block.text)
            self.write()
        if scene.status:
            self.write("[" + " | ".join(f"{line.label}: {line.reading}" for line in scene.status) + "]")
            self.write()
        for choice in scene.choices:
            label = f'"{choice.text}"' if choice.spoken else choice.text
            number = f"  {choice.number}. "
            self.write(textwrap.fill(label, WIDTH, initial_indent=number, subsequent_indent=" " * len(number)))
        if scene.choices:
            self.write()

    def play(
        self, lines: Iterator[str], seed: int = 0, state: GameState | None = None, resume: str | None = None
    ) -> int:
        """Play until an ending, 'q' or the end of input.

        With ``resume`` (a slot, a save's name, or ``newest`` for the newest save of the
        story) the run carries on from that save; if there is none, or it cannot be played,
        the player is told why and a new run begins.

        Returns the exit status: 1 when the story faulted at any point of the run (the player
        was told and could go on), else 0, so a scripted replay can tell a fault was met."""
        session: Session | None = None
        if resume is not None:
            session = self.resume(lines, resume)
            if session is None:
                self.write("Starting a new game instead.")
                self.write()
            else:
                self.autosave(session)  # so the next --continue carries on this run, however old the save
        if session is None:
            run = Playthrough.begin(self.story, seed, state)
            if isinstance(run, StoryFault):
                self.write(f"The story cannot begin: a fault at {run.pos}: {run.message}.")
                self.write("Run 'stars-gossip check' on the story to find such faults before playing.")
                return 1
            session = Session(run, self.shelf)
            self.write(f"*** {self.story.title} ***")
            self.write()
        return self.loop(lines, session)

    def loop(self, lines: Iterator[str], session: Session) -> int:
        """The run from the scene ``session`` is at, until an ending, 'q' or the end of input."""
        scene = session.run.scene
        faulted = False
        fresh = True  # whether the scene on screen is out of date
        undone = False  # whether that scene is one shown before, gone back to
        while scene is not None:
            run = session.run
            if fresh:
                self.show(scene, None if undone else run.chapter_started())
            if scene.ending is not None:
                self.ending(scene)
                return 1 if faulted else 0
            answer = self.ask(lines, len(scene.choices), can_undo=run.can_undo)
            if answer is None:
                self.goodbye(session)
                return 1 if faulted else 0
            if isinstance(answer, Command):
                resumed = self.command(lines, answer, session)
                fresh, undone = resumed is not None, answer.verb == "undo"
                if resumed is not None:
                    session = resumed
                    scene = session.run.scene
                continue
            picked = scene.choices[answer - 1]
            outcome = run.choose(answer)
            if isinstance(outcome, StoryFault):
                self.paragraph(outcome.explain(run.can_undo))
                self.write()
                faulted, fresh = True, False
                continue
            player = self.story.characters.get(self.story.player or "")
            if picked.spoken and player is not None:
                self.write(f'{player.name}: "{picked.text}"')
            else:
                self.write(f">> {picked.text}")
            self.write()
            if outcome.ending is None:  # a finished run is not worth continuing: keep the one before
                self.autosave(session)
            scene, fresh, undone = outcome, True, False
        return 1 if faulted else 0

    def command(self, lines: Iterator[str], command: Command, session: Session) -> Session | None:
        """Carry out ``command``; returns the session to go on with when the scene on screen changed
        (after an undo or a load), else None."""
        if command.verb == "undo":
            if session.run.undo() is None:
                where = "as far back as the save went" if session.run.choices_made else "where the story starts"
                self.write(f"Nothing to take back: this is {where}.")
                return None
            self.write("(You think better of it.)")
            self.write()
            self.autosave(session)
            return session
        if command.verb == "map":
            self.show_map(session)
            return None
        if self.shelf is None:
            self.write("Saving is off in this game: play with the 'stars-gossip' command to save.")
            return None
        if command.verb == "save":
            self.save(lines, command.argument, session)
            return None
        if command.verb == "saves":
            self.list_saves()
            return None
        resumed = self.resume(lines, command.argument or QUICK)
        if resumed is not None:
            self.autosave(resumed)
        return resumed

    def show_map(self, session: Session) -> None:
        """The story's map, then where the player is and has been, in words."""
        station = self.story.map
        if station is None:
            self.write("This story has no map.")
            return
        place, visited = session.run.places()
        here, seen = station.marks(place, visited)
        self.write(station.art)
        self.write()
        self.write(f"You are here: {here or (place or 'somewhere') + ' (not on this map)'}.")
        if seen:
            self.write(f"Visited: {', '.join(seen)}.")
        self.write()

    def save(self, lines: Iterator[str], argument: str, session: Session) -> None:
        """``save``, ``save N``, ``save N name`` or ``save name``: write the run to that slot."""
        assert self.shelf is not None
        entries = self.shelf.entries()
        target = self.save_target(argument, entries)
        if isinstance(target, SaveProblem):
            self.write(f"Not saved: {target}.")
            return
        slot, name = target
        held = next((e for e in entries if e.slot == slot), None)
        if held is not None and not held.empty and slot != QUICK:
            shown = f'"{held.save.name}"' if held.save is not None else "a file that cannot be read"
            if not self.confirm(lines, f"{slot_label(slot).capitalize()} holds {shown}. Replace it? (y/n)"):
                self.write("Not saved.")
                return
        problem = session.save(slot, name)
        if problem is not None:
            self.notice(f"Not saved. {problem}")
            return
        named = f' as "{name}"' if name else ""
        self.write(f"Saved in {slot_label(slot)}{named} ({self.shelf.folder}).")

    def save_target(self, argument: str, entries: tuple[Entry, ...]) -> tuple[str, str | None] | SaveProblem:
        """The slot and name ``argument`` asks for: nothing means the quicksave; a slot number, then
        an optional name; a name alone means the slot already called that, else the first empty one."""
        words = argument.split(maxsplit=1)
        if not words:
            return QUICK, None
        first = words[0].casefold()
        if first in (*SLOTS, QUICK, "q"):
            slot = QUICK if first == "q" else first
            if len(words) == 1:
                return slot, None
            name = check_name(words[1])
            return name if isinstance(name, SaveProblem) else (slot, name)
        name = check_name(argument)
        if isinstance(name, SaveProblem):
            return name
        for entry in entries:
            if entry.slot in SLOTS and entry.save is not None and entry.save.name.casefold() == name.casefold():
                return entry.slot, name
        free = next((e.slot for e in entries if e.slot in SLOTS and e.empty), None)
        if free is None:
            return SaveProblem("all nine slots are in use: type 'save N name' to replace slot N")
        return free, name

    def resume(self, lines: Iterator[str], which: str) -> Session | None:
        """The session of the save ``which`` names (``newest``: the newest of any kind), after
        saying what the player needs to know of it; None (and why) when there is none to play."""
        if self.shelf is None:
            self.write("Saving is off in this game: there is nothing to load.")
            return None
        entries = self.shelf.entries()
        if which == "newest":
            newest = newest_of([e for e in entries if e.save is not None and status_of(e, self.story).playable])
            if newest is None:
                self.write(f"No save of '{self.story.title}' to continue in {self.shelf.folder}.")
                return None
            entry, status = newest, status_of(newest, self.story)
        else:
            slot = self.shelf.find(which, entries)
            if isinstance(slot, SaveProblem):
                self.write(f"Cannot load: {slot}.")
                return None
            entry = next(e for e in entries if e.slot == slot)
            status = status_of(entry, self.story)
        label = slot_label(entry.slot) if entry.slot else entry.path.name
        if entry.empty:
            self.write(f"Cannot load: {label} is empty.")
            return None
        restored = status.restored
        if restored is None or entry.save is None:
            self.notice(f"Cannot load {label} ({entry.path}): {status.text.removeprefix('cannot load: ')}.")
            return None
        if restored.how != "exact":
            self.notice(f"{label.capitalize()} is {status.text.split(':', 1)[0]}.")
            for note in restored.notes:
                self.notice(f"- {note}.")
            if restored.how == "rebuilt" and not self.confirm(lines, "Load the rebuilt run? (y/n)"):
                self.write("Not loaded.")
                return None
        run = restored.playthrough(self.story)
        if isinstance(run, StoryFault):
            self.notice(f"Cannot load {label}: its scene cannot be shown: a fault at {run.pos}: {run.message}.")
            return None
        self.write(f'(Loaded {label}: "{entry.save.name}".)')
        self.write()
        return Session.resumed(run, self.shelf, entry.save)

    def list_saves(self) -> None:
        assert self.shelf is not None
        self.write(f"Saves of '{self.story.title}' in {self.shelf.folder}:")
        for entry in self.shelf.entries():
            self.write("  " + listing_line(entry, status_of(entry, self.story)))

    def autosave(self, session: Session) -> None:
        """Autosave the run; say so once when autosaving starts failing, and once when it works again."""
        failing = session.autosave_problem is not None
        problem = session.autosave()
        if problem is not None and not failing:
            self.notice(f"(Autosave failed: {problem})")
            self.write()
        elif problem is None and failing:
            self.write("(Autosaving works again.)")
            self.write()

    def ending(self, scene: SceneView) -> None:
        assert scene.ending is not None
        self.write(f"*** Ending: {scene.ending.title} ***")
        if scene.ending.description:
            self.paragraph(scene.ending.description)
        self.write()
        if self.remember_endings:
            try:
                found = record_ending(self.story.id, scene.ending.id)
            except OSError as problem:
                found = found_endings(self.story.id) | {scene.ending.id}
                self.write(f"(Could not remember this ending for next time: {problem})")
            known = sum(1 for e in self.story.endings if e in found)
            self.write(f"Endings found: {known} of {len(self.story.endings)}.")
            self.write()
        self.write("Thank you for playing.")

    def goodbye(self, session: Session) -> None:
        self.write()
        if self.shelf is None:
            self.write("Goodbye. (The story stops here; nothing was saved.)")
        elif session.autosave_problem is not None:
            self.notice(f"Goodbye. This run could not be saved: {session.autosave_problem}")
        elif session.last_autosave is not None:
            self.notice(
                f"Goodbye. Your run is saved ({slot_label(session.last_autosave)}, in {self.shelf.folder}); "
                "'stars-gossip play --continue' picks it up where you left off."
            )
        else:
            self.write("Goodbye. (No choice was made, so there was nothing to save.)")

    def confirm(self, lines: Iterator[str], question: str) -> bool:
        """Ask a yes/no question; anything but yes (or the end of input) is no."""
        self.write(question)
        self.out.write("> ")
        self.out.flush()
        line = next(lines, None)
        answer = "" if line is None else line.strip()
        if self.echo_input and line is not None:
            self.out.write(answer + "\n")
        return answer.casefold() in ("y", "yes")

    def ask(self, lines: Iterator[str], count: int, can_undo: bool = True) -> int | Command | None:
        """Read until a valid choice number or a command ('u', 'save 3', …); None at end of input or on 'q'."""
        stuck = STUCK.format(way_out="'u' to undo or 'q' to quit" if can_undo else "'q' to quit")
        if count == 0:
            self.write(stuck)
        while True:
            self.out.write("> ")
            self.out.flush()
            line = next(lines, None)
            if line is None:
                return None
            answer = line.strip()
            if self.echo_input:
                self.out.write(answer + "\n")
            lowered = answer.lower()
            if lowered in ("q", "quit", "exit"):
                return None
            if lowered in ("h", "help", "?"):
                self.write(HELP)
                if self.shelf is not None:
                    self.write(SAVE_HELP)
                continue
            if lowered in ("u", "undo"):
                return UNDO
            verb, _, rest = answer.partition(" ")
            if verb.lower() in VERBS:
                return Command(VERBS[verb.lower()], rest.strip())
            if answer.isascii() and answer.isdigit() and len(answer) <= len(str(count)) and 1 <= int(answer) <= count:
                return int(answer)
            choices = "1" if count == 1 else f"1-{count}"
            if count == 0:
                self.write(stuck)
            elif not answer:
                self.write(f"Type a number ({choices}) and press Enter.")
            else:
                shown = answer if len(answer) <= 20 else answer[:20] + "…"
                self.write(
                    f"'{shown}' is not a choice here: type a number ({choices}), 'u' to undo, 'h' for help or 'q' to quit."
                )
