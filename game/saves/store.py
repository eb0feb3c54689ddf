"""The save folder: slots, their files, and reading and writing them safely.

Each story keeps its saves in a folder of its own, named by the story's id, under the save
folder (``userdirs.save_dir``). A slot is a file there: nine numbered slots the player fills
and names (``slot-1.json`` … ``slot-9.json``), a quicksave (``quick.json``) and three
autosaves written in turn after every choice (``auto-1.json`` …). Writes are atomic
(``userdirs.write_atomic``): a crash never leaves half a slot. Reading never stops at a bad
file: each slot is listed with its save or with what is wrong with it.

Slot keys come from players (line mode, ``--load``), so every key and name is checked before
it comes near a path: no separators, no ``..``, no absolute paths, no control characters.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from game.saves.format import MAX_BYTES, Save, SaveProblem, decode, encode
from game.userdirs import SAVE_ENV, SAVE_SUFFIX, TEMP_PREFIX, story_save_folder, write_atomic

SLOTS = tuple(str(n) for n in range(1, 10))
"""The numbered slots, in order."""
QUICK = "quick"
AUTOSAVES = ("auto-1", "auto-2", "auto-3")
"""The autosave slots, written in turn: the last three choices' worth of safety."""
ALL_SLOTS = (*SLOTS, QUICK, *AUTOSAVES)
SUFFIX = SAVE_SUFFIX
NAME_LIMIT = 40
"""Characters a slot's name may have."""
STALE_TEMP_SECONDS = 3600.0
"""A temporary file older than this was left by a crash mid-save: it is cleared away."""


def slot_label(slot: str) -> str:
    """How the player knows ``slot``: ``slot 3``, ``the quicksave``, ``autosave 2``."""
    if slot in SLOTS:
        return f"slot {slot}"
    if slot == QUICK:
        return "the quicksave"
    if slot in AUTOSAVES:
        return f"autosave {slot.removeprefix('auto-')}"
    return f"'{slot}'"


def file_name(slot: str) -> str:
    """The file of a known slot (``slot-3.json``, ``quick.json``, ``auto-1.json``)."""
    return f"slot-{slot}{SUFFIX}" if slot in SLOTS else f"{slot}{SUFFIX}"


def check_name(text: str) -> str | SaveProblem:
    """``text`` as a slot name (trimmed), or why it cannot be one: names are shown in lists and
    typed in line mode, so they are one line of at most ``NAME_LIMIT`` printable characters,
    without path separators or a leading dot, and never a path."""
    name = text.strip()
    if not name:
        return SaveProblem("a slot name cannot be empty")
    if any(not ch.isprintable() for ch in name):
        return SaveProblem("a slot name cannot hold control characters (such as NUL or a line break)")
    if "/" in name or "\\" in name or name.startswith(".") or os.path.isabs(name):
        return SaveProblem(f"'{_short(name)}' cannot be a slot name: names may not hold '/' or '\\' or start with '.'")
    if len(name) > NAME_LIMIT:
        return SaveProblem(f"a slot name has at most {NAME_LIMIT} characters; this one has {len(name)}")
    return name


AUTO_WORDS = ("auto", "autosave")
"""What ``load`` reads as the newest autosave."""


def _slot_key(name: str) -> str:
    """``name`` as a slot key would be written: ``Slot-3`` and ``slot 3`` are ``3``."""
    return name.casefold().removeprefix("slot").strip(" -")


def check_save_name(text: str) -> str | SaveProblem:
    """``text`` as the name of a new save, or why it cannot be one: ``check_name``'s rules, and
    never a word that already names a slot (``3``, ``quick``, ``auto``: ``load`` would take
    that slot, not the save) nor a number (it reads as a slot that does not exist)."""
    name = check_name(text)
    if isinstance(name, SaveProblem):
        return name
    if isinstance(parse_slot(name), str) or name.casefold() in AUTO_WORDS:
        return SaveProblem(
            f"'{name}' already names a slot, so a save called that could not be loaded by its name: "
            "give it a name with another word in it"
        )
    if (key := _slot_key(name)).isdigit():
        return SaveProblem(f"there is no slot {key}: slots are 1-9, and a save's name needs a word in it")
    return name


def parse_slot(text: str) -> str | SaveProblem:
    """The slot ``text`` names (``3``, ``slot 3``, ``quick``, ``auto-2``; ``auto`` is left to the
    caller as the newest autosave), or why it names none. Names of slots are not slots: see
    ``Shelf.find``."""
    checked = check_name(text)
    if isinstance(checked, SaveProblem):
        return checked
    key = _slot_key(checked)
    if key in ALL_SLOTS:
        return key
    if key in ("q", "quicksave"):
        return QUICK
    return SaveProblem(f"there is no slot '{_short(checked)}': slots are 1-9, quick and auto-1 to auto-3")


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:30] + "…"


@dataclass(frozen=True, slots=True)
class Entry:
    """One slot as found: its save, or nothing (an empty slot), or what is wrong with its file.

    ``slot`` is None for a file in the folder that is not one of our slots (shown, never used)."""

    slot: str | None
    path: Path
    save: Save | None = None
    problem: SaveProblem | None = None
    modified: float = 0.0

    @property
    def empty(self) -> bool:
        return self.save is None and self.problem is None


@dataclass(frozen=True, slots=True)
class Shelf:
    """The saves of one story in one save folder."""

    root: Path
    story_id: str

    @property
    def folder(self) -> Path:
        return story_save_folder(self.root, self.story_id)

    def path_of(self, slot: str) -> Path:
        if slot not in ALL_SLOTS:
            raise ValueError(f"not a slot: {slot!r}")  # keys are parsed before they get here
        return self.folder / file_name(slot)

    def read(self, slot: str) -> Entry:
        """The slot's save, or empty, or what is wrong with its file."""
        return _read(slot, self.path_of(slot))

    def entries(self) -> tuple[Entry, ...]:
        """Every slot in order (numbered, quick, autosaves), then any other file of ours or not
        in the folder, each with its save or its problem: a bad file never hides the others."""
        found = [self.read(slot) for slot in ALL_SLOTS]
        known = {file_name(slot) for slot in ALL_SLOTS}
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            names = []
        for name in names:
            path = self.folder / name
            if name.startswith(TEMP_PREFIX):
                _clear_if_stale(path)
                continue
            if name in known or not name.endswith(SUFFIX) or not path.is_file():
                continue
            found.append(Entry(None, path, problem=SaveProblem("not one of the game's slots: the game never uses it")))
        return tuple(found)

    def find(self, text: str, entries: tuple[Entry, ...] | None = None) -> str | SaveProblem:
        """The slot ``text`` names: a slot key (``3``, ``quick``, ``auto-2``), ``auto`` for the newest
        autosave, or the name the player gave a save (any case). Or why it names none."""
        checked = check_name(text)
        if isinstance(checked, SaveProblem):
            return checked
        listed = entries if entries is not None else self.entries()
        if checked.casefold() in AUTO_WORDS:
            autos = [e for e in listed if e.slot in AUTOSAVES and e.save is not None]
            newest = newest_of(autos)
            return newest.slot if newest is not None and newest.slot else SaveProblem("there is no autosave yet")
        slot = parse_slot(checked)
        if isinstance(slot, str):
            return slot
        named = [e for e in listed if e.slot and e.save is not None and e.save.name.casefold() == checked.casefold()]
        if named:
            newest = newest_of(named)
            assert newest is not None and newest.slot is not None
            return newest.slot
        return SaveProblem(f"no slot is called '{_short(checked)}': slots are 1-9, quick, auto, or a save's name")

    def write(self, slot: str, save: Save) -> SaveProblem | None:
        """Write ``save`` to ``slot`` atomically; the problem (naming the folder and the fix) when
        the folder cannot be written. The slot's previous save is intact whenever this fails."""
        return self.write_bytes(slot, encode(save))

    def write_bytes(self, slot: str, data: bytes) -> SaveProblem | None:
        """``write`` for a save already encoded."""
        try:
            write_atomic(self.path_of(slot), data)
        except OSError as error:
            return SaveProblem(self._cannot("save", error))
        return None

    def delete(self, slot: str) -> SaveProblem | None:
        """Empty ``slot``; the problem when its file cannot be removed. An empty slot stays empty."""
        try:
            self.path_of(slot).unlink(missing_ok=True)
        except OSError as error:
            return SaveProblem(self._cannot("delete the save", error))
        return None

    def _cannot(self, what: str, error: OSError) -> str:
        fix = f"or play with --save-dir DIR (or {SAVE_ENV}) to save elsewhere"
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return f"Cannot {what}: the save folder {self.folder} is read-only. Make it writable, {fix}."
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"Cannot {what}: the disk holding {self.folder} is full. Free some space, {fix}."
        reason = error.strerror or str(error)
        return f"Cannot {what} in {self.folder}: {reason}. Check the folder, {fix}."


def _read(slot: str | None, path: Path) -> Entry:
    try:
        found = path.stat()
        if stat.S_ISDIR(found.st_mode):
            return Entry(slot, path, problem=SaveProblem("a folder stands where the save file belongs"))
        if not stat.S_ISREG(found.st_mode):  # a pipe or a device would never finish reading
            return Entry(slot, path, problem=SaveProblem("not a file: something else stands where the save belongs"))
        with path.open("rb") as source:
            modified = os.fstat(source.fileno()).st_mtime
            data = source.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return Entry(slot, path)
    except OSError as error:
        return Entry(slot, path, problem=SaveProblem(f"the file cannot be read: {error.strerror or error}"))
    decoded = decode(data)
    if isinstance(decoded, SaveProblem):
        return Entry(slot, path, problem=decoded, modified=modified)
    return Entry(slot, path, save=decoded, modified=modified)


def _clear_if_stale(path: Path) -> None:
    """Remove a temporary file a crash left behind, once no save in progress can own it."""
    try:
        if time.time() - path.stat().st_mtime > STALE_TEMP_SECONDS:
            path.unlink()
    except OSError:
        pass  # another process's, or already gone: it is hidden from every listing anyway


def newest_of(entries: list[Entry] | tuple[Entry, ...]) -> Entry | None:
    """The entry whose save was updated last (its file's time breaks ties); None without saves."""
    saved = [(entry.save.updated, entry.modified, index) for index, entry in enumerate(entries) if entry.save]
    return entries[max(saved)[2]] if saved else None


def to_continue(entries: list[Entry] | tuple[Entry, ...]) -> tuple[Entry | None, Save | None]:
    """The save Continue carries on, and the save at the ending its run reached after it (if any).

    A run that reached its ending is over: Continue goes to the newest save made before an
    ending, so the player can go on from there differently. When a later save of that same run
    (the same ``created``) is at an ending, it comes second, for the title to say so."""
    going = newest_of([entry for entry in entries if entry.save is not None and entry.save.ending is None])
    if going is None or going.save is None:
        return None, None
    begun, made = going.save.created, going.save.updated
    ended = newest_of(
        [
            entry
            for entry in entries
            if entry.save is not None
            and entry.save.ending is not None
            and entry.save.created == begun
            and entry.save.updated > made
        ]
    )
    return going, ended.save if ended is not None else None
