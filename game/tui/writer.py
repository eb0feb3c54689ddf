"""The game with the writer's tools: live reload (``play --watch``) and writer mode (``--dev``).

``WriterApp`` is the game's app plus: a poll of the story folder that reloads the story when a
file changes (``watch.py``), carrying the run in progress over to the edited story the way a save
is carried over (``saves.restore``: one semantics), with a docked panel of problems while an edit
does not load; and in writer mode a panel of the run's state, palette entries to jump to any
scene by the checker's shortest way (``analysis/jump.py``), and the checker's findings on F8.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider, SimpleCommand
from textual.markup import escape
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from game.tui.app import StarsGossipApp
from game.tui.messages import SceneShown, StoryLoaded
from game.tui.settings import Settings
from game.tui.watch import POLL_SECONDS, FolderWatch

if TYPE_CHECKING:
    from game.analysis import CheckReport
    from game.analysis.jump import Route
    from game.engine import GameState, Story
    from game.engine.playthrough import Playthrough
    from game.loader import LoadResult
    from game.saves import Session
    from game.tui.screens.play import PlayScreen
    from game.tui.screens.reloaded import Answer


class StoryReloaded(Message):
    """The watched folder changed and was read again (on the watch's thread)."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__()
        self.result = result


class JumpFound(Message):
    """The way to ``scene`` (on the jump's thread): the run that arrives there, or why not.
    ``before`` is the state the run was in when the search began."""

    def __init__(self, scene: str, run: Playthrough | str, route: Route | None, before: GameState | None) -> None:
        super().__init__()
        self.scene, self.run, self.route, self.before = scene, run, route, before


class Checked(Message):
    """The checker's report on the story (on the check's thread)."""

    def __init__(self, report: CheckReport) -> None:
        super().__init__()
        self.report = report


def scene_label(story: Story, scene_id: str) -> str:
    """How the jump list describes a scene: its title and place, or the ending it shows."""
    scene = story.scenes[scene_id]
    if scene.ending is not None and scene.ending in story.endings:
        return f"the ending “{story.endings[scene.ending].title}”"
    return " · ".join(part for part in (scene.title, scene.place) if part) or "a scene without a title"


class WriterCommands(Provider):
    """Palette entries of writer mode: jump to each scene, check the story, the problem panel."""

    def entries(self) -> list[tuple[str, str, str]]:
        """(name, action, help) of every entry, scenes last; the help is writer text, which
        the palette reads as markup, so each is escaped where it is handed over."""
        app = self.app
        assert isinstance(app, WriterApp)
        found = [("Check the story", "check", "Run the checker and show its findings (F8)")]
        found.append(("Jump to a scene…", "jump", "Pick a scene; the shortest play into it is taken (F7)"))
        if app.watcher is not None:
            found.append(
                ("Show or hide the load problems", "toggle_problems", "The panel of the last failed reload (F6)")
            )
        story = app.story
        if app.dev and story is not None:
            for scene in story.scenes.values():
                found.append((f"Jump to scene {scene.id}", f"jump_to({scene.id!r})", scene_label(story, scene.id)))
        return found if app.dev else found[2:]

    async def discover(self) -> Hits:
        for name, action, help_text in self.entries()[:3]:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self.entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=escape(help_text))


class WriterApp(StarsGossipApp):
    """The game, watching its story folder (``watch``) and/or in writer mode (``dev``)."""

    COMMANDS = StarsGossipApp.COMMANDS | {WriterCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f6",
            "toggle_problems",
            "Problems",
            id="toggle_problems",
            show=False,
            tooltip="Show or hide the load problems",
        ),
        Binding("f7", "jump", "Jump", id="jump", show=False, tooltip="Jump to a scene by its shortest play"),
        Binding("f8", "check", "Check", id="check", show=False, tooltip="Check the story and show the findings"),
    ]

    def read_story(self) -> LoadResult:
        """The story loaded in full, as every reload loads it: a writer runs the checker on it,
        which is quickest on expressions compiled at once."""
        from game.loader import load_story  # lazy: PyYAML stays off the start-up path

        return load_story(self.directory)

    def __init__(
        self,
        directory: Path,
        seed: int | None = 0,
        settings: Settings | None = None,
        start: GameState | None = None,
        save_dir: Path | None = None,
        resume: str | None = None,
        *,
        watch: bool = False,
        dev: bool = False,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__(directory, seed, settings, start, save_dir, resume)
        self.watcher = FolderWatch(directory) if watch else None
        self.told_capped = False  # whether the writer knows the watch stopped at its cap
        self.dev = dev
        self.poll_seconds = poll_seconds
        self.loaded: LoadResult | None = None
        """The last load that gave a playable story (its warnings go with the check's findings)."""
        self.broken: LoadResult | None = None
        """The last reload, while it fails: the problem panel shows it."""
        self.problems_hidden = False
        self.scanning = False

    def on_mount(self) -> None:  # the game's own on_mount runs too (Textual calls each class's)
        if self.watcher is not None:
            self.scanning = True
            self.poll_story()  # the first look takes note of the folder, before the story is read
            self.set_interval(self.poll_seconds, self.poll_tick)

    def on_story_loaded(self, message: StoryLoaded) -> None:  # the game's own handler runs too
        if message.result.story is not None:
            self.loaded = message.result

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("jump", "check", "jump_to"):
            return self.dev
        if action == "toggle_problems":
            return self.watcher is not None
        return super().check_action(action, parameters)

    # Live reload

    def poll_tick(self) -> None:
        self.sync_problem_panel()  # the screen may have changed since: the panel follows it
        if not self.scanning:
            self.scanning = True
            self.poll_story()

    @work(thread=True, group="watch")
    def poll_story(self) -> None:
        """Look at the folder; once a change has settled, read the story again (with the outline
        cache, so only the files edited are parsed) and post the result."""
        from game.loader import load_story  # lazy: PyYAML stays off the start-up path

        assert self.watcher is not None
        try:
            changed = self.watcher.poll()
            if self.watcher.capped and not self.told_capped:
                self.told_capped = True
                note = (
                    f"Only the first {self.watcher.limit:,} story files are watched: edits to the others are not seen."
                )
                self.call_from_thread(self.notify, note, severity="warning", timeout=10)
            if changed and not get_current_worker().is_cancelled:
                self.post_message(StoryReloaded(load_story(self.directory, use_cache=True)))
        finally:
            self.scanning = False

    def on_story_reloaded(self, message: StoryReloaded) -> None:
        result = message.result
        if self.story is None:  # never loaded yet: the problems screen shows this, or the title
            self.post_message(StoryLoaded(result))
            return
        if result.story is None:
            self.broken, self.problems_hidden = result, False
            self.sync_problem_panel()
            return
        self.broken = None
        self.sync_problem_panel()
        self.withdraw_offer()
        self.loaded = result
        story = result.story
        self.keeper.keep_for(story)
        self.story = story
        play = self.play_screen()
        if play is not None and play.playthrough.story is not story:
            self.carry_over(play, story)
        else:
            self.notify("Story reloaded.", timeout=2)
        self.list_saves()

    def carry_over(self, play: PlayScreen, story: Story) -> None:
        """Carry the run on ``play`` over to the edited ``story`` as a save would be (``carry.py``):
        in place when its state still fits; else say why and offer to replay, restart or jump."""
        from game.tui.carry import Kept, carry_over  # lazy: only when a story is reloaded
        from game.tui.keeping import capitalised
        from game.tui.screens.reloaded import ReloadedScreen

        session = play.session
        carried = carry_over(session, story)
        if isinstance(carried, Kept):
            play.replace_run(self.session_of(carried.run, session), again=True)
            changed = capitalised("; ".join(carried.notes))
            self.notify(f"Story reloaded. {changed}." if changed else "Story reloaded.", timeout=4, markup=False)
            return
        replayed = carried.replayed

        def answered(answer: Answer | None) -> None:
            if answer == "restart":
                self._new_game()
            elif answer == "jump":
                self.action_jump()
            elif answer == "rebuilt" and replayed is not None and self.play_screen() is play:
                play.replace_run(self.session_of(replayed, session), note="↻ Replayed on the edited story.")

        self.push_screen(ReloadedScreen(carried.why, replayed is not None), answered)

    def withdraw_offer(self) -> None:
        """Close the question a previous reload asked (a newer version of the story is here)."""
        from game.tui.screens.reloaded import ReloadedScreen  # lazy: only when a reload strands a run

        if isinstance(self.screen, ReloadedScreen):
            self.screen.dismiss(None)

    def session_of(self, run: Playthrough, was: Session) -> Session:
        """A session for ``run`` that carries on ``was``'s play time, on the story's save shelf."""
        from game.saves import Session  # lazy: kept off the start-up path

        return Session(run, self.keeper.shelf, played=was.play_seconds(), created=was.created)

    def problem_screen(self) -> Screen[object] | None:
        """The screen the problem panel belongs on: the topmost one that is not a dialog."""
        return next((s for s in reversed(self.screen_stack) if not isinstance(s, ModalScreen)), None)

    def sync_problem_panel(self) -> None:
        """Show the last failed reload in a panel on the current screen, or take the panel away."""
        from game.tui.widgets.problem_panel import ProblemPanel  # lazy: only when watching

        home = self.problem_screen()
        for screen in self.screen_stack:
            for panel in screen.query(ProblemPanel):
                if screen is not home or self.broken is None or self.problems_hidden:
                    panel.remove()
                elif panel.result is not self.broken:
                    panel.show(self.broken)
        if home is not None and self.broken is not None and not self.problems_hidden and not home.query(ProblemPanel):
            home.mount(ProblemPanel(self.broken))

    def on_problem_panel_closed(self, message: Message) -> None:
        self.action_toggle_problems()

    def action_toggle_problems(self) -> None:
        """Hide the problem panel, or show it again."""
        if self.broken is None:
            self.notify("The story loads: there are no load problems to show.", timeout=3)
            return
        self.problems_hidden = not self.problems_hidden
        self.sync_problem_panel()

    # Writer mode

    def on_scene_shown(self, message: SceneShown) -> None:
        """Writer mode: the state panel follows every step of the run."""
        if not self.dev:
            return
        from game.tui.widgets.devpanel import DevPanel  # lazy: only in writer mode

        play = self.play_screen()
        if play is None or play.playthrough is not message.run:
            return
        panels = play.query(DevPanel)
        panel = panels.first() if panels else None
        if panel is None:
            panel = DevPanel(id="devpanel")
            sidebar = play.query("#sidebar")
            if sidebar:
                sidebar.first().mount(panel)
            else:
                play.mount(panel.add_class("-docked"))
        panel.show(message.run.story, message.run)

    def action_jump(self) -> None:
        """A list of every scene; the one picked is jumped to."""
        story = self.story
        if story is None:
            self.notify("The story is not ready: it is still loading, or it has errors.", severity="warning")
            return
        commands = []
        for scene in story.scenes:
            commands.append(
                SimpleCommand(scene, partial(self.action_jump_to, scene), escape(scene_label(story, scene)))
            )
        self.search_commands(commands, placeholder="Jump to scene…")

    def action_jump_to(self, scene: str) -> None:
        """Jump to ``scene`` by the checker's shortest play (searched on a thread)."""
        story = self.story
        if story is None:
            return
        play = self.play_screen()
        run = play.playthrough if play is not None else None
        self.find_jump(story, scene, run, self.first_seed(story) + self.runs)

    @work(thread=True, exclusive=True, group="jump")
    def find_jump(self, story: Story, scene: str, run: Playthrough | None, seed: int) -> None:
        from game.analysis.jump import jumped_run, route_to  # lazy: the analysis is only for writers

        before = run.state if run is not None else None
        route = route_to(story, scene, run, seed)
        if isinstance(route, str):
            self.post_message(JumpFound(scene, route, None, before))
        else:
            self.post_message(JumpFound(scene, jumped_run(story, route, run, seed), route, before))

    def on_jump_found(self, message: JumpFound) -> None:
        from game.tui.screens.play import PlayScreen  # lazy: kept off the start-up path

        run, route = message.run, message.route
        if isinstance(run, str) or route is None:
            self.notify(f"Cannot jump to '{message.scene}': {run}.", severity="warning", markup=False, timeout=8)
            return
        if run.story is not self.story:  # a reload came in while the way was searched
            self.notify("The story changed while the way was searched: jump again.", severity="warning")
            return
        play = self.play_screen()
        now = play.playthrough.state if play is not None else None
        if not route.from_start and now is not message.before:
            self.notify("The run moved on while the way was searched: jump again.", severity="warning")
            return
        where = "from the start of the story" if route.from_start else "from here"
        note = f"↷ Jumped to '{message.scene}' {where}: {route.describe()}."
        if route.from_start:
            self.runs += 1
        if play is None:
            from game.saves import Session  # lazy: kept off the start-up path

            session = Session(run, self.keeper.shelf)
            self.to_title(list_saves=False)
            self.push_screen(PlayScreen(session, banner=note[2:]))
            self.guard_size()
        else:
            session = self.session_of(run, play.session)
            play.replace_run(session, note=note)
        self.keeper.autosave(session)

    def action_check(self) -> None:
        """Run the checker on the story (on a thread); its findings open in a screen."""
        if self.story is None:
            self.notify("The story is not ready: it is still loading, or it has errors.", severity="warning")
            return
        self.notify("Checking the story…", timeout=2)
        self.check_story(self.story)

    @work(thread=True, exclusive=True, group="check")
    def check_story(self, story: Story) -> None:
        from game.analysis import check_story  # lazy: the analysis is only for writers

        self.post_message(Checked(check_story(story)))

    def on_checked(self, message: Checked) -> None:
        from game.tui.screens.diagnostics import DiagnosticsScreen  # lazy: only for writers

        loaded = self.loaded
        same = loaded is not None and loaded.story is message.report.exploration.story
        warnings = tuple(d for d in loaded.diagnostics if d.severity != "error") if loaded is not None and same else ()
        self.push_screen(DiagnosticsScreen(message.report, warnings))
