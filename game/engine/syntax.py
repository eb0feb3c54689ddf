"""The syntax of writer expressions: tokens and a small parse tree, with located problems.

Parsing knows nothing of variables or types; ``game.engine.expr`` checks and compiles the
tree. Absurd input (huge numbers, deep nesting) is refused here with a problem, so no
writer text can exhaust the interpreter.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from game.engine.errors import ExprProblem

NAME_PATTERN = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"
KEYWORDS = {"and", "or", "not", "true", "false"}
FUNCTIONS = {"visited": 1, "visits": 1, "min": 2, "max": 2}
COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")
MAX_DIGITS = 15
MAX_NESTING = 32
"""Deeper than this, a writer's expression is a mistake (and would exhaust Python's stack)."""

_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<number>\d+)
  | (?P<name>{NAME_PATTERN})
  | (?P<string>'[^'\n]*'|"[^"\n]*")
  | (?P<op>==|!=|<=|>=|\+=|-=|&&|\|\||[-+*/%<>=!(),])
    """,
    re.VERBOSE,
)

_MISTAKES = {
    "&&": "write 'and' instead of '&&'",
    "||": "write 'or' instead of '||'",
    "!": "write 'not' instead of '!'",
}


class Fail(Exception):
    """Internal: unwinds the parser to the public functions, which return an ExprProblem."""

    def __init__(self, code: str, offset: int, message: str) -> None:
        super().__init__(message)
        self.problem = ExprProblem(code, offset, message)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest option, or an empty string."""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    offset: int


def tokenise(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:
            char = source[pos]
            hint = "strings need matching quotes" if char in "'\"" else "remove it"
            raise Fail("SG140", pos, f"unexpected character {char!r} ({hint})")
        kind = match.lastgroup or "space"
        if kind != "space":
            tokens.append(Token(kind, match.group(), pos))
        pos = match.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


@dataclass(frozen=True, slots=True)
class Node:
    kind: str  # number, bool, string, name, call, unary, binary
    offset: int
    value: object = None
    args: tuple[Node, ...] = ()


class Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenise(source)
        self.i = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def at(self, *texts: str) -> bool:
        tok = self.tok
        return tok.kind in ("op", "name") and tok.text in texts

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise Fail("SG140", 0, "the expression is empty")
        node = self.parse_or()
        if self.tok.kind != "end":
            self.unexpected("an operator such as 'and', 'or' or '=='")
        return node

    def unexpected(self, wanted: str) -> None:
        tok = self.tok
        if tok.text in _MISTAKES:
            raise Fail("SG140", tok.offset, _MISTAKES[tok.text])
        if tok.text == "=":
            raise Fail("SG140", tok.offset, "use '==' to compare ('=' only sets a value in effects)")
        if tok.kind == "end":
            raise Fail("SG140", tok.offset, f"the expression ends early: expected {wanted}")
        raise Fail("SG140", tok.offset, f"unexpected {tok.text!r}: expected {wanted}")

    def binary(self, ops: tuple[str, ...], operand: Callable[[], Node]) -> Node:
        node = operand()
        while self.at(*ops):
            op = self.take()
            node = Node("binary", op.offset, op.text, (node, operand()))
        return node

    def parse_or(self) -> Node:
        return self.nested(lambda: self.binary(("or",), self.parse_and))

    def parse_and(self) -> Node:
        return self.binary(("and",), self.parse_not)

    def parse_not(self) -> Node:
        if self.at("not"):
            op = self.take()
            return Node("unary", op.offset, "not", (self.nested(self.parse_not),))
        return self.parse_comparison()

    def nested(self, parse: Callable[[], Node]) -> Node:
        """``parse`` one level deeper, refusing absurd depths with a located problem."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise Fail("SG140", self.tok.offset, f"the expression nests deeper than {MAX_NESTING} levels: simplify it")
        try:
            return parse()
        finally:
            self.depth -= 1

    def parse_comparison(self) -> Node:
        node = self.parse_sum()
        if self.at(*COMPARISONS):
            op = self.take()
            node = Node("binary", op.offset, op.text, (node, self.parse_sum()))
            if self.at(*COMPARISONS):
                raise Fail(
                    "SG140",
                    self.tok.offset,
                    "comparisons cannot be chained: join them with 'and' (a < b and b < c)",
                )
        return node

    def parse_sum(self) -> Node:
        return self.binary(("+", "-"), self.parse_term)

    def parse_term(self) -> Node:
        return self.binary(("*", "/", "%"), self.parse_unary)

    def parse_unary(self) -> Node:
        if self.at("-"):
            op = self.take()
            return Node("unary", op.offset, "-", (self.nested(self.parse_unary),))
        return self.parse_atom()

    def parse_atom(self) -> Node:
        tok = self.tok
        if tok.kind == "number":
            self.take()
            if len(tok.text) > MAX_DIGITS:
                raise Fail("SG140", tok.offset, f"this number is too large (more than {MAX_DIGITS} digits)")
            return Node("number", tok.offset, int(tok.text))
        if tok.kind == "string":
            self.take()
            return Node("string", tok.offset, tok.text[1:-1])
        if tok.kind == "name" and tok.text in ("true", "false"):
            self.take()
            return Node("bool", tok.offset, tok.text == "true")
        if tok.kind == "name" and tok.text not in KEYWORDS:
            self.take()
            if self.at("("):
                return self.parse_call(tok)
            return Node("name", tok.offset, tok.text)
        if self.at("("):
            self.take()
            node = self.parse_or()
            if not self.at(")"):
                self.unexpected("')'")
            self.take()
            return node
        self.unexpected("a value, a variable or '('")
        raise AssertionError("unreachable")

    def parse_call(self, name: Token) -> Node:
        self.take()  # (
        args: list[Node] = []
        if not self.at(")"):
            args.append(self.parse_or())
            while self.at(","):
                self.take()
                args.append(self.parse_or())
        if not self.at(")"):
            self.unexpected("',' or ')'")
        self.take()
        return Node("call", name.offset, name.text, tuple(args))
