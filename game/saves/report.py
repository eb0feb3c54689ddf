"""Saves in words: what each slot holds and whether it can be played, for every front end.

The load screen, line mode's ``saves``, the ``stars-gossip saves`` command and
``check --against-save`` all describe a save the same way, from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from game.engine import Story
from game.saves.format import Save, SaveProblem, decode
from game.saves.restore import Restored, Unloadable, restore
from game.saves.store import Entry, Shelf, slot_label

Kind = Literal["empty", "ok", "older", "rebuilt", "unloadable", "corrupt", "foreign", "unchecked"]


@dataclass(frozen=True, slots=True)
class Status:
    """Whether a slot can be played on a story, in a word (``kind``) and a phrase (``text``).

    ``restored`` is the run it would carry on, when it can (``ok``, ``older`` or ``rebuilt``)."""

    kind: Kind
    text: str
    restored: Restored | None = None

    @property
    def playable(self) -> bool:
        return self.restored is not None


def status_of(entry: Entry, story: Story | None) -> Status:
    """``entry`` judged against ``story`` (None: a story not at hand, so only the file is judged)."""
    if entry.problem is not None:
        return Status("corrupt" if entry.slot is not None else "foreign", f"cannot be read: {entry.problem}")
    if entry.save is None:
        return Status("empty", "empty")
    return status_of_save(entry.save, story)


def status_of_save(save: Save, story: Story | None) -> Status:
    """``save`` judged against ``story``: loads as it is, loads from an older version of the
    story (with what changed), rebuilt by replay (and where it stops), or why it cannot load."""
    if story is None:
        return Status("unchecked", "not checked against its story")
    restored = restore(story, save)
    if isinstance(restored, Unloadable):
        return Status("unloadable", f"cannot load: {restored.reason}")
    if restored.how == "exact":
        return Status("ok", "ok", restored)
    if restored.how == "adapted":
        changes = f" ({'; '.join(restored.notes)})" if restored.notes else ""
        return Status("older", f"from an older version of the story: loads{changes}", restored)
    if restored.stop is None:
        text = f"from an older version of the story: rebuilt by replaying all {restored.replayed} choices"
    else:
        text = (
            "from an older version of the story: rebuilt by replay "
            f"up to {restored.replayed} of {len(save.path)} choices"
        )
    return Status("rebuilt", text, restored)


def play_time(seconds: float) -> str:
    """``under a minute``, ``12 min``, ``1 h 04 min``."""
    minutes = int(seconds // 60)
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def when(moment: datetime) -> str:
    """A save's date and time in the player's time zone: ``2025-06-01 14:22``."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def slot_title(entry: Entry) -> str:
    """``Slot 3``, ``Quicksave``, ``Autosave 2``, or the file's name for a stray file."""
    if entry.slot is None:
        return entry.path.name
    label = slot_label(entry.slot)
    return label.removeprefix("the ").capitalize()


def listing_line(entry: Entry, status: Status) -> str:
    """One slot on one line for line mode and ``stars-gossip saves``:
    ``Slot 3: "Name" at The airlock, 12 min, 2025-06-01 14:22 (ok)``."""
    head = slot_title(entry)
    save = entry.save
    if save is None:
        return f"{head}: {status.text}"
    where = f"the ending of '{save.scene_title}'" if save.ending else save.scene_title
    if save.chapter and not save.ending:
        where = f"{where} ({save.chapter})"
    named = f'"{save.name}" ' if save.name != save.scene_title else ""  # a save named after its scene says it once
    return f"{head}: {named}at {where}, {play_time(save.play_seconds)}, {when(save.updated)} ({status.text})"


@dataclass(frozen=True, slots=True)
class SaveVerdict:
    """What ``check --against-save`` says of one save file for one story (``story`` None: for no
    story checked, e.g. an unreadable file). ``ok`` when the story as it is loads the save as it
    is or fitted with ``notes``; a warning otherwise."""

    file: Path
    story: Story | None
    ok: bool
    message: str
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        level = "ok" if self.ok else "warning"
        return "\n".join([f"{self.file}: {level}: {self.message}", *(f"    {note}" for note in self.notes)])

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.file),
            "story": self.story.id if self.story is not None else None,
            "severity": "ok" if self.ok else "warning",
            "message": self.message,
            "notes": list(self.notes),
        }


def against_save(path: Path, stories: list[Story]) -> list[SaveVerdict]:
    """What ``check --against-save`` says of the save in ``path`` for the stories checked: for the
    story it belongs to, whether the story as it is now still loads it, loads it from an older
    version, rebuilds it by replay (and where that stops), or strands it (and what changed)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return [SaveVerdict(path, None, False, f"the save cannot be read: {error.strerror or error}")]
    decoded = decode(data)
    if isinstance(decoded, SaveProblem):
        return [SaveVerdict(path, None, False, f"not a save the game can read: {decoded}")]
    mine = [s for s in stories if s.id == decoded.story_id]
    if not mine:
        checked = ", ".join(f"'{s.id}'" for s in stories) or "none"
        return [SaveVerdict(path, None, False, f"a save of story '{decoded.story_id}'; the stories checked: {checked}")]
    verdicts = []
    for story in mine:
        status = status_of_save(decoded, story)
        notes = status.restored.notes if status.restored is not None else ()
        if status.kind == "ok":
            verdicts.append(SaveVerdict(path, story, True, f"the save loads as it is (same version of '{story.id}')"))
        elif status.kind == "older":
            verdicts.append(SaveVerdict(path, story, True, f"the save loads on this version of '{story.id}'", notes))
        elif status.kind == "rebuilt":
            message = "this version strands the save as it is: it can only be rebuilt by replaying its choices"
            verdicts.append(SaveVerdict(path, story, False, message, notes))
        else:
            verdicts.append(SaveVerdict(path, story, False, f"this version strands the save: {status.text}"))
    return verdicts


@dataclass(frozen=True, slots=True)
class Listed:
    """A save file found by ``list_saves``: the story folder it is in, the slot, and its status."""

    story_id: str
    entry: Entry
    status: Status

    def as_dict(self) -> dict[str, object]:
        """The JSON entry of ``stars-gossip saves --format json``."""
        save = self.entry.save
        item: dict[str, object] = {
            "slot": self.entry.slot,
            "file": str(self.entry.path),
            "story": save.story_id if save is not None else self.story_id,
            "status": self.status.kind,
            "detail": self.status.text,
        }
        if save is not None:
            item.update(
                name=save.name,
                story_title=save.story_title,
                scene=save.state.scene,
                scene_title=save.scene_title,
                ending=save.ending,
                choices=save.choices,
                play_seconds=round(save.play_seconds, 1),
                created=save.created.isoformat(),
                updated=save.updated.isoformat(),
            )
        return item


def list_saves(root: Path, story: Story | None) -> list[Listed]:
    """Every save file under the save folder ``root``, story by story (each story's folder in
    name order, its slots in order); the saves of ``story`` are judged against it, others only
    read. Empty slots are left out."""
    try:
        folders = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []
    found = []
    for name in folders:
        shelf = Shelf(root, name)
        if shelf.folder != root / name:  # not a folder the game would make for a story
            continue
        judge = story if story is not None and story.id == name else None
        for entry in shelf.entries():
            if not entry.empty:
                found.append(Listed(name, entry, status_of(entry, judge)))
    return found


def saves_text(root: Path, story: Story | None) -> str:
    """``stars-gossip saves`` as text: the folder, then each story's saves, one line each."""
    listed = list_saves(root, story)
    if not listed:
        return f"No saves yet in {root}.\n"
    lines = [f"Saves in {root}:"]
    current = None
    for item in listed:
        if item.story_id != current:
            current = item.story_id
            title = next((i.entry.save.story_title for i in listed if i.story_id == current and i.entry.save), "")
            lines.append(f"{current}" + (f" ({title})" if title else "") + ":")
        lines.append(f"  {listing_line(item.entry, item.status)}")
    return "\n".join(lines) + "\n"
