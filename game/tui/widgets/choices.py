"""The numbered list of what the player can do now."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine import ChoiceView
from game.tui.rendering import choice_prompt


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
        max-height: 11;
        min-width: 24;  /* the list cannot wrap its prompts into zero columns on a tiny terminal */
        border: round $primary 60%;
        border-title-color: $text-accent;
        padding: 0 1;
    }
    ChoiceList:focus {
        border: round $primary;
    }
    """

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(event.option_index + 1))

    def show_choices(self, choices: tuple[ChoiceView, ...]) -> None:
        """Replace the list with ``choices`` (the n-th option is choice n) and highlight the first."""
        self.set_options(Option(choice_prompt(c)) for c in choices)
        self.highlighted = 0 if choices else None
        self.scroll_home(animate=False)
