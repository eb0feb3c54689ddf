"""Read ``story.yaml``: the story's identity, characters, variables, endings and status lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from game.engine.diagnostics import Code
from game.engine.errors import ExprProblem
from game.engine.expr import compile_expression
from game.engine.model import Character, Ending, StatusItem, ValueType, Variable
from game.engine.schema import Schema
from game.engine.wording import did_you_mean
from game.loader.chapters import ChapterEntry, read_chapters
from game.loader.fields import ID, Entries, Reader
from game.loader.files import readable, within
from game.loader.variables import read_variables

HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")
COLOR_NAMES = {
    "black", "white", "red", "green", "blue", "yellow", "magenta", "cyan", "orange", "pink",
    "purple", "gold", "silver", "grey", "gray", "brown", "violet", "teal", "navy", "coral",
    "salmon", "turquoise", "lime", "olive", "maroon", "khaki", "plum", "orchid", "tan",
}  # fmt: skip

MANIFEST_KEYS = {
    "id",
    "title",
    "description",
    "start",
    "player",
    "seed",
    "characters",
    "variables",
    "endings",
    "status",
    "chapters",
    "map",
}


@dataclass
class Manifest:
    """What the manifest declares; pieces that failed to read are absent, and the names of
    those that failed are kept (``failed``) so that their uses are not reported again."""

    id: str = ""
    title: str = ""
    description: str = ""
    start: str = ""
    start_node: yaml.Node | None = None
    player: str | None = None
    player_node: yaml.Node | None = None
    seed: int | None = None
    characters: dict[str, Character] = field(default_factory=dict)
    variables: list[Variable] = field(default_factory=list)
    endings: dict[str, Ending] = field(default_factory=dict)
    status_nodes: list[tuple[yaml.Node, dict[str, tuple[yaml.Node, yaml.Node]]]] = field(default_factory=list)
    chapters: list[ChapterEntry] = field(default_factory=list)
    map_node: yaml.Node | None = None
    failed_variables: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    """Characters and endings whose declaration failed."""


PortraitFolder = tuple[Path, Path]
"""A folder to look for portraits in, and the resolved folder its portraits must stay inside."""


def read_manifest(root: yaml.Node, reader: Reader, portrait_dirs: list[PortraitFolder]) -> Manifest:
    manifest = Manifest()
    # 'endings' is required too, but its absence has its own code (SG121) below.
    entries = reader.mapping(root, "story.yaml", MANIFEST_KEYS, {"id", "title", "start"})
    if entries is None:
        return manifest
    if "id" in entries:
        manifest.id = reader.identifier(entries["id"][1], "the story id") or ""
    if "title" in entries:
        manifest.title = reader.text(entries["title"][1], "the title") or ""
    if "description" in entries:
        manifest.description = reader.text(entries["description"][1], "the description", allow_empty=True) or ""
    if "start" in entries:
        manifest.start_node = entries["start"][1]
        manifest.start = reader.text(manifest.start_node, "start") or ""
    if "seed" in entries:
        manifest.seed = reader.integer(entries["seed"][1], "seed")
    if "characters" in entries:
        manifest.characters = _read_characters(entries["characters"][1], reader, portrait_dirs, manifest.failed)
    if "player" in entries:
        manifest.player_node = entries["player"][1]
        manifest.player = reader.text(manifest.player_node, "player")
        if manifest.player and manifest.player not in manifest.characters.keys() | manifest.failed:
            reader.report(
                Code.UNKNOWN_PLAYER,
                manifest.player_node,
                f"player '{manifest.player}' is not a declared character"
                f"{did_you_mean(manifest.player, set(manifest.characters))}; add it under 'characters:'",
            )
    if "variables" in entries:
        declared = read_variables(entries["variables"][1], reader)
        manifest.variables, manifest.failed_variables = declared.variables, declared.failed
    if "endings" in entries:
        failed = len(manifest.failed)
        manifest.endings = _read_endings(entries["endings"][1], reader, manifest.failed)
        # When every ending failed to read, that failure is the one problem to report.
        if (
            not manifest.endings
            and len(manifest.failed) == failed
            and isinstance(entries["endings"][1], yaml.MappingNode | yaml.ScalarNode)
        ):
            reader.report(Code.NO_ENDINGS, entries["endings"][1], "declare at least one ending under 'endings:'")
    elif root is not None:
        reader.report(Code.NO_ENDINGS, root, "the story declares no endings: add an 'endings:' mapping to story.yaml")
    if "status" in entries:
        manifest.status_nodes = _status_entries(entries["status"][1], reader)
    if "map" in entries:
        manifest.map_node = entries["map"][1]
    if "chapters" in entries:
        manifest.chapters = read_chapters(entries["chapters"][1], reader)
    return manifest


def _read_characters(
    node: yaml.Node, reader: Reader, portrait_dirs: list[PortraitFolder], failed: set[str]
) -> dict[str, Character]:
    characters: dict[str, Character] = {}
    if not reader.shape(node, yaml.MappingNode, "characters"):
        return characters
    assert isinstance(node, yaml.MappingNode)
    for key, value in node.value:
        cid = reader.identifier(key, "a character id")
        if cid is None or cid in characters:
            continue
        if cid in ("text", "if"):
            reader.report(Code.BAD_ID, key, f"'{cid}' is a reserved word in scene scripts: pick another character id")
            continue
        entries = reader.mapping(value, f"character '{cid}'", {"name", "color", "portrait"}, {"name"})
        if entries is None:
            failed.add(cid)
            continue
        name = reader.text(entries["name"][1], "a character's name") if "name" in entries else None
        color = "white"
        if "color" in entries:
            raw = reader.text(entries["color"][1], "a colour")
            if raw is not None and not (HEX_COLOR.match(raw) or raw.lower() in COLOR_NAMES):
                reader.report(
                    Code.BAD_COLOR,
                    entries["color"][1],
                    f"'{raw}' is not a colour: write #rrggbb (like \"#e8a33d\", quoted) or a name such as "
                    f"orange{did_you_mean(raw.lower(), COLOR_NAMES)}",
                )
            elif raw is not None:
                color = raw
        portrait = None
        if "portrait" in entries:
            wanted = reader.text(entries["portrait"][1], "a portrait name")
            if wanted is not None:
                portrait, outside = _find_portrait(wanted, portrait_dirs)
                if outside is not None:
                    reader.report(
                        Code.UNREADABLE,
                        entries["portrait"][1],
                        f"portrait '{wanted}' ({readable(str(outside))}) is a link that leads outside the story "
                        "folder, and a story may read only its own files: copy the picture into the story's "
                        "portraits folder instead of linking to it",
                    )
                elif portrait is None:
                    places = ", ".join(readable(str(d / f"{wanted}.txt")) for d, _ in portrait_dirs)
                    reader.report(
                        Code.NO_PORTRAIT, entries["portrait"][1], f"no portrait '{wanted}': looked for {places}"
                    )
        characters[cid] = Character(cid, name or cid, color, portrait, reader.pos(key))
    return characters


def _find_portrait(name: str, folders: list[PortraitFolder]) -> tuple[str | None, Path | None]:
    """(the first portrait file named ``name``, or None; the file found instead that leads
    outside the folder it belongs to, which must then not be used, or None)."""
    if not ID.match(name):
        return None, None
    for folder, root in folders:
        candidate = folder / f"{name}.txt"
        if candidate.is_file():
            if within(candidate, root) is None:
                return None, candidate
            return str(candidate), None
    return None, None


def _read_endings(node: yaml.Node, reader: Reader, failed: set[str]) -> dict[str, Ending]:
    endings: dict[str, Ending] = {}
    if not reader.shape(node, yaml.MappingNode, "endings"):
        return endings
    assert isinstance(node, yaml.MappingNode)
    for key, value in node.value:
        eid = reader.identifier(key, "an ending id")
        if eid is None or eid in endings:
            continue
        if isinstance(value, yaml.ScalarNode):
            title = reader.text(value, f"ending '{eid}'")
            if title is not None:
                endings[eid] = Ending(eid, title, "", reader.pos(key))
            else:
                failed.add(eid)
            continue
        entries = reader.mapping(value, f"ending '{eid}'", {"title", "description", "hint"}, {"title"})
        if entries is None or "title" not in entries:
            failed.add(eid)
            continue
        title = reader.text(entries["title"][1], "an ending's title")
        description = ""
        if "description" in entries:
            description = reader.text(entries["description"][1], "an ending's description", allow_empty=True) or ""
        hint = ""
        if "hint" in entries:
            hint = reader.text(entries["hint"][1], "an ending's hint", allow_empty=True) or ""
        if title is not None:
            endings[eid] = Ending(eid, title, description, reader.pos(key), hint)
    return endings


def _status_entries(node: yaml.Node, reader: Reader) -> list[tuple[yaml.Node, dict[str, tuple[yaml.Node, yaml.Node]]]]:
    out: list[tuple[yaml.Node, Entries]] = []
    if not reader.shape(node, yaml.SequenceNode, "status"):
        return out
    assert isinstance(node, yaml.SequenceNode)
    for item in node.value:
        entries = reader.mapping(item, "a status line", {"label", "show", "if", "help"}, {"label", "show"})
        if entries is not None and "label" in entries and "show" in entries:
            out.append((item, entries))
    return out


def compile_status(manifest: Manifest, schema: Schema, reader: Reader) -> list[tuple[StatusItem, yaml.Node]]:
    """Status lines compile after the variables are known; each comes with its YAML node."""
    items: list[tuple[StatusItem, yaml.Node]] = []
    for item, entries in manifest.status_nodes:
        label = reader.text(entries["label"][1], "a status label")
        source = reader.text(entries["show"][1], "what a status line shows")
        if label is None or source is None:
            continue
        value = compile_expression(source, schema, reader.text_pos(entries["show"][1]))
        if isinstance(value, ExprProblem):
            reader.report_expr(value, entries["show"][1])
            continue
        condition = None
        if "if" in entries:
            cond_source = reader.text(entries["if"][1], "a status condition")
            if cond_source is None:
                continue
            cond = compile_expression(cond_source, schema, reader.text_pos(entries["if"][1]), want=ValueType("bool"))
            if isinstance(cond, ExprProblem):
                reader.report_expr(cond, entries["if"][1])
                continue
            condition = cond
        help_text = ""
        if "help" in entries:
            help_text = reader.text(entries["help"][1], "a status line's help", allow_empty=True) or ""
        items.append((StatusItem(label, value, condition, reader.pos(item), help_text), item))
    return items
