"""Where a writer's text splits: every part is found again at its offset, so columns stay right."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.loader.slicing import paragraphs, split_effects, stripped_text

TEXT = st.text(alphabet=st.sampled_from("ab ;\n\t{}="), max_size=40)


@given(TEXT)
def test_every_effect_is_found_at_its_offset_and_none_is_blank(source: str) -> None:
    parts = split_effects(source)
    for offset, part in parts:
        assert source[offset : offset + len(part)] == part
        assert part.strip() and part == part.lstrip() and ";" not in part
    assert [p.strip() for _, p in parts] == [c.strip() for c in source.split(";") if c.strip()]


@given(TEXT)
def test_every_paragraph_is_found_at_its_offset_stripped(source: str) -> None:
    found = paragraphs(source)
    for offset, paragraph in found:
        assert source[offset : offset + len(paragraph)] == paragraph
        assert paragraph == paragraph.strip() and paragraph
    assert " ".join(p for _, p in found).split() == source.split()


def test_blank_lines_split_paragraphs_and_single_line_breaks_do_not() -> None:
    assert paragraphs("One.\nStill one.\n\n  Two.\n \t\nThree.") == (
        (0, "One.\nStill one."),
        (19, "Two."),
        (27, "Three."),
    )
    assert paragraphs("   ") == ()


def test_stripping_keeps_the_offset_of_what_is_left() -> None:
    assert stripped_text("  go on \n") == (2, "go on")
    assert stripped_text("\nline\n", "\n") == (1, "line")
    text = "plain"
    offset, kept = stripped_text(text)
    assert (offset, kept) == (0, "plain") and kept is text
