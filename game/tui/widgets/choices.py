"""The numbered list of what the player can do now."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine import ChoiceView
from game.tui.rendering import choice_prompt


class ChoiceList(OptionList):
    """The scene's choices: arrows and Enter or a click pick one (number keys are the screen's).

    Posts ``OptionList.OptionSelected`` with the option id set to the choice number.
    """

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

    def show_choices(self, choices: tuple[ChoiceView, ...]) -> None:
        """Replace the list with ``choices`` and highlight the first."""
        self.set_options(Option(choice_prompt(c), id=str(c.number)) for c in choices)
        self.highlighted = 0 if choices else None
        self.scroll_home(animate=False)
