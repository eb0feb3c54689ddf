"""The writer's commands besides ``check``: ``map``, ``routes``, ``schema`` and ``new``."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.commands.where import StoryFolder, is_folder

if TYPE_CHECKING:
    from game.analysis.routes import Route
    from game.engine import Story

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
SCHEMA_KINDS = ("manifest", "scene")


def load_or_explain(
    folder: StoryFolder, command: str, purpose: str, quiet_when_bundled: bool = False, to_play: bool = False
) -> Story | None:
    """The story in ``folder``, after saying which it is (unless ``quiet_when_bundled`` and it is
    the bundled one: players need no word of it); or None after printing its problems and what to do.
    ``to_play``: the story is wanted for playing, so it may come from its snapshot
    (``loader/snapshot.py``); the writer's tools load it in full."""
    if to_play:
        from game.loader.snapshot import quick_load as load_story  # lazy: PyYAML is not needed for --help
    else:
        from game.loader import load_story

    result = load_story(folder.path)
    if not quiet_when_bundled or folder.how != "bundled" or result.story is None:
        folder.say(result.story.title if result.story is not None else None)
    if result.story is None:
        for diagnostic in result.diagnostics:
            print(diagnostic, file=sys.stderr)
        print(f"{command}: the story in {folder.shown} has errors; fix them to {purpose}.", file=sys.stderr)
    return result.story


def not_a_folder(folder: StoryFolder, command: str) -> bool:
    """Whether ``folder`` is missing (and the usage error was printed)."""
    if is_folder(folder.path):
        return False
    print(f"{command}: {folder.path} is not a folder: give the folder that holds story.yaml", file=sys.stderr)
    return True


def map_command(folder: StoryFolder, fmt: str, max_states: int | None = None, effects: bool = False) -> int:
    """Print the story's map; scenes no play reaches and choices never offered are marked."""
    if not_a_folder(folder, "stars-gossip map"):
        return EXIT_USAGE
    story = load_or_explain(folder, "stars-gossip map", "map it")
    if story is None:
        return EXIT_PROBLEMS
    from game.analysis import DEFAULT_MAX_STATES, explore  # lazy: only the writer tools need the analysis
    from game.analysis.storymap import FORMATS, reach_of

    reach = reach_of(explore(story, max_states or DEFAULT_MAX_STATES))
    print(FORMATS[fmt](story, reach, effects), end="")
    return EXIT_OK


def stats_command(folder: StoryFolder, fmt: str, max_states: int | None = None) -> int:
    """Print the story's figures; route lengths come from the checker's exploration."""
    if not_a_folder(folder, "stars-gossip stats"):
        return EXIT_USAGE
    story = load_or_explain(folder, "stars-gossip stats", "count it")
    if story is None:
        return EXIT_PROBLEMS
    import dataclasses
    import json

    from game.analysis import DEFAULT_MAX_STATES, explore  # lazy: only the writer tools need the analysis
    from game.analysis.stats import count, render

    stats = count(story, explore(story, max_states or DEFAULT_MAX_STATES))
    if fmt == "json":
        print(json.dumps(dataclasses.asdict(stats) | {"words": stats.words}, indent=2))
    else:
        print(render(story, stats), end="")
    return EXIT_OK


def routes_command(
    folder: StoryFolder, ending: str, limit: int, max_states: int | None = None, fmt: str = "text"
) -> int:
    """Print the distinct shortest routes to ``ending`` (an ending id, or an ending scene's id)."""
    if not_a_folder(folder, "stars-gossip routes"):
        return EXIT_USAGE
    story = load_or_explain(folder, "stars-gossip routes", "find its routes")
    if story is None:
        return EXIT_PROBLEMS
    ending_id = _ending_named(story, ending)
    if ending_id is None:
        from game.engine.wording import did_you_mean

        known = ", ".join(sorted(story.endings))
        hint = did_you_mean(ending, set(story.endings) | {s.id for s in story.scenes.values() if s.ending})
        print(f"stars-gossip routes: there is no ending '{ending}'{hint}; the endings are: {known}", file=sys.stderr)
        return EXIT_USAGE
    from game.analysis import DEFAULT_MAX_STATES, explore  # lazy: only the writer tools need the analysis
    from game.analysis.routes import routes_to

    exploration = explore(story, max_states or DEFAULT_MAX_STATES)
    routes = routes_to(exploration, ending_id, limit)
    if fmt == "json":
        report = {
            "story": str(folder.path),
            "ending": ending_id,
            "title": story.endings[ending_id].title,
            "complete": exploration.complete,
            "routes": [{**r.path.as_dict(), "new_choices": sorted(r.new_choices)} for r in routes],
        }
        print(json.dumps(report, indent=2))
    else:
        print(routes_text(story, ending_id, routes, folder.path, exploration.complete), end="")
    return EXIT_OK if routes else EXIT_PROBLEMS


def _ending_named(story: Story, name: str) -> str | None:
    if name in story.endings:
        return name
    scene = story.scenes.get(name)
    return scene.ending if scene is not None else None


def routes_text(story: Story, ending: str, routes: list[Route], story_dir: Path, complete: bool) -> str:
    """Each route as its numbered choices, each with the title of the scene it is made in, and
    the line that replays it; the choices where a route parts from the first are starred."""
    from game.commands.checking import replay_command
    from game.engine.wording import plural

    title = " ".join(story.endings[ending].title.split())
    cut = "" if complete else " (the search stopped at its state limit: longer routes may be missing)"
    if not routes:
        why = "within the state limit" if not complete else "from the start: run 'stars-gossip check' to see why"
        return f"No play reaches ending '{ending}' ({title}) {why}.\n"
    lines = [f"Routes to ending '{ending}' ({title}): {plural(len(routes), 'distinct route')}, shortest first{cut}"]
    if len(routes) > 1:
        lines.append("(* marks the choices where a route parts from route 1)")
    for n, route in enumerate(routes, start=1):
        lines.append("")
        lines.append(f"Route {n} ({plural(len(route.path.steps), 'choice')}):")
        if not route.path.steps:
            lines.append("    (the story starts in this ending)")
        for step in route.path.steps:
            scene = story.scenes[step.scene]
            where = " ".join((scene.title or scene.id).split())
            chance = f" [outcome {step.outcome + 1} of {step.outcomes}]" if step.is_random else ""
            mark = "*" if step.choice_id in route.new_choices else " "
            lines.append(f"  {mark} {where}: {step.number}. {' '.join(step.text.split())}{chance}")
        lines.append(f"    replay: {replay_command(route.path, story_dir)}")
    return "\n".join(lines) + "\n"


def schema_command(kind: str, path_only: bool) -> int:
    """Print the JSON Schema of story.yaml (``manifest``) or of scene files (``scene``), or its path."""
    from game.commands.scaffold import schema_path

    path = schema_path(kind)
    if path_only:
        print(path)
        return EXIT_OK
    try:
        print(path.read_text(encoding="utf-8"), end="")
    except OSError as error:
        print(f"stars-gossip schema: cannot read {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def new_command(folder: Path) -> int:
    """Write a new story into ``folder`` and say what to do next."""
    from game.commands.scaffold import refusal, write_scaffold

    refused = refusal(folder)
    if refused is not None:
        print(f"stars-gossip new: {refused}", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = write_scaffold(folder)
    except OSError as error:
        print(f"stars-gossip new: cannot write the story in {folder}: {error.strerror or error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"A new story in {folder}:")
    for path in written:
        print(f"  {path}")
    print(f"Next: cd {shlex.quote(str(folder))} && stars-gossip check && stars-gossip play --plain")
    return EXIT_OK
