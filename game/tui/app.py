"""The Textual application: title, styles, global keys; behaviour lives in ``screens/``."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import var
from textual.screen import Screen

from game.tui.commands import GameCommands
from game.tui.frames import FreshFrames
from game.tui.keeping import Keeper
from game.tui.messages import Autosaved, SavesFound, SavesListed, StoryLoaded
from game.tui.screens.title import TitleScreen
from game.tui.settings import Settings, load_settings
from game.tui.theming import install_themes, remember_themes

if TYPE_CHECKING:
    from game.engine import GameState, Story
    from game.loader import LoadResult
    from game.tui.gameapp import GameApp
    from game.tui.screens.play import PlayScreen
    from game.tui.screens.problems import ProblemsScreen
else:
    GameApp = App  # what screens see of the app (``tui/gameapp.py``) is for type checkers only

MIN_WIDTH, MIN_HEIGHT = 60, 18
SAVED = "Your run is saved: Continue on the title screen brings you back here."
KEPT_FOR_A_WHILE = (
    "This run stays in the autosaves until three choices of the new one replace it: "
    "save it to a slot (S) to keep it for good."
)


class StarsGossipApp(GameApp):
    """When the Stars Gossip, in the terminal."""

    TITLE = "When the Stars Gossip"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it too
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "Help", id="help", tooltip="How to play, and every key"),
        Binding("f2", "settings", "Settings", id="settings", tooltip="Theme, text speed, reduced motion"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="Leave the game (your run is saved)"),
        Binding("f9", "quickload", "Quickload", id="quickload", show=False, tooltip="Load the quicksave"),
    ]

    story: var[Story | None] = var(None)
    """The playable story, once loaded: screens watch it rather than being told."""
    saves: var[SavesFound | None] = var(None)
    """What the story's save folder holds, once read: the title offers Continue and Load from it."""

    def __init__(
        self,
        directory: Path,
        seed: int | None = 0,
        settings: Settings | None = None,
        start: GameState | None = None,
        save_dir: Path | None = None,
        resume: str | None = None,
    ) -> None:
        super().__init__()
        install_themes(self)
        self.directory = directory
        self.seed = seed
        self.start = start  # the first new game begins here (``play --scene``)
        self.settings = settings or load_settings()
        self.runs = 0
        self.size_notice: Screen[None] | None = None  # the "enlarge the terminal" screen while it is up
        self.resume = resume  # a save to carry on as soon as the story is loaded (--continue, --load)
        self.keeper = Keeper(self, save_dir)
        self.frames = FreshFrames()  # after a resize, the first full frame clears the terminal first
        self.problems: ProblemsScreen | None = None  # the list of the story's problems while it is up
        self.drawn = False  # whether the first frame has been drawn
        self.collector_held = False  # whether the collector is off until the story has loaded (on_ready)
        self.loading = True  # until the first load of the story has answered
        self.new_game_asked = False  # New game was asked for while the story was loading

    def on_mount(self) -> None:
        self.apply_settings(self.settings)
        remember_themes(self)
        self.push_screen(TitleScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette entries, less its own Quit: ours asks first when a run would be lost."""
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

    def on_ready(self) -> None:
        self.drawn = True
        if not gc.isenabled():
            # The command starts the game with the collector off (cli.py), and it stays off
            # until the story is loaded: start-up and loading make objects that live as long as
            # the game (Textual's classes and styles, the title screen, then the story's model),
            # and the collector would walk them all again and again for nothing. Each batch is
            # moved out of its sight (frozen) as it is done, so later collections skip it too.
            gc.freeze()
            self.collector_held = True
        # After the first frame has been drawn, so reading the story never delays it.
        self.load_story()

    @work(thread=True, exclusive=True, group="load")
    def load_story(self) -> None:
        """Read and compile the story off the UI thread, then its saves; the results arrive as
        ``StoryLoaded`` and ``SavesListed``."""
        result = self.read_story()
        story = result.story
        if story is not None and self.keeper.none_yet(story):
            # A new player's title changes once, New game, Continue and Load settled together.
            self.post_message(StoryLoaded(result))
            self.post_message(SavesListed(SavesFound(None, 0, "")))
            return
        # Reading saves can take a while (a save of an edited story is replayed to know whether
        # it still loads): New game opens first.
        self.post_message(StoryLoaded(result))
        if story is not None:
            self.post_message(SavesListed(self.keeper.found(story)))

    def read_story(self) -> LoadResult:
        """The story, for playing: one unchanged since it last loaded cleanly comes from its
        snapshot, without PyYAML or the rest of the loader (``loader/snapshot.py``)."""
        from game.loader.snapshot import quick_load  # lazy: the loader stays off the start-up path

        return quick_load(self.directory)

    @work(thread=True, exclusive=True, group="saves")
    def list_saves(self) -> None:
        """Read the save folder again off the UI thread (after the autosaves asked for are written)."""
        story = self.story
        if story is not None:
            self.post_message(SavesListed(self.keeper.found(story)))

    def on_story_loaded(self, message: StoryLoaded) -> None:
        """A playable story becomes ``story``; a broken one is listed on the problems screen."""
        if self.collector_held:
            self.collector_held = False
            gc.freeze()
            gc.enable()
        self.loading = False
        result = message.result
        problems = self.problems if self.problems in self.screen_stack else None
        if result.story is None:
            self.new_game_asked = False
            if problems is None:
                from game.tui.screens.problems import ProblemsScreen  # lazy: only for a story that cannot be played

                self.problems = ProblemsScreen(result)
                self.push_screen(self.problems)
            else:
                problems.show(result)
                self.notify("Still not playable: see the list.", severity="warning")
            return
        if problems is not None:
            problems.dismiss()
        self.problems = None
        self.keeper.keep_for(result.story)
        self.story = result.story
        if self.new_game_asked:
            self.new_game_asked = False
            self._new_game()

    def on_saves_listed(self, message: SavesListed) -> None:
        """Offer what was found; carry on the save asked for on the command line, once."""
        self.saves = message.found
        self.refresh_bindings()
        which, self.resume = self.resume, None
        if which is not None:
            self.keeper.resume(which)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Continue shows as unavailable (greyed in the footer) until there is a save to carry on."""
        if action == "continue":
            return (self.saves is not None and self.saves.newest is not None) or None
        return True

    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` from now on (theme and motion take effect at once)."""
        self.settings = settings
        if settings.theme in self.available_themes and settings.theme != self.theme:
            self.theme = settings.theme  # a theme change restyles every widget: only when it changes
        self.animation_level = "none" if settings.reduced_motion else "full"

    def on_resize(self, event: events.Resize) -> None:
        if not self.drawn and event.size == self.frames.size:
            # The terminal driver reports the size once more as it starts, unchanged. Textual
            # would keep that report and lay the title screen out again for it once the first
            # frame is drawn: ten milliseconds and a repaint while the story loads, for nothing.
            event.prevent_default()
        self.frames.resized(event.size)
        self.guard_size(event.size)  # also for that report: the screens may have been pushed since the first

    def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
        # Textual's one way to the terminal (private; tests/tui/test_playtest.py pins it): what
        # the top screen sends, when it is really sent (not held back by a batch), goes out as
        # ``frames`` says.
        if renderable is not None and screen is self.screen and not self._batch_count:
            renderable = self.frames.outgoing(renderable)
        super()._display(screen, renderable)

    def guard_size(self, size: Size | None = None) -> None:
        """Cover everything with the "enlarge the terminal" message while the terminal is too small."""
        width, height = size or self.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = self.size_notice is not None and self.screen is self.size_notice
        if too_small and not showing:
            from game.tui.screens.too_small import TooSmallScreen  # lazy: rarely needed

            self.size_notice = TooSmallScreen(MIN_WIDTH, MIN_HEIGHT)
            self.push_screen(self.size_notice)
        elif not too_small and showing:
            self.pop_screen()
            self.size_notice = None

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen  # lazy: kept off the start-up path

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        from game.tui.screens.settings import SettingsScreen  # lazy: kept off the start-up path

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(self.settings))

    def action_new_game(self) -> None:
        """Start a new run of the loaded story (asking first when a run would be lost)."""
        self.confirm_then("Abandon this run and start again?", self._new_game, saved_note=KEPT_FOR_A_WHILE)

    def _new_game(self) -> None:
        from game.engine.playthrough import Playthrough, StoryFault  # lazy: kept off the start-up path
        from game.tui.screens.play import PlayScreen

        if self.story is None:
            if self.loading:
                # Asked for while the story loads (the key is shown from the first frame): the
                # run starts the moment the story is there, rather than the key being refused.
                self.new_game_asked = True
            else:
                self.notify("The story cannot be played: it has errors (see the list).", severity="warning")
            return
        self.to_title()
        self.runs += 1  # each run draws with its own seed
        start, self.start = self.start, None
        run = Playthrough.begin(self.story, self.first_seed(self.story) + self.runs - 1, start)
        if isinstance(run, StoryFault):
            self.notify(
                f"The story cannot begin: a fault at {run.pos}: {run.message}. Run 'stars-gossip check' to find it.",
                title="Story fault",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        from game.saves import Session  # lazy: kept off the start-up path

        self.push_screen(PlayScreen(Session(run, self.keeper.shelf)))
        self.guard_size()

    def first_seed(self, story: Story) -> int:
        """The seed of the first run: the one asked for, else the story's own, else a fresh one."""
        if self.seed is None:
            self.seed = story.seed if story.seed is not None else time.time_ns() % (1 << 32)
        return self.seed

    def action_title(self) -> None:
        """Back to the title screen: at once when the run is saved (Continue brings it back), else after a yes."""
        self.confirm_then("Leave this run and go back to the title screen?", self.to_title, ask_when_saved=False)

    async def action_quit(self) -> None:
        self.confirm_then("Quit the game?", lambda: self.exit(0))

    def play_screen(self) -> PlayScreen | None:
        """The screen of the run in progress, if there is one."""
        from game.tui.screens.play import PlayScreen  # lazy: kept off the start-up path

        return next((screen for screen in self.screen_stack if isinstance(screen, PlayScreen)), None)

    def confirm_then(
        self, question: str, then: Callable[[], object], saved_note: str = SAVED, ask_when_saved: bool = True
    ) -> None:
        """Run ``then`` at once when no run is in progress; else after a yes, saying ``saved_note``
        when the run is safe in its autosave and that leaving loses it when it is not. With
        ``ask_when_saved`` False a saved run needs no yes."""
        play = self.play_screen()
        session = play.session if play is not None and play.mid_run else None
        if session is None or (not ask_when_saved and session.autosave_problem is None):
            then()
            return
        from game.tui.screens.confirm import ConfirmScreen  # lazy: kept off the start-up path

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        problem = session.autosave_problem
        detail = f"This run could not be saved, so leaving it loses it. {problem}" if problem else saved_note
        self.push_screen(ConfirmScreen(question, detail), answered)

    def to_title(self, list_saves: bool = True) -> None:
        """Close every screen above the title; read the saves again (Continue may carry on another)."""
        while len(self.screen_stack) > 2:  # [default screen, title, ...]
            self.pop_screen()
        self.guard_size()  # popping may have removed the size message
        if list_saves:
            self.list_saves()

    def action_continue(self) -> None:
        """Carry on the newest save this story can play."""
        found = self.saves
        newest = found.newest if found is not None else None
        if newest is None or newest.slot is None:
            self.notify("There is no save to continue yet.", severity="warning", timeout=3)
            return
        self.keeper.open(newest.slot)

    def action_load(self) -> None:
        """Open the load dialog; the slot picked is carried on."""
        from game.tui.screens.load import LoadScreen  # lazy: kept off the start-up path

        story, shelf = self.story, self.keeper.shelf
        if story is None or shelf is None:
            self.notify("The story is not ready: it is still loading, or it has errors.", severity="warning")
            return

        def picked(slot: str | None) -> None:
            if slot is not None:
                self.keeper.open(slot)

        self.push_screen(LoadScreen(story, shelf), picked)

    def action_quickload(self) -> None:
        from game.saves import QUICK  # lazy: kept off the start-up path

        self.keeper.open(QUICK)

    def action_save(self) -> None:
        """Open the save dialog of the run in progress (the command palette's Save)."""
        play = self.play_screen()
        if play is None:
            self.notify("Nothing to save: start or continue a run first.", severity="warning", timeout=3)
        else:
            play.action_save()

    def action_quicksave(self) -> None:
        play = self.play_screen()
        if play is None:
            self.notify("Nothing to save: start or continue a run first.", severity="warning", timeout=3)
        else:
            play.action_quicksave()

    def on_autosaved(self, message: Autosaved) -> None:
        self.keeper.autosaved(message.problem)

    def on_unmount(self) -> None:
        self.keeper.close()  # every autosave asked for is on disk before the game ends
