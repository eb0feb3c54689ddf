"""What line mode keeps on disk: the ``save``, ``load`` and ``saves`` commands over a story's
save folder, the autosave after each choice, and the endings found, remembered for next time.

Every problem with the disk or a save is told to the player in a sentence and play goes on.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import Ending, Story
from game.engine.playthrough import StoryFault
from game.plain.page import Page
from game.plain.prompt import Prompt
from game.saves import (
    QUICK,
    SLOTS,
    Entry,
    SaveProblem,
    Session,
    Shelf,
    check_save_name,
    listing_line,
    slot_label,
    status_of,
    to_continue,
)
from game.saves.records import found_endings, record_ending


@dataclass(frozen=True, slots=True)
class SaveCommands:
    """The save commands of a run of ``story``, over the saves in ``shelf``, answered on ``page``."""

    story: Story
    shelf: Shelf
    page: Page

    def save(self, prompt: Prompt, argument: str, session: Session) -> None:
        """``save``, ``save N``, ``save N name`` or ``save name``: write the run to that slot."""
        entries = self.shelf.entries()
        target = save_target(argument, entries)
        if isinstance(target, SaveProblem):
            self.page.write(f"Not saved: {target}.")
            return
        slot, name = target
        held = next((e for e in entries if e.slot == slot), None)
        if held is not None and not held.empty and slot != QUICK:
            shown = f'"{held.save.name}"' if held.save is not None else "a file that cannot be read"
            if not prompt.confirm(f"{slot_label(slot).capitalize()} holds {shown}. Replace it? (y/n)"):
                self.page.write("Not saved.")
                return
        problem = session.save(slot, name)
        if problem is not None:
            self.page.notice(f"Not saved. {problem}")
            return
        named = f' as "{name}"' if name else ""
        self.page.write(f"Saved in {slot_label(slot)}{named} ({self.shelf.folder}).")

    def resume(self, prompt: Prompt, which: str) -> Session | None:
        """The session of the save ``which`` names (``newest``: the newest of any kind made before an
        ending, see ``to_continue``), after saying what the player needs to know of it; None (and
        why) when there is none to play."""
        page = self.page
        entries = self.shelf.entries()
        ended = None
        if which == "newest":
            going, ended = to_continue([e for e in entries if e.save is not None and status_of(e, self.story).playable])
            if going is None:
                page.write(f"No save of '{self.story.title}' to continue in {self.shelf.folder}.")
                return None
            entry, status = going, status_of(going, self.story)
        else:
            slot = self.shelf.find(which, entries)
            if isinstance(slot, SaveProblem):
                page.write(f"Cannot load: {slot}.")
                return None
            entry = next(e for e in entries if e.slot == slot)
            status = status_of(entry, self.story)
        label = slot_label(entry.slot) if entry.slot else entry.path.name
        if entry.empty:
            page.write(f"Cannot load: {label} is empty.")
            return None
        restored = status.restored
        if restored is None or entry.save is None:
            page.notice(f"Cannot load {label} ({entry.path}): {status.text.removeprefix('cannot load: ')}.")
            return None
        if restored.how != "exact":
            page.notice(f"{label.capitalize()} is {status.text.split(':', 1)[0]}.")
            for note in restored.notes:
                page.notice(f"- {note}.")
            if restored.how == "rebuilt" and not prompt.confirm("Load the rebuilt run? (y/n)"):
                page.write("Not loaded.")
                return None
        run = restored.playthrough(self.story)
        if isinstance(run, StoryFault):
            page.notice(f"Cannot load {label}: its scene cannot be shown: a fault at {run.pos}: {run.message}.")
            return None
        page.write(f'(Loaded {label}: "{entry.save.name}".)')
        ending = self.story.endings.get(ended.ending) if ended is not None and ended.ending is not None else None
        if ending is not None:
            page.write(f"(This run went on to the ending “{ending.title}”: you are back before it.)")
        page.write()
        return Session.resumed(run, self.shelf, entry.save)

    def list_saves(self) -> None:
        self.page.write(f"Saves of '{self.story.title}' in {self.shelf.folder}:")
        for entry in self.shelf.entries():
            self.page.write("  " + listing_line(entry, status_of(entry, self.story)))


def save_target(argument: str, entries: tuple[Entry, ...]) -> tuple[str, str | None] | SaveProblem:
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
        name = check_save_name(words[1])
        return name if isinstance(name, SaveProblem) else (slot, name)
    if first.isascii() and first.isdigit():
        return SaveProblem(f"there is no slot {first}: slots are 1-9 ('save 3', or 'save 3 name' to name the save)")
    name = check_save_name(argument)
    if isinstance(name, SaveProblem):
        return name
    for entry in entries:
        if entry.slot in SLOTS and entry.save is not None and entry.save.name.casefold() == name.casefold():
            return entry.slot, name
    free = next((e.slot for e in entries if e.slot in SLOTS and e.empty), None)
    if free is None:
        return SaveProblem("all nine slots are in use: type 'save N name' to replace slot N")
    return free, name


def autosave(page: Page, session: Session) -> None:
    """Autosave the run; say so once when autosaving starts failing, and once when it works again."""
    failing = session.autosave_problem is not None
    problem = session.autosave()
    if problem is not None and not failing:
        page.notice(f"(Autosave failed: {problem})")
        page.write()
    elif problem is None and failing:
        page.write("(Autosaving works again.)")
        page.write()


def remember_ending(page: Page, story: Story, ending: Ending) -> None:
    """Keep ``ending`` among the story's endings found, and say how many of them that makes."""
    try:
        found = record_ending(story.id, ending.id)
    except OSError as problem:
        found = found_endings(story.id) | {ending.id}
        page.write(f"(Could not remember this ending for next time: {problem})")
    known = sum(1 for e in story.endings if e in found)
    page.write(f"Endings found: {known} of {len(story.endings)}.")
    page.write()
