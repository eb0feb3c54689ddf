"""A save back into a run: exactly on its own story, refused with the reason when it cannot be played."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

from game.engine import GameState
from game.engine.picks import Pick
from game.engine.playthrough import Playthrough
from game.saves import Restored, Save, Unloadable, decode, encode, named, restore
from game.saves.named import NamedState, fit_adapted, fit_exact
from tests.conftest import BUNDLED
from tests.saves.helpers import FIXTURES, V1_ROUTE, evolved, run_of, save_of, story_at


def v1_save() -> Save:
    return save_of(run_of(evolved("v1"), V1_ROUTE), "In the lab")


def edited(change: object) -> Save:
    """The v1 save with its JSON changed by hand."""
    raw = json.loads(encode(v1_save()))
    change(raw)  # type: ignore[operator]
    save = decode(json.dumps(raw).encode())
    assert isinstance(save, Save), save
    return save


def test_a_save_of_another_story_is_refused() -> None:
    restored = restore(story_at(BUNDLED), v1_save())
    assert restored == Unloadable(
        "this is a save of another story, 'Evolving Orbit' (evolve), not of 'When the Stars Gossip'"
    )


def test_a_hand_edited_value_outside_its_range_is_refused_naming_it() -> None:
    save = edited(lambda raw: raw["state"]["values"].update(trust=9))
    assert restore(evolved("v1"), save) == Unloadable(
        "the save does not match the story it was made on: in the current state, variable 'trust' is 9, "
        "outside what it can hold (0..5) (was the file edited by hand?)"
    )


def test_a_hand_edited_scene_that_does_not_exist_is_refused_naming_it() -> None:
    save = edited(lambda raw: raw["state"].update(scene="bridge"))
    assert restore(evolved("v1"), save) == Unloadable(
        "the save does not match the story it was made on: in the current state, scene 'bridge' is not in "
        "the story (was the file edited by hand?)"
    )


def test_a_hand_edited_undo_step_is_refused_naming_how_far_back() -> None:
    save = edited(lambda raw: raw["undo"][2]["values"].update(mood="furious"))
    restored = restore(evolved("v1"), save)
    assert isinstance(restored, Unloadable)
    assert restored.reason.startswith(
        "the save does not match the story it was made on: in the state 3 choices back, variable 'mood' is 'furious'"
    )


def test_a_bool_where_a_number_belongs_does_not_fit() -> None:
    story = evolved("v1")
    state = named(story, run_of(story, V1_ROUTE).state)
    assert fit_exact(story, replace(state, values={**state.values, "trust": True})) != run_of(story, V1_ROUTE).state


def test_an_exact_load_keeps_the_path_the_history_and_the_scene_entries() -> None:
    run = run_of(evolved("v1"), V1_ROUTE)
    restored = restore(evolved("v1"), v1_save())
    assert isinstance(restored, Restored)
    assert restored.states == tuple(run.states) and restored.path == tuple(run.path)
    assert restored.entered == run.entered and restored.seed == 0 and restored.origin is None


def test_undo_steps_that_no_longer_fit_are_let_go_with_a_note() -> None:
    # The dock (two choices back) is gone from an edited story: undo stops short of it.
    story = evolved("removed_scene")
    save = save_of(run_of(evolved("v1"), [Pick("greet"), Pick("card")]), "In the hall")
    story_without_dock = replace(story, scenes={k: v for k, v in story.scenes.items() if k != "dock"})
    restored = restore(story_without_dock, save)
    assert isinstance(restored, Restored) and restored.how == "adapted"
    assert [s.scene for s in restored.states] == ["hall", "hall"]
    assert restored.notes == (
        "undo goes back only 1 of the 2 choices the save kept: scene 'dock' is no longer in the story before that",
    )


def test_a_scene_the_story_starts_counting_gets_its_true_count_from_the_entries() -> None:
    story = evolved("v1")
    counting = replace(story, visit_caps={"hall": 3})
    state = named(story, run_of(story, V1_ROUTE).state)
    adapted = fit_adapted(counting, state, Counter({"dock": 1, "hall": 2, "lab": 1}), None)
    assert not isinstance(adapted, Unloadable) and hasattr(adapted, "state")
    assert adapted.state.visits == (2,)  # type: ignore[union-attr]
    capped = fit_adapted(replace(story, visit_caps={"hall": 1}), state, Counter({"hall": 2}), None)
    assert capped.state.visits == (1,)  # type: ignore[union-attr]


def test_a_choice_that_became_once_only_counts_as_taken_when_the_run_took_it() -> None:
    story = evolved("v1")
    state = NamedState("lab", {"trust": 4, "mood": "calm", "has_card": True}, {}, frozenset(), 0)
    hall = story.scenes["hall"]
    coin_once = replace(hall, choices=tuple(replace(c, once=c.id == "coin" or c.once) for c in hall.choices))
    now_once = replace(story, scenes={**story.scenes, "hall": coin_once})
    adapted = fit_adapted(now_once, state, None, frozenset({"greet", "card", "coin"}))
    assert adapted.state.taken == frozenset({"card", "coin"})  # type: ignore[union-attr]


def test_a_save_that_kept_only_the_end_of_a_long_path_cannot_be_rebuilt_and_says_so() -> None:
    save = replace(v1_save(), path=(Pick("card"), Pick("coin", 0)), choices=3, history=v1_save().history[1:])
    restored = restore(evolved("narrowed_range"), save)
    assert restored == Unloadable(
        "variable 'trust' is 4 in the save; the story now allows 0..3, and the save kept only the last 2 choices "
        "of its 3, too few to replay"
    )
    exact = restore(evolved("v1"), save)
    assert isinstance(exact, Restored)
    run = exact.playthrough(evolved("v1"))
    assert isinstance(run, Playthrough) and run.choices_made == 3 and run.skipped == 1


def test_a_run_begun_at_a_scene_is_rebuilt_from_there() -> None:
    story = evolved("v1")
    origin = GameState("hall", (1, "calm", False), (), frozenset(), 5)
    begun = Playthrough.begin(story, 5, origin)
    assert isinstance(begun, Playthrough)
    begun.choose(1)  # the keycard
    save = save_of(begun)
    assert save.origin is not None and save.origin.scene == "hall"
    restored = restore(evolved("narrowed_range"), replace(save, state=replace(save.state, values={"trust": 5})))
    assert isinstance(restored, Restored) and restored.how == "rebuilt"
    assert restored.origin == origin and restored.state.values == (3, "calm", True)


def test_the_prologue_save_kept_from_the_first_saving_version_still_loads() -> None:
    """Made on the bundled prologue as it was when saving arrived; every later edit of the story
    must keep it loading, exactly, adapted or rebuilt by replay."""
    save = decode((FIXTURES / "prologue-v1.json").read_bytes())
    assert isinstance(save, Save)
    story = story_at(BUNDLED)
    restored = restore(story, save)
    assert isinstance(restored, Restored), restored
    run = restored.playthrough(story)
    assert isinstance(run, Playthrough) and run.scene is not None
    if restored.how != "rebuilt" or restored.stop is None:
        assert run.choices_made == 8
    while run.scene is not None and run.scene.choices:
        run.choose(1)
    assert run.finished
