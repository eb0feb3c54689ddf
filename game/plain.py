"""The line-mode front end: numbered choices on stdin, text on stdout.

For screen readers, pipes and scripted replays. It drives the same engine as the Textual UI
and shows writer text exactly as written.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import TextIO

from game.engine import GameState, SceneView, Story
from game.engine.playthrough import Playthrough, StoryFault
from game.engine.text import show_value

HELP = "Type the number of a choice and press Enter. 'u' takes back your last choice, 'q' quits, 'h' shows this help."
STUCK = (
    "No choice is open here: the story is stuck (a soft-lock). Type {way_out}; 'stars-gossip check' finds such places."
)
UNDO = 0
"""What ``ask`` returns when the player takes back the last choice."""
WIDTH = 78


class PlainGame:
    """Plays one story on a pair of text streams."""

    def __init__(self, story: Story, out: TextIO, echo_input: bool = False) -> None:
        self.story = story
        self.out = out
        self.echo_input = echo_input

    def write(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def paragraph(self, text: str, indent: str = "") -> None:
        for line in text.splitlines() or [""]:
            wrapped = textwrap.fill(line, WIDTH, initial_indent=indent, subsequent_indent=indent) if line else ""
            self.write(wrapped)

    def show(self, scene: SceneView) -> None:
        heading = " — ".join(part for part in (scene.title, scene.place) if part)
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
            self.write("[" + " | ".join(f"{line.label}: {show_value(line.value)}" for line in scene.status) + "]")
            self.write()
        for choice in scene.choices:
            label = f'"{choice.text}"' if choice.spoken else choice.text
            number = f"  {choice.number}. "
            self.write(textwrap.fill(label, WIDTH, initial_indent=number, subsequent_indent=" " * len(number)))
        if scene.choices:
            self.write()

    def play(self, lines: Iterator[str], seed: int = 0, state: GameState | None = None) -> int:
        """Play until an ending, 'q' or the end of input.

        Returns the exit status: 1 when the story faulted at any point of the run (the player
        was told and could go on), else 0, so a scripted replay can tell a fault was met."""
        run = Playthrough.begin(self.story, seed, state)
        if isinstance(run, StoryFault):
            self.write(f"The story cannot begin: a fault at {run.pos}: {run.message}.")
            self.write("Run 'stars-gossip check' on the story to find such faults before playing.")
            return 1
        self.write(f"*** {self.story.title} ***")
        self.write()
        scene = run.scene
        faulted = False
        fresh = True  # whether the scene on screen is out of date
        while scene is not None:
            if fresh:
                self.show(scene)
            if scene.ending is not None:
                self.write(f"*** Ending: {scene.ending.title} ***")
                if scene.ending.description:
                    self.paragraph(scene.ending.description)
                self.write()
                self.write("Thank you for playing.")
                return 1 if faulted else 0
            number = self.ask(lines, len(scene.choices), can_undo=run.can_undo)
            if number is None:
                self.write()
                self.write("Goodbye. (The story stops here; nothing was saved.)")
                return 1 if faulted else 0
            if number == UNDO:
                earlier = run.undo()
                fresh = earlier is not None
                if earlier is None:
                    self.write("Nothing to take back: this is where the story starts.")
                else:
                    scene = earlier
                    self.write("(You think better of it.)")
                    self.write()
                continue
            picked = scene.choices[number - 1]
            outcome = run.choose(number)
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
            scene, fresh = outcome, True
        return 1 if faulted else 0

    def ask(self, lines: Iterator[str], count: int, can_undo: bool = True) -> int | None:
        """Read until a valid choice number (or ``UNDO`` for 'u'); None at end of input or on 'q'."""
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
            if answer.lower() in ("q", "quit", "exit"):
                return None
            if answer.lower() in ("h", "help", "?"):
                self.write(HELP)
                continue
            if answer.lower() in ("u", "undo"):
                return UNDO
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
