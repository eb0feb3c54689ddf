"""The compiled rules: built once per story, kept beside it (never on it), dropped with it."""

from __future__ import annotations

import gc

from game.engine import start
from game.engine.model import INT, Effect, Expression
from game.engine.rules import ADD, ASSIGN, SUBTRACT, Op, Scratch, rules_of, run
from game.loader import load_story
from tests.conftest import STORIES


def test_rules_are_built_once_per_story_and_go_when_the_story_goes() -> None:
    story = load_story(STORIES / "minimal").story
    assert story is not None
    first = rules_of(story)
    start(story)
    assert rules_of(story) is first
    assert not hasattr(story, "rules")  # the model carries no cache of the engine's
    held = id(story)
    del story
    gc.collect()
    from game.engine.rules import _compiled

    assert held not in _compiled


def test_int_effects_add_subtract_and_hold_at_their_bounds() -> None:
    report = Effect("n += 5", 0, "+=", Expression("5", INT, lambda s: 5))
    ops = (
        Op(0, ADD, lambda s: 5, (0, 3), report),
        Op(1, SUBTRACT, lambda s: 2, (0, 9), None),
        Op(2, ASSIGN, lambda s: "calm", None, None),
    )
    scratch = Scratch([1, 1, "wild"], ())
    assert run(ops, scratch) == (report,)
    assert scratch.values == [3, 0, "calm"]  # 6 held at 3 and reported; -1 held at 0 silently (clamp)
