"""The Textual application: title, styles, global keys; behaviour lives in ``screens/``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import var
from textual.screen import Screen

from game.tui.commands import GameCommands
from game.tui.messages import StoryLoaded
from game.tui.screens.title import TitleScreen
from game.tui.settings import Settings, load_settings

if TYPE_CHECKING:
    from game.engine import GameState, Story

MIN_WIDTH, MIN_HEIGHT = 60, 18


class StarsGossipApp(App[int]):
    """When the Stars Gossip, in the terminal."""

    TITLE = "When the Stars Gossip"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it too
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "Help", id="help", tooltip="How to play, and every key"),
        Binding("f2", "settings", "Settings", id="settings", tooltip="Theme, text speed, reduced motion"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="Leave the game (asks first mid-story)"),
    ]

    story: var[Story | None] = var(None)
    """The playable story, once loaded: screens watch it rather than being told."""

    def __init__(
        self, directory: Path, seed: int | None = 0, settings: Settings | None = None, start: GameState | None = None
    ) -> None:
        super().__init__()
        self.directory = directory
        self.seed = seed
        self.start = start  # the first new game begins here (``play --scene``)
        self.settings = settings or load_settings()
        self.runs = 0
        self.size_notice: Screen[None] | None = None  # the "enlarge the terminal" screen while it is up

    def on_mount(self) -> None:
        self.apply_settings(self.settings)
        self.push_screen(TitleScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette entries, less its own Quit: ours asks first when a run would be lost."""
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

    def on_ready(self) -> None:
        # After the first frame has been drawn, so reading the story never delays it.
        self.load_story()

    @work(thread=True, exclusive=True, group="load")
    def load_story(self) -> None:
        """Read and compile the story off the UI thread; the result arrives as ``StoryLoaded``."""
        from game.loader import load_story  # lazy: PyYAML and the loader stay off the start-up path

        self.post_message(StoryLoaded(load_story(self.directory)))

    def on_story_loaded(self, message: StoryLoaded) -> None:
        """A playable story becomes ``story``; a broken one is listed on the problems screen."""
        from game.tui.screens.problems import ProblemsScreen  # lazy: after the first frame

        result = message.result
        problems = next((s for s in self.screen_stack if isinstance(s, ProblemsScreen)), None)
        if result.story is None:
            if problems is None:
                self.push_screen(ProblemsScreen(result))
            else:
                problems.show(result)
                self.notify("Still not playable: see the list.", severity="warning")
            return
        if problems is not None:
            problems.dismiss()
        self.story = result.story

    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` from now on (theme and motion take effect at once)."""
        self.settings = settings
        if settings.theme in self.available_themes and settings.theme != self.theme:
            self.theme = settings.theme  # a theme change restyles every widget: only when it changes
        self.animation_level = "none" if settings.reduced_motion else "full"

    def on_resize(self, event: events.Resize) -> None:
        self.guard_size(event.size)

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
        self.confirm_then("Abandon this run and start again?", self._new_game)

    def _new_game(self) -> None:
        from game.engine.playthrough import Playthrough, StoryFault  # lazy: kept off the start-up path
        from game.tui.screens.play import PlayScreen

        if self.story is None:
            self.notify("The story is not ready: it is still loading, or it has errors.", severity="warning")
            return
        self._to_title()
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
        self.push_screen(PlayScreen(run))
        self.guard_size()

    def first_seed(self, story: Story) -> int:
        """The seed of the first run: the one asked for, else the story's own, else a fresh one."""
        if self.seed is None:
            self.seed = story.seed if story.seed is not None else time.time_ns() % (1 << 32)
        return self.seed

    def action_title(self) -> None:
        """Back to the title screen (asking first when a run would be lost)."""
        self.confirm_then("Leave this run and go back to the title screen?", self._to_title)

    async def action_quit(self) -> None:
        self.confirm_then("Quit the game?", lambda: self.exit(0))

    @property
    def unsaved_progress(self) -> bool:
        """Whether a run in progress would be lost by leaving it."""
        from game.tui.screens.play import PlayScreen  # lazy: kept off the start-up path

        return any(isinstance(screen, PlayScreen) and screen.unsaved_progress for screen in self.screen_stack)

    def confirm_then(self, question: str, then: Callable[[], object]) -> None:
        """Run ``then`` at once, or after a yes when a run in progress would be lost."""
        if not self.unsaved_progress:
            then()
            return
        from game.tui.screens.confirm import ConfirmScreen  # lazy: kept off the start-up path

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        warning = "Your progress in this run will be lost (saving comes in a later version)."
        self.push_screen(ConfirmScreen(question, warning), answered)

    def _to_title(self) -> None:
        while len(self.screen_stack) > 2:  # [default screen, title, ...]
            self.pop_screen()
        self.guard_size()  # popping may have removed the size message


def run_app(directory: Path, seed: int | None, start: GameState | None = None) -> int:
    """Play the story in ``directory`` full-screen; returns the exit status.

    ``seed`` None draws with the story's own seed when its manifest fixes one, else a fresh one.
    With ``start``, the first new game begins in that state instead of the story's start.
    """
    return StarsGossipApp(directory, seed, start=start).run() or 0
