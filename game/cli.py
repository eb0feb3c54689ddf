"""The ``stars-gossip`` command.

Heavy parts (the loader and PyYAML, the checker, Textual) are imported inside the commands
that need them, so ``stars-gossip --help`` and the title screen stay fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from game import __version__
from game.paths import bundled_story_dir

if TYPE_CHECKING:
    from game.loader import LoadResult

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stars-gossip",
        description="A text adventure on the space station of 'When the Stars Gossip', and its story tools.",
    )
    parser.add_argument("--version", action="version", version=f"stars-gossip {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play a story (the default command)")
    _add_play_arguments(play)

    check = commands.add_parser("check", help="check stories for errors and prove they can be finished")
    check.add_argument("stories", nargs="*", type=Path, metavar="DIR", help="story directories (default: the bundled story)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    return parser


def _add_play_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plain", action="store_true", help="line-mode play on stdin/stdout (screen readers, pipes)")
    parser.add_argument("--story", type=Path, metavar="DIR", help="play the story in DIR instead of the bundled one")
    parser.add_argument("--seed", type=int, default=None, help="seed for random events (default: a new one each game)")


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    parser = _parser()
    if not args_list or args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version"):
        args_list = ["play", *args_list]
    args = parser.parse_args(args_list)
    if args.command == "check":
        return check_command(args.stories or [bundled_story_dir()], args.format)
    return play_command(args)


def _load(directory: Path) -> LoadResult:
    from game.loader import load_story  # lazy: PyYAML is not needed for --help

    return load_story(directory)


def play_command(args: argparse.Namespace) -> int:
    directory = args.story or bundled_story_dir()
    if not directory.is_dir():
        print(f"stars-gossip: no story directory at {directory}", file=sys.stderr)
        return EXIT_USAGE
    seed = args.seed if args.seed is not None else int(time.time_ns() % (1 << 32))
    if not args.plain:
        from game.tui.app import run_app  # lazy: Textual is the heaviest import

        return run_app(directory, seed)
    result = _load(directory)
    if result.story is None:
        for diagnostic in result.diagnostics:
            print(diagnostic, file=sys.stderr)
        print(f"stars-gossip: the story in {directory} has errors; fix them to play it.", file=sys.stderr)
        return EXIT_PROBLEMS
    from game.plain import PlainGame

    game = PlainGame(result.story, sys.stdout, echo_input=not sys.stdin.isatty())
    return game.play(iter(sys.stdin.readline, ""), seed)


def check_command(directories: list[Path], fmt: str) -> int:
    missing = [d for d in directories if not d.is_dir()]
    if missing:
        for directory in missing:
            print(f"stars-gossip check: {directory} is not a directory", file=sys.stderr)
        return EXIT_USAGE
    reports = []
    failed = False
    for directory in directories:
        began = time.perf_counter()
        result = _load(directory)
        elapsed = time.perf_counter() - began
        errors = len(result.errors)
        warnings = sum(d.severity == "warning" for d in result.diagnostics)
        failed = failed or errors > 0
        story = result.story
        summary = {
            "story": str(directory),
            "ok": errors == 0,
            "scenes": len(story.scenes) if story else None,
            "endings": len(story.endings) if story else None,
            "errors": errors,
            "warnings": warnings,
            "seconds": round(elapsed, 4),
        }
        reports.append((result, summary))
    if fmt == "json":
        payload = [
            {"summary": summary, "diagnostics": [d.as_dict() for d in result.diagnostics]} for result, summary in reports
        ]
        print(json.dumps(payload if len(payload) > 1 else payload[0], indent=2))
    else:
        for result, summary in reports:
            for diagnostic in result.diagnostics:
                print(diagnostic)
            print(_summary_line(summary))
    return EXIT_PROBLEMS if failed else EXIT_OK


def _summary_line(summary: dict[str, object]) -> str:
    verdict = "ok" if summary["ok"] else "FAILED"
    counts = f"{summary['scenes']} scenes, {summary['endings']} endings, " if summary["scenes"] is not None else ""
    ms = float(summary["seconds"]) * 1000  # type: ignore[arg-type]
    return (
        f"{summary['story']}: {verdict}: {counts}{summary['errors']} error(s), {summary['warnings']} warning(s) "
        f"in {ms:.0f} ms"
    )
