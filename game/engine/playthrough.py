"""One player's run of a story: the current state, the states behind it, and what went wrong.

Both front ends (the Textual game and line mode) and the saves play through this object, so
a choice, an undo, a story fault and a replay behave the same everywhere. The engine's states
are immutable values, so the history is simply the list of them, and undo is a pop.

Besides its states a run keeps its *path*: every choice taken, by its stable id, with the
outcome that fell for a random one. The path is what lets a save be rebuilt by replay on an
edited story, where the states themselves may no longer fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from game.engine.errors import StoryRuntimeError
from game.engine.model import Chapter, Choice, SourcePos, Story
from game.engine.picks import Pick
from game.engine.play import SceneView, available, choose, draw_outcome, start, step, view
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


def pick_of(choice: Choice, state: GameState) -> Pick:
    """The pick ``choose`` makes when the player takes ``choice`` in ``state``: the same draw."""
    if not choice.is_random:
        return Pick(choice.id)
    outcome, _ = draw_outcome(choice, state.rng)
    return Pick(choice.id, outcome)


def take(story: Story, state: GameState, pick: Pick) -> tuple[GameState, Pick] | str:
    """The state after taking ``pick`` again in ``state``: its choice found by id among those
    available now, its recorded outcome forced, the generator advanced as ``choose`` advances it.

    On the story the pick was made on this is exactly what ``choose`` gave. On an edited story
    it is what the same choice does now; returns why not, in words, when the choice is not
    offered here (gone, moved, or its condition now false) or its outcome no longer exists. A
    random choice recorded without an outcome (it had one before the edit) is drawn afresh.
    Returns the next state with the pick as taken now; raises ``StoryRuntimeError`` when the
    story faults.
    """
    options = {choice.id: choice for choice in available(story, state)}
    choice = options.get(pick.choice)
    if choice is None:
        known = any(c.id == pick.choice for s in story.scenes.values() for c in s.choices)
        where = f"in scene '{state.scene}'"
        if known:
            return f"the choice '{pick.choice}' is no longer offered {where}"
        return f"the choice '{pick.choice}' no longer exists ({where})"
    if not choice.is_random:
        return step(story, state, choice, 0).state, Pick(choice.id)
    drawn, rng = draw_outcome(choice, state.rng)
    outcome = drawn if pick.outcome is None else pick.outcome
    if not 0 <= outcome < len(choice.outcomes):
        return f"the choice '{pick.choice}' no longer has outcome {outcome + 1} (it has {len(choice.outcomes)})"
    after = step(story, state, choice, outcome).state
    return GameState(after.scene, after.values, after.visits, after.taken, rng), Pick(choice.id, outcome)


@dataclass(slots=True)
class Playthrough:
    """A run in progress; ``scene`` is what the player sees now.

    ``states`` ends with the current state; the ones before it are what undo goes back to
    (a run resumed from a save holds only the bounded history the save kept). ``path`` is
    every choice taken since the run began (after the first ``skipped``, when a very long run was
    resumed from a save that kept only its end), so it can be longer than the history; ``entered``
    counts the entries into every scene along it, which lets a save be fitted to a story that
    has started counting visits to a scene. ``seed`` and ``origin`` say where the run began:
    the story's start drawn with ``seed``, or the state ``origin`` (a writer jumping to a scene).
    """

    story: Story
    states: list[GameState] = field(default_factory=list)
    scene: SceneView | None = None
    seed: int = 0
    origin: GameState | None = None
    path: list[Pick] = field(default_factory=list)
    entered: dict[str, int] = field(default_factory=dict)
    skipped: int = 0

    @classmethod
    def begin(cls, story: Story, seed: int, state: GameState | None = None) -> Playthrough | StoryFault:
        """A new run from the story's start, or from ``state`` (a writer jumping to a scene).

        Returns the fault instead when the very first scene cannot be shown."""
        try:
            first = state or start(story, seed)
            scene = view(story, first)
        except StoryRuntimeError as fault:
            return StoryFault(fault.pos, fault.message)
        entered = dict(zip(story.visit_caps, first.visits, strict=True)) if state is not None else {}
        entered[first.scene] = max(entered.get(first.scene, 0), 1)
        return cls(story, [first], scene, seed, state, [], {k: v for k, v in entered.items() if v})

    @classmethod
    def resume(
        cls,
        story: Story,
        states: Iterable[GameState],
        seed: int,
        origin: GameState | None,
        path: Iterable[Pick],
        entered: dict[str, int],
        skipped: int = 0,
    ) -> Playthrough | StoryFault:
        """A run carried on from a save: ``states`` (oldest first, the current one last) with the
        path and scene entries that led to them (``skipped`` choices before the path's first).
        Returns the fault when the current scene cannot be shown on this story."""
        kept = list(states)
        try:
            scene = view(story, kept[-1])
        except StoryRuntimeError as fault:
            return StoryFault(fault.pos, fault.message)
        return cls(story, kept, scene, seed, origin, list(path), dict(entered), skipped)

    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def choices_made(self) -> int:
        """How many choices the run has taken since it began (undone ones do not count)."""
        return self.skipped + len(self.path)

    @property
    def can_undo(self) -> bool:
        return len(self.states) > 1 and bool(self.path)

    @property
    def finished(self) -> bool:
        return self.scene is not None and self.scene.ending is not None

    def copy(self) -> Playthrough:
        """The run at the same point, going on alone: choices taken in it leave this one as it is."""
        return Playthrough(
            self.story,
            list(self.states),
            self.scene,
            self.seed,
            self.origin,
            list(self.path),
            dict(self.entered),
            self.skipped,
        )

    def places(self) -> tuple[str, tuple[str, ...]]:
        """The place of the current scene, and those of the scenes the run has entered (what a
        map marks as here and visited)."""
        scenes = self.story.scenes
        return scenes[self.state.scene].place, tuple(scenes[s].place for s in self.entered if s in scenes)

    def chapter_started(self) -> Chapter | None:
        """The chapter the current scene opens: its chapter when this is the run's first entry
        into any of that chapter's scenes. A chapter is announced once a run: coming back to it
        later opens nothing. Asked after a step forward (a choice, a jump, the start, a load);
        an undo goes back to a scene already shown and opens nothing."""
        index = self.story.scene_chapters.get(self.state.scene)
        if index is None:
            return None
        chapters = self.story.scene_chapters
        entries = sum(count for scene, count in self.entered.items() if chapters.get(scene) == index)
        return self.story.chapters[index] if entries <= 1 else None

    def choose(self, number: int) -> SceneView | StoryFault:
        """Take the ``number``-th choice of the current scene; returns the next scene.

        When the story faults, the fault is returned and the run is unchanged."""
        state = self.state
        try:
            next_state = choose(self.story, state, number)  # first: it refuses a number not offered
            picked = pick_of(available(self.story, state)[number - 1], state)
            scene = view(self.story, next_state)
        except StoryRuntimeError as fault:
            return StoryFault(fault.pos, fault.message)
        return self._advance(next_state, picked, scene)

    def retake(self, pick: Pick) -> SceneView | StoryFault | str:
        """Take ``pick`` as ``take`` does (the choice by its id, its outcome forced when given):
        how a path found by the checker is played into a run. Returns the next scene; else the
        fault, or why the choice is not offered here, in words, and the run is unchanged."""
        try:
            taken = take(self.story, self.state, pick)
            if isinstance(taken, str):
                return taken
            next_state, picked = taken
            scene = view(self.story, next_state)
        except StoryRuntimeError as fault:
            return StoryFault(fault.pos, fault.message)
        return self._advance(next_state, picked, scene)

    def _advance(self, next_state: GameState, picked: Pick, scene: SceneView) -> SceneView:
        self.states.append(next_state)
        self.path.append(picked)
        self.entered[next_state.scene] = self.entered.get(next_state.scene, 0) + 1
        self.scene = scene
        return scene

    def undo(self) -> SceneView | None:
        """Take back the last choice: the run is exactly as it was before it. None when there is
        nothing to go back to (the start, or the oldest state a resumed save kept)."""
        if not self.can_undo:
            return None
        left = self.states.pop()
        self.path.pop()
        count = self.entered.get(left.scene, 0) - 1
        if count > 0:
            self.entered[left.scene] = count
        else:
            self.entered.pop(left.scene, None)
        # This state was shown before: its view cannot fault now (the engine is deterministic).
        self.scene = view(self.story, self.state)
        return self.scene
