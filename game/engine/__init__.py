"""The pure engine: story model, expressions, state and the transition function.

Standard library only. Nothing here reads files, prints or imports a front end.

Each name below is imported from its module on first use: a front end that needs only the
model (the game's title screen, loading a kept story) does not pay for the expression
compiler or the transition function before it plays.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.diagnostics import CODES, Diagnostic
    from game.engine.errors import StoryRuntimeError
    from game.engine.model import Chapter, Choice, Ending, Scene, SourcePos, Story, Value, Variable
    from game.engine.play import (
        Block,
        ChoiceView,
        Expansion,
        SceneView,
        StatusLine,
        Step,
        advance,
        available,
        begin,
        choose,
        draw_outcome,
        expand,
        start,
        status,
        step,
        view,
    )
    from game.engine.rules import StateParts
    from game.engine.state import SEED_MASK, GameState, next_random

_HOMES = {
    "Block": "game.engine.play",
    "CODES": "game.engine.diagnostics",
    "Chapter": "game.engine.model",
    "Choice": "game.engine.model",
    "ChoiceView": "game.engine.play",
    "Diagnostic": "game.engine.diagnostics",
    "Ending": "game.engine.model",
    "Expansion": "game.engine.play",
    "GameState": "game.engine.state",
    "SEED_MASK": "game.engine.state",
    "Scene": "game.engine.model",
    "SceneView": "game.engine.play",
    "SourcePos": "game.engine.model",
    "StateParts": "game.engine.rules",
    "StatusLine": "game.engine.play",
    "Step": "game.engine.play",
    "Story": "game.engine.model",
    "StoryRuntimeError": "game.engine.errors",
    "Value": "game.engine.model",
    "Variable": "game.engine.model",
    "advance": "game.engine.play",
    "available": "game.engine.play",
    "begin": "game.engine.play",
    "choose": "game.engine.play",
    "draw_outcome": "game.engine.play",
    "expand": "game.engine.play",
    "next_random": "game.engine.state",
    "start": "game.engine.play",
    "status": "game.engine.play",
    "step": "game.engine.play",
    "view": "game.engine.play",
}
"""Each name's module."""

# The pull loop the front ends drive: start, view, choose (and the playthrough built on them).
# The checker's entry points: begin, expand (every move from a state), advance, draw_outcome,
# with StateParts and Expansion as their results; next_random and SEED_MASK for replay seeds.
__all__ = [
    "CODES",
    "SEED_MASK",
    "Block",
    "Chapter",
    "Choice",
    "ChoiceView",
    "Diagnostic",
    "Ending",
    "Expansion",
    "GameState",
    "Scene",
    "SceneView",
    "SourcePos",
    "StateParts",
    "StatusLine",
    "Step",
    "Story",
    "StoryRuntimeError",
    "Value",
    "Variable",
    "advance",
    "available",
    "begin",
    "choose",
    "draw_outcome",
    "expand",
    "next_random",
    "start",
    "status",
    "step",
    "view",
]


if not TYPE_CHECKING:  # to the type checker, only the names imported above exist

    def __getattr__(name: str) -> object:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        globals()[name] = value  # found directly from now on
        return value
