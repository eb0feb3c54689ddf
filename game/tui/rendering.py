"""Writer text to Rich ``Text``: styled, but never parsed as markup.

Everything a writer typed (narration, lines, choice text, names, portrait art) goes through
``Text(...)`` here, so ``[brackets]`` and ``*stars*`` show exactly as written.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color

from game.engine import Block, ChoiceView, SceneView, StatusLine
from game.engine.model import Chapter, Character

METER_WIDTH = 10
SHORT_METER_WIDTH = 5
"""A meter's cells in the sidebar, and in the strip along the top of narrow terminals."""


@lru_cache(maxsize=64)
def character_style(color: str | None, bold: bool = True) -> Style:
    """The style of a character's name; the manifest's colour names and #rgb are all accepted."""
    if not color:
        return Style(bold=bold)
    try:
        parsed = Color.parse(color)
    except Exception:  # the loader validates colours; an odd one just shows unstyled
        return Style(bold=bold)
    return Style(color=RichColor.from_rgb(parsed.r, parsed.g, parsed.b), bold=bold)


def block_text(block: Block) -> Text:
    """A paragraph of the transcript: narration, or ``Name`` then the line."""
    if block.name is None:
        return Text(block.text)
    return Text.assemble((block.name, character_style(block.color)), "\n", (block.text, "italic"))


def scene_text(view: SceneView) -> Text:
    """All of a scene's blocks as one text, paragraphs separated by blank lines."""
    return Text("\n\n").join(block_text(b) for b in view.blocks)


def echo_text(choice: ChoiceView, player: Character | None) -> RenderableType:
    """The player's pick, echoed into the transcript: a spoken line as dialogue, an action as ``›``."""
    if choice.spoken and player is not None:
        return Text.assemble((player.name, character_style(player.color)), "\n", (f"“{choice.text}”", "italic"))
    return marked("›", Text(choice.text, style="italic"))


def marked(mark: str, text: Text) -> Hanging:
    """``mark`` then ``text``, wrapped lines hanging under the text rather than the mark."""
    return Hanging(Text.assemble((mark, "bold"), " "), text)


class Hanging:
    """``lead`` then ``text``; the text's wrapped lines hang under its first word, not under the
    lead (a number, a mark). Drawn as a grid of two columns would draw it, without the measuring
    a table does: a choice list and an echoed pick are drawn on every choice."""

    def __init__(self, lead: Text, text: Text) -> None:
        self.lead = lead
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.lead.cell_len
        room = max(1, options.max_width - indent)
        lines = self.text.wrap(console, room, justify="left", overflow="ellipsis")  # as a table cell
        blank = Text(" " * indent, style=self.lead.style)  # the lead's own style (not its marks') goes on down
        new_line = Segment.line()
        for number, line in enumerate(lines):
            line.pad_right(room - line.cell_len)  # the text's column is filled, as a grid fills it
            yield from Text.assemble(self.lead if number == 0 else blank, line).render(console)
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = self.lead.cell_len
        text = Measurement.get(console, options.update_width(max(1, options.max_width - indent)), self.text)
        return Measurement(text.minimum + indent, text.maximum + indent)


def chapter_text(chapter: Chapter) -> Text:
    """A chapter's heading, set above the first scene the player enters in it."""
    return Text(f"✦ {chapter.heading} ✦", style="bold reverse")


def heading_text(view: SceneView) -> Text:
    """The break between scenes: the scene's title and place."""
    parts = [p for p in dict.fromkeys((view.title, view.place)) if p]  # a place named like its scene, once
    return Text(" · ".join(parts) if parts else "⁂", style="bold")


def choice_label(choice: ChoiceView) -> Text:
    """A choice's words as listed: in quotes when Gong Ryong says them."""
    return Text(f"“{choice.text}”" if choice.spoken else choice.text)


POINTER = "›"
"""Points at the highlighted choice, besides the highlight's colour."""


def numbered(number: int, label: Text, pointed: bool = False) -> Hanging:
    """``number.`` then ``label``, wrapped lines hanging under the label rather than the number;
    in the column before the number, a pointer when it is the highlighted option of a list."""
    lead = Text.assemble((POINTER if pointed else " ", "bold"), " ", (f"{number}.", "bold"), " ")
    return Hanging(lead, label)


TAKEN_MARK = "✓"
"""Marks a choice taken before: in an earlier run, or in this one before a save was loaded (a
shape, so it never rests on colour alone)."""


def choice_prompt(choice: ChoiceView, taken_before: bool = False, pointed: bool = False) -> Hanging:
    """A choice as listed: a pointer when it is the highlighted one, its number key, then the
    line; a choice taken before is marked and set in italics, as visual novels grey
    out text already read."""
    label = choice_label(choice)
    if taken_before:
        label.stylize("italic")
        label = Text.assemble((TAKEN_MARK, "bold"), " ", label)
    return numbered(choice.number, label, pointed)


def status_items(
    lines: tuple[StatusLine, ...], compact: bool, explained: bool = False, cursor: int | None = None
) -> list[Text]:
    """One text per status line: the label, then a meter for int ranges (shorter when
    ``compact``) or the value; the writer's help under it with ``explained``, or under the
    ``cursor``'s line alone. Each carries its index as ``status`` meta, so the panel knows which
    line the mouse is over."""
    items: list[Text] = []
    cells = SHORT_METER_WIDTH if compact else METER_WIDTH
    for index, line in enumerate(lines):
        value = line.reading
        gap = " " if compact else "\n"
        if line.minimum is not None and line.maximum is not None and isinstance(line.value, int):
            span = max(1, line.maximum - line.minimum)
            filled = round((line.value - line.minimum) / span * cells)
            bar = Text.assemble(("█" * filled, "bold"), ("░" * (cells - filled), "dim"))
            item = Text.assemble((line.label, "bold"), gap, bar, f" {line.value}/{line.maximum}")
        else:
            item = Text.assemble((line.label, "bold"), ": " if compact else "\n", value)
        if line.help and (explained or index == cursor):
            item.append("\n" + line.help, style="italic")
        item.stylize(Style(meta={"status": index}))
        items.append(item)
    return items


def status_text(
    lines: tuple[StatusLine, ...],
    compact: bool,
    explained: bool = False,
    cursor: int | None = None,
    highlight: Style | None = None,
) -> RenderableType:
    """The status sidebar: one item under another, or when ``compact`` side by side, each on
    one row. With ``explained`` each item carries its help. With a ``cursor`` (the panel has the
    focus) the items go one under another, the cursor's line pointed at, in ``highlight``, with
    its help under it."""
    items = status_items(lines, compact, explained, cursor)
    if cursor is not None:
        return StatusRows(items, cursor, explained, highlight or Style(reverse=True))
    if compact and not explained:
        return Flow(items)
    return Text("\n\n" if explained else "\n").join(items)


CURSOR = "›"
"""Points at the status line being read (a shape, besides the highlight's colour)."""


class StatusRows:
    """Status items one under another, each after a column for the pointer, which marks the
    ``cursor``'s item (drawn in ``highlight``); with ``spaced`` a blank row between items."""

    def __init__(self, items: list[Text], cursor: int, spaced: bool, highlight: Style) -> None:
        self.rows = [self._row(item, index, index == cursor, highlight) for index, item in enumerate(items)]
        self.spaced = spaced

    @staticmethod
    def _row(item: Text, index: int, pointed: bool, highlight: Style) -> Hanging:
        meta = Style(meta={"status": index})  # the pointer's column belongs to the line too (for the mouse)
        if not pointed:
            return Hanging(Text("  ", style=meta), item)
        item = item.copy()
        item.style = highlight
        lead = Text(f"{CURSOR} ", style=highlight + meta)
        lead.stylize("bold", 0, 1)
        return Hanging(lead, item)

    def extent(self, console: Console, width: int, index: int) -> tuple[int, int]:
        """The first row of item ``index`` and how many rows it takes, at ``width``."""
        options = console.options.update_width(max(1, width))
        heights = [len(console.render_lines(row, options, pad=False)) for row in self.rows[: index + 1]]
        top = sum(heights[:-1]) + (index if self.spaced else 0)
        return top, heights[-1] if heights else 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for index, row in enumerate(self.rows):
            if index and self.spaced:
                yield Text("")
            yield row


class Flow:
    """Texts side by side like words in a paragraph: a row takes as many whole items as fit,
    separated by `` · ``; an item wider than the row takes a row of its own, shortened with
    an ellipsis (one row an item at most: the strip stays short)."""

    def __init__(self, items: list[Text], gap: str = "  ·  ") -> None:
        self.items = items
        self.gap = gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        row = Text()
        for item in self.items:
            if row.plain and row.cell_len + len(self.gap) + item.cell_len > width:
                yield row
                row = Text()
            if item.cell_len > width:
                item = item.copy()
                item.truncate(width, overflow="ellipsis")
            if row.plain:
                row.append(self.gap, style="dim")
            row.append_text(item)
        if row.plain:
            yield row


def initials(name: str) -> str:
    """Up to two capital letters for a portrait placeholder."""
    letters = [word[0] for word in name.split() if word[:1].isalnum()]
    return "".join(letters[:2]).upper() or "?"
