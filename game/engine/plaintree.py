"""Parsed expression trees as plain data, so that a tree can be kept in a cache and used again.

A tree from ``game.engine.syntax`` becomes nested tuples of strings, ints and bools (what
``marshal`` can hold), and back. The loader keeps each text's tree in a scene file's
outline: loading the file again from the outline cache compiles the trees without
tokenising or parsing a single text.

Each node is a tuple whose first item says what it is: ``("n", value, offset)`` a number,
``("b", value, offset)`` true or false, ``("s", value, offset)`` a quoted text, ``("v",
name, offset)`` a variable, ``("c", function, (argument, ...), offset)`` a call, ``("u", op,
operand, offset)`` a prefix operator, ``("o", op, left, right, offset)`` a binary one; an
effect is ``("=", target, op, value, offset, value_offset)``.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from game.engine.syntax import (
    Assign,
    Binary,
    Bool,
    Call,
    Expr,
    Fail,
    Name,
    Num,
    Str,
    Unary,
    parse_effect,
    parse_expression,
)

PlainTree: TypeAlias = tuple[Any, ...]
"""One node as nested tuples (see the module's text)."""


def plain(node: Expr) -> PlainTree:
    """``node`` and everything under it as plain data."""
    match node:
        case Num(value, offset):
            return ("n", value, offset)
        case Bool(value, offset):
            return ("b", value, offset)
        case Str(value, offset):
            return ("s", value, offset)
        case Name(name, offset):
            return ("v", name, offset)
        case Call(func, args, offset):
            return ("c", func, tuple(plain(arg) for arg in args), offset)
        case Unary(op, operand, offset):
            return ("u", op, plain(operand), offset)
        case Binary(op, left, right, offset):
            return ("o", op, plain(left), plain(right), offset)


def plain_effect(tree: Assign) -> PlainTree:
    """An effect's tree as plain data."""
    return ("=", plain(tree.target), tree.op, plain(tree.value), tree.offset, tree.value_offset)


def expression_tree(data: PlainTree) -> Expr:
    """The tree that ``plain`` made ``data`` from; ``ValueError`` when ``data`` is no such tree."""
    kind = data[0]
    if kind == "o":
        return Binary(data[1], expression_tree(data[2]), expression_tree(data[3]), data[4])
    if kind == "v":
        return Name(data[1], data[2])
    if kind == "n":
        return Num(data[1], data[2])
    if kind == "s":
        return Str(data[1], data[2])
    if kind == "b":
        return Bool(data[1], data[2])
    if kind == "u":
        return Unary(data[1], expression_tree(data[2]), data[3])
    if kind == "c":
        return Call(data[1], tuple(expression_tree(arg) for arg in data[2]), data[3])
    raise ValueError(f"not a plain expression tree: {kind!r}")


def effect_tree(data: PlainTree) -> Assign:
    """The effect that ``plain_effect`` made ``data`` from."""
    if data[0] != "=" or data[1][0] != "v":
        raise ValueError("not a plain effect tree")
    target = data[1]
    return Assign(Name(target[1], target[2]), data[2], expression_tree(data[3]), data[4], data[5])


def parsed(source: str) -> PlainTree | None:
    """The plain tree of the expression ``source``, or None when it does not parse (compiling
    the text itself then finds and reports the problem)."""
    try:
        return plain(parse_expression(source))
    except Fail:
        return None


def parsed_effect(source: str) -> PlainTree | None:
    """As ``parsed``, for an effect."""
    try:
        return plain_effect(parse_effect(source))
    except Fail:
        return None
