"""Compiled pieces of an expression: a closure over the game state with its type and, for a
number, the least and greatest values it can take; and per operator, the closure that combines
two pieces and the range of what it computes.

``game.engine.compiler`` decides which of these a tree becomes; nothing here looks at a tree.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from game.engine.model import BOOL, INT, ReadableState, Value, ValueType
from game.engine.syntax import MAX_DIGITS

MAX_VALUE = 10**MAX_DIGITS - 1
"""The largest number (either sign) an expression may compute: as large as a literal may be."""

T = TypeVar("T")
IntEval = Callable[[ReadableState], int]
BoolEval = Callable[[ReadableState], bool]
TextEval = Callable[[ReadableState], str]


@dataclass(frozen=True, slots=True)
class CompiledInt:
    """A compiled number: its closure and the least and greatest values it can take."""

    evaluate: IntEval
    low: int
    high: int
    literal: int | None = None  # made of numbers alone, so known now

    @property
    def type(self) -> ValueType:
        return INT


@dataclass(frozen=True, slots=True)
class CompiledBool:
    evaluate: BoolEval
    literal: bool | None = None

    @property
    def type(self) -> ValueType:
        return BOOL


@dataclass(frozen=True, slots=True)
class CompiledEnum:
    """A compiled enum value; ``quoted`` is set for a quoted text, a name still to be matched
    against the enum it is compared with (its own type lists that one name)."""

    type: ValueType
    evaluate: TextEval
    quoted: str | None = None


Compiled = CompiledInt | CompiledBool | CompiledEnum


def constant(value: T) -> Callable[[ReadableState], T]:
    return lambda s: value


def read(index: int) -> Callable[[ReadableState], Value]:
    return lambda s: s.values[index]


# Closures per operator; comparisons with a number (most of a story's conditions) save a call.
ORDER: dict[str, Callable[[IntEval, IntEval], BoolEval]] = {
    "<": lambda f, g: lambda s: f(s) < g(s),
    "<=": lambda f, g: lambda s: f(s) <= g(s),
    ">": lambda f, g: lambda s: f(s) > g(s),
    ">=": lambda f, g: lambda s: f(s) >= g(s),
}
ORDER_WITH: dict[str, Callable[[IntEval, int], BoolEval]] = {
    "<": lambda f, k: lambda s: f(s) < k,
    "<=": lambda f, k: lambda s: f(s) <= k,
    ">": lambda f, k: lambda s: f(s) > k,
    ">=": lambda f, k: lambda s: f(s) >= k,
}
FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
ARITHMETIC: dict[str, Callable[[IntEval, IntEval], IntEval]] = {
    "+": lambda f, g: lambda s: f(s) + g(s),
    "-": lambda f, g: lambda s: f(s) - g(s),
    "*": lambda f, g: lambda s: f(s) * g(s),
}
FOLD: dict[str, Callable[[int, int], int]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.floordiv,
    "%": operator.mod,
}


def bounds(op: str, a: CompiledInt, b: CompiledInt) -> tuple[int, int]:
    """The least and greatest values of ``a op b`` (wider for ``/`` and ``%``, never narrower)."""
    match op:
        case "+":
            return a.low + b.low, a.high + b.high
        case "-":
            return a.low - b.high, a.high - b.low
        case "*":
            corners = (a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high)
            return min(corners), max(corners)
        case "/":
            # A floor division by a non-zero whole number is no larger than the dividend.
            m = max(-a.low, a.high)
            return -m, m
    m = max(-b.low, b.high)  # a remainder is smaller than the divisor
    return -m, m


def quoted(typed: Compiled) -> str | None:
    """The quoted text ``typed`` is, if it is one."""
    return typed.quoted if isinstance(typed, CompiledEnum) else None


def known(typed: Compiled) -> Value | None:
    """The value of ``typed`` if it is known now: a number, true/false or a quoted name."""
    if isinstance(typed, CompiledEnum):
        return typed.quoted
    return typed.literal


def describe(typed: Compiled) -> str:
    """What ``typed`` is, in a writer's words, for a type error."""
    text = quoted(typed)
    return f"the text '{text}'" if text is not None else typed.type.describe()
