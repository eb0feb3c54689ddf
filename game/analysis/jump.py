"""A writer's jump to a scene (``play --dev``): the checker's shortest way there, played for real.

The way is found by the checker's own search (``analysis.explore`` from where the run stands,
``paths.path_to``), then each choice of it is taken through the ``Playthrough`` (``retake``:
the engine's transition function, the recorded outcome of a random choice forced), so the state
the writer lands in is one a player reaches, with the path, the visits and the undo history
that go with it. Nothing here is textual: this is the part the tests check against the checker.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.analysis import Exploration, explore
from game.analysis.paths import ChoicePath, path_to
from game.engine import Story
from game.engine.picks import Pick
from game.engine.playthrough import Playthrough, StoryFault
from game.engine.wording import did_you_mean, plural


@dataclass(frozen=True, slots=True)
class Route:
    """The choices into ``scene``, by stable id with their outcomes, from the run's current state
    (``from_start`` False) or from the story's start; ``exploration`` and ``target`` are the
    checker's (``paths.replay_to(exploration, target)`` is the state the route leaves)."""

    scene: str
    picks: tuple[Pick, ...]
    path: ChoicePath
    from_start: bool
    exploration: Exploration
    target: int

    def describe(self) -> str:
        """The choices in order, one phrase each, as the player reads them (as the check says a path)."""
        return self.path.describe() if self.path.steps else "no choice needed"


def route_to(story: Story, scene: str, run: Playthrough | None, seed: int) -> Route | str:
    """The shortest way into ``scene``: from ``run``'s current state when one leads there, else
    from the story's start drawn with ``seed``; or why there is none, in words."""
    if scene not in story.scenes:
        return f"there is no scene '{scene}'{did_you_mean(scene, set(story.scenes))}"
    if run is not None and run.story is story and not run.finished:
        here = explore(story, origin=run.state)
        target = here.first_in_scene.get(scene)
        if target is not None:
            return _route(here, scene, target, from_start=False)
    whole = explore(story, seed=seed)
    target = whole.first_in_scene.get(scene)
    if target is None:
        limit = "" if whole.complete else f" within the first {plural(whole.state_count, 'state')}"
        return f"no play reaches scene '{scene}'{limit}: the story check says why"
    return _route(whole, scene, target, from_start=True)


def _route(exploration: Exploration, scene: str, target: int, from_start: bool) -> Route:
    """The shortest path to ``target`` as the checker words it, its choices named by id (as
    ``replay_to`` walks them)."""
    path = path_to(exploration, target)
    picks = tuple(Pick(s.choice_id, s.outcome if s.is_random else None) for s in path.steps)
    return Route(scene, picks, path, from_start, exploration, target)


def follow(run: Playthrough, route: Route) -> str | None:
    """Take every choice of ``route`` in ``run``; None when it arrives, else why it stopped
    (the run keeps the choices taken up to there)."""
    for pick in route.picks:
        taken = run.retake(pick)
        if isinstance(taken, StoryFault):
            return f"the story hit a fault at {taken.pos}: {taken.message}"
        if isinstance(taken, str):
            return taken
    return None


def jumped_run(story: Story, route: Route, run: Playthrough | None, seed: int) -> Playthrough | str:
    """The run after following ``route``: a copy of ``run`` carried on, or a new run from the
    story's start (drawn with ``seed``) for a route from there; or why the route could not be
    followed. ``run`` itself is never changed."""
    if not route.from_start and run is not None:
        carried = run.copy()
        stopped = follow(carried, route)
        return carried if stopped is None else f"the way there stopped: {stopped}"
    fresh = Playthrough.begin(story, seed)
    if isinstance(fresh, StoryFault):
        return f"the story cannot begin: a fault at {fresh.pos}: {fresh.message}"
    stopped = follow(fresh, route)
    return fresh if stopped is None else f"the way there stopped: {stopped}"
