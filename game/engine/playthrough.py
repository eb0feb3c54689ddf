"""One player's run of a story: the current state, the states behind it, and what went wrong.

Both front ends (the Textual game and line mode) play through this object, so a choice,
an undo and a story fault behave the same in each. The engine's states are immutable
values, so the history is simply the list of them, and undo is a pop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.errors import StoryRuntimeError
from game.engine.model import SourcePos, Story
from game.engine.play import SceneView, choose, start, view
from game.engine.state import GameState


@dataclass(frozen=True, slots=True)
class StoryFault:
    """A choice the story could not carry out: an expression failed at ``pos`` while playing.

    The run is left exactly as it was before the choice, so the player can pick another
    one or undo: a fault never strands anyone.
    """

    pos: SourcePos
    message: str

    def explain(self, can_undo: bool) -> str:
        """What happened, where, and what the player can do now, in one paragraph."""
        way_on = "pick another choice or undo the last one" if can_undo else "pick another choice"
        return (
            f"The story hit a fault at {self.pos}: {self.message}. Nothing happened: you are still here, "
            f"so {way_on}. ('stars-gossip check' finds such faults before anyone plays.)"
        )


@dataclass(slots=True)
class Playthrough:
    """A run in progress; ``scene`` is what the player sees now."""

    story: Story
    states: list[GameState] = field(default_factory=list)
    scene: SceneView | None = None

    @classmethod
    def begin(cls, story: Story, seed: int, state: GameState | None = None) -> Playthrough | StoryFault:
        """A new run from the story's start, or from ``state`` (a writer jumping to a scene).

        Returns the fault instead when the very first scene cannot be shown."""
        try:
            state = state or start(story, seed)
            return cls(story, [state], view(story, state))
        except StoryRuntimeError as fault:
            return StoryFault(fault.pos, fault.message)

    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def choices_made(self) -> int:
        return len(self.states) - 1

    @property
    def can_undo(self) -> bool:
        return len(self.states) > 1

    @property
    def finished(self) -> bool:
        return self.scene is not None and self.scene.ending is not None

    def choose(self, number: int) -> SceneView | StoryFault:
        """Take the ``number``-th choice of the current scene; returns the next scene.

        When the story faults, the fault is returned and the run is unchanged."""
        try:
            state = choose(self.story, self.state, number)
            scene = view(self.story, state)
        except StoryRuntimeError as fault:
            return StoryFault(fault.pos, fault.message)
        self.states.append(state)
        self.scene = scene
        return scene

    def undo(self) -> SceneView | None:
        """Take back the last choice: the run is exactly as it was before it. None at the start."""
        if len(self.states) < 2:
            return None
        self.states.pop()
        # This state was shown before: its view cannot fault now (the engine is deterministic).
        self.scene = view(self.story, self.state)
        return self.scene
