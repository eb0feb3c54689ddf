"""Writer mode's panel (``play --dev``): every variable with its value and domain, the visit
counts and the once-only choices taken, as the run stands after each step."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.engine import Story, Variable
from game.engine.playthrough import Playthrough
from game.engine.text import show_value

NAME_WIDTH = 14
"""Longer variable and scene names are cut (with …) to keep the values in one column."""


def domain_text(variable: Variable, value: object) -> Text:
    """The values ``variable`` can take: ``0..5``, ``yes/no``, or the enum's names with the
    current one in bold."""
    kind = variable.type.kind
    if kind == "int":
        return Text(f"{variable.minimum}..{variable.maximum}", style="dim")
    if kind == "bool":
        return Text("true/false", style="dim")
    parts = [Text(name, style="bold" if name == value else "dim") for name in variable.type.names]
    return Text("/", style="dim").join(parts)


def cut(name: str, width: int = NAME_WIDTH) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def run_table(story: Story, run: Playthrough) -> Table:
    """The state of ``run`` for the writer: variables, then visits, then once-only choices taken."""
    state = run.state
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    table.add_row(Text("scene", style="bold"), Text(state.scene, style="bold"), "")
    table.add_row(Text("choices", style="dim"), str(run.choices_made), "")
    table.add_row(Text("Variables", style="bold underline"), "", "")
    if not story.variables:
        table.add_row(Text("(none declared)", style="dim"), "", "")
    for variable, value in zip(story.variables, state.values, strict=True):
        changed = value != variable.initial
        table.add_row(
            cut(variable.name), Text(show_value(value), style="bold" if changed else ""), domain_text(variable, value)
        )
    table.add_row(Text("Visits", style="bold underline"), "", "")
    counted = dict(zip(story.visit_caps, state.visits, strict=True))
    for scene, times in sorted(run.entered.items()):
        cap = story.visit_caps.get(scene)
        note = Text(f"counts {counted[scene]} (to {cap})", style="dim") if cap is not None else Text("")
        table.add_row(cut(scene), str(times), note)
    if state.taken:
        table.add_row(Text("Taken once", style="bold underline"), "", "")
        for choice in sorted(state.taken):
            table.add_row(Text(cut(choice, 2 * NAME_WIDTH)), "", "")
    return table


class DevPanel(VerticalScroll, can_focus=False):
    """Under the play screen's sidebar (or docked at its right, class ``-docked``, on a screen
    without one); ``show`` after every step."""

    DEFAULT_CSS = """
    DevPanel {
        height: 1fr;
        min-height: 6;
        border-top: hkey $warning 60%;
        border-title-color: $warning;
        border-title-align: left;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    DevPanel.-docked {
        dock: right;
        width: 36;
        border-top: none;
        border-left: vkey $warning 60%;
        background: $surface;
    }
    PlayScreen.-narrow DevPanel {
        height: auto;
        max-height: 8;
        width: 1fr;
        border-top: none;
        border-left: vkey $warning 60%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Writer · F7 jump · F8 check"
        self._table: Table | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._table or "", id="dev-state")

    def show(self, story: Story, run: Playthrough) -> None:
        """The state of ``run`` now."""
        self._table = run_table(story, run)
        for shown in self.query("#dev-state").results(Static):
            shown.update(self._table)
