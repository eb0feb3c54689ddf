"""``chapters:`` in story.yaml: the story's parts, each the scene files under one folder.

```yaml
chapters:
  - {title: Lift-off, scenes: prologue}
  - {title: Day One, scenes: day1}
```

A scene belongs to the chapter whose folder holds its file; scenes outside every chapter's
folder belong to none. Chapters are numbered in the order they are listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath

import yaml

from game.engine.diagnostics import Code
from game.engine.model import Chapter
from game.loader.fields import Reader

ChapterEntry = tuple[str, str, yaml.Node]
"""A chapter as written: its title, its folder (relative, with ``/``), and its YAML node."""


def read_chapters(node: yaml.Node, reader: Reader) -> list[ChapterEntry]:
    """The chapters the manifest lists, each with a title and a folder inside the story."""
    found: list[ChapterEntry] = []
    if not reader.shape(node, yaml.SequenceNode, "chapters"):
        return found
    assert isinstance(node, yaml.SequenceNode)
    for item in node.value:
        entries = reader.mapping(item, "a chapter", {"title", "scenes"}, {"title", "scenes"})
        if entries is None or "title" not in entries or "scenes" not in entries:
            continue
        title = reader.text(entries["title"][1], "a chapter's title")
        folder_node = entries["scenes"][1]
        written = reader.text(folder_node, "a chapter's folder")
        if title is None or written is None:
            continue
        folder = _folder(written)
        if folder is None:
            reader.report(
                Code.BAD_CHAPTER,
                folder_node,
                f"'{written}' is not a folder inside the story: write its path from story.yaml's folder, "
                "with / between names (e.g. 'day1' or 'acts/day1')",
            )
            continue
        found.append((title, folder, folder_node))
    return found


def _folder(written: str) -> str | None:
    if "\\" in written or written.startswith("/"):
        return None
    parts = [part for part in PurePosixPath(written).parts if part != "."]
    if not parts or ".." in parts:
        return None
    return "/".join(parts)


def assign_chapters(
    entries: list[ChapterEntry], scene_files: Mapping[str, str], reader: Reader
) -> tuple[tuple[Chapter, ...], dict[str, int]]:
    """The chapters, numbered, and which chapter each scene belongs to. ``scene_files`` maps
    each scene id to its file's path relative to the story folder (with ``/``)."""
    chapters: list[Chapter] = []
    belongs: dict[str, int] = {}
    for title, folder, node in entries:
        clash = next((c for c in chapters if _inside(folder, c.folder) or _inside(c.folder, folder)), None)
        if clash is not None:
            reader.report(
                Code.BAD_CHAPTER,
                node,
                f"folder '{folder}' overlaps chapter {clash.number}'s folder '{clash.folder}': "
                "give each chapter a folder of its own",
            )
            continue
        members = [scene for scene, path in scene_files.items() if _inside(path, folder)]
        if not members:
            reader.report(
                Code.BAD_CHAPTER,
                node,
                f"no scene file is under '{folder}': name a folder of scene files, relative to story.yaml",
            )
            continue
        chapter = Chapter(len(chapters) + 1, title, folder, reader.pos(node))
        for scene in members:
            belongs[scene] = len(chapters)
        chapters.append(chapter)
    return tuple(chapters), belongs


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder + "/")
