"""A run carried over to a story reloaded after an edit (``play --watch``), by the rules a save
follows (``saves.restore``: one semantics): kept where its state still fits, else stranded, with
why in words and, when its choices can be replayed on the edited story, that replayed run.

No widgets here: the app (``writer.py``) shows the outcome, and the tests check it directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import Story
from game.engine.playthrough import Playthrough, StoryFault
from game.engine.wording import plural
from game.saves import Restored, Session, restore
from game.saves.named import Misfit, fit_adapted
from game.tui.keeping import capitalised


@dataclass(frozen=True, slots=True)
class Kept:
    """The run on the edited story, in the same state; ``notes`` say what changed (one line each)."""

    run: Playthrough
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Stranded:
    """The run does not fit the edited story: ``why``, in sentences; ``replayed`` is the run its
    choices rebuild on the edited story, when they can (None when they cannot)."""

    why: str
    replayed: Playthrough | None


def carry_over(session: Session, story: Story) -> Kept | Stranded:
    """``session``'s run on the edited ``story``: kept when the save it would make loads as it is
    or adapted, else stranded."""
    was = session.run.story
    save = session.capture()
    restored = restore(story, save)
    if isinstance(restored, Restored) and restored.how != "rebuilt":
        run = restored.playthrough(story)
        if not isinstance(run, StoryFault):
            return Kept(run, restored.notes)
        return Stranded(f"Its scene cannot be shown now: the story hits a fault at {run.pos}: {run.message}.", None)
    if isinstance(restored, Restored):
        replayed = restored.playthrough(story)
        misfit = fit_adapted(story, save.state, save.entered, None)  # what ``restore`` found changed
        arrived = story.scenes[restored.state.scene]
        why = (
            f"{capitalised(misfit.message) if isinstance(misfit, Misfit) else 'The run no longer fits'}. "
            f"Replaying its {plural(len(save.path), 'choice')} on the edited story gets to "
            f"'{arrived.title or arrived.id}'" + (f" and stops there: {restored.stop}." if restored.stop else ".")
        )
        return Stranded(why, None if isinstance(replayed, StoryFault) else replayed)
    if was.id != story.id:
        return Stranded(
            f"The story's id changed from '{was.id}' to '{story.id}': this run and its saves belong to the old one.",
            None,
        )
    return Stranded(f"{capitalised(str(restored))}.", None)
