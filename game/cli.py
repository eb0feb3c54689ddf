"""The ``stars-gossip`` command: its arguments, and which command runs.

Every command that takes a story takes its folder the same way: a positional ``DIR``, else
the current folder when it holds a ``story.yaml``, else the bundled story (``commands.where``).
What the writer's commands do lives in ``game/commands/``. Heavy parts (the loader and
PyYAML, the checker, Textual) are imported inside the commands that need them, so
``stars-gossip --help`` and the title screen stay fast.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import sys
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING

from game import __version__
from game.commands.where import StoryFolder, is_folder, story_folder

if TYPE_CHECKING:
    from game.engine import GameState, Story

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
STORY_HELP = "the story folder (default: the current folder if it holds story.yaml, else the bundled story)"
SAVE_DIR_HELP = "the folder of saves (default: STARS_GOSSIP_SAVE_DIR, else saves/ in the user data folder)"
COMMANDS = ("play", "check", "map", "routes", "stats", "new", "schema", "saves", "serve")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stars-gossip",
        description="A text adventure on the space station of 'When the Stars Gossip', and its story tools.",
        epilog="Without a command it plays: 'stars-gossip DIR' is 'stars-gossip play DIR'.",
    )
    parser.add_argument("--version", action="version", version=f"stars-gossip {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play a story (the default command)")
    _add_play_arguments(play)

    check = commands.add_parser("check", help="check stories for errors and prove they can be finished")
    check.add_argument("stories", nargs="*", type=Path, metavar="DIR", help=STORY_HELP + "; several may be given")
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text, json, or github (workflow annotations for GitHub Actions); default: text",
    )
    _add_max_states(check, "stop exploring after N distinct states and report the story as not proven")
    check.add_argument(
        "--max-memory",
        type=_positive_int,
        default=None,
        metavar="MIB",
        help="the memory the search may use, in MiB (default: 1,024); a story of many millions of states needs more",
    )
    check.add_argument(
        "--against-save",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="also say whether the story as it is still loads the save in FILE (repeatable); a warning when it does not",
    )
    story_map = commands.add_parser("map", help="print a map of a story: its scenes and the choices between them")
    story_map.add_argument("story", nargs="?", type=Path, metavar="DIR", help=STORY_HELP)
    story_map.add_argument(
        "--format",
        choices=("text", "mermaid", "dot"),
        default="text",
        help="text (an outline), mermaid (for Markdown) or dot (for Graphviz); default: text",
    )
    story_map.add_argument("--effects", action="store_true", help="show what each choice and scene entry changes")
    _add_max_states(story_map, "explore at most N states to mark what no play reaches")

    routes = commands.add_parser("routes", help="list the distinct shortest ways to reach an ending")
    routes.add_argument("ending", metavar="ENDING", help="an ending's id (or the id of a scene that ends with it)")
    routes.add_argument("story", nargs="?", type=Path, metavar="DIR", help=STORY_HELP)
    routes.add_argument(
        "--limit", type=_route_limit, default=5, metavar="N", help="list at most N routes (default: 5, at most 100)"
    )
    routes.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    _add_max_states(routes, "explore at most N states")

    stats = commands.add_parser(
        "stats", help="print a story's figures: scenes, words, endings, choices, lines per character, route lengths"
    )
    stats.add_argument("story", nargs="?", type=Path, metavar="DIR", help=STORY_HELP)
    stats.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    _add_max_states(stats, "explore at most N states to measure the routes")

    new = commands.add_parser("new", help="start a new story in DIR: a few scenes that check and play at once")
    new.add_argument("story", type=Path, metavar="DIR", help="a new (or empty) folder to write the story in")

    schema = commands.add_parser("schema", help="print the JSON Schema of story files, for editors")
    schema.add_argument(
        "kind",
        nargs="?",
        choices=("manifest", "scene"),
        default="scene",
        help="manifest (story.yaml) or scene (every other file); default: scene",
    )
    schema.add_argument("--path", action="store_true", help="print where the installed schema file is instead")

    serve = commands.add_parser("serve", help="serve the game to a web browser (on this computer only, by default)")
    serve.add_argument("--port", type=_port, default=8000, metavar="N", help="the port to listen on (default: 8000)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: 127.0.0.1, this computer only; 0.0.0.0 opens it to the network)",
    )
    serve.add_argument("story_dir", nargs="?", type=Path, metavar="DIR", help=STORY_HELP)
    serve.add_argument("--story", type=Path, metavar="DIR", help="the same as DIR")
    serve.add_argument("--save-dir", type=Path, metavar="DIR", help=SAVE_DIR_HELP)
    saves = commands.add_parser("saves", help="list the saved games: slot, story, scene, time and whether they load")
    saves.add_argument("story_dir", nargs="?", type=Path, metavar="DIR", help="judge the saves against this story")
    saves.add_argument("--story", type=Path, metavar="DIR", help="the same as DIR")
    saves.add_argument("--save-dir", type=Path, metavar="DIR", help=SAVE_DIR_HELP)
    saves.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    return parser


def _add_max_states(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--max-states", type=_positive_int, default=None, metavar="N", help=f"{what} (default: 1,000,000)"
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("it must be at least 1")
    return value


def _port(text: str) -> int:
    port = _positive_int(text)
    if port > 65535:
        raise argparse.ArgumentTypeError("a port is at most 65535")
    return port


def _route_limit(text: str) -> int:
    from game.analysis.routes import MAX_ROUTES  # lazy: the analysis only for the routes command

    value = _positive_int(text)
    if value > MAX_ROUTES:
        raise argparse.ArgumentTypeError(f"at most {MAX_ROUTES} routes are listed: ask for {MAX_ROUTES} or fewer")
    return value


def _add_play_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("story_dir", nargs="?", type=Path, metavar="DIR", help=STORY_HELP)
    parser.add_argument("--plain", action="store_true", help="line-mode play on stdin/stdout (screen readers, pipes)")
    parser.add_argument("--story", type=Path, metavar="DIR", help="the same as DIR")
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed for random events (default: the story's own seed if it sets one, else a new one)",
    )
    parser.add_argument(
        "--scene",
        metavar="ID",
        help="start at scene ID, in the state the shortest play into it leaves (for writers testing a scene)",
    )
    resume = parser.add_mutually_exclusive_group()
    resume.add_argument(
        "--continue", dest="resume", action="store_const", const="newest", help="carry on the newest save"
    )
    resume.add_argument(
        "--load", dest="resume", metavar="SLOT", help="carry on the save in SLOT (1-9, quick, auto, or its name)"
    )
    parser.add_argument("--save-dir", type=Path, metavar="DIR", help=SAVE_DIR_HELP)
    parser.add_argument(
        "--watch", action="store_true", help="reload the story when a file in its folder changes (for writers)"
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="writer mode: a panel of variables and visits, jumps to any scene (F7), the story check (F8)",
    )


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`stars-gossip play --plain | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv: list[str] | None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    parser = _parser()
    implicit = not args_list or args_list[0] not in (*COMMANDS, "-h", "--help", "--version")
    if implicit:
        args_list = ["play", *args_list]
    args = parser.parse_args(args_list)
    if args.command == "new":
        from game.commands.writing import new_command  # lazy, as every command below

        return new_command(args.story)
    if args.command == "schema":
        from game.commands.writing import schema_command

        return schema_command(args.kind, args.path)
    if args.command == "check":
        from game.commands.checking import check_command

        folders = [story_folder(d) for d in args.stories] or [story_folder(None)]
        memory = args.max_memory << 20 if args.max_memory is not None else None
        return check_command(folders, args.format, args.max_states, args.against_save, memory)
    if args.command == "map":
        from game.commands.writing import map_command

        return map_command(story_folder(args.story), args.format, args.max_states, args.effects)
    if args.command == "stats":
        from game.commands.writing import stats_command

        return stats_command(story_folder(args.story), args.format, args.max_states)
    if args.command == "routes":
        from game.commands.writing import routes_command

        return routes_command(story_folder(args.story), args.ending, args.limit, args.max_states, args.format)
    given = _one_story(args.story_dir, args.story)
    if isinstance(given, str):
        print(f"stars-gossip {args.command}: {given}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "saves":
        return saves_command(story_folder(given), args.save_dir, args.format)
    if args.command == "serve":
        from game.tui.serve import serve  # lazy: only this command runs a web server

        return serve(story_folder(given).path, args.host, args.port, args.save_dir)
    return play_command(args, story_folder(given), implicit)


def _one_story(positional: Path | None, option: Path | None) -> Path | str | None:
    """The story folder given as DIR or as ``--story DIR`` (the same thing); or why not."""
    if positional is not None and option is not None and positional != option:
        return f"give the story folder once: {positional} and --story {option} differ"
    return positional if positional is not None else option


def _has_terminal() -> bool:
    """Whether both ends are a terminal: the full-screen game needs one to draw on and read keys."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def play_command(args: argparse.Namespace, folder: StoryFolder, implicit: bool = False) -> int:
    directory = folder.path
    if not is_folder(directory):
        also = f" (or a command: {', '.join(COMMANDS)})" if implicit else ""
        print(
            f"stars-gossip: no story folder at {directory}: give the folder that holds story.yaml{also}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.scene is not None and args.resume is not None:
        print(
            "stars-gossip: --scene starts a new run; it cannot be combined with --continue or --load", file=sys.stderr
        )
        return EXIT_USAGE
    if (args.watch or args.dev) and (args.plain or not _has_terminal()):
        print(
            "stars-gossip: --watch and --dev are for the full-screen game, in a terminal (not --plain)", file=sys.stderr
        )
        return EXIT_USAGE
    if not args.plain and not _has_terminal():
        print("(No terminal here: playing in line mode. Pass --plain to ask for it.)", file=sys.stderr)
        args.plain = True
    if not args.plain and args.scene is None:
        # Start-up builds what lives as long as the game (Textual's modules, styles, widgets, then
        # the story): the collector would scan it again and again for nothing. The app turns it
        # back on once the story has loaded after the first frame (StarsGossipApp.on_ready).
        gc.disable()
        try:
            from game.tui.launch import run_app  # lazy: Textual is the heaviest import

            return run_app(
                directory, args.seed, save_dir=args.save_dir, resume=args.resume, watch=args.watch, dev=args.dev
            )
        finally:
            gc.enable()  # also when the game ended before its first frame
    from game.commands.writing import load_or_explain  # lazy, as every command

    story = load_or_explain(folder, "stars-gossip", "play it", quiet_when_bundled=True, to_play=True)
    if story is None:
        return EXIT_PROBLEMS
    seed = args.seed if args.seed is not None else story.seed
    if seed is None:
        seed = time.time_ns() % (1 << 32)
    state = None
    if args.scene is not None:
        jumped = _jump(story, args.scene, seed)
        if isinstance(jumped, str):
            print(f"stars-gossip: {jumped}", file=sys.stderr)
            return EXIT_USAGE
        state, route = jumped
        print(textwrap.fill(f"(Starting at scene '{args.scene}', as reached by: {route})", 78), file=sys.stderr)
        if not args.plain:
            from game.tui.launch import run_app  # lazy: Textual is the heaviest import

            return run_app(directory, seed, state, save_dir=args.save_dir, watch=args.watch, dev=args.dev)
    from game.plain import PlainGame
    from game.saves import Shelf
    from game.userdirs import save_dir

    _tolerate_odd_bytes()
    shelf = Shelf(save_dir(args.save_dir), story.id)
    if sys.stdin is None:  # started with standard input closed: nothing will ever be typed
        return PlainGame(story, sys.stdout, shelf=shelf, remember_endings=True).play(iter(()), seed, state, args.resume)
    game = PlainGame(story, sys.stdout, echo_input=not sys.stdin.isatty(), shelf=shelf, remember_endings=True)
    return game.play(iter(sys.stdin.readline, ""), seed, state, args.resume)


def _tolerate_odd_bytes() -> None:
    """Typed bytes the locale cannot decode become U+FFFD, and text it cannot encode a '?':
    line mode answers a stray byte like any other wrong answer instead of stopping."""
    for stream in (sys.stdin, sys.stdout):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _jump(story: Story, scene: str, seed: int) -> tuple[GameState, str] | str:
    """The state a shortest play into ``scene`` leaves, and that play in words; or why not:
    the writer's jump of ``play --dev`` (``analysis/jump.py``)."""
    from game.analysis import replay_to  # lazy: only writers jump
    from game.analysis.jump import route_to

    route = route_to(story, scene, None, seed)
    if isinstance(route, str):
        return route
    return replay_to(route.exploration, route.target), route.describe()


def saves_command(folder: StoryFolder, save_folder: Path | None, fmt: str) -> int:
    """List every save in the save folder; those of the story in ``folder`` say whether they load."""
    from game.loader import load_story  # lazy: PyYAML is not needed for --help
    from game.saves.report import list_saves, saves_text  # lazy: only this command lists saves
    from game.userdirs import save_dir

    root = save_dir(save_folder)
    result = load_story(folder.path) if is_folder(folder.path) else None
    story = result.story if result is not None else None
    folder.say(story.title if story is not None else None)
    if fmt == "json":
        print(json.dumps([item.as_dict() for item in list_saves(root, story)], indent=2))
    else:
        print(saves_text(root, story), end="")
    return EXIT_OK
