"""The save file: a ``Save`` value to JSON bytes and back, versioned, validated field by field.

A save holds state, never story text it would need to play on: the engine state by name,
the bounded undo history, the path of choices taken (by stable choice ids) and the scene
entries along it, where the run began, and, for the load screen only, the scene's title and
the last lines the player read. JSON, small and readable: each undo step is written as what
differs from the state after it, and the path as one string per choice
(``"prologue.pad#2"``, or ``"prologue.coin#1@1"`` for the second outcome of a random one).

``format`` is the version that wrote the file and ``compatible`` the oldest version able to
read it: a game reads any file whose ``compatible`` is not newer than its own ``FORMAT``, so a
later version can add fields without locking older games out of the saves it writes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from game.engine import Value
from game.engine.picks import Pick
from game.saves.named import NamedState

FORMAT = 1
"""The save format this game writes."""
COMPATIBLE = 1
"""The oldest format version that can read what this game writes."""
KIND = "stars-gossip save"
"""Marks a JSON file as a save, so another program's file is told apart from a damaged one."""
HISTORY = 50
"""Undo steps a save keeps: the player can take back this many choices after loading."""
PATH_LIMIT = 20_000
"""Choices a save's path records at most: a longer run keeps only its last ones (and cannot be
rebuilt by replay), so a runaway loop never makes every autosave slower."""
TAIL_LINES = 3
"""Lines of the current scene kept for the load screen."""
TAIL_CHARS = 240
"""A tail line is cut to this many characters."""
MAX_BYTES = 8 * 1024 * 1024
"""A file larger than this is not read: no save of ours comes near it."""


@dataclass(frozen=True, slots=True)
class SaveProblem:
    """Why a save cannot be read, written or used, in a sentence for the player."""

    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Save:
    """A saved run. ``history`` holds the states undo goes back to, oldest first (the current
    one is ``state``); ``choices`` is how many choices the run has taken and ``path`` the last of
    them, all of them unless the run was too long (``complete_path``), at least one for each
    state in ``history``; ``entered`` counts the entries into each scene
    along the path; ``origin`` is the state the run began in when not the story's start
    (drawn with ``seed``). ``name``, ``scene_title``, ``tail`` and ``ending`` are for showing;
    ``play_seconds``, ``created`` and ``updated`` (aware, UTC) for the player's record."""

    story_id: str
    fingerprint: str
    story_title: str
    name: str
    scene_title: str
    tail: tuple[str, ...]
    ending: str | None
    play_seconds: float
    created: datetime
    updated: datetime
    seed: int
    origin: NamedState | None
    state: NamedState
    history: tuple[NamedState, ...]
    path: tuple[Pick, ...]
    choices: int
    entered: Mapping[str, int]
    format: int = FORMAT
    chapter: str = ""
    """The heading of the chapter the run is in ("Chapter 2 · Day One"), if the story has chapters."""

    @property
    def complete_path(self) -> bool:
        """Whether ``path`` holds every choice since the run began, so the run can be replayed."""
        return len(self.path) == self.choices


def encode(save: Save) -> bytes:
    """The save file's bytes: UTF-8 JSON, one top-level field a line, undo steps one a line."""
    history = list(save.history)
    undo = []
    newer = save.state
    for older in reversed(history):
        undo.append(_delta(older, newer))
        newer = older
    fields: dict[str, object] = {
        "kind": KIND,
        "format": FORMAT,
        "compatible": COMPATIBLE,
        "story": {"id": save.story_id, "fingerprint": save.fingerprint, "title": save.story_title},
        "name": save.name,
        "scene_title": save.scene_title,
        **({"chapter": save.chapter} if save.chapter else {}),
        "tail": list(save.tail),
        "ending": save.ending,
        "play_seconds": round(save.play_seconds, 1),
        "created": _timestamp(save.created),
        "updated": _timestamp(save.updated),
        "seed": save.seed,
        "origin": _state(save.origin) if save.origin is not None else None,
        "state": _state(save.state),
        "undo": undo,
        "choices": save.choices,
        "path": [_pick(p) for p in save.path],
        "entered": dict(sorted(save.entered.items())),
    }
    lines = []
    for key, value in fields.items():
        if key == "undo" and undo:
            inner = ",\n  ".join(_compact(step) for step in undo)
            lines.append(f' "undo": [\n  {inner}\n ]')
        else:
            lines.append(f" {json.dumps(key)}: {_compact(value)}")
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _state(state: NamedState) -> dict[str, object]:
    return {
        "scene": state.scene,
        "values": dict(state.values),
        "visits": dict(state.visits),
        "taken": sorted(state.taken),
        "rng": _rng(state.rng),
    }


def _rng(rng: int) -> str:
    # Hex text, not a number: 64 bits do not survive JSON readers that use doubles.
    return f"{rng:016x}"


def _pick(pick: Pick) -> str:
    return pick.choice if pick.outcome is None else f"{pick.choice}@{pick.outcome}"


def _delta(older: NamedState, newer: NamedState) -> dict[str, object]:
    """``older`` as what differs from ``newer``: the scene always, the rest only when changed
    (a visit count of 0 drops the scene; ``taken`` is the whole set when it changed)."""
    delta: dict[str, object] = {"scene": older.scene}
    values = {k: v for k, v in older.values.items() if newer.values.get(k, _MISSING) != v}
    if values:
        delta["values"] = values
    visits = {k: v for k, v in older.visits.items() if newer.visits.get(k) != v}
    visits.update({k: 0 for k in newer.visits if k not in older.visits})
    if visits:
        delta["visits"] = visits
    if older.taken != newer.taken:
        delta["taken"] = sorted(older.taken)
    if older.rng != newer.rng:
        delta["rng"] = _rng(older.rng)
    return delta


_MISSING = object()


class _Damaged(Exception):
    """Raised inside ``decode`` at the first field that is missing or of the wrong kind."""


def decode(data: bytes) -> Save | SaveProblem:
    """The save in ``data``, or what is wrong with it in words: empty, cut short, not JSON, not a
    save, written by a newer game, or a field missing or of the wrong kind (named by its path)."""
    if not data.strip():
        return SaveProblem("the file is empty (a save that was never finished?)")
    if len(data) > MAX_BYTES:
        return SaveProblem(f"the file is {len(data) // (1024 * 1024)} MiB, far larger than any save")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return SaveProblem("the file is not text: it holds bytes no save contains")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        cut = " (the file is cut short)" if error.pos >= len(text.rstrip()) else ""
        return SaveProblem(f"the file is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}{cut}")
    except RecursionError:
        return SaveProblem("the file is not a save: its JSON is nested absurdly deep")
    if not isinstance(raw, dict) or raw.get("kind") != KIND:
        return SaveProblem("the file is not a stars-gossip save")
    compatible = raw.get("compatible")
    if type(compatible) is not int or type(raw.get("format")) is not int:
        return SaveProblem("the save is damaged: its format version is missing")
    if compatible > FORMAT:
        return SaveProblem(
            f"the save was written by a newer version of stars-gossip (save format {raw['format']}); "
            "update the game to load it"
        )
    try:
        return _save(raw)
    except _Damaged as damage:
        return SaveProblem(f"the save is damaged: {damage}")


def _save(raw: dict[str, object]) -> Save:
    story = _object(raw, "story")
    state = _named(_object(raw, "state"), "state")
    origin_raw = raw.get("origin")
    origin = _named(_object(raw, "origin"), "origin") if origin_raw is not None else None
    history: list[NamedState] = []
    newer = state
    for index, step in enumerate(_list(raw, "undo")):
        if not isinstance(step, dict):
            raise _Damaged(f"'undo[{index}]' is not an object")
        newer = _apply(newer, step, f"undo[{index}]")
        history.append(newer)
    history.reverse()
    path = tuple(_parse_pick(p, i) for i, p in enumerate(_list(raw, "path")))
    choices = _int(raw, "choices")
    if len(path) > choices:
        raise _Damaged(f"'path' has {len(path)} choices where 'choices' says {choices}")
    if len(history) > len(path):
        raise _Damaged(f"'undo' goes back {len(history)} choices where 'path' holds {len(path)}")
    tail = _list(raw, "tail")
    if not all(isinstance(line, str) for line in tail):
        raise _Damaged("'tail' holds something other than text")
    ending = raw.get("ending")
    if ending is not None and not isinstance(ending, str):
        raise _Damaged("'ending' is not text")
    play = raw.get("play_seconds")
    if isinstance(play, bool) or not isinstance(play, int | float) or not math.isfinite(play) or play < 0:
        raise _Damaged("'play_seconds' is not a number of seconds")
    return Save(
        story_id=_str(story, "id", "story."),
        fingerprint=_str(story, "fingerprint", "story."),
        story_title=_str(story, "title", "story."),
        name=_str(raw, "name"),
        scene_title=_str(raw, "scene_title"),
        tail=tuple(str(line) for line in tail),
        ending=ending,
        play_seconds=float(play),
        created=_moment(raw, "created"),
        updated=_moment(raw, "updated"),
        seed=_int(raw, "seed"),
        origin=origin,
        state=state,
        history=tuple(history),
        path=path,
        choices=choices,
        entered=_counts(_object(raw, "entered"), "entered"),
        format=_int(raw, "format"),
        chapter=_optional_str(raw, "chapter"),
    )


def _object(raw: Mapping[str, object], key: str, where: str = "") -> dict[str, object]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise _Damaged(f"'{where}{key}' is missing or not an object")
    return value


def _list(raw: Mapping[str, object], key: str, where: str = "") -> list[object]:
    value = raw.get(key)
    if not isinstance(value, list):
        raise _Damaged(f"'{where}{key}' is missing or not a list")
    return value


def _optional_str(raw: Mapping[str, object], key: str) -> str:
    """A text field newer saves have and older ones lack."""
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise _Damaged(f"'{key}' is not text")
    return value


def _str(raw: Mapping[str, object], key: str, where: str = "") -> str:
    value = raw.get(key)
    if not isinstance(value, str):
        raise _Damaged(f"'{where}{key}' is missing or not text")
    return value


def _int(raw: Mapping[str, object], key: str, where: str = "") -> int:
    value = raw.get(key)
    if type(value) is not int or value < 0:
        raise _Damaged(f"'{where}{key}' is missing or not a whole number")
    return value


def _moment(raw: Mapping[str, object], key: str) -> datetime:
    text = _str(raw, key)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _Damaged(f"'{key}' is not a date and time") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _parse_rng(value: object, where: str) -> int:
    if not isinstance(value, str) or not 1 <= len(value) <= 16:
        raise _Damaged(f"'{where}' is not a generator state (16 hex digits)")
    try:
        return int(value, 16)
    except ValueError:
        raise _Damaged(f"'{where}' is not a generator state (16 hex digits)") from None


def _values(raw: dict[str, object], where: str) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for name, value in raw.items():
        if not isinstance(value, bool | int | str):
            raise _Damaged(f"'{where}.{name}' is not a number, text or true/false")
        values[name] = value
    return values


def _counts(raw: dict[str, object], where: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for scene, count in raw.items():
        if type(count) is not int or count < 0:
            raise _Damaged(f"'{where}.{scene}' is not a count")
        counts[scene] = count
    return counts


def _taken(value: object, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(choice, str) for choice in value):
        raise _Damaged(f"'{where}' is not a list of choice ids")
    return frozenset(str(choice) for choice in value)


def _named(raw: dict[str, object], where: str) -> NamedState:
    return NamedState(
        scene=_str(raw, "scene", f"{where}."),
        values=_values(_object(raw, "values", f"{where}."), f"{where}.values"),
        visits=_counts(_object(raw, "visits", f"{where}."), f"{where}.visits"),
        taken=_taken(raw.get("taken"), f"{where}.taken"),
        rng=_parse_rng(raw.get("rng"), f"{where}.rng"),
    )


def _apply(newer: NamedState, delta: dict[str, object], where: str) -> NamedState:
    """The older state an undo step describes, from the newer state it differs from."""
    values = dict(newer.values)
    if "values" in delta:
        values.update(_values(_object(delta, "values", f"{where}."), f"{where}.values"))
    visits = dict(newer.visits)
    if "visits" in delta:
        for scene, count in _counts(_object(delta, "visits", f"{where}."), f"{where}.visits").items():
            if count:
                visits[scene] = count
            else:
                visits.pop(scene, None)
    taken = _taken(delta["taken"], f"{where}.taken") if "taken" in delta else newer.taken
    rng = _parse_rng(delta["rng"], f"{where}.rng") if "rng" in delta else newer.rng
    return NamedState(_str(delta, "scene", f"{where}."), values, visits, taken, rng)


def _parse_pick(value: object, index: int) -> Pick:
    if not isinstance(value, str) or not value:
        raise _Damaged(f"'path[{index}]' is not a choice id")
    choice, at, outcome = value.partition("@")
    if not at:
        return Pick(choice)
    if not outcome.isascii() or not outcome.isdigit() or len(outcome) > 6:
        raise _Damaged(f"'path[{index}]' has an outcome that is not a number")
    return Pick(choice, int(outcome))


def now() -> datetime:
    """The current time, aware, in UTC: what ``created`` and ``updated`` record."""
    return datetime.now(UTC)
