"""Read one YAML file into a node tree with positions, refusing what a story never needs.

PyYAML's C composer (when present) builds the nodes; nothing is constructed from tags, so
no Python object can be created. Aliases are refused (they are how "billion laughs" bombs
work), as are tags, duplicate keys (PyYAML would silently keep the last) and absurd
sizes or depths — each as a located diagnostic. Here the file is read and decoded and its
characters checked; composing it and the limits on the nodes are ``loader/yamlcompose.py``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from game.engine.diagnostics import Code, Diagnostic
from game.loader.files import within
from game.loader.salvage import NOTHING_UNREAD, Unread, salvage, unread_text
from game.loader.yamlcompose import (
    COMPOSE_DEPTH_BOUND,
    MAX_DEPTH,
    check_tree,
    compose,
    nesting_bound,
    report_depth,
    too_deep,
)
from game.loader.yamlcompose import Loader as _Loader  # the composer's loader, by its older name
from game.loader.yamlerrors import anchor_problem, clamp, collapse, one_line, runs_off_the_end, syntax_problem

__all__ = [
    "MAX_DEPTH",
    "YamlFile",
    "_Loader",
    "clamp",
    "one_line",
    "parse_yaml",
    "read_bytes",
    "read_yaml",
]


MAX_FILE_BYTES = 4 * 1024 * 1024
# What YAML refuses (control characters) or reads as a line break where editors show none
# (a lone CR, NEL, U+2028, U+2029): refused before parsing, so that every line YAML counts
# is a line the writer sees, ending in LF or CRLF.
REFUSED = re.compile("\r(?!\n)|[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PLAIN_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0x100)])
_NON_ASCII_MARKERS = (b"\xc2", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbf\xbe", b"\xef\xbf\xbf")
_LINE_SEPARATORS = {"\x85": "NEL (U+0085)", "\u2028": "U+2028", "\u2029": "U+2029"}

OUTSIDE = (
    "this is a link that leads outside the story folder, and a story may read only its own files: "
    "copy the file into the story folder instead of linking to it"
)


@dataclass(frozen=True, slots=True)
class YamlFile:
    """A parsed file: its name as shown in diagnostics, its root node (None when unusable),
    its bytes, its lines as an editor shows them (empty when it is not text), and what the
    parts that could not be read seem to name."""

    name: str
    root: yaml.Node | None
    data: bytes
    lines: tuple[str, ...] = ()
    unread: Unread = NOTHING_UNREAD


def editor_lines(text: str) -> tuple[str, ...]:
    """The lines of ``text`` as an editor numbers them: broken at LF and CRLF only
    (never at the other breaks ``str.splitlines`` knows), with no empty line after a final
    line break. Empty text is one empty line."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    if "\r" not in text:
        return tuple(lines)
    return tuple(line[:-1] if line.endswith("\r") else line for line in lines)


def editor_place(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of the character at ``index`` of ``text``."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def read_yaml(path: Path, name: str, problems: list[Diagnostic], root: Path | None = None) -> YamlFile:
    """Parse ``path``; append every problem found to ``problems``.

    With ``root`` (the resolved story folder) a file that leads outside it is refused unread.
    """
    data = read_bytes(path, name, problems, root)
    return YamlFile(name, None, b"") if data is None else parse_yaml(data, name, problems)


def read_bytes(path: Path, name: str, problems: list[Diagnostic], root: Path | None = None) -> bytes | None:
    """The bytes of ``path`` (at most one more than MAX_FILE_BYTES), or None with the problem
    appended to ``problems`` when it cannot be read (or, with ``root``, leads outside it)."""
    if root is not None:
        real = within(path, root)
        if real is None:
            problems.append(Diagnostic.make(Code.UNREADABLE, name, 1, 1, OUTSIDE))
            return None
        path = real
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        problems.append(Diagnostic.make(Code.UNREADABLE, name, 1, 1, f"cannot read the file: {err.strerror or err}"))
        return None


def parse_yaml(data: bytes, name: str, problems: list[Diagnostic]) -> YamlFile:
    """Parse the bytes of the file shown as ``name``; append every problem found to ``problems``.
    Depends on ``data`` alone (and ``name`` only as it is shown)."""
    if len(data) > MAX_FILE_BYTES:
        problems.append(
            Diagnostic.make(
                Code.FILE_TOO_LARGE,
                name,
                1,
                1,
                f"the file is over {MAX_FILE_BYTES // (1024 * 1024)} MiB; split its scenes across several files",
            )
        )
        return YamlFile(name, None, data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(_not_utf8(data, err.start, name))
        return YamlFile(name, None, data, (), unread_text(data.decode("utf-8", "replace")))
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = editor_lines(text)
    refused = REFUSED.search(text) if _may_refuse(data) else None
    if refused is not None:
        problems.append(_refused_character(text, refused.start(), name))
        return YamlFile(name, None, data, lines, unread_text(text))
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in lines):
        problems.append(Diagnostic.make(Code.EMPTY_FILE, name, 1, 1, "the file is empty: add scenes, or delete it"))
        return YamlFile(name, None, data, lines)
    deep = too_deep(text) if nesting_bound(text) > COMPOSE_DEPTH_BOUND else None
    if deep is not None:
        problems.append(report_depth(name, lines, *deep))
        return YamlFile(name, None, data, lines, unread_text(text))
    unread = NOTHING_UNREAD
    try:
        root_node = compose(text)
    except yaml.MarkedYAMLError as err:
        # A slip in one scene of a list of scenes costs only that scene.
        salvaged = salvage(lines, name, compose)
        if salvaged is None:
            problems.append(syntax_problem(err, name, lines))
            return YamlFile(name, None, data, lines, unread_text(text, runs_off_the_end(err, text)))
        problems.extend(salvaged.problems)
        if salvaged.root is None:
            return YamlFile(name, None, data, lines, salvaged.unread)
        root_node, unread = salvaged.root, salvaged.unread
    except yaml.YAMLError as err:
        problems.append(Diagnostic.make(Code.YAML_SYNTAX, name, 1, 1, f"YAML syntax: {collapse(str(err))}"))
        return YamlFile(name, None, data, lines, unread_text(text))
    except RecursionError:
        problems.append(
            Diagnostic.make(Code.TOO_DEEP, name, 1, 1, f"the YAML nests too deeply (more than {MAX_DEPTH} levels)")
        )
        return YamlFile(name, None, data, lines, unread_text(text))
    else:
        anchored = anchor_problem(text, name, lines)
        if anchored is not None:
            problems.append(anchored)
            return YamlFile(name, None, data, lines, unread_text(text))
    if root_node is None:
        problems.append(Diagnostic.make(Code.EMPTY_FILE, name, 1, 1, "the file is empty: add scenes, or delete it"))
        return YamlFile(name, None, data, lines)
    usable = check_tree(root_node, name, text, lines, problems, may_alias="&" in text)
    return YamlFile(name, root_node if usable else None, data, lines, unread)


def _not_utf8(data: bytes, start: int, name: str) -> Diagnostic:
    """The not-UTF-8 diagnostic (SG101) at the bad byte, its column counted in characters like every other."""
    line_start = data.rfind(b"\n", 0, start) + 1
    before = data[line_start:start].decode("utf-8", "replace")
    if line_start == 0 and before.startswith("\ufeff"):
        before = before[1:]
    line = data.count(b"\n", 0, start) + 1
    return Diagnostic.make(
        Code.NOT_UTF8, name, line, len(before) + 1, "this byte is not UTF-8: save the file as UTF-8 text"
    )


def _may_refuse(data: bytes) -> bool:
    """False when the UTF-8 ``data`` surely holds no character REFUSED finds: a test on
    the bytes, many times quicker than searching the text."""
    if data.translate(None, _PLAIN_BYTES) or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
        return True  # an ASCII control character, or a lone CR
    # C1 controls (NEL among them) are encoded after 0xC2; U+2028, U+2029, U+FFFE, U+FFFF.
    return not data.isascii() and any(marker in data for marker in _NON_ASCII_MARKERS)


def _refused_character(text: str, index: int, name: str) -> Diagnostic:
    char = text[index]
    if char == "\r":
        message = (
            "a carriage return (CR) on its own: editors differ on whether it breaks the line; "
            "save the file with LF (or CRLF) line endings"
        )
    elif char in _LINE_SEPARATORS:
        message = (
            f"a line-separator character {_LINE_SEPARATORS[char]} here: editors do not show it as a new line; "
            "replace it with a normal line break or remove it"
        )
    else:
        message = f"control character U+{ord(char):04X} is not allowed in a story file; remove it"
    more = len(REFUSED.findall(text, index + 1))
    if more:
        message += f" ({more} more such character{'s' if more > 1 else ''} in this file)"
    return Diagnostic.make(Code.YAML_SYNTAX, name, *editor_place(text, index), message)
