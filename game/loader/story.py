"""Load a story directory: ``story.yaml`` plus every other ``*.yaml`` below it."""

from __future__ import annotations

import gc
import hashlib
import os
from pathlib import Path

import yaml

from game.engine.diagnostics import Code, Diagnostic
from game.engine.model import Scene, Story
from game.engine.schema import Schema
from game.loader.cache import OutlineCache
from game.loader.chapters import assign_chapters
from game.loader.fields import Reader
from game.loader.files import MANIFEST, not_a_file, readable, scene_files
from game.loader.manifest import Manifest, compile_status, read_manifest
from game.loader.mapart import check_places, read_map
from game.loader.outline import FileOutline, SceneOutline
from game.loader.outliner import Parses, outline_file
from game.loader.references import Unreadable, check_story
from game.loader.result import LoadResult
from game.loader.scenes import FileReporter, SceneContext, compile_scene
from game.loader.yamlread import YamlFile, parse_yaml, read_bytes, read_yaml
from game.paths import assets_dir
from game.userdirs import cache_dir


def load_story(directory: Path | str, *, use_cache: bool = True) -> LoadResult:
    """Read and compile the story in ``directory``, collecting every problem on the way.

    With ``use_cache`` each scene file's outline is read from the outline cache when that
    file's bytes are unchanged (``loader/cache.py``): the result is the same either way.
    """
    # Loading allocates hundreds of thousands of long-lived nodes; the cyclic collector
    # would rescan them again and again (three times the whole load on 10,000 scenes).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(directory), OutlineCache.at(cache_dir()) if use_cache else None)
    finally:
        if was_enabled:
            gc.enable()


def _load(directory: Path, cache: OutlineCache | None) -> LoadResult:
    problems: list[Diagnostic] = []
    manifest_path = directory / MANIFEST
    shown_dir = readable(str(directory))
    if not_a_file(directory) != "is a folder":
        problems.append(
            Diagnostic.make(
                Code.UNREADABLE, shown_dir, 1, 1, "this is not a folder: give the folder that holds story.yaml"
            )
        )
        return LoadResult(None, tuple(problems), directory)
    manifest_problem = not_a_file(manifest_path)
    if manifest_problem == "does not exist":
        problems.append(
            Diagnostic.make(
                Code.NO_MANIFEST,
                readable(str(manifest_path)),
                1,
                1,
                "a story directory needs a story.yaml manifest: see scenes/README.md",
            )
        )
        return LoadResult(None, tuple(problems), directory)
    if manifest_problem is not None:
        problems.append(
            Diagnostic.make(
                Code.UNREADABLE,
                readable(str(manifest_path)),
                1,
                1,
                f"story.yaml {manifest_problem}: replace it with the manifest file",
            )
        )
        return LoadResult(None, tuple(problems), directory)

    def shown(path: Path) -> str:
        return readable(str(path) if directory == Path(".") else str(directory / path.relative_to(directory)))

    # Every file is read where it really is, and only when that is inside the story.
    root = directory.resolve()
    digest = hashlib.sha256()
    manifest_file = read_yaml(manifest_path, shown(manifest_path), problems, root)
    digest.update(MANIFEST.encode() + b"\0" + manifest_file.data + b"\0")
    manifest_reader = Reader(manifest_file.name, problems, manifest_file.lines)
    portrait_dirs = [(directory / "portraits", root), (assets_dir() / "portraits", assets_dir().resolve())]
    manifest = Manifest()
    if manifest_file.root is not None:
        manifest = read_manifest(manifest_file.root, manifest_reader, portrait_dirs)
    elif _is_empty(manifest_file, problems):
        # An empty manifest is one with every required key missing: say which.
        empty = yaml.MappingNode("tag:yaml.org,2002:map", [], yaml.Mark(manifest_file.name, 0, 0, 0, None, 0))
        read_manifest(empty, manifest_reader, portrait_dirs)
    schema = Schema.of(manifest.variables, frozenset(manifest.failed_variables))
    unreadable = Unreadable()

    sources: dict[str, tuple[FileReporter, SceneOutline]] = {}
    scene_paths: dict[str, str] = {}  # scene id -> its file, relative to the story, for chapters
    try:
        paths = scene_files(directory, problems)
    except OSError as err:
        problems.append(
            Diagnostic.make(Code.UNREADABLE, shown_dir, 1, 1, f"cannot list the story's files: {err.strerror or err}")
        )
        paths = []
    parses = Parses()
    for path in paths:
        odd = not_a_file(path)
        if odd is not None:
            problems.append(
                Diagnostic.make(
                    Code.UNREADABLE,
                    shown(path),
                    1,
                    1,
                    f"this {odd}: scene files must be regular files; rename or replace it",
                )
            )
            continue
        name = shown(path)
        relative = path.relative_to(directory).as_posix()
        data = read_bytes(path, name, problems, root)
        # File names are bytes to the system: hashed as such, whatever their encoding.
        digest.update(os.fsencode(relative) + b"\0" + (data or b"") + b"\0")
        if data is None:
            unreadable.lost = True
            continue
        reporter, outline = _outline(data, name, problems, cache, parses)
        unreadable.add(*outline[3])
        for scene in outline[2]:
            scene_id = scene[0]
            if scene_id in sources:
                first_reporter, first = sources[scene_id]
                reporter.report(
                    Code.DUPLICATE_SCENE,
                    scene[2],
                    f"scene '{scene_id}' is already defined at {first_reporter.pos(first[2])}: rename one",
                )
                continue
            sources[scene_id] = reporter, scene
            scene_paths[scene_id] = relative

    if manifest_file.root is None:
        # Scenes checked against a manifest that could not be read would only collect
        # echoes of its problem (every ending, speaker and variable unknown).
        return LoadResult(None, _in_order(problems, manifest_file.name), directory)
    player = manifest.characters.get(manifest.player or "")
    ctx = SceneContext(
        schema,
        set(sources),
        manifest.characters,
        set(manifest.endings),
        player=player.name if player is not None else "the player",
        failed=frozenset(manifest.failed),
    )
    scenes: dict[str, Scene] = {sid: compile_scene(outline, rep, ctx) for sid, (rep, outline) in sources.items()}
    status = compile_status(manifest, schema, manifest_reader)
    for item, node in status:
        pos = manifest_reader.pos(node)
        for expr in (item.value, item.condition):
            if expr is not None:
                ctx.refer(expr, pos.file, (pos.line, pos.col))
    check_story(manifest, manifest_reader, ctx, sources, unreadable, problems)
    chapters, scene_chapters = assign_chapters(manifest.chapters, scene_paths, manifest_reader)
    station_map = None
    if manifest.map_node is not None:
        map_dirs = [(directory / "maps", root), (assets_dir() / "maps", assets_dir().resolve())]
        station_map, places_node = read_map(manifest.map_node, manifest_reader, map_dirs)
        if station_map is not None and places_node is not None:
            check_places(station_map, places_node, (scene.place for scene in scenes.values()), manifest_reader)

    diagnostics = _in_order(problems, manifest_file.name)
    if any(d.severity == "error" for d in diagnostics):
        return LoadResult(None, diagnostics, directory)
    story = Story(
        id=manifest.id,
        title=manifest.title,
        start=manifest.start,
        player=manifest.player,
        characters=manifest.characters,
        variables=tuple(manifest.variables),
        endings=manifest.endings,
        scenes=scenes,
        status=tuple(item for item, _ in status),
        visit_caps=dict(schema.visit_caps),
        seed=manifest.seed,
        fingerprint=digest.hexdigest()[:16],
        description=manifest.description,
        chapters=chapters,
        scene_chapters=scene_chapters,
        map=station_map,
    )
    return LoadResult(story, diagnostics, directory)


def _is_empty(manifest_file: YamlFile, problems: list[Diagnostic]) -> bool:
    """Whether the manifest was read and found empty; its SG102 warning is then taken back."""
    for i, problem in enumerate(problems):
        if problem.code == Code.EMPTY_FILE and problem.file == manifest_file.name:
            del problems[i]
            return True
    return False


def _in_order(problems: list[Diagnostic], manifest: str) -> tuple[Diagnostic, ...]:
    """The diagnostics in the order they are reported: the manifest's first (every scene is
    read against it), then by file, line, column and code."""
    return tuple(sorted(problems, key=lambda d: (d.file != manifest, *d.order())))


def _outline(
    data: bytes, name: str, problems: list[Diagnostic], cache: OutlineCache | None, parses: Parses
) -> tuple[FileReporter, FileOutline]:
    """The outline of the scene file shown as ``name`` whose bytes are ``data``: from the cache
    when it holds one, else parsed (and cached); its own problems are reported to ``problems``."""
    key = hashlib.sha256(data).digest() if cache is not None else b""
    outline = cache.get(key) if cache is not None else None
    if outline is None:
        found: list[Diagnostic] = []
        outline = outline_file(parse_yaml(data, name, found), found, parses)
        if cache is not None:
            cache.put(key, outline)
    reporter = FileReporter(name, problems, outline[0])
    reporter.emit(outline[1])
    return reporter, outline
