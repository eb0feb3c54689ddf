"""The pure engine: story model, expressions, state and the transition function.

Standard library only. Nothing here reads files, prints or imports a front end.
"""

from game.engine.diagnostics import CODES, Diagnostic
from game.engine.errors import StoryRuntimeError
from game.engine.model import Choice, Ending, Scene, SourcePos, Story, Value, Variable
from game.engine.play import (
    Block,
    ChoiceView,
    SceneView,
    StatusLine,
    Step,
    available,
    begin,
    choose,
    start,
    status,
    step,
    view,
)
from game.engine.state import GameState

__all__ = [
    "CODES",
    "Block",
    "Choice",
    "ChoiceView",
    "Diagnostic",
    "Ending",
    "GameState",
    "Scene",
    "SceneView",
    "SourcePos",
    "StatusLine",
    "Step",
    "Story",
    "StoryRuntimeError",
    "Value",
    "Variable",
    "available",
    "begin",
    "choose",
    "start",
    "status",
    "step",
    "view",
]
