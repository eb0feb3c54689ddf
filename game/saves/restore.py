"""A save back into a run, on the story as it is now, however it was edited since.

Three ways, tried in order, each said plainly to the player:

1. **exact**: the story is the very version the save was made on (same fingerprint); every
   state must fit it, or the file was changed by hand and is refused, naming what is wrong.
2. **adapted**: the story changed, but the save's scene still exists and every value still
   fits its variable: new variables take their initial value, removed ones are dropped, and
   undo steps that no longer fit are let go; each change is a note.
3. **rebuilt**: otherwise the run's path of choices is replayed on the story as it is, by
   stable choice id, up to the first choice that no longer exists; the result is offered with
   where it stops and why. A save that cannot be replayed at all is refused with what changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from game.engine import GameState, Story, StoryRuntimeError
from game.engine.picks import Pick
from game.engine.wording import plural
from game.saves.format import HISTORY, Save
from game.saves.named import Adapted, Misfit, fit_adapted, fit_exact

if TYPE_CHECKING:
    from game.engine.playthrough import Playthrough, StoryFault

How = Literal["exact", "adapted", "rebuilt"]


@dataclass(frozen=True, slots=True)
class Restored:
    """A run ready to carry on. ``states`` are oldest first, the current one last (undo goes back
    through the others); ``path``, ``entered``, ``seed``, ``origin`` and ``skipped`` as in
    ``Playthrough``. ``notes`` say what changed on the way, one line each; a rebuilt run also
    says how many of the saved choices it ``replayed`` and, when it stopped early, ``stop``: why."""

    how: How
    states: tuple[GameState, ...]
    path: tuple[Pick, ...]
    entered: Mapping[str, int]
    seed: int
    origin: GameState | None
    notes: tuple[str, ...] = ()
    skipped: int = 0
    replayed: int = 0
    stop: str | None = None

    def playthrough(self, story: Story) -> Playthrough | StoryFault:
        """The run, on ``story`` (the one it was restored for); the fault when its scene cannot be shown."""
        from game.engine.playthrough import Playthrough  # lazy: listing saves plays nothing

        return Playthrough.resume(
            story, self.states, self.seed, self.origin, self.path, dict(self.entered), self.skipped
        )

    @property
    def state(self) -> GameState:
        return self.states[-1]


@dataclass(frozen=True, slots=True)
class Unloadable:
    """Why a save cannot be carried on with this story: what changed, old and new, in words."""

    reason: str

    def __str__(self) -> str:
        return self.reason


def restore(story: Story, save: Save) -> Restored | Unloadable:
    """``save`` as a run of ``story``: exact, adapted or rebuilt (see the module), or why not."""
    if save.story_id != story.id:
        return Unloadable(
            f"this is a save of another story, '{save.story_title}' ({save.story_id}), not of '{story.title}'"
        )
    if save.fingerprint == story.fingerprint:
        return _exact(story, save)
    adapted = _adapted(story, save)
    if isinstance(adapted, Restored):
        return adapted
    return _rebuilt(story, save, adapted)


def _exact(story: Story, save: Save) -> Restored | Unloadable:
    states = []
    # Newest first: an edit to the current state shows in the states behind it too (they are
    # written as what differs from it), and the current state is the one to name.
    labelled = [("the current state", save.state)]
    labelled += [(f"the state {plural(back, 'choice')} back", s) for back, s in enumerate(reversed(save.history), 1)]
    for where, state in labelled:
        fitted = fit_exact(story, state)
        if isinstance(fitted, Misfit):
            return Unloadable(
                f"the save does not match the story it was made on: in {where}, {fitted.message} "
                "(was the file edited by hand?)"
            )
        states.append(fitted)
    origin = None
    if save.origin is not None:
        fitted = fit_exact(story, save.origin)
        if isinstance(fitted, Misfit):
            return Unloadable(
                f"the save does not match the story it was made on: where the run began, {fitted.message}"
            )
        origin = fitted
    states.reverse()
    return Restored(
        "exact", tuple(states), save.path, save.entered, save.seed, origin, skipped=save.choices - len(save.path)
    )


def _adapted(story: Story, save: Save) -> Restored | Misfit:
    """The save fitted to the edited story state by state, newest first; older undo steps that
    do not fit are let go (with a note)."""
    complete = save.complete_path
    path_ids = [p.choice for p in save.path]
    entered: Counter[str] = Counter(save.entered)
    current = fit_adapted(story, save.state, entered, frozenset(path_ids) if complete else None)
    if isinstance(current, Misfit):
        return current
    notes = list(current.notes)
    states = [current.state]
    newer = save.state
    for back, older in enumerate(reversed(save.history), start=1):
        # Going back one choice: the scene it entered was entered once less.
        entered[newer.scene] -= 1
        prefix = frozenset(path_ids[: len(path_ids) - back]) if complete else None
        fitted = fit_adapted(story, older, +entered, prefix)
        if isinstance(fitted, Misfit):
            notes.append(
                f"undo goes back only {back - 1} of the {plural(len(save.history), 'choice')} "
                f"the save kept: {fitted.message} before that"
            )
            break
        states.append(fitted.state)
        newer = older
    origin = None
    if save.origin is not None:
        fitted_origin = fit_adapted(story, save.origin, None, None)
        if isinstance(fitted_origin, Adapted):
            origin = fitted_origin.state
        else:
            notes.append(f"where the run began no longer fits the story ({fitted_origin.message})")
    states.reverse()
    return Restored(
        "adapted",
        tuple(states),
        save.path,
        save.entered,
        save.seed,
        origin,
        tuple(notes),
        skipped=save.choices - len(save.path),
    )


def _rebuilt(story: Story, save: Save, changed: Misfit) -> Restored | Unloadable:
    """The save's path replayed on ``story`` from where the run began, as far as it goes."""
    from game.engine.play import start  # lazy: only a save of an edited story is replayed
    from game.engine.playthrough import take

    if not save.complete_path:
        return Unloadable(
            f"{changed.message}, and the save kept only the last {plural(len(save.path), 'choice')} "
            f"of its {save.choices}, too few to replay"
        )
    try:
        if save.origin is None:
            first = start(story, save.seed)
        else:
            fitted = fit_adapted(story, save.origin, None, None)
            if isinstance(fitted, Misfit):
                return Unloadable(f"{changed.message}, and where the run began no longer fits ({fitted.message})")
            first = fitted.state
    except StoryRuntimeError as fault:
        return Unloadable(f"{changed.message}, and the story faults at its start ({fault.pos}: {fault.message})")
    states = [first]
    picks: list[Pick] = []
    # As Playthrough.begin counts them: a run begun elsewhere brings its counted visits.
    entered: Counter[str] = Counter(dict(zip(story.visit_caps, first.visits, strict=True)) if save.origin else {})
    entered[first.scene] = max(entered[first.scene], 1)
    stop: str | None = None
    for pick in save.path:
        try:
            taken = take(story, states[-1], pick)
        except StoryRuntimeError as fault:
            stop = f"the choice '{pick.choice}' faults at {fault.pos}: {fault.message}"
            break
        if isinstance(taken, str):
            stop = taken
            break
        state, picked = taken
        states.append(state)
        picks.append(picked)
        entered[state.scene] += 1
    if not picks and save.path:
        return Unloadable(f"{changed.message}, and its choices cannot be replayed: {stop}")
    if not save.path:
        return Unloadable(f"{changed.message}; the run had made no choices yet: start a new game")
    of = len(save.path)
    if stop is None:
        note = f"{changed.message}: rebuilt by replaying all {plural(of, 'choice')} on the story as it is now"
    else:
        scene = story.scenes[states[-1].scene]
        note = (
            f"{changed.message}: rebuilt by replaying {len(picks)} of its {of} choices, up to "
            f"'{scene.title or scene.id}'; it stops there because {stop}"
        )
    return Restored(
        "rebuilt",
        tuple(states[-(HISTORY + 1) :]),
        tuple(picks),
        dict(+entered),
        save.seed,
        first if save.origin is not None else None,
        (note,),
        replayed=len(picks),
        stop=stop,
    )
