"""How line mode lays things out: scenes, the player's pick, the map and endings, and the game's
own notices, as plain lines wrapped to ``WIDTH`` on one output stream.

Writer text is shown exactly as written; nothing here reads input or touches a save.
"""

from __future__ import annotations

import textwrap
from typing import TextIO

from game.engine import Chapter, ChoiceView, Ending, SceneView
from game.engine.model import Character, StationMap

WIDTH = 78


class Page:
    """The stream line mode writes to, and the layout of each thing shown on it."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def ready(self) -> None:
        """The ``> `` that asks for a line, shown at once (before any input arrives)."""
        self.out.write("> ")
        self.out.flush()

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

    def picked(self, choice: ChoiceView, player: Character | None) -> None:
        """The choice just taken: a spoken one as the ``player``'s line, any other after ``>>``."""
        if choice.spoken and player is not None:
            self.write(f'{player.name}: "{choice.text}"')
        else:
            self.write(f">> {choice.text}")
        self.write()

    def map(self, station: StationMap | None, place: str, visited: tuple[str, ...]) -> None:
        """The story's map, then where the player is and has been, in words."""
        if station is None:
            self.write("This story has no map.")
            return
        here, seen = station.marks(place, visited)
        self.write(station.art)
        self.write()
        self.write(f"You are here: {here or (place or 'somewhere') + ' (not on this map)'}.")
        if seen:
            self.write(f"Visited: {', '.join(seen)}.")
        self.write()

    def ending(self, ending: Ending) -> None:
        """The ending's title and what it says."""
        self.write(f"*** Ending: {ending.title} ***")
        if ending.description:
            self.paragraph(ending.description)
        self.write()
