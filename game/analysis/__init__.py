"""Exhaustive analysis of a story over the engine's transition function.

Reachability, completability (no soft-locks), overflows and run-time faults, with the
shortest play from the start that shows each problem.
Imports only ``game.engine`` and the standard library.
"""

from game.analysis.check import CheckReport, check_story
from game.analysis.explore import DEFAULT_MAX_MEMORY, DEFAULT_MAX_STATES, Exploration, Move, explore
from game.analysis.paths import ChoicePath, PathStep, path_to, replay_to
from game.analysis.verdicts import Finding

__all__ = [
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_MAX_STATES",
    "CheckReport",
    "ChoicePath",
    "Exploration",
    "Finding",
    "Move",
    "PathStep",
    "check_story",
    "explore",
    "path_to",
    "replay_to",
]
