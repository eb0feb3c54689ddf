"""Read the manifest's ``variables:``: each name, its type and its finite domain.

A declaration whose type and domain are clear but whose initial value is wrong is reported
and still declared (with the domain's first value), so that every use of the variable is
checked as usual instead of reading as undeclared. A declaration too broken to type is
reported once and its name is listed as failed: uses of it are not reported again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import yaml

from game.engine.diagnostics import Code
from game.engine.model import INT, SourcePos, Value, ValueType, Variable
from game.engine.syntax import NAME_PATTERN
from game.engine.wording import did_you_mean
from game.loader.fields import Entries, Reader

VARIABLE_NAME = re.compile(NAME_PATTERN + r"\Z")
MAX_INT_RANGE = 100_000
_BOOL_WORDS = {"true": True, "false": False, "yes": True, "no": False, "on": True, "off": False}
_SHAPES = "{type: int, min: 0, max: 3} or {type: enum, values: [calm, tense]}"


@dataclass
class Declared:
    """The variables declared, in order, and the names whose declaration failed."""

    variables: list[Variable] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)


def read_variables(node: yaml.Node, reader: Reader) -> Declared:
    declared = Declared()
    if not reader.shape(node, yaml.MappingNode, "variables"):
        return declared
    assert isinstance(node, yaml.MappingNode)
    names: set[str] = set()
    for key, value in node.value:
        name = reader.text(key, "a variable name")
        if name is None or name in names:
            continue
        if not VARIABLE_NAME.match(name) or name in ("and", "or", "not", "true", "false"):
            reader.report(
                Code.BAD_ID,
                key,
                f"'{name}' cannot be a variable name: use letters, digits and '_', with '.' between parts (trust.eve)",
            )
            continue
        names.add(name)
        var = _read_variable(name, key, value, reader)
        if var is None:
            declared.failed.add(name)
        else:
            declared.variables.append(var)
    return declared


def _read_variable(name: str, key: yaml.Node, node: yaml.Node, reader: Reader) -> Variable | None:
    pos = reader.pos(key)
    if isinstance(node, yaml.ScalarNode):
        return _read_shorthand(name, node, reader, pos)
    entries = reader.mapping(
        node,
        f"variable '{name}'",
        {"type", "initial", "min", "max", "values", "overflow", "description"},
        {"type"},
    )
    if entries is None or "type" not in entries:
        return None
    kind = reader.text(entries["type"][1], "a variable type")
    if kind not in ("bool", "int", "enum"):
        if kind is not None:
            reader.report(
                Code.BAD_VARIABLE,
                entries["type"][1],
                f"type '{kind}' is unknown{did_you_mean(kind, {'bool', 'int', 'enum'})}: use bool, int or enum",
            )
        return None
    overflow: Literal["clamp", "error"] = "error"
    if "overflow" in entries:
        raw = reader.text(entries["overflow"][1], "overflow")
        if raw in ("clamp", "error"):
            overflow = raw  # type: ignore[assignment]
        elif raw is not None:
            reader.report(Code.BAD_VARIABLE, entries["overflow"][1], f"overflow '{raw}' is unknown: use clamp or error")
    if kind == "bool":
        initial_b = reader.boolean(entries["initial"][1], f"{name}'s initial value") if "initial" in entries else False
        for extra in ("min", "max", "values"):
            if extra in entries:
                reader.report(Code.BAD_VARIABLE, entries[extra][0], f"a bool variable has no '{extra}'")
        return Variable(name, ValueType("bool"), bool(initial_b), 0, 1, overflow, pos)
    if kind == "int":
        return _read_int(name, entries, node, reader, overflow, pos)
    return _read_enum(name, entries, node, reader, pos)


def _read_shorthand(name: str, node: yaml.ScalarNode, reader: Reader, pos: SourcePos) -> Variable | None:
    """``name: false``, the shorthand for a bool, or what was written instead of it."""
    if node.tag.endswith(":bool"):
        initial = bool(reader.boolean(node, name))
        return Variable(name, ValueType("bool"), initial, 0, 1, "error", pos)
    written = str(node.value)
    meant = _BOOL_WORDS.get(written.strip().lower())
    if meant is not None:
        # A quoted "no" is text to YAML, but the writer plainly meant the bool.
        reader.report(
            Code.BAD_VARIABLE,
            node,
            f"variable '{name}' is declared as the text '{written}': the shorthand for a bool is true or false, "
            f"unquoted (write {name}: {'true' if meant else 'false'})",
        )
        return Variable(name, ValueType("bool"), meant, 0, 1, "error", pos)
    what = "nothing" if not written.strip() else f"'{written}'"
    reader.report(
        Code.BAD_VARIABLE,
        node,
        f"variable '{name}' is declared as {what}: the shorthand takes true or false (a bool with that start "
        f"value); any other variable is a mapping, such as {_SHAPES}",
    )
    return None


def _read_int(
    name: str,
    entries: Entries,
    node: yaml.Node,
    reader: Reader,
    overflow: Literal["clamp", "error"],
    pos: SourcePos,
) -> Variable | None:
    lo = reader.integer(entries["min"][1], f"{name}'s min") if "min" in entries else None
    hi = reader.integer(entries["max"][1], f"{name}'s max") if "max" in entries else None
    if "min" not in entries or "max" not in entries:
        reader.report(
            Code.BAD_VARIABLE,
            node,
            f"int variable '{name}' needs both min: and max: (every variable has a finite range)",
        )
        return None
    if lo is None or hi is None:
        return None
    if lo > hi:
        reader.report(Code.BAD_VARIABLE, entries["max"][1], f"{name}'s max ({hi}) is below its min ({lo})")
        return None
    if hi - lo > MAX_INT_RANGE:
        reader.report(Code.BAD_VARIABLE, entries["max"][1], f"{name}'s range is over {MAX_INT_RANGE} values: narrow it")
        return None
    initial: Value = lo
    if "initial" in entries:
        got = reader.integer(entries["initial"][1], f"{name}'s initial value")
        if got is not None and not lo <= got <= hi:
            reader.report(
                Code.BAD_VARIABLE, entries["initial"][1], f"{name}'s initial value {got} is outside {lo}..{hi}"
            )
        elif got is not None:
            initial = got
    return Variable(name, INT, initial, lo, hi, overflow, pos)


def _read_enum(name: str, entries: Entries, node: yaml.Node, reader: Reader, pos: SourcePos) -> Variable | None:
    if "values" not in entries:
        reader.report(Code.BAD_VARIABLE, node, f"enum variable '{name}' needs values: [a, b, ...]")
        return None
    values_node = entries["values"][1]
    names: list[str] = []
    labels: list[str] = []
    if isinstance(values_node, yaml.MappingNode):
        # values: {in_bag: in the cooler bag, ...}: each value with what the player reads.
        for key, label_node in values_node.value:
            value = reader.identifier(key, f"a value of {name}")
            label = reader.text(label_node, f"the label of {name}'s value '{value}'")
            if value is None or label is None:
                continue
            if value in names:
                reader.report(Code.BAD_VARIABLE, key, f"'{value}' is listed twice in {name}'s values")
            else:
                names.append(value)
                labels.append(label)
    elif isinstance(values_node, yaml.SequenceNode):
        for item in values_node.value:
            value = reader.identifier(item, f"a value of {name}")
            if value is not None:
                if value in names:
                    reader.report(Code.BAD_VARIABLE, item, f"'{value}' is listed twice in {name}'s values")
                else:
                    names.append(value)
    else:
        reader.report(
            Code.WRONG_SHAPE,
            values_node,
            f"{name}'s values must be a list ([a, b]) or a mapping of value to label ({{a: what the player reads}})",
        )
        return None
    if not names:
        reader.report(Code.BAD_VARIABLE, values_node, f"{name} needs at least one value")
        return None
    initial = names[0]
    if "initial" in entries:
        got = reader.text(entries["initial"][1], f"{name}'s initial value")
        if got is not None and got not in names:
            reader.report(
                Code.BAD_VARIABLE,
                entries["initial"][1],
                f"'{got}' is not one of {name}'s values{did_you_mean(got, set(names))}",
            )
        elif got is not None:
            initial = got
    enum = ValueType("enum", tuple(names), tuple(labels))
    return Variable(name, enum, initial, 0, len(names) - 1, "error", pos)
