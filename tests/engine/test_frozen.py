"""quick_init: a frozen dataclass built through its slots is the same value, still frozen."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.frozen import quick_init
from game.engine.model import Choice, Outcome, Scene, SourcePos, Template
from game.engine.syntax import Binary, Name, Num


@dataclass(frozen=True, slots=True)
class _Plain:
    file: str
    line: int
    col: int
    spans: tuple[tuple[int, int, int, int], ...] = field(default=(), compare=False)
    offset: int = field(default=0, compare=False)


@quick_init
@dataclass(frozen=True, slots=True)
class _Quick:
    file: str
    line: int
    col: int
    spans: tuple[tuple[int, int, int, int], ...] = field(default=(), compare=False)
    offset: int = field(default=0, compare=False)


@given(st.text(max_size=5), st.integers(), st.integers(), st.integers())
def test_a_quick_value_holds_what_the_generated_init_would(file: str, line: int, col: int, offset: int) -> None:
    built = SourcePos(file, line, col, ((0, line, col, col + 1),), offset)
    assert (built.file, built.line, built.col, built.spans, built.offset) == (
        file,
        line,
        col,
        ((0, line, col, col + 1),),
        offset,
    )
    assert built == SourcePos(file, line, col)  # spans and offset take no part in equality
    assert hash(built) == hash(SourcePos(file, line, col))


def test_defaults_and_keywords_work_as_declared() -> None:
    pos = SourcePos(file="a.yaml", col=3, line=2)
    assert (pos.spans, pos.offset) == ((), 0)
    assert inspect.signature(SourcePos).parameters.keys() == {"file", "line", "col", "spans", "offset"}
    with pytest.raises(TypeError):
        SourcePos("a.yaml", 1)  # type: ignore[call-arg]


def test_quick_values_stay_frozen_and_replaceable_and_picklable() -> None:
    pos = SourcePos("a.yaml", 2, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        pos.line = 4  # type: ignore[misc]
    assert dataclasses.replace(pos, line=4) == SourcePos("a.yaml", 4, 3)
    tree = Binary("+", Name("a", 0), Num(1, 4), 2)
    assert pickle.loads(pickle.dumps(tree)) == tree
    outcome = Outcome(1, (), "galley", pos)
    choice = Choice("c", Template(()), False, None, (outcome,), pos=pos)
    scene = Scene("s", "", "", (), (choice,))
    assert scene.choices[0].outcomes[0].target == "galley"
    assert repr(pos) == "SourcePos(file='a.yaml', line=2, col=3)"


def test_the_quick_init_of_a_declared_class_matches_the_generated_one() -> None:
    assert _Quick("f", 1, 2) == _Quick("f", 1, 2, ((0, 1, 2, 3),), 5)
    assert _Plain("f", 1, 2) == _Plain("f", 1, 2, ((0, 1, 2, 3),), 5)
    assert repr(_Quick("f", 1, 2)).removeprefix("_Quick") == repr(_Plain("f", 1, 2)).removeprefix("_Plain")


def test_only_plain_frozen_slotted_dataclasses_are_accepted() -> None:
    @dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclass(slots=True)
    class NotFrozen:
        a: int

    @dataclass(frozen=True, slots=True)
    class Factory:
        a: list[int] = field(default_factory=list)

    @dataclass(frozen=True, slots=True)
    class Derived:
        a: int
        b: int = field(init=False, default=0)

    @dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            assert self.a >= 0

    for refused in (NoSlots, NotFrozen, Factory, Derived, Checked):
        with pytest.raises(TypeError):
            quick_init(refused)


@given(st.text(max_size=5), st.integers(), st.integers(), st.integers())
def test_a_built_value_is_the_same_frozen_value_of_the_same_class(file: str, line: int, col: int, offset: int) -> None:
    spans = ((0, line, col, col + 1),)
    built, made = SourcePos.build(file, line, col, spans, offset), SourcePos(file, line, col, spans, offset)
    assert type(built) is SourcePos and isinstance(built, SourcePos)
    assert (built.file, built.line, built.col, built.spans, built.offset) == (file, line, col, spans, offset)
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.line = 4  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(built)) == made
    assert dataclasses.replace(built, col=1) == SourcePos(file, line, 1)


def test_build_takes_the_same_arguments_and_defaults_as_the_class() -> None:
    for cls in (SourcePos, Outcome, Choice, Scene, Template):
        built_params = inspect.signature(cls.build).parameters  # type: ignore[attr-defined]
        assert list(built_params.items()) == list(inspect.signature(cls).parameters.items())
    pos = SourcePos.build(file="a.yaml", col=3, line=2)
    assert (pos.spans, pos.offset) == ((), 0)
    outcome = Outcome.build(1, (), "galley", pos)
    assert Choice.build("c", Template.build(()), False, None, (outcome,)) == Choice(
        "c", Template(()), False, None, (outcome,)
    )
    with pytest.raises(TypeError):
        SourcePos.build("a.yaml", 1)  # type: ignore[call-arg]


def test_classes_a_builder_could_not_make_are_refused() -> None:
    @dataclass(frozen=True, slots=True)
    class Base:
        a: int

    @dataclass(frozen=True, slots=True)
    class Child(Base):
        b: int

    @dataclass(frozen=True, slots=True, weakref_slot=True)
    class Weak:  # Python 3.11 refuses the change of class: the layouts differ
        a: int

    @dataclass(frozen=True, slots=True)
    class NamedBuild:  # its field would be hidden by the builder
        build: int

    @dataclass(frozen=True, slots=True)
    class Private:  # the generated code's own names start with '_'
        _cls: int

    for refused in (Child, Weak, NamedBuild, Private):
        with pytest.raises(TypeError):
            quick_init(refused)
