"""The completability check: explore, run the graph passes, collect the verdicts."""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass

from game.analysis.explore import DEFAULT_MAX_MEMORY, DEFAULT_MAX_STATES, Exploration, explore, unstartable
from game.analysis.graph import can_finish
from game.analysis.verdicts import (
    Finding,
    event_findings,
    limit_finding,
    reachability_findings,
    softlock_findings,
)
from game.engine import Diagnostic, Story, StoryRuntimeError
from game.engine.diagnostics import Code


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The outcome of checking one story.

    ``proven`` is True only when the whole state space was explored and nothing is wrong:
    every scene and ending is reachable, no reachable state is a soft-lock, no effect
    overflows and no expression faults. Findings are sorted by place.
    """

    exploration: Exploration
    findings: tuple[Finding, ...]
    finished: bytearray | None
    seconds: float

    @property
    def complete(self) -> bool:
        return self.exploration.complete

    @property
    def errors(self) -> int:
        return sum(f.diagnostic.severity == "error" for f in self.findings)

    @property
    def proven(self) -> bool:
        return self.complete and self.errors == 0

    def summary(self) -> dict[str, object]:
        story = self.exploration.story
        reached = self.exploration.first_in_scene
        return {
            "scenes": len(story.scenes),
            "scenes_reached": len(reached),
            "endings": len(story.endings),
            "endings_reached": len({story.scenes[s].ending for s in reached} - {None}),
            "states": self.exploration.state_count,
            "transitions": self.exploration.transition_count,
            # What the reduction did: variables no state needs, and scenes where dead fields merge states.
            "set_aside": self.exploration.packing.set_aside(),
            "merging_scenes": self.exploration.packing.merging_scenes(),
            "complete": self.complete,
            "proven": self.proven,
            "seconds": round(self.seconds, 4),
        }


def check_story(
    story: Story, max_states: int = DEFAULT_MAX_STATES, max_memory: int = DEFAULT_MAX_MEMORY, reduce: bool = True
) -> CheckReport:
    """Explore ``story`` exhaustively (up to ``max_states`` states, and as many as fit in
    ``max_memory`` bytes) and report every verdict."""
    # The search allocates millions of small tuples that never form cycles; left on, the
    # cyclic garbage collector would rescan the growing heap again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check(story, max_states, max_memory, reduce)
    finally:
        if collecting:
            gc.enable()


def _check(story: Story, max_states: int, max_memory: int, reduce: bool) -> CheckReport:
    began = time.perf_counter()
    try:
        exploration = explore(story, max_states, max_memory=max_memory, reduce=reduce)
    except StoryRuntimeError as fault:
        message = f"{fault.message} while entering the start scene: the game cannot even begin"
        finding = Finding(Diagnostic.make(Code.RUNTIME_ERROR, fault.pos.file, fault.pos.line, fault.pos.col, message))
        return CheckReport(unstartable(story), (finding,), None, time.perf_counter() - began)
    findings = event_findings(exploration)
    finished = None
    if exploration.complete:
        exploration.release_index()  # rebuilt only if a path is printed: the backward pass needs the room
        finished = can_finish(exploration)
        findings += reachability_findings(exploration)
        findings += softlock_findings(exploration, finished)
    else:
        findings.append(limit_finding(exploration, max_states))
    ordered = sorted(findings, key=lambda f: f.diagnostic.order())
    return CheckReport(exploration, tuple(ordered), finished, time.perf_counter() - began)
