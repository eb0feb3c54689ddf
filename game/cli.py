"""The ``stars-gossip`` command.

Heavy parts (the loader and PyYAML, the checker, Textual) are imported inside the commands
that need them, so ``stars-gossip --help`` and the title screen stay fast.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shlex
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game import __version__
from game.engine.diagnostics import Code
from game.paths import bundled_story_dir

if TYPE_CHECKING:
    from game.analysis import ChoicePath
    from game.engine import Diagnostic, GameState, Story
    from game.loader import LoadResult
    from game.saves.report import SaveVerdict

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
PATH_LABELS = {
    Code.UNREACHABLE_SCENE: "nearest place its way in is missing",
    Code.UNREACHABLE_ENDING: "nearest place its way in is missing",
    Code.DEAD_CHOICE: "nearest place it is not offered",
}
"""How a finding's play is introduced, where it shows an absence rather than the fault itself."""


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
    check.add_argument(
        "stories", nargs="*", type=Path, metavar="DIR", help="story directories (default: the bundled story)"
    )
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.add_argument(
        "--max-states",
        type=_positive_int,
        default=None,
        metavar="N",
        help="stop exploring after N distinct states and report the story as not proven (default: 1,000,000)",
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
    story_map.add_argument(
        "story", nargs="?", type=Path, metavar="DIR", help="story directory (default: the bundled story)"
    )
    story_map.add_argument(
        "--format",
        choices=("text", "mermaid", "dot"),
        default="text",
        help="text (an outline), mermaid (for Markdown) or dot (for Graphviz); default: text",
    )
    story_map.add_argument(
        "--max-states",
        type=_positive_int,
        default=None,
        metavar="N",
        help="explore at most N states to mark what no play reaches (default: 1,000,000)",
    )
    serve = commands.add_parser("serve", help="serve the game to a web browser (on this computer only, by default)")
    serve.add_argument("--port", type=_port, default=8000, metavar="N", help="the port to listen on (default: 8000)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: 127.0.0.1, this computer only; 0.0.0.0 opens it to the network)",
    )
    serve.add_argument("--story", type=Path, metavar="DIR", help="serve the story in DIR instead of the bundled one")
    serve.add_argument("--save-dir", type=Path, metavar="DIR", help=SAVE_DIR_HELP)
    saves = commands.add_parser("saves", help="list the saved games: slot, story, scene, time and whether they load")
    saves.add_argument(
        "--story", type=Path, metavar="DIR", help="judge saves against the story in DIR (default: bundled)"
    )
    saves.add_argument("--save-dir", type=Path, metavar="DIR", help=SAVE_DIR_HELP)
    saves.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    return parser


SAVE_DIR_HELP = "the folder of saves (default: STARS_GOSSIP_SAVE_DIR, else saves/ in the user data folder)"


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


def _add_play_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plain", action="store_true", help="line-mode play on stdin/stdout (screen readers, pipes)")
    parser.add_argument("--story", type=Path, metavar="DIR", help="play the story in DIR instead of the bundled one")
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
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")):
        args_list = ["play", *args_list]
    args = parser.parse_args(args_list)
    if args.command == "map":
        return map_command(args.story or bundled_story_dir(), args.format, args.max_states)
    if args.command == "check":
        return check_command(args.stories or [bundled_story_dir()], args.format, args.max_states, args.against_save)
    if args.command == "saves":
        return saves_command(args.story or bundled_story_dir(), args.save_dir, args.format)
    if args.command == "serve":
        from game.tui.serve import serve  # lazy: only this command runs a web server

        return serve(args.story or bundled_story_dir(), args.host, args.port, args.save_dir)
    return play_command(args)


def _load_or_explain(directory: Path, command: str, purpose: str) -> Story | None:
    """The story in ``directory``; or None after printing its problems and what to do."""
    result = _load(directory)
    if result.story is None:
        for diagnostic in result.diagnostics:
            print(diagnostic, file=sys.stderr)
        print(f"{command}: the story in {directory} has errors; fix them to {purpose}.", file=sys.stderr)
    return result.story


def _load(directory: Path) -> LoadResult:
    from game.loader import load_story  # lazy: PyYAML is not needed for --help

    return load_story(directory)


def _has_terminal() -> bool:
    """Whether both ends are a terminal: the full-screen game needs one to draw on and read keys."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the system, a loop of links: not a usable folder
        return False


def play_command(args: argparse.Namespace) -> int:
    directory = args.story or bundled_story_dir()
    if not _is_folder(directory):
        print(
            f"stars-gossip: no story folder at {directory}: give --story the folder that holds story.yaml",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.scene is not None and args.resume is not None:
        print(
            "stars-gossip: --scene starts a new run; it cannot be combined with --continue or --load", file=sys.stderr
        )
        return EXIT_USAGE
    if not args.plain and not _has_terminal():
        print("(No terminal here: playing in line mode. Pass --plain to ask for it.)", file=sys.stderr)
        args.plain = True
    if not args.plain and args.scene is None:
        from game.tui.app import run_app  # lazy: Textual is the heaviest import

        return run_app(directory, args.seed, save_dir=args.save_dir, resume=args.resume)
    story = _load_or_explain(directory, "stars-gossip", "play it")
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
            from game.tui.app import run_app  # lazy: Textual is the heaviest import

            return run_app(directory, seed, state, save_dir=args.save_dir)
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
    """The state a shortest play into ``scene`` leaves, and that play in words; or why not."""
    if scene not in story.scenes:
        from game.engine.wording import did_you_mean

        return f"there is no scene '{scene}'{did_you_mean(scene, set(story.scenes))}"
    from game.analysis import explore, path_to, replay_to  # lazy: only writers jump

    exploration = explore(story, seed=seed)
    target = exploration.first_in_scene.get(scene)
    if target is None:
        reason = "" if exploration.complete else " within the state limit"
        return f"no play reaches scene '{scene}'{reason}: run 'stars-gossip check' to see why"
    return replay_to(exploration, target), path_to(exploration, target).describe()


def map_command(directory: Path, fmt: str, max_states: int | None = None) -> int:
    """Print the story's map; scenes no play reaches and choices never offered are marked."""
    if not _is_folder(directory):
        print(f"stars-gossip map: {directory} is not a folder: give the folder that holds story.yaml", file=sys.stderr)
        return EXIT_USAGE
    story = _load_or_explain(directory, "stars-gossip map", "map it")
    if story is None:
        return EXIT_PROBLEMS
    from game.analysis import DEFAULT_MAX_STATES, explore  # lazy: only the writer tools need the analysis
    from game.analysis.storymap import FORMATS, reach_of

    reach = reach_of(explore(story, max_states or DEFAULT_MAX_STATES))
    print(FORMATS[fmt](story, reach), end="")
    return EXIT_OK


def check_command(
    directories: list[Path], fmt: str, max_states: int | None = None, against: list[Path] | None = None
) -> int:
    """Load each story, then prove it can always be finished; print diagnostics and a summary.
    With ``against`` (save files), also say whether each story as it is still loads them.

    Exit 0 when no story has errors, 1 when one has (including a check cut short by the
    state limit: a partial check is never a proof), 2 for usage errors. A save the stories
    strand is a warning: it never changes the exit status.
    """
    missing = [d for d in directories if not _is_folder(d)]
    if missing:
        for directory in missing:
            print(
                f"stars-gossip check: {directory} is not a folder: give the folder that holds story.yaml",
                file=sys.stderr,
            )
        return EXIT_USAGE
    from game.analysis import DEFAULT_MAX_STATES  # lazy: only the check needs the analysis

    limit = max_states if max_states is not None else DEFAULT_MAX_STATES
    checks = [_check_one(directory, limit) for directory in directories]
    verdicts = _against_saves(against or [], checks)
    if fmt == "json":
        reports = [c.as_dict() for c in checks]
        if against:
            for checked, report in zip(checks, reports, strict=True):
                # Each story's report has the verdicts about it, and those about no story checked.
                mine = [v for v in verdicts if v.story is None or v.story is checked.story]
                report["saves"] = [v.as_dict() for v in mine]
        print(json.dumps(reports, indent=2))  # a list, one entry per story, however many
    else:
        for checked in checks:
            for diagnostic, path in checked.findings:
                print(_finding_text(diagnostic, path, checked.directory))
            print(checked.summary_line())
        for verdict in verdicts:
            print(verdict)
    return EXIT_OK if all(c.ok for c in checks) else EXIT_PROBLEMS


def _against_saves(files: list[Path], checks: list[StoryCheck]) -> list[SaveVerdict]:
    """What ``--against-save`` says of each save file, for the stories that loaded."""
    if not files:
        return []
    from game.saves import against_save  # lazy: only this option needs the saves

    stories = [c.story for c in checks if c.story is not None]
    return [verdict for path in files for verdict in against_save(path, stories)]


def saves_command(story_dir: Path, save_folder: Path | None, fmt: str) -> int:
    """List every save in the save folder; those of the story in ``story_dir`` say whether they load."""
    from game.saves.report import list_saves, saves_text  # lazy: only this command lists saves
    from game.userdirs import save_dir

    root = save_dir(save_folder)
    result = _load(story_dir) if _is_folder(story_dir) else None
    story = result.story if result is not None else None
    if fmt == "json":
        print(json.dumps([item.as_dict() for item in list_saves(root, story)], indent=2))
    else:
        print(saves_text(root, story), end="")
    return EXIT_OK


@dataclass(frozen=True, slots=True)
class StoryCheck:
    """What ``check`` found in one story folder: every finding in order, and the search's figures
    (``states`` and the rest are None when the story did not load)."""

    directory: Path
    findings: tuple[tuple[Diagnostic, ChoicePath | None], ...]
    scenes: int | None
    endings: int | None
    states: int | None
    set_aside: tuple[str, ...]
    merging_scenes: int
    transitions: int | None
    complete: bool | None
    proven: bool | None
    load_seconds: float
    seconds: float
    story: Story | None = None

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d, _ in self.findings)

    @property
    def warnings(self) -> int:
        return sum(d.severity == "warning" for d, _ in self.findings)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def as_dict(self) -> dict[str, object]:
        """The JSON report: a summary and the diagnostics, each with its play when it has one."""
        diagnostics = []
        for diagnostic, path in self.findings:
            entry = diagnostic.as_dict()
            if path is not None:
                entry["path"] = path.as_dict()
            diagnostics.append(entry)
        summary: dict[str, object] = {"story": str(self.directory), "scenes": self.scenes, "endings": self.endings}
        if self.states is not None:
            summary.update(
                states=self.states,
                set_aside=list(self.set_aside),
                merging_scenes=self.merging_scenes,
                transitions=self.transitions,
                complete=self.complete,
                proven=self.proven,
            )
        summary.update(
            ok=self.ok,
            errors=self.errors,
            warnings=self.warnings,
            load_seconds=round(self.load_seconds, 4),
            seconds=round(self.seconds, 4),
        )
        return {"summary": summary, "diagnostics": diagnostics}

    def summary_line(self) -> str:
        """``DIR: ok: 12 scenes, 3 endings, 4,321 states, 9,876 transitions, 0 error(s), 0 warning(s) in 120 ms``."""
        from game.engine.wording import plural  # lazy: the engine stays off the game's start-up path

        if self.ok:
            verdict = "ok"
        elif self.complete is False:
            verdict = "FAILED (state limit hit: not proven)"
        else:
            verdict = "FAILED"
        counts = ""
        if self.scenes is not None and self.endings is not None:
            counts = f"{plural(self.scenes, 'scene')}, {plural(self.endings, 'ending')}, "
        if self.states is not None and self.transitions is not None:
            reduced = []
            if self.set_aside:
                reduced.append(f"{plural(len(self.set_aside), 'variable')} set aside as deciding nothing")
            if self.merging_scenes:
                reduced.append(f"merged where dead in {plural(self.merging_scenes, 'scene')}")
            how = f" ({'; '.join(reduced)})" if reduced else ""
            counts += f"{plural(self.states, 'state')}{how}, {plural(self.transitions, 'transition')}, "
        return (
            f"{self.directory}: {verdict}: {counts}{self.errors} error(s), {self.warnings} warning(s) "
            f"in {self.seconds * 1000:.0f} ms"
        )


def _check_one(directory: Path, max_states: int) -> StoryCheck:
    """Load and check the story in ``directory``."""
    from game.analysis import check_story  # lazy: only the check needs the analysis

    began = time.perf_counter()
    result = _load(directory)
    loaded = time.perf_counter()
    findings: list[tuple[Diagnostic, ChoicePath | None]] = [(d, None) for d in result.diagnostics]
    story = result.story
    if story is None:
        return StoryCheck(
            directory, tuple(findings), None, None, None, (), 0, None, None, None, loaded - began, loaded - began
        )
    report = check_story(story, max_states)
    findings += [(f.diagnostic, f.path) for f in report.findings]
    return StoryCheck(
        directory=directory,
        findings=tuple(findings),
        scenes=len(story.scenes),
        endings=len(story.endings),
        states=report.exploration.state_count,
        set_aside=tuple(report.exploration.packing.set_aside()),
        merging_scenes=report.exploration.packing.merging_scenes(),
        transitions=report.exploration.transition_count,
        complete=report.complete,
        proven=report.proven,
        load_seconds=loaded - began,
        seconds=time.perf_counter() - began,
        story=story,
    )


def _finding_text(diagnostic: Diagnostic, path: ChoicePath | None, story_dir: Path) -> str:
    """The diagnostic's line, then the play that shows it and how to replay that play."""
    from game.engine.wording import plural  # lazy: the engine stays off the game's start-up path

    if path is None:
        return str(diagnostic)
    shown = []
    for step in path.steps:
        chance = f" [outcome {step.outcome + 1} of {step.outcomes}]" if step.is_random else ""
        shown.append(f"{step.number}. {step.text}{chance}")
    way = " > ".join(shown) if shown else "(at the start)"
    keys = "".join(f"{n}\\n" for n in path.numbers)
    seed = path.seed if path.seed is not None else 0
    command = f"stars-gossip play --plain --story {shlex.quote(str(story_dir))} --seed {seed}"
    replay = f"printf '{keys}' | {command}" if path.numbers else command
    if path.seed is None:
        replay += "  (no seed found that draws these random outcomes; they must fall as shown)"
    label = PATH_LABELS.get(diagnostic.code, "shortest way")
    return f"{diagnostic}\n    {label} ({plural(len(path.steps), 'choice')}): {way}\n    replay: {replay}"
