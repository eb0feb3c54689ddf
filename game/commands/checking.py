"""``stars-gossip check``: load each story, prove it can always be finished, and report.

Reports come as text (``file:line:col: severity CODE: message`` with the play that shows each
finding and a summary line), JSON, or GitHub workflow annotations.
"""

from __future__ import annotations

import json
import shlex
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.commands.annotations import annotation
from game.commands.where import StoryFolder, is_folder
from game.engine.diagnostics import Code

if TYPE_CHECKING:
    from game.analysis import ChoicePath
    from game.engine import Diagnostic, Story
    from game.saves.report import SaveVerdict

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "json", "github")
PATH_LABELS = {
    Code.UNREACHABLE_SCENE: "nearest place its way in is missing",
    Code.UNREACHABLE_ENDING: "nearest place its way in is missing",
    Code.DEAD_CHOICE: "nearest place it is not offered",
}
"""How a finding's play is introduced, where it shows an absence rather than the fault itself."""


def check_command(
    folders: list[StoryFolder],
    fmt: str,
    max_states: int | None = None,
    against: list[Path] | None = None,
    max_memory: int | None = None,
) -> int:
    """Load each story, then prove it can always be finished; print diagnostics and a summary.
    With ``against`` (save files), also say whether each story as it is still loads them.

    Exit 0 when no story has errors, 1 when one has (including a check cut short by the
    state limit: a partial check is never a proof), 2 for usage errors. A save the stories
    strand is a warning: it never changes the exit status.
    """
    missing = [f for f in folders if not is_folder(f.path)]
    if missing:
        for folder in missing:
            print(
                f"stars-gossip check: {folder.path} is not a folder: give the folder that holds story.yaml",
                file=sys.stderr,
            )
        return EXIT_USAGE
    from game.analysis import DEFAULT_MAX_MEMORY, DEFAULT_MAX_STATES  # lazy: only the check needs the analysis

    limit = max_states if max_states is not None else DEFAULT_MAX_STATES
    memory = max_memory if max_memory is not None else DEFAULT_MAX_MEMORY
    checks = [check_one(folder.path, limit, memory) for folder in folders]
    for folder, checked in zip(folders, checks, strict=True):
        folder.say(checked.story.title if checked.story is not None else None)
    verdicts = _against_saves(against or [], checks)
    if fmt == "json":
        reports = [c.as_dict() for c in checks]
        if against:
            for checked, report in zip(checks, reports, strict=True):
                # Each story's report has the verdicts about it, and those about no story checked.
                mine = [v for v in verdicts if v.story is None or v.story is checked.story]
                report["saves"] = [v.as_dict() for v in mine]
        print(json.dumps(reports, indent=2))  # a list, one entry per story, however many
    elif fmt == "github":
        for checked in checks:
            for diagnostic, path in checked.findings:
                detail = "\n".join(path_lines(diagnostic, path, checked.directory)) if path is not None else ""
                print(annotation(diagnostic, detail))
            print(checked.summary_line())
        for verdict in verdicts:
            print(verdict)
    else:
        for checked in checks:
            for diagnostic, path in checked.findings:
                print(finding_text(diagnostic, path, checked.directory))
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


def check_one(directory: Path, max_states: int, max_memory: int | None = None) -> StoryCheck:
    """Load and check the story in ``directory``."""
    from game.analysis import check_story  # lazy: only the check needs the analysis
    from game.loader import load_story  # lazy: PyYAML is not needed for --help

    began = time.perf_counter()
    result = load_story(directory)
    loaded = time.perf_counter()
    findings: list[tuple[Diagnostic, ChoicePath | None]] = [(d, None) for d in result.diagnostics]
    story = result.story
    if story is None:
        return StoryCheck(
            directory, tuple(findings), None, None, None, (), 0, None, None, None, loaded - began, loaded - began
        )
    report = check_story(story, max_states) if max_memory is None else check_story(story, max_states, max_memory)
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


def finding_text(diagnostic: Diagnostic, path: ChoicePath | None, story_dir: Path) -> str:
    """The diagnostic's line, then the play that shows it and how to replay that play."""
    if path is None:
        return str(diagnostic)
    return "\n".join([str(diagnostic), *(f"    {line}" for line in path_lines(diagnostic, path, story_dir))])


def path_lines(diagnostic: Diagnostic, path: ChoicePath, story_dir: Path) -> list[str]:
    """The play that shows a finding, in choice texts, and the line that replays it."""
    from game.engine.wording import plural  # lazy: the engine stays off the game's start-up path

    shown = []
    for step in path.steps:
        chance = f" [outcome {step.outcome + 1} of {step.outcomes}]" if step.is_random else ""
        shown.append(f"{step.number}. {step.text}{chance}")
    way = " > ".join(shown) if shown else "(at the start)"
    label = PATH_LABELS.get(diagnostic.code, "shortest way")
    return [f"{label} ({plural(len(path.steps), 'choice')}): {way}", f"replay: {replay_command(path, story_dir)}"]


def replay_command(path: ChoicePath, story_dir: Path) -> str:
    """A shell line that plays ``path`` in line mode: its choice numbers piped into ``play --plain``."""
    keys = "".join(f"{n}\\n" for n in path.numbers)
    seed = path.seed if path.seed is not None else 0
    command = f"stars-gossip play --plain --story {shlex.quote(str(story_dir))} --seed {seed}"
    replay = f"printf '{keys}' | {command}" if path.numbers else command
    if path.seed is None:
        replay += "  (no seed found that draws these random outcomes; they must fall as shown)"
    return replay
