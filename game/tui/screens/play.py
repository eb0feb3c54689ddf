"""The play screen: transcript, choices, the current speaker's portrait and the status sidebar."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets.option_list import Option

from game.engine import SceneView
from game.engine.model import Chapter, Character
from game.engine.playthrough import StoryFault
from game.saves import QUICK, SLOTS, Session, status_of
from game.saves.records import found_endings, record_choices, record_ending, records_of
from game.tui.footer import KeyFooter
from game.tui.messages import SceneShown
from game.tui.rendering import chapter_text, echo_text, heading_text, numbered, scene_text
from game.tui.widgets.choices import ChoiceList
from game.tui.widgets.header import SceneHeader
from game.tui.widgets.portrait import Portrait
from game.tui.widgets.status import StatusPanel
from game.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from game.tui.gameapp import GameApp

WIDE = 100
"""From this many columns the sidebar sits beside the transcript; below, it is a strip on top."""
ROOMY = 140
"""From this many columns the sidebar is wider and explains every status line under it."""
TALL = 24
"""From this many rows the status strip of narrow terminals may take a row more."""


class PlayScreen(Screen[None]):
    """One run of the story, from its start scene to an ending."""

    # Textual declares these as instance attributes, so they cannot be ClassVars here.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (WIDE, "-wide"), (ROOMY, "-roomy")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (TALL, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(1)", "Choose", key_display="1-9", id="pick", tooltip="Pick a choice by its number"),
        *(Binding(str(n), f"pick({n})", show=False, id=f"pick_{n}") for n in range(2, 10)),
        Binding("space", "skip", "Skip", id="skip", show=False, tooltip="Show the rest of the text at once"),
        Binding("u,ctrl+z", "undo", "Undo", id="undo", tooltip="Take back your last choice"),
        Binding("s", "save", "Save", id="save", tooltip="Save the run in a slot you name"),
        Binding("m", "station_map", "Map", id="map", tooltip="The station map: where you are and where you have been"),
        Binding("l", "app.load", "Load", id="load", show=False, tooltip="Load a saved run"),
        Binding("f5", "quicksave", "Quicksave", id="quicksave", show=False, tooltip="Save in the quicksave slot"),
        # The app's F2, kept out of this footer so the keys of play fit in 80 columns (F1 lists it).
        Binding("f2", "app.settings", "Settings", id="play_settings", show=False, tooltip="Open the settings"),
        # The choice list keeps the focus; these reach the transcript above it from the keyboard.
        Binding("pageup,shift+up", "scroll_story(-1)", "Scroll up", id="scroll_up", show=False, priority=True),
        Binding("pagedown,shift+down", "scroll_story(1)", "Scroll down", id="scroll_down", show=False, priority=True),
        Binding("ctrl+end", "follow_story", "Newest text", id="follow", show=False, tooltip="Back to the newest text"),
        Binding("escape", "app.title", "Title", id="to_title", tooltip="Back to the title screen"),
    ]

    if TYPE_CHECKING:
        app: GameApp

    def __init__(self, session: Session, banner: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.story = story = session.run.story
        self.playthrough = session.run
        self.banner = banner  # a line above the first scene: where a loaded run comes from
        self.player: Character | None = story.characters.get(story.player) if story.player else None
        self.taken_before: frozenset[str] = frozenset()  # choices taken in earlier runs, marked in the list

    @property
    def mid_run(self) -> bool:
        """Whether the player has made choices in a run that has not reached its ending."""
        return self.playthrough.choices_made > 0 and not self.playthrough.finished

    def compose(self) -> ComposeResult:
        # Kept at hand: a choice reaches all of them, and looking them up would walk the DOM each time.
        self.header = SceneHeader(icon="✦")
        self.transcript = Transcript(id="transcript", smooth_scroll=not self.app.settings.reduced_motion)
        self.choices = ChoiceList(id="choices")
        self.portrait = Portrait(id="portrait")
        self.status = StatusPanel(id="status")
        yield self.header
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield self.transcript
                yield self.choices
            with Vertical(id="sidebar"):
                yield self.portrait
                yield self.status
        yield KeyFooter()

    def on_mount(self) -> None:
        assert self.playthrough.scene is not None
        self.taken_before = records_of(self.story.id).choices
        if self.banner:
            self.transcript.add_echo(Text(f"↻ {self.banner}", style="italic dim"))
        self.show_scene(self.playthrough.scene, self.playthrough.chapter_started())
        self.choices.focus()

    def on_resize(self, event: events.Resize) -> None:
        self.status.set_compact(event.size.width < WIDE)
        self.status.set_explained(event.size.width >= ROOMY)
        self.transcript.follow()  # a re-flow moves the newest text out of view

    def action_scroll_story(self, pages: int) -> None:
        """Page the transcript up or down (the choices keep the focus)."""
        if pages < 0:
            self.transcript.scroll_page_up(animate=False)
        else:
            self.transcript.scroll_page_down(animate=False)

    def action_follow_story(self) -> None:
        self.transcript.follow()

    def replace_run(self, session: Session, note: str | None = None, again: bool = False) -> None:
        """Carry on ``session``'s run here instead (a reloaded story, a writer's jump); the transcript
        keeps what came before. With ``again`` the newest scene is taken off first, to be shown as
        it reads now; ``note`` is a line before the scene shown."""
        self.session, self.playthrough, self.story = session, session.run, session.run.story
        self.player = self.story.characters.get(self.story.player) if self.story.player else None
        assert self.playthrough.scene is not None
        transcript = self.transcript
        with self.app.batch_update():
            if again:
                transcript.retract_scene()
            if note:
                transcript.add_echo(Text(note, style="italic dim"))
            # Shown again as it now reads, the scene keeps the chapter heading already above it.
            self.show_scene(self.playthrough.scene, None if again else self.playthrough.chapter_started())
            if again:
                transcript.finish_reveal()  # the scene was read already: its new text shows at once

    def show_scene(self, scene: SceneView, opened: Chapter | None = None) -> None:
        """Add ``scene`` to the transcript, after the heading of the chapter it ``opened``
        (``Playthrough.chapter_started``), and offer its choices (or the way to its ending)."""
        # Stored without the screen-wide repaint and layout a title change costs; the header shows them.
        self.set_reactive(Screen.title, scene.title or self.story.title)
        self.set_reactive(Screen.sub_title, scene.place)
        self.header.show()
        transcript = self.transcript
        if opened is not None:
            transcript.add_heading(chapter_text(opened))
        transcript.add_heading(heading_text(scene))
        transcript.add_scene(scene_text(scene), self.app.settings.chars_per_second)
        self.portrait.show(self.speaker(scene), scene.place)
        self.status.show(scene.status)
        choices = self.choices
        if scene.ending is None and not scene.choices:
            # A soft-lock: the story offers nothing here. Say so rather than sit silent.
            way_out = (
                "Press U to undo, Esc for the title." if self.playthrough.choices_made else "Press Esc for the title."
            )
            choices.border_title = "No choice is open here"
            choices.border_subtitle = ""
            choices.set_options([Option(Text(f" The story is stuck at this point. {way_out}"), disabled=True)])
        elif scene.ending is None:
            choices.border_title = "What do you do?"
            choices.show_choices(scene.choices, self.taken_before)
        else:
            choices.border_title = "The end"
            choices.border_subtitle = ""  # no choice here is marked as taken before
            choices.set_options([Option(numbered(1, Text("See how it ends ✦"), pointed=True))])
            choices.highlighted = 0
        self.post_message(SceneShown(self.playthrough))

    def speaker(self, scene: SceneView) -> Character | None:
        """Whom the player is talking to: the scene's last speaker other than the player, else the player."""
        speakers = [b.speaker for b in scene.blocks if b.speaker]
        others = [s for s in speakers if s != self.story.player]
        chosen = others or speakers
        return self.story.characters.get(chosen[-1]) if chosen else None

    def action_pick(self, number: int) -> None:
        """Take choice ``number`` of the current scene (at an ending, 1 shows the ending).

        While the scene's text is still appearing, the first pick only shows the rest of it,
        as in a visual novel: nobody chooses blind."""
        transcript = self.transcript
        if transcript.revealing_now:
            transcript.finish_reveal()
            return
        scene = self.playthrough.scene
        assert scene is not None
        if scene.ending is not None:
            if number == 1:
                self.finish()
            return
        if not 1 <= number <= len(scene.choices):
            self.app.bell()
            count = len(scene.choices)
            keys = "1" if count == 1 else f"1 to {count}"
            self.notify(f"There is no choice {number} here: press {keys}.", timeout=3)
            return
        picked = scene.choices[number - 1]
        next_scene = self.playthrough.choose(number)
        if isinstance(next_scene, StoryFault):
            self.notify(
                next_scene.explain(self.playthrough.can_undo),
                title="Story fault",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        with self.app.batch_update():  # one redraw for the echo, the new scene and the sidebar
            transcript.add_echo(echo_text(picked, self.player))
            self.show_scene(next_scene, self.playthrough.chapter_started())
        # The ending is saved too (in the next autosave slot, so the save before it stays): Continue
        # then knows this run is over and goes back to before its ending (saves.to_continue).
        self.app.keeper.autosave(self.session)

    def action_undo(self) -> None:
        """Take back the last choice and show that scene again."""
        transcript = self.transcript
        transcript.finish_reveal()
        scene = self.playthrough.undo()
        if scene is None:
            where = "as far back as the save went" if self.playthrough.choices_made else "where the story starts"
            self.notify(f"Nothing to undo: this is {where}.", timeout=3)
            return
        with self.app.batch_update():
            transcript.add_echo(Text("↶ You think better of it.", style="italic dim"))
            self.show_scene(scene)
        self.app.keeper.autosave(self.session)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "station_map":
            return self.story.map is not None
        return True

    def action_station_map(self) -> None:
        """Show the story's map with the current place and the places this run has been."""
        from game.tui.screens.stationmap import MapScreen  # lazy: only needed when asked for

        if self.story.map is None:
            return
        here, visited = self.playthrough.places()
        self.app.push_screen(MapScreen(self.story.map, here, visited))

    def action_save(self) -> None:
        """Open the save dialog; the slot and name picked there are written at once."""
        from game.tui.screens.save import SaveScreen, SaveTarget  # lazy: only needed when saving

        shelf = self.session.shelf
        if shelf is None:
            self.notify("Saving is off for this run.", severity="warning")
            return
        entries = tuple(entry for entry in shelf.entries() if entry.slot in SLOTS)
        statuses = tuple(status_of(entry, self.story) for entry in entries)
        scene = self.playthrough.scene
        default = (scene.title or scene.scene) if scene is not None else ""

        def picked(target: SaveTarget | None) -> None:
            if target is not None:
                self.app.keeper.save_run(self.session, target.slot, target.name)

        self.app.push_screen(SaveScreen(entries, statuses, default), picked)

    def action_quicksave(self) -> None:
        self.app.keeper.save_run(self.session, QUICK, None)

    def action_skip(self) -> None:
        self.transcript.finish_reveal()

    def on_choice_list_picked(self, event: ChoiceList.Picked) -> None:
        event.stop()
        self.action_pick(event.number)  # at an ending, the one option (1) shows it

    def on_unmount(self) -> None:
        self.remember_choices()

    def remember_choices(self) -> None:
        """Add this run's choices to those marked in later runs (when it ends or is left)."""
        taken = [pick.choice for pick in self.playthrough.path]
        if not taken:
            return
        try:
            record_choices(self.story.id, taken)
        except OSError as problem:
            self.app.notify(
                f"Could not remember this run's choices for next time: {problem}", severity="warning", markup=False
            )

    def finish(self) -> None:
        """Record the ending reached and replace this screen with the ending screen."""
        from game.tui.screens.ending import EndingScreen  # lazy: only needed once per run

        scene = self.playthrough.scene
        assert scene is not None and scene.ending is not None
        try:
            found = record_ending(self.story.id, scene.ending.id)
        except OSError as problem:
            found = found_endings(self.story.id) | {scene.ending.id}
            self.notify(f"Could not remember this ending for next time: {problem}", severity="warning", markup=False)
        self.app.switch_screen(EndingScreen(self.story, scene.ending, self.playthrough.choices_made, found))
