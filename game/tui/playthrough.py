"""One run of a story: the current state, the states behind it and the choices made.

The engine's states are immutable values, so the history is simply the list of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine import GameState, SceneView, Story, choose, start, view


@dataclass(slots=True)
class Playthrough:
    """A run in progress; ``scene`` is what the player sees now."""

    story: Story
    states: list[GameState] = field(default_factory=list)
    scene: SceneView | None = None

    @classmethod
    def begin(cls, story: Story, seed: int, state: GameState | None = None) -> Playthrough:
        """A new run from the story's start, or from ``state`` (a writer jumping to a scene)."""
        state = state or start(story, seed)
        return cls(story, [state], view(story, state))

    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def choices_made(self) -> int:
        return len(self.states) - 1

    @property
    def finished(self) -> bool:
        return self.scene is not None and self.scene.ending is not None

    def choose(self, number: int) -> SceneView:
        """Take the ``number``-th choice of the current scene; returns the next scene.

        Raises ``StoryRuntimeError`` when the story faults (the state is then unchanged).
        """
        state = choose(self.story, self.state, number)
        scene = view(self.story, state)
        self.states.append(state)
        self.scene = scene
        return scene

    def undo(self) -> SceneView | None:
        """Take back the last choice: the run is exactly as it was before it. None at the start."""
        if len(self.states) < 2:
            return None
        self.states.pop()
        self.scene = view(self.story, self.state)
        return self.scene
