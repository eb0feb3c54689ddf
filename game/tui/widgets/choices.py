"""The numbered list of what the player can do now."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets._option_list import OptionListContent  # the type set_options takes; not re-exported
from textual.widgets.option_list import Option

from game.engine import ChoiceView
from game.tui.rendering import TAKEN_MARK, choice_prompt


class ChoiceList(OptionList):
    """The scene's choices: arrows and Enter or a click pick one (number keys are the screen's).

    Posts ``ChoiceList.Picked`` with the number of the option picked (1 for the first).
    """

    class Picked(Message):
        """The player picked the ``number``-th option of the list."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        /* Room for three one-line choices (the most common count) whatever the scene offers: the
           transcript above keeps its height from one choice to the next, so its text does not jump
           and a choice does not cost the screen a new layout. */
        min-height: 5;
        max-height: 11;
        min-width: 24;  /* the list cannot wrap its prompts into zero columns on a tiny terminal */
        border: round $primary 60%;
        border-title-color: $text-accent;
        padding: 0 1 0 0;  /* the prompts' first column is the pointer's */
        /* The scrollbar's column is always kept: otherwise a resize can leave the list
           measured with a scrollbar its height no longer needs, choices wrapped narrower
           than the room they have, and the last one cut off behind it. */
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        scrollbar-size-horizontal: 0;
    }
    ChoiceList:focus {
        border: round $primary;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._choices: list[tuple[ChoiceView, bool]] = []  # each shown choice, and whether taken before
        self._pointed: int | None = None  # the option drawn with the pointer
        self._holding = False  # while True, a layout asked for is held back, and remembered
        self._held = False
        self._scrollbars_due = False  # set_options put off a check of the scrollbars
        self._drawn_width = 0  # the width the options were last drawn at

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        """Textual's refresh; a layout asked for while ``set_options`` holds layouts waits on its verdict."""
        if layout and self._holding:
            self._held, layout = True, False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Move the pointer with the highlight: the highlighted choice is told by shape too."""
        event.stop()
        if not self._choices or event.option_index == self._pointed:
            return
        for index in (self._pointed, event.option_index):
            if index is not None and index < len(self._choices):
                choice, taken = self._choices[index]
                self.replace_option_prompt_at_index(
                    index, choice_prompt(choice, taken, pointed=index == event.option_index)
                )
        self._pointed = event.option_index

    def set_options(self, options: Iterable[OptionListContent]) -> Self:
        """Replace the options; prompts set here (an ending's, a stuck scene's) have no pointer.

        The screen is laid out again only when the list's height changes: new options lay out the
        whole screen in Textual, though most often they fit in the room the list has (its minimum
        height is there for that) and nothing on the screen moves."""
        self._choices, self._pointed = [], None
        room, before = self.scrollable_content_region.height, self.virtual_size.height
        self._holding, self._held, self._scrollbars_due = True, False, False
        try:
            super().set_options(options)
        finally:
            self._holding = False
        after = self.virtual_size.height
        # Laid out already: the same number of lines keeps the height; fewer lines than the room
        # mean the minimum height set it, and as many lines as that room or fewer keep it too.
        if self._held and not (room and (after == before or (before < room and after <= room))):
            self.refresh(layout=True)
            if self._scrollbars_due:
                # The layout sizes the list to its new lines and shows or hides the scrollbar for
                # that height. Shown now, for the old height, the scrollbar would be hidden again
                # within that layout, which would ask for a second one; checked after it instead.
                self.call_after_refresh(self._refresh_scrollbars)
        elif self._scrollbars_due:
            self._refresh_scrollbars()
        return self

    def _refresh_scrollbars(self) -> None:
        """Textual's scrollbar check, put off while ``set_options`` replaces the options."""
        if self._holding:
            self._scrollbars_due = True
            return
        super()._refresh_scrollbars()

    def on_resize(self, event: events.Resize) -> None:
        """Textual's option list draws its options again on every resize; a list that only got
        taller or shorter (more or fewer choices) keeps its width and the options drawn for it.
        Left to Textual, the new height costs a second redraw of the list after the layout's."""
        if event.size.width == self._drawn_width:
            event.prevent_default()
        self._drawn_width = event.size.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Measured as drawn: beside the scrollbar's column, which the list always keeps.
        return super().get_content_height(container, viewport, width - self.styles.scrollbar_size_vertical)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(event.option_index + 1))

    def show_choices(self, choices: tuple[ChoiceView, ...], taken_before: frozenset[str] = frozenset()) -> None:
        """Replace the list with ``choices`` (the n-th option is choice n) and highlight the first;
        those whose ids are in ``taken_before`` are marked, and the border says what the mark means."""
        shown = [(c, c.id in taken_before) for c in choices]
        self.set_options(Option(choice_prompt(c, taken, i == 0)) for i, (c, taken) in enumerate(shown))
        self._choices, self._pointed = shown, 0 if choices else None
        marked = any(c.id in taken_before for c in choices)
        self.border_subtitle = f"{TAKEN_MARK} taken before" if marked else ""
        self.highlighted = 0 if choices else None
        self.scroll_home(animate=False)
