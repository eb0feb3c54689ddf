"""Writer text becomes Rich text exactly as written: brackets and markup-like text stay literal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from game.engine import Block, ChoiceView, StatusLine
from game.engine.model import Character
from game.tui.rendering import (
    Hanging,
    StatusRows,
    block_text,
    choice_label,
    choice_prompt,
    echo_text,
    initials,
    status_items,
    status_text,
)
from game.tui.widgets.portrait import placeholder_art, read_art


def test_brackets_and_markup_like_text_stay_literal() -> None:
    text = block_text(Block("eve", "Eve [admin]", "orange", "[bold]not bold[/bold] and [link=x]"))
    assert text.plain == "Eve [admin]\n[bold]not bold[/bold] and [link=x]"
    assert all("link" not in str(span.style) for span in text.spans)


def test_dialogue_name_takes_the_character_colour() -> None:
    text = block_text(Block("eve", "Eve Kim", "orange", "Hello."))
    name_style = text.spans[0].style
    assert not isinstance(name_style, str) and name_style.color is not None and name_style.bold


def test_narration_has_no_name() -> None:
    assert block_text(Block(None, None, None, "The hatch opens.")).plain == "The hatch opens."


def test_spoken_choice_is_echoed_as_the_players_line_and_an_action_with_a_mark() -> None:
    ryong = Character("ryong", "Gong Ryong", "#7fd1ff")
    assert echo_text(ChoiceView(1, "a", "Hi [there]", True), ryong).plain == "Gong Ryong\n“Hi [there]”"
    action = echo_text(ChoiceView(1, "a", "Wave [hand]", False), ryong)
    assert isinstance(action, Hanging)
    assert (action.lead.plain, action.text.plain) == ("› ", "Wave [hand]")
    assert choice_label(ChoiceView(2, "a", "Hi", True)).plain == "“Hi”"
    assert choice_label(ChoiceView(3, "b", "Wave [hand]", False)).plain == "Wave [hand]"
    prompt = choice_prompt(ChoiceView(2, "a", "Hi", True))
    assert (prompt.lead.plain, prompt.text.plain) == ("  2. ", "“Hi”")


def test_a_choice_prompt_shows_the_pointer_and_a_choice_taken_before_by_shape() -> None:
    prompt = choice_prompt(ChoiceView(3, "b", "Wave", False), taken_before=True, pointed=True)
    assert (prompt.lead.plain, prompt.text.plain) == ("› 3. ", "✓ Wave")


def test_int_ranges_draw_as_meters_and_other_values_as_text() -> None:
    lines = (StatusLine("Trust", 2, 0, 4), StatusLine("Keycard", True), StatusLine("Mood", "calm"))
    side = status_text(lines, compact=False)
    assert isinstance(side, Text)
    assert side.plain == "Trust\n█████░░░░░ 2/4\nKeycard\nyes\nMood\ncalm"
    assert [item.plain for item in status_items(lines, compact=True)] == [
        "Trust ██░░░ 2/4",  # a shorter meter in the strip along the top
        "Keycard: yes",
        "Mood: calm",
    ]


def test_compact_status_wraps_between_items_never_inside_one() -> None:
    lines = (StatusLine("Ice-cream tub", "in_bag"), StatusLine("Hours since the hatch closed", 2, 0, 12))
    console = Console(width=40, record=True)
    console.print(status_text(lines, compact=True))
    rows = [row.rstrip() for row in console.export_text().splitlines()]
    assert (
        rows == ["Ice-cream tub: in_bag", "Hours since the hatch closed ██░░░░░░░░ 2/12"[:40].rstrip()]
        or rows[0] == "Ice-cream tub: in_bag"
    )


def test_compact_status_never_wraps_an_item_it_shortens_it_on_a_row_of_its_own() -> None:
    lines = (StatusLine("Trust (Eve)", 2, 0, 4), StatusLine("Second parcel", "in the freezer beside the tub"))
    console = Console(width=30, record=True, file=io.StringIO())
    console.print(status_text(lines, compact=True))
    rows = [row.rstrip() for row in console.export_text().splitlines()]
    assert rows == ["Trust (Eve) ██░░░ 2/4", "Second parcel: in the freezer…"]


def test_with_a_cursor_the_status_points_at_one_line_and_explains_it_alone() -> None:
    lines = (
        StatusLine("Trust", 2, 0, 4, help="How far she trusts you."),
        StatusLine("Mood", "calm", help="How you feel today, all things considered."),
        StatusLine("Stomach", "fine"),
    )
    rows = status_text(lines, compact=False, cursor=1)
    assert isinstance(rows, StatusRows)
    console = Console(width=24, record=True, file=io.StringIO())
    console.print(rows)
    assert [row.rstrip() for row in console.export_text().splitlines()] == [
        "  Trust",
        "  █████░░░░░ 2/4",
        "› Mood",
        "  calm",
        "  How you feel today,",
        "  all things considered.",
        "  Stomach",
        "  fine",
    ]
    assert rows.extent(console, 24, 0) == (0, 2)
    assert rows.extent(console, 24, 1) == (2, 4)
    assert rows.extent(console, 24, 2) == (6, 2)
    spaced = status_text(lines, compact=True, explained=True, cursor=2)
    assert isinstance(spaced, StatusRows)
    console = Console(width=24, record=True, file=io.StringIO())
    console.print(spaced)
    shown = [row.rstrip() for row in console.export_text().splitlines()]
    assert shown.index("› Stomach: fine") == spaced.extent(console, 24, 2)[0]  # below the blank rows too
    assert spaced.extent(console, 24, 2)[1] == 1
    assert "" in shown and "How you feel today, all things" in " ".join(" ".join(shown).split())  # every line explained


def test_placeholder_portrait_shows_initials() -> None:
    assert initials("Eve Kim") == "EK"
    assert "EK" in placeholder_art("Eve Kim")


def test_unreadable_portrait_is_none(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert read_art(str(tmp_path / "missing.txt")) is None


def test_a_hanging_text_wraps_under_its_first_word_and_cuts_a_word_too_long_as_a_table_cell() -> None:
    console = Console(width=80)
    prompt = choice_prompt(ChoiceView(12, "a", "Go round the ring again, unhurriedly", False), pointed=True)

    def drawn(width: int) -> list[str]:
        lines = console.render_lines(prompt, console.options.update_width(width), pad=False)
        return ["".join(segment.text for segment in line).rstrip() for line in lines]

    assert drawn(20) == ["› 12. Go round the", "      ring again,", "      unhurriedly"]
    assert drawn(12)[-1] == "      unhur…"
