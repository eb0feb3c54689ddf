"""Engine states by name: what a save writes, and how a written state is fitted to a story again.

The engine keeps a state's values in the order the manifest declares its variables and its
visit counts in the order of ``Story.visit_caps``; a save must not depend on either order, so
it holds every value under its variable's name and every count under its scene's id. Fitting
a named state back is where an edited story shows: ``fit_exact`` accepts only a state that
matches the story as it is, ``fit_adapted`` keeps whatever still means the same thing and
says what it dropped or filled in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from game.engine import GameState, Story, Value, Variable


@dataclass(frozen=True, slots=True)
class NamedState:
    """A game state with every part under its story name: the scene id, each variable's value by
    the variable's name, each counted scene's visits by its id (scenes never entered are left
    out), the ids of the once-only choices taken, and the random generator's state."""

    scene: str
    values: Mapping[str, Value]
    visits: Mapping[str, int]
    taken: frozenset[str]
    rng: int


@dataclass(frozen=True, slots=True)
class Misfit:
    """Why a saved state does not fit the story: what changed, with the old and new, in words."""

    message: str


def named(story: Story, state: GameState) -> NamedState:
    """``state`` by name."""
    values = {var.name: value for var, value in zip(story.variables, state.values, strict=True)}
    visits = {scene: count for scene, count in zip(story.visit_caps, state.visits, strict=True) if count}
    return NamedState(state.scene, values, visits, state.taken, state.rng)


_ONCE_ONLY: WeakKeyDictionary[Story, frozenset[str]] = WeakKeyDictionary()
"""Each story's once-only choices, found once (every state of every save is checked against them)."""


def once_only_choices(story: Story) -> frozenset[str]:
    """The ids of the story's once-only choices: the only ids a state's ``taken`` can hold."""
    found = _ONCE_ONLY.get(story)
    if found is None:
        found = _ONCE_ONLY[story] = frozenset(c.id for scene in story.scenes.values() for c in scene.choices if c.once)
    return found


def fits(variable: Variable, value: Value) -> bool:
    """Whether ``value`` is one ``variable`` can hold (a bool is not a number here)."""
    kind = variable.type.kind
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return type(value) is int and variable.minimum <= value <= variable.maximum
    return isinstance(value, str) and value in variable.type.names


def domain_text(variable: Variable) -> str:
    """What ``variable`` can hold, as a writer declared it: ``0..3``, ``true/false``, ``calm, queasy``."""
    kind = variable.type.kind
    if kind == "bool":
        return "true/false"
    if kind == "int":
        return f"{variable.minimum}..{variable.maximum}"
    return ", ".join(variable.type.names)


def shown(value: Value) -> str:
    """A saved value as it reads in the writer's files: ``true``, ``3``, ``'queasy'``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)


def fit_exact(story: Story, state: NamedState) -> GameState | Misfit:
    """The engine state ``state`` names, when it fits ``story`` exactly: its scene exists, it
    has a value for every variable and no others, each within its domain, only counted scenes
    with counts within their caps, and only once-only choices taken. Else the first misfit."""
    if state.scene not in story.scenes:
        return Misfit(f"scene '{state.scene}' is not in the story")
    extra = sorted(set(state.values) - {v.name for v in story.variables})
    if extra:
        return Misfit(f"variable '{extra[0]}' is not in the story")
    values: list[Value] = []
    for variable in story.variables:
        if variable.name not in state.values:
            return Misfit(f"variable '{variable.name}' has no value")
        value = state.values[variable.name]
        if not fits(variable, value):
            return Misfit(
                f"variable '{variable.name}' is {shown(value)}, outside what it can hold ({domain_text(variable)})"
            )
        values.append(value)
    for scene, count in state.visits.items():
        cap = story.visit_caps.get(scene)
        if cap is None:
            return Misfit(f"visits to scene '{scene}' are not counted by the story")
        if not 0 <= count <= cap:
            return Misfit(f"scene '{scene}' has {count} visits, more than the story counts ({cap})")
    unknown = sorted(state.taken - once_only_choices(story)) if state.taken else []
    if unknown:
        return Misfit(f"'{unknown[0]}' is not a once-only choice of the story")
    visits = tuple(state.visits.get(scene, 0) for scene in story.visit_caps)
    return GameState(state.scene, tuple(values), visits, state.taken, state.rng)


@dataclass(frozen=True, slots=True)
class Adapted:
    """A saved state fitted to an edited story, and what changed on the way (one line each)."""

    state: GameState
    notes: tuple[str, ...]


def fit_adapted(
    story: Story,
    state: NamedState,
    entered: Mapping[str, int] | None,
    taken_on_path: frozenset[str] | None,
) -> Adapted | Misfit:
    """``state`` on an edited ``story``, wherever its meaning is kept: its scene must still exist
    and every value the story still declares must fit its domain (else the misfit, naming the
    scene or the variable, the old value and what the story allows now).

    Variables the story no longer declares are dropped; new ones take their initial value.
    Visit counts come from ``entered`` (every entry into every scene, when the save kept them),
    so a scene the story has only now begun counting gets its true count, capped as the engine
    caps it. Once-only choices keep their taken mark when they are still once-only; with
    ``taken_on_path`` (the choice ids on the run's path), a choice that has become once-only
    since counts as taken when the run took it.
    """
    if state.scene not in story.scenes:
        return Misfit(f"scene '{state.scene}' is no longer in the story")
    notes: list[str] = []
    values: list[Value] = []
    for variable in story.variables:
        if variable.name not in state.values:
            notes.append(f"new variable '{variable.name}' starts at {shown(variable.initial)}")
            values.append(variable.initial)
            continue
        value = state.values[variable.name]
        if not fits(variable, value):
            return Misfit(
                f"variable '{variable.name}' is {shown(value)} in the save; "
                f"the story now allows {domain_text(variable)}"
            )
        values.append(value)
    declared = {v.name for v in story.variables}
    for name in sorted(set(state.values) - declared):
        notes.append(f"variable '{name}' is no longer in the story: its value {shown(state.values[name])} is dropped")
    visits = []
    for scene, cap in story.visit_caps.items():
        count = entered.get(scene, 0) if entered is not None else state.visits.get(scene, 0)
        visits.append(min(count, cap))
    once = once_only_choices(story)
    taken = state.taken | taken_on_path if taken_on_path is not None else state.taken
    return Adapted(GameState(state.scene, tuple(values), tuple(visits), taken & once, state.rng), tuple(notes))
