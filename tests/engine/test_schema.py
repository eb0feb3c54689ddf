"""The schema expressions compile against: declared variables, counted scenes, undeclared names."""

from __future__ import annotations

from game.engine.model import BOOL, INT, ValueType, Variable
from game.engine.schema import Schema

VARIABLES = (
    Variable("trust.eve", INT, 2, 0, 5),
    Variable("has_keycard", BOOL, False),
    Variable("nausea", ValueType("enum", ("fine", "queasy", "sick")), "fine"),
)


def test_each_variable_is_found_by_name_with_its_index_in_the_state() -> None:
    schema = Schema.of(VARIABLES)
    assert schema.variables["nausea"] == (2, VARIABLES[2])
    assert list(schema.variables) == ["trust.eve", "has_keycard", "nausea"]
    assert schema.visit_caps == {}


def test_a_scene_counted_first_takes_the_next_slot() -> None:
    schema = Schema.of(VARIABLES)
    assert [schema.visit_slot(scene, 1) for scene in ("galley", "cupola", "galley", "lab")] == [0, 1, 0, 2]
    assert list(schema.visit_caps) == ["galley", "cupola", "lab"]


def test_a_scenes_cap_only_ever_grows() -> None:
    schema = Schema.of(VARIABLES)
    schema.visit_slot("galley", 3)
    schema.visit_slot("galley", 1)
    assert schema.visit_caps == {"galley": 3}
    schema.visit_slot("galley", 5)
    assert schema.visit_caps == {"galley": 5}


def test_an_undeclared_enum_value_is_told_to_be_quoted() -> None:
    message = Schema.of(VARIABLES).undeclared("queasy")
    assert message == (
        "'queasy' is not a declared variable ('queasy' is a value of nausea: quote it as 'queasy'); "
        "declare it under 'variables:' in story.yaml"
    )


def test_a_misspelt_variable_gets_the_closest_declared_name() -> None:
    assert "did you mean 'has_keycard'" in Schema.of(VARIABLES).undeclared("has_keycrd")


def test_a_name_like_nothing_declared_is_told_where_to_declare_it() -> None:
    assert Schema.of(VARIABLES).undeclared("zeppelin") == (
        "'zeppelin' is not a declared variable; declare it under 'variables:' in story.yaml"
    )
