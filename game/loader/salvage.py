"""Read what can still be read of a scene file with a YAML slip in it.

A scene file is a list of scenes, each a ``- `` item starting at the left margin. A slip
inside one scene need not cost the others: the file is cut at those items and each is
composed on its own, with its marks moved to the lines it really has in the file. Each item
that still fails is one problem, reported once; the ids and endings its text names are kept
(``Unread``), so that the loader does not report, as missing, a scene it simply could not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from game.engine.diagnostics import Diagnostic
from game.loader.yamlerrors import anchor_problem, runs_off_the_end, syntax_problem

_ITEM = re.compile(r"-(?:[ \t]|$)")
_BLANK_OR_COMMENT = re.compile(r"[ \t]*(?:#.*)?\Z")
_DOCUMENT_MARK = re.compile(r"(?:---|\.\.\.)(?:[ \t]|$)")
_SCENE_ID = re.compile(r"^(?:-[ ]+|[ ]+)scene:[ \t]*[\"']?([A-Za-z0-9_][A-Za-z0-9_.-]*)", re.MULTILINE)
_ENDING_ID = re.compile(r"^(?:-[ ]+|[ ]+)ending:[ \t]*[\"']?([A-Za-z0-9_][A-Za-z0-9_.-]*)", re.MULTILINE)

Unread = tuple[tuple[str, ...], tuple[str, ...], bool]
"""What a file's unreadable text names: scene ids, ending ids, and whether some of it could
not be read at all (so it may name more)."""
NOTHING_UNREAD: Unread = ((), (), False)


@dataclass(frozen=True, slots=True)
class Salvage:
    """The items that could be composed (as one list), the problems of those that could not,
    and what the unreadable ones name."""

    root: yaml.SequenceNode | None
    problems: tuple[Diagnostic, ...]
    unread: Unread


def item_starts(lines: tuple[str, ...]) -> list[int] | None:
    """The 0-based lines where the file's top-level ``- `` items start, or None when the file
    is not written as such a list (its first content is not an item, or it has document
    markers), so that cutting it would not keep its meaning."""
    starts: list[int] = []
    for number, text in enumerate(lines):
        if _ITEM.match(text):
            starts.append(number)
        elif _DOCUMENT_MARK.match(text) or (not starts and not _BLANK_OR_COMMENT.match(text)):
            return None
    return starts or None


def salvage(lines: tuple[str, ...], name: str, compose: Callable[[str], yaml.Node | None]) -> Salvage | None:
    """Compose each top-level item of a file on its own; None when the file cannot be cut
    into items, or when every item composes (the slip is between them: the file's own
    error says it best)."""
    starts = item_starts(lines)
    if starts is None:
        return None
    items: list[yaml.Node] = []
    problems: list[Diagnostic] = []
    ids: list[str] = []
    endings: list[str] = []
    lost = False
    for begin, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        text = "\n".join(lines[begin:end]) + "\n"
        cut_off = False
        try:
            root = compose(text)
        except yaml.MarkedYAMLError as err:
            problem: Diagnostic | None = syntax_problem(err, name, lines, begin, begin, end)
            cut_off = end == len(lines) and runs_off_the_end(err, text)
        except (yaml.YAMLError, RecursionError):
            return None
        else:
            problem = anchor_problem(text, name, lines, begin)
        if problem is not None:
            problems.append(problem)
            named, _, _ = unread = unread_text(text, cut_off)
            ids.extend(named)
            endings.extend(unread[1])
            lost = lost or unread[2]
            continue
        if isinstance(root, yaml.SequenceNode):
            _shift(root, begin)
            items.extend(root.value)
    if not problems:
        return None
    sequence = None
    if items:
        sequence = yaml.SequenceNode("tag:yaml.org,2002:seq", items, items[0].start_mark, items[-1].end_mark)
    return Salvage(sequence, tuple(problems), (tuple(ids), tuple(endings), lost))


def unread_text(text: str, cut_off: bool = False) -> Unread:
    """What text that could not be read names, as far as it tells: the scene ids and ending
    ids it seems to hold, and whether it might hold scenes that no id could be found for (none
    was, or the text is ``cut_off``: it stops inside something left open, mid-writing)."""
    ids = tuple(_SCENE_ID.findall(text))
    return ids, tuple(_ENDING_ID.findall(text)), not ids or cut_off


def _shift(root: yaml.Node, lines: int) -> None:
    """Move every mark under ``root`` down by ``lines`` (libyaml's marks cannot be changed:
    each node gets moved copies)."""
    if not lines:
        return
    stack = [root]
    while stack:
        node = stack.pop()
        node.start_mark = _moved(node.start_mark, lines)
        node.end_mark = _moved(node.end_mark, lines)
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _moved(mark: yaml.Mark, lines: int) -> yaml.Mark:
    return yaml.Mark(mark.name, mark.index, mark.line + lines, mark.column, None, 0)
