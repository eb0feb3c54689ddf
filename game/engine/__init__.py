"""The pure engine: story model, expressions, state and the transition function.

Standard library only. Nothing here reads files, prints or imports a front end.
"""

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
