"""Saves: a run to versioned JSON and back, in slots, autosaves and a quicksave; atomic writes;
loading across story edits (exactly, adapted, or rebuilt by replaying the path of choices).

Imports only ``game.engine`` and ``game.userdirs``: both front ends and the command use it,
and it never loads Textual or YAML. ``Session`` is imported on first use: it brings the
engine's transition function, which the title screen listing a story's saves does not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.saves.format import COMPATIBLE, FORMAT, HISTORY, Save, SaveProblem, decode, encode
from game.saves.named import NamedState, named
from game.saves.report import Status, against_save, listing_line, play_time, status_of, when
from game.saves.restore import Restored, Unloadable, restore
from game.saves.store import (
    ALL_SLOTS,
    AUTOSAVES,
    QUICK,
    SLOTS,
    Entry,
    Shelf,
    check_name,
    check_save_name,
    newest_of,
    slot_label,
    to_continue,
)

if TYPE_CHECKING:
    from game.saves.session import Session

__all__ = [
    "ALL_SLOTS",
    "AUTOSAVES",
    "COMPATIBLE",
    "FORMAT",
    "HISTORY",
    "QUICK",
    "SLOTS",
    "Entry",
    "NamedState",
    "Restored",
    "Save",
    "SaveProblem",
    "Session",
    "Shelf",
    "Status",
    "Unloadable",
    "against_save",
    "check_name",
    "check_save_name",
    "decode",
    "encode",
    "listing_line",
    "named",
    "newest_of",
    "play_time",
    "restore",
    "slot_label",
    "status_of",
    "to_continue",
    "when",
]


if not TYPE_CHECKING:  # to the type checker, only the names imported above exist

    def __getattr__(name: str) -> object:
        if name == "Session":  # lazy: a run's session brings the whole engine, which listing saves does not need
            from game.saves.session import Session

            return Session
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
