"""What the player types in line mode: a choice's number, a command (``undo``, ``save 3``,
``load auto``, ``map``…), help, quit, or a yes/no answer, read one line at a time.

Help and wrong answers are answered here, at the prompt; what a choice or a command then does
is ``game.plain.play``'s business.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from game.plain.page import Page

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


@dataclass(frozen=True, slots=True)
class Command:
    """Something typed that is not a choice: ``undo``, ``save``, ``load`` or ``saves``, with the
    rest of the line as ``argument``."""

    verb: str
    argument: str = ""


UNDO = Command("undo")
VERBS = {"save": "save", "load": "load", "restore": "load", "saves": "saves", "list": "saves", "map": "map"}


class Prompt:
    """Reads the player's ``lines``, echoing each on ``page`` when ``echo_input`` (input that is
    not typed at a terminal), and mentioning the save commands in help when ``saving``."""

    def __init__(self, lines: Iterator[str], page: Page, echo_input: bool, saving: bool) -> None:
        self.lines = lines
        self.page = page
        self.echo_input = echo_input
        self.saving = saving

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question until it is answered: y or yes, n or no (an empty line or the end
        of input is no). Anything else, such as the next command typed too soon, is asked again
        rather than taken as a no and lost."""
        self.page.write(question)
        while True:
            self.page.ready()
            line = next(self.lines, None)
            answer = "" if line is None else line.strip()
            if self.echo_input and line is not None:
                self.page.write(answer)
            if answer.casefold() in ("y", "yes"):
                return True
            if answer.casefold() in ("", "n", "no"):
                return False
            shown = answer if len(answer) <= 20 else answer[:20] + "…"
            self.page.write(f"'{shown}' is not an answer here: type y (yes) or n (no), then Enter.")

    def ask(self, count: int, can_undo: bool = True) -> int | Command | None:
        """Read until a valid choice number or a command ('u', 'save 3', …); None at end of input or on 'q'."""
        page = self.page
        stuck = STUCK.format(way_out="'u' to undo or 'q' to quit" if can_undo else "'q' to quit")
        if count == 0:
            page.write(stuck)
        while True:
            page.ready()
            line = next(self.lines, None)
            if line is None:
                return None
            answer = line.strip()
            if self.echo_input:
                page.write(answer)
            lowered = answer.lower()
            if lowered in ("q", "quit", "exit"):
                return None
            if lowered in ("h", "help", "?"):
                page.write(HELP)
                if self.saving:
                    page.write(SAVE_HELP)
                continue
            if lowered in ("u", "undo"):
                return UNDO
            verb, _, rest = answer.partition(" ")
            if verb.lower() in VERBS:
                return Command(VERBS[verb.lower()], rest.strip())
            if answer.isascii() and answer.isdigit() and len(answer) <= len(str(count)) and 1 <= int(answer) <= count:
                return int(answer)
            choices = "1" if count == 1 else f"a number (1-{count})"
            if count == 0:
                page.write(stuck)
            elif not answer:
                page.write(f"Type {choices} and press Enter.")
            else:
                shown = answer if len(answer) <= 20 else answer[:20] + "…"
                page.write(f"'{shown}' is not a choice here: type {choices}, 'u' to undo, 'h' for help or 'q' to quit.")
