"""The title screen: title art, the story's name, the main menu; loads the story after the first frame."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.paths import assets_dir
from game.tui.footer import KeyFooter

if TYPE_CHECKING:
    from game.engine import Story
    from game.tui.gameapp import GameApp
    from game.tui.messages import SavesFound

TITLE_FILE = "title.txt"
FALLBACK_ART = "✦  ·    ˚   ✧        ·   ✦\n\nWHEN THE STARS GOSSIP\n\n·   ✧      ˚    ·   ✦    ·"


def title_art(story_dir: Path) -> str:
    """The story's own ``title.txt`` if it has one, else the game's, else a plain fallback."""
    for path in (story_dir / TITLE_FILE, assets_dir() / TITLE_FILE):
        try:
            art = path.read_text(encoding="utf-8").rstrip()
        except (OSError, UnicodeDecodeError):
            continue
        if art.strip():
            return _block(art)
    return _block(FALLBACK_ART)


def _block(art: str) -> str:
    """Pad every line to the widest, so centring moves the art as one block and keeps its shape."""
    lines = art.splitlines()
    width = max(len(line) for line in lines)
    return "\n".join(line.ljust(width) for line in lines)


MENU = (
    ("new-game", "New game"),
    ("continue", "Continue"),
    ("load", "Load"),
    ("endings", "Endings"),
    ("settings", "Settings"),
    ("help", "Help"),
    ("quit", "Quit"),
)
MENU_HEIGHT = len(MENU) + 2
"""The menu's height: its items and its border."""
SHORT_BELOW = 30
"""Terminals with fewer rows are short (the "-short" class): the menu's note or the story's
description, not both."""
MENU_WIDTH = 20
"""The menu's inner width (#menu in app.tcss, less border and padding): labels are centred in it."""
ACTIONS = {
    "new-game": "new_game",
    "continue": "continue",
    "load": "load",
    "endings": "screen.endings",
    "settings": "settings",
    "help": "help",
    "quit": "quit",
}
WAITING = {"new-game", "continue", "load", "endings"}
"""Off at first: New game and Endings until the story has loaded; Continue and Load until its saves are read
(and then only when there is a save to carry on, or any to list)."""


def menu_prompt(label: str, closed_because: str | None = None) -> Text:
    """A menu item's label, centred; a closed item says why in words (not only greyed out)."""
    if closed_because is None:
        return Text(label.center(MENU_WIDTH))
    return Text(f"{label} ({closed_because})".center(MENU_WIDTH), style="italic")


def open_item(menu: OptionList, key: str, closed_because: str | None = None) -> None:
    """Open the menu item ``key``, or close it saying why."""
    label = dict(MENU)[key]
    menu.replace_option_prompt(key, menu_prompt(label, closed_because))
    if closed_because is None:
        menu.enable_option(key)
    else:
        menu.disable_option(key)


class TitleScreen(Screen[None]):
    """Title art and the main menu; under it, the save Continue carries on."""

    AUTO_FOCUS = "#menu"
    """The menu has the focus from the first frame (Textual would give it to the scrolling page,
    and moving it to the menu later restyled both after the first frame)."""
    # Textual declares these as instance attributes, so they cannot be ClassVars here.
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (SHORT_BELOW, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new_game", "New game", id="new_game", tooltip="Start the story from the beginning"),
        Binding("c", "app.continue", "Continue", id="continue", tooltip="Carry on the newest save"),
        Binding("l", "app.load", "Load", id="title_load", show=False, tooltip="Pick a save to carry on"),
        Binding("e", "endings", "Endings", id="title_endings", show=False, tooltip="The endings found so far"),
        Binding("s", "app.settings", "Settings", id="title_settings", show=False, tooltip="Open the settings"),
        Binding("q", "app.quit", "Quit", id="title_quit", show=False, tooltip="Leave the game"),
    ]

    if TYPE_CHECKING:
        app: GameApp

    def __init__(self) -> None:
        super().__init__()
        self.art = ""
        self.story: Story | None = None
        self.cramped = False  # the art does not fit: the title is shown in one line instead
        self.short = False  # a short terminal (the "-short" breakpoint): no room for both lines below
        self.noted = False  # the note under the menu says where Continue goes

    def compose(self) -> ComposeResult:
        self.art = title_art(self.app.directory)
        with VerticalScroll(id="title-page"):
            yield Static(Text(self.art, style="bold"), id="title-art")
            yield Static(Text("Loading the story…", style="italic"), id="story-name")
            with Center():
                # An option list rather than six buttons: the same keys and clicks, and far less
                # to build and style before the first frame.
                yield OptionList(
                    *(
                        Option(
                            menu_prompt(label, "loading" if key in WAITING else None), id=key, disabled=key in WAITING
                        )
                        for key, label in MENU
                    ),
                    id="menu",
                )
            yield Static(Text(""), id="menu-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Nothing is highlighted until the story and its saves are known: an item highlighted
        # now would be left for New game or Continue a moment later, and an early Enter would
        # open it by surprise. (OptionList highlights its first open item when it is made.)
        menu = self.query_one("#menu", OptionList)
        menu.highlighted = None
        self.watch(self.app, "story", self.show_story, init=False)
        self.watch(self.app, "saves", self.show_saves)

    def on_resize(self, event: events.Resize) -> None:
        lines = self.art.splitlines()
        width = max((len(line) for line in lines), default=0)
        # Art, title, menu and the note under it must all fit; else one line of title instead.
        cramped = width > event.size.width - 4 or len(lines) + MENU_HEIGHT + 4 > event.size.height
        # From the size itself: Textual sets the "-short" class after this handler has run.
        short = event.size.height < SHORT_BELOW
        if cramped != self.cramped or short != self.short:
            self.cramped, self.short = cramped, short
            self.query_one("#title-art", Static).update(self.art_text())
            self.show_name()

    def art_text(self) -> Text:
        if not self.cramped:
            return Text(self.art, style="bold")
        title = self.story.title if self.story is not None else self.app.title
        return Text(f"✦  {title.upper()}  ✦", style="bold")

    def show_name(self) -> None:
        """The story's title (unless the cramped art already says it) and its description."""
        story = self.story
        if story is None:
            return
        lines = [] if self.cramped else [Text(story.title, style="bold")]
        # A short terminal has room under the menu for one of them: where Continue goes, when
        # there is a save (a returning player), else the story's description (a new one).
        if story.description and not (self.short and self.noted):
            lines.append(Text(story.description, style="italic"))
        self.query_one("#story-name", Static).update(Text("\n").join(lines))
        if self.cramped:
            self.query_one("#title-art", Static).update(self.art_text())

    def show_story(self, story: Story | None) -> None:
        """Show the loaded story's title and open New game."""
        if story is None:
            return
        self.story = story
        self.show_name()
        menu = self.query_one("#menu", OptionList)
        open_item(menu, "new-game")
        open_item(menu, "endings")
        menu.focus()

    def show_saves(self, found: SavesFound | None) -> None:
        """Open Continue when there is a save to carry on (named under the menu), Load when any slot
        is filled; highlight Continue, else New game, unless the player has highlighted another item."""
        if found is None:
            return
        menu = self.query_one("#menu", OptionList)
        newest = found.newest.save if found.newest is not None else None
        ours = (None, menu.get_option_index("new-game"))  # nothing yet, or what show_saves itself chose
        if newest is not None:
            open_item(menu, "continue")
            if menu.highlighted in ours:
                menu.highlighted = menu.get_option_index("continue")
            if newest.name and newest.name != newest.scene_title:
                note = Text.assemble(
                    ("Continue: ", "bold"), f"“{newest.name}”", (f" at {newest.scene_title}", "italic")
                )
            else:  # an autosave is named for its scene: say it once
                note = Text.assemble(("Continue at ", "bold"), (newest.scene_title, "italic"))
            if found.ended:  # that run went on to an ending: Continue goes back to before it
                note.append_text(Text.assemble(", before ", (f"“{found.ended}”", "italic")))
        else:
            open_item(menu, "continue", "no save")
            if menu.highlighted is None and self.story is not None:
                menu.highlighted = menu.get_option_index("new-game")
            note = Text("")
        if found.filled:
            open_item(menu, "load")
        else:
            open_item(menu, "load", "no saves")
        self.query_one("#menu-note", Static).update(note)
        noted = bool(note.plain)
        if noted != self.noted:
            self.noted = noted
            self.set_class(noted, "-noted")
            self.show_name()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in ACTIONS:
            await self.app.run_action(ACTIONS[event.option.id])

    def action_endings(self) -> None:
        """Open the endings gallery (once the story is loaded)."""
        from game.saves.records import records_of  # lazy: kept off the start-up path
        from game.tui.screens.endings import EndingsScreen

        if self.story is None:
            self.notify("The story is not ready: it is still loading, or it has errors.", severity="warning")
            return
        self.app.push_screen(EndingsScreen(self.story, records_of(self.story.id)))
