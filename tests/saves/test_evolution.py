"""Saves made on one version of a story, loaded on edited versions: each edit has its exact outcome.

The save is made on ``evolution/v1`` after: greet Eve (trust 2), take the once-only keycard
(trust 4), flip the coin (first outcome: queasy) into the lab. Each sibling folder is one edit.
"""

from __future__ import annotations

from game.engine import GameState, view
from game.engine.picks import Pick
from game.engine.playthrough import Playthrough
from game.saves import Restored, Unloadable, decode, encode, restore
from tests.saves.helpers import V1_ROUTE, evolved, run_of, save_of


def v1_save() -> bytes:
    return encode(save_of(run_of(evolved("v1"), V1_ROUTE), "In the lab"))


def restored_on(edit: str) -> Restored | Unloadable:
    save = decode(v1_save())
    assert not isinstance(save, Unloadable) and hasattr(save, "state")
    return restore(evolved(edit), save)  # type: ignore[arg-type]


def test_on_the_same_version_the_save_loads_exactly() -> None:
    restored = restored_on("v1")
    assert isinstance(restored, Restored) and restored.how == "exact" and restored.notes == ()
    assert restored.state == run_of(evolved("v1"), V1_ROUTE).state


def test_a_renamed_variable_loads_with_the_old_value_dropped_and_the_new_one_at_its_start() -> None:
    restored = restored_on("renamed_variable")
    assert isinstance(restored, Restored) and restored.how == "adapted"
    assert restored.notes == (
        "new variable 'rapport' starts at 0",
        "variable 'trust' is no longer in the story: its value 4 is dropped",
    )
    story = evolved("renamed_variable")
    assert restored.state == GameState("lab", (0, "queasy", True), (), frozenset({"card"}), restored.state.rng)
    assert [s.scene for s in restored.states] == ["dock", "hall", "hall", "lab"]  # undo kept whole
    assert view(story, restored.state).status[0].value == 0


def test_a_removed_scene_is_rebuilt_by_replaying_every_choice() -> None:
    restored = restored_on("removed_scene")
    assert isinstance(restored, Restored) and restored.how == "rebuilt"
    assert restored.replayed == 3 and restored.stop is None
    assert restored.notes == (
        "scene 'lab' is no longer in the story: rebuilt by replaying all 3 choices on the story as it is now",
    )
    assert restored.state == GameState("garden", (4, "queasy", True), (), frozenset({"card"}), restored.state.rng)
    assert restored.path == tuple(V1_ROUTE)


def test_a_removed_choice_stops_the_rebuild_where_it_was_and_says_so() -> None:
    restored = restored_on("removed_choice")
    assert isinstance(restored, Restored) and restored.how == "rebuilt"
    assert restored.replayed == 2
    assert restored.stop == "the choice 'coin' no longer exists (in scene 'hall')"
    assert restored.notes == (
        "scene 'lab' is no longer in the story: rebuilt by replaying 2 of its 3 choices, up to 'The hall'; "
        "it stops there because the choice 'coin' no longer exists (in scene 'hall')",
    )
    assert restored.state == GameState("hall", (4, "calm", True), (), frozenset({"card"}), 0)
    assert restored.path == (Pick("greet"), Pick("card"))


def test_a_narrowed_range_is_rebuilt_so_the_value_is_clamped_as_the_story_now_clamps_it() -> None:
    restored = restored_on("narrowed_range")
    assert isinstance(restored, Restored) and restored.how == "rebuilt"
    assert restored.notes == (
        "variable 'trust' is 4 in the save; the story now allows 0..3: "
        "rebuilt by replaying all 3 choices on the story as it is now",
    )
    assert restored.state.values == (3, "queasy", True)


def test_reordered_choices_with_ids_load_as_they_were_and_the_taken_card_stays_taken() -> None:
    restored = restored_on("reordered_choices")
    assert isinstance(restored, Restored) and restored.how == "adapted" and restored.notes == ()
    story = evolved("reordered_choices")
    run = restored.playthrough(story)
    assert isinstance(run, Playthrough)
    run.undo()  # back into the hall, where the once-only keycard was taken
    assert run.scene is not None
    assert [c.id for c in run.scene.choices] == ["leave", "coin"]


def test_an_inserted_scene_leaves_the_save_where_it_was() -> None:
    restored = restored_on("inserted_scene")
    assert isinstance(restored, Restored) and restored.how == "adapted" and restored.notes == ()
    assert restored.state == run_of(evolved("v1"), V1_ROUTE).state
    assert len(restored.states) == 4


def test_a_save_nothing_fits_and_nothing_replays_is_refused_with_what_changed() -> None:
    restored = restored_on("stranded")
    assert restored == Unloadable(
        "variable 'mood' is 'queasy' in the save; the story now allows calm, fine, and its choices cannot be "
        "replayed: the choice 'greet' no longer exists (in scene 'dock')"
    )


def test_a_rebuilt_run_plays_on_and_undoes_like_any_other() -> None:
    restored = restored_on("removed_scene")
    assert isinstance(restored, Restored)
    story = evolved("removed_scene")
    run = restored.playthrough(story)
    assert isinstance(run, Playthrough) and run.scene is not None
    assert run.scene.title == "The garden"
    run.undo()
    assert run.state.scene == "hall" and run.choices_made == 2
    run.choose(1)  # the coin again, as the story draws it now
    assert run.state.scene == "garden"
