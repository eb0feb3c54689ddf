"""The syntax of writer expressions: typed tokens and a typed tree, with located problems.

One grammar serves conditions, shown values and effects. Expressions are parsed by binding
power (a Pratt parser); an effect is a variable, an assignment operator and an expression.
Parsing knows nothing of variables or types: ``game.engine.compiler`` checks and compiles the
tree. Absurd input (huge numbers, deep nesting, endless chains) is refused here with a
located problem, so no writer text can exhaust the interpreter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Literal, NoReturn

from game.engine.diagnostics import Code
from game.engine.errors import ExprProblem
from game.engine.frozen import quick_init
from game.engine.wording import excerpt

NAME_PATTERN = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"
FUNCTIONS = {"visited": 1, "visits": 1, "min": 2, "max": 2}
MAX_DIGITS = 15
MAX_NESTING = 32
"""Brackets, calls and prefix operators deeper than this are a mistake (and would exhaust Python's stack)."""
MAX_DEPTH = 100
"""A tree deeper than this (a chain of 100 operators, say) is refused: compiling and evaluating recurse on it."""


class TokenKind(Enum):
    NUMBER = "a number"
    NAME = "a name"
    STRING = "a quoted text"
    AND = "and"
    OR = "or"
    NOT = "not"
    TRUE = "true"
    FALSE = "false"
    EQ = "=="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    PLUS = "+"
    MINUS = "-"
    STAR = "*"
    SLASH = "/"
    PERCENT = "%"
    ASSIGN = "="
    ADD_ASSIGN = "+="
    SUB_ASSIGN = "-="
    LPAREN = "("
    RPAREN = ")"
    COMMA = ","
    # Operators of other languages, lexed so the parser can say what to write instead.
    AMPERSANDS = "&&"
    BARS = "||"
    BANG = "!"
    END = "the end"


@quick_init
@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str
    offset: int


_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<number>[0-9]+)
  | (?P<name>{NAME_PATTERN})
  | (?P<string>'[^'\n]*'|"[^"\n]*")
  | (?P<op>==|!=|<=|>=|\+=|-=|&&|\|\||[-+*/%<>=!(),])
    """,
    re.VERBOSE,
)
_KEYWORDS = {k.value: k for k in (TokenKind.AND, TokenKind.OR, TokenKind.NOT, TokenKind.TRUE, TokenKind.FALSE)}
_OPERATORS = {k.value: k for k in TokenKind if k.value[0] in "=!<>+-*/%(),&|"}  # kinds spelled as written
_SIMPLE = {"number": TokenKind.NUMBER, "string": TokenKind.STRING}


def tokenise(source: str) -> list[Token]:
    """The tokens of ``source``, ending with an ``END`` token at ``len(source)``."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:
            char = source[pos]
            hint = "strings need matching quotes" if char in "'\"" else "remove it"
            raise Fail(Code.EXPRESSION_SYNTAX, pos, f"unexpected character {char!r} ({hint})")
        group, text = match.lastgroup, match.group()
        if group == "name":
            tokens.append(Token(_KEYWORDS.get(text, TokenKind.NAME), text, pos))
        elif group == "op":
            tokens.append(Token(_OPERATORS[text], text, pos))
        elif group in _SIMPLE:
            tokens.append(Token(_SIMPLE[group], text, pos))
        pos = match.end()
    tokens.append(Token(TokenKind.END, "", len(source)))
    return tokens


BinaryOp = Literal["or", "and", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"]
UnaryOp = Literal["not", "-"]
AssignOp = Literal["=", "+=", "-="]


@quick_init
@dataclass(frozen=True, slots=True)
class Num:
    value: int
    offset: int


@quick_init
@dataclass(frozen=True, slots=True)
class Bool:
    value: bool
    offset: int


@quick_init
@dataclass(frozen=True, slots=True)
class Str:
    """A quoted text: in this language, only ever an enum value or a scene id."""

    value: str
    offset: int


@quick_init
@dataclass(frozen=True, slots=True)
class Name:
    id: str
    offset: int


@quick_init
@dataclass(frozen=True, slots=True)
class Call:
    func: str
    args: tuple[Expr, ...]
    offset: int


@quick_init
@dataclass(frozen=True, slots=True)
class Unary:
    op: UnaryOp
    operand: Expr
    offset: int


@quick_init
@dataclass(frozen=True, slots=True)
class Binary:
    """``left op right``; ``offset`` is the operator's, where problems with it are shown."""

    op: BinaryOp
    left: Expr
    right: Expr
    offset: int


Expr = Num | Bool | Str | Name | Call | Unary | Binary


@quick_init
@dataclass(frozen=True, slots=True)
class Assign:
    """An effect, ``target op value``; ``offset`` is the operator's, ``value_offset`` where the value starts."""

    target: Name
    op: AssignOp
    value: Expr
    offset: int
    value_offset: int


class Fail(Exception):
    """Internal: unwinds the parser and compiler to the public functions, which return an ExprProblem."""

    def __init__(self, code: Code, offset: int, message: str, consequence: bool = False) -> None:
        super().__init__(message)
        self.problem = ExprProblem(code, offset, message, consequence)


_COMPARISONS = frozenset({TokenKind.EQ, TokenKind.NE, TokenKind.LT, TokenKind.LE, TokenKind.GT, TokenKind.GE})
# Binding powers: a higher power binds tighter. Every binary operator is left-associative
# (its right operand is parsed at one above its power); comparisons do not chain at all.
_INFIX: dict[TokenKind, tuple[BinaryOp, int]] = {
    TokenKind.OR: ("or", 1),
    TokenKind.AND: ("and", 3),
    TokenKind.EQ: ("==", 5),
    TokenKind.NE: ("!=", 5),
    TokenKind.LT: ("<", 5),
    TokenKind.LE: ("<=", 5),
    TokenKind.GT: (">", 5),
    TokenKind.GE: (">=", 5),
    TokenKind.PLUS: ("+", 7),
    TokenKind.MINUS: ("-", 7),
    TokenKind.STAR: ("*", 9),
    TokenKind.SLASH: ("/", 9),
    TokenKind.PERCENT: ("%", 9),
}
_NOT_POWER = 5  # `not a == b` is `not (a == b)`, and `not a and b` is `(not a) and b`
_NEGATE_POWER = 11  # `-a * b` is `(-a) * b`
_ASSIGNMENTS: dict[TokenKind, AssignOp] = {
    TokenKind.ASSIGN: "=",
    TokenKind.ADD_ASSIGN: "+=",
    TokenKind.SUB_ASSIGN: "-=",
}
_MISTAKES = {
    TokenKind.AMPERSANDS: "write 'and' instead of '&&'",
    TokenKind.BARS: "write 'or' instead of '||'",
    TokenKind.BANG: "write 'not' instead of '!'",
}


def parse_expression(source: str) -> Expr:
    """The tree of a condition or value, or ``Fail`` with the first problem."""
    parser = _Parser(source)
    if parser.tok.kind is TokenKind.END:
        raise Fail(Code.EXPRESSION_SYNTAX, 0, "the expression is empty")
    node, _ = parser.expression(0)
    parser.expect_end()
    return node


def parse_effect(source: str) -> Assign:
    """The tree of ``name = expr``, ``name += expr`` or ``name -= expr``, or ``Fail``."""
    parser = _Parser(source)
    target = parser.take()
    op = parser.take() if target.kind is TokenKind.NAME else target
    assign = _ASSIGNMENTS.get(op.kind)
    if target.kind is not TokenKind.NAME or assign is None:
        raise Fail(
            Code.BAD_EFFECT,
            0,
            f"{excerpt(source)} is not an effect: write 'name = value', 'name += number' or 'name -= number'",
        )
    if parser.tok.kind is TokenKind.END:
        parser.unexpected("a value after " + repr(op.text))
    value_offset = parser.tok.offset
    value, _ = parser.expression(0)
    parser.expect_end()
    return Assign(Name(target.text, target.offset), assign, value, op.offset, value_offset)


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = tokenise(source)
        self.i = 0
        self.nesting = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect_end(self) -> None:
        if self.tok.kind is not TokenKind.END:
            self.unexpected("an operator such as 'and', 'or' or '=='")

    def unexpected(self, wanted: str) -> NoReturn:
        tok = self.tok
        if tok.kind in _MISTAKES:
            raise Fail(Code.EXPRESSION_SYNTAX, tok.offset, _MISTAKES[tok.kind])
        if tok.kind is TokenKind.ASSIGN:
            raise Fail(Code.EXPRESSION_SYNTAX, tok.offset, "use '==' to compare ('=' only sets a value in effects)")
        if tok.kind is TokenKind.END:
            raise Fail(Code.EXPRESSION_SYNTAX, tok.offset, f"the expression ends early: expected {wanted}")
        shown = repr(tok.text) if len(tok.text) <= 40 else excerpt(tok.text)
        raise Fail(Code.EXPRESSION_SYNTAX, tok.offset, f"unexpected {shown}: expected {wanted}")

    def expression(self, min_power: int) -> tuple[Expr, int]:
        """The expression at the cursor whose operators bind at least ``min_power``, and its depth.

        Chains such as ``a + b + c`` grow in this loop, not by recursion; their depth is
        counted so the compiler and the evaluator never recurse more than ``MAX_DEPTH``.
        """
        left, depth = self.prefix(min_power)
        compared = False
        while True:
            tok = self.tok
            infix = _INFIX.get(tok.kind)
            if infix is None or infix[1] < min_power:
                return left, depth
            op, power = infix
            is_comparison = tok.kind in _COMPARISONS
            if compared and is_comparison:
                raise Fail(
                    Code.EXPRESSION_SYNTAX,
                    tok.offset,
                    "comparisons cannot be chained: join them with 'and' (a < b and b < c)",
                )
            self.take()
            right, right_depth = self.expression(power + 1)
            depth = _bounded(max(depth, right_depth) + 1, tok)
            left = Binary(op, left, right, tok.offset)
            compared = is_comparison

    def prefix(self, min_power: int) -> tuple[Expr, int]:
        tok = self.tok
        match tok.kind:
            case TokenKind.NUMBER:
                self.take()
                if len(tok.text) > MAX_DIGITS:
                    raise Fail(
                        Code.EXPRESSION_SYNTAX, tok.offset, f"this number is too large (more than {MAX_DIGITS} digits)"
                    )
                return Num(int(tok.text), tok.offset), 1
            case TokenKind.STRING:
                self.take()
                return Str(tok.text[1:-1], tok.offset), 1
            case TokenKind.TRUE | TokenKind.FALSE:
                self.take()
                return Bool(tok.kind is TokenKind.TRUE, tok.offset), 1
            case TokenKind.NAME:
                self.take()
                if self.tok.kind is TokenKind.LPAREN:
                    return self.call(tok)
                return Name(tok.text, tok.offset), 1
            case TokenKind.LPAREN:
                self.deeper()
                self.take()
                node, depth = self.expression(0)
                if self.tok.kind is not TokenKind.RPAREN:
                    self.unexpected("')'")
                self.take()
                self.nesting -= 1
                return node, depth
            case TokenKind.NOT if min_power <= _NOT_POWER:
                return self.unary("not", _NOT_POWER)
            case TokenKind.MINUS:
                return self.unary("-", _NEGATE_POWER)
        self.unexpected("a value, a variable or '('")

    def unary(self, op: UnaryOp, power: int) -> tuple[Expr, int]:
        self.deeper()
        tok = self.take()
        operand, depth = self.expression(power)
        self.nesting -= 1
        return Unary(op, operand, tok.offset), _bounded(depth + 1, tok)

    def call(self, name: Token) -> tuple[Expr, int]:
        self.deeper()
        self.take()  # (
        args: list[Expr] = []
        depth = 0
        if self.tok.kind is not TokenKind.RPAREN:
            while True:
                arg, arg_depth = self.expression(0)
                args.append(arg)
                depth = max(depth, arg_depth)
                if self.tok.kind is not TokenKind.COMMA:
                    break
                self.take()
        if self.tok.kind is not TokenKind.RPAREN:
            self.unexpected("',' or ')'")
        self.take()
        self.nesting -= 1
        return Call(name.text, tuple(args), name.offset), _bounded(depth + 1, name)

    def deeper(self) -> None:
        """Enter a bracket or an operand, refusing absurd nesting at the token that crosses the limit."""
        if self.nesting >= MAX_NESTING:
            raise Fail(
                Code.EXPRESSION_SYNTAX,
                self.tok.offset,
                f"the expression nests deeper than {MAX_NESTING} levels: simplify it",
            )
        self.nesting += 1


def _bounded(depth: int, tok: Token) -> int:
    """``depth``, if the tree is still shallow enough to compile and evaluate; else a problem at ``tok``."""
    if depth > MAX_DEPTH:
        raise Fail(
            Code.EXPRESSION_SYNTAX,
            tok.offset,
            f"the expression is too long: more than {MAX_DEPTH} operators deep; split it up",
        )
    return depth
