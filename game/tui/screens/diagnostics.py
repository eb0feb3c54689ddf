"""Writer mode's check (``play --dev``, F8): what the checker proves or finds about the story,
each finding at file:line:col with the shortest play that shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from game.engine import Diagnostic
from game.engine.diagnostics import Code
from game.engine.wording import plural
from game.tui.screens.problems import diagnostic_text

if TYPE_CHECKING:
    from game.analysis import CheckReport


ABSENCE_LABELS = {
    Code.UNREACHABLE_SCENE: "nearest place its way in is missing",
    Code.UNREACHABLE_ENDING: "nearest place its way in is missing",
    Code.DEAD_CHOICE: "nearest place it is not offered",
}
"""How a finding's play is introduced where it shows an absence, not the fault itself (as ``check`` says it)."""


def verdict_text(report: CheckReport, warnings: int) -> Text:
    """The headline: proven, or how many errors, with the search's size and time."""
    exploration = report.exploration
    story = exploration.story
    size = (
        f"{plural(len(story.scenes), 'scene')}, {plural(len(story.endings), 'ending')}, "
        f"{plural(exploration.state_count, 'state')} explored in {report.seconds * 1000:.0f} ms"
    )
    warned = f"; {plural(warnings, 'warning')}" if warnings else ""
    if report.proven:
        return Text.assemble(
            ("Proven: ", "bold green"), f"every scene and ending is reachable and no play gets stuck{warned}. ({size})"
        )
    if not report.complete:
        return Text.assemble(("Not proven: ", "bold red"), f"the state limit cut the search short{warned}. ({size})")
    return Text.assemble(("Not proven: ", "bold red"), f"{plural(report.errors, 'error')}{warned}. ({size})")


def findings_text(report: CheckReport, load_warnings: tuple[Diagnostic, ...]) -> Text:
    """Every load warning and checker finding, in the order ``stars-gossip check`` prints them."""
    lines: list[Text] = [diagnostic_text(d) for d in load_warnings]
    for finding in report.findings:
        line = diagnostic_text(finding.diagnostic)
        if finding.path is not None:
            label = ABSENCE_LABELS.get(finding.diagnostic.code, "shortest way")
            line.append(f"\n    {label}: {finding.path.describe()}", style="dim")
        lines.append(line)
    if not lines:
        return Text("Nothing to report.", style="dim")
    return Text("\n").join(lines)


class DiagnosticsScreen(ModalScreen[None]):
    """The check's verdict and findings over the game; Escape goes back to it."""

    DEFAULT_CSS = """
    #diagnostics-dialog {
        width: 100;
    }
    #diagnostics-dialog > #verdict {
        margin-bottom: 1;
    }
    #findings {
        height: auto;
        max-height: 1fr;
        margin-bottom: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f8", "dismiss", "Close", id="diagnostics_close", tooltip="Back to the game"),
    ]

    def __init__(self, report: CheckReport, load_warnings: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__()
        self.report, self.load_warnings = report, load_warnings

    def compose(self) -> ComposeResult:
        warnings = len(self.load_warnings) + sum(f.diagnostic.severity == "warning" for f in self.report.findings)
        with Vertical(id="diagnostics-dialog", classes="dialog"):
            yield Static(verdict_text(self.report, warnings), id="verdict")
            with VerticalScroll(id="findings"):
                yield Static(findings_text(self.report, self.load_warnings))
            yield Static(Text("Esc closes. Fix a finding and the check can be run again (F8).", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#diagnostics-dialog").border_title = "Story check"
