"""After the terminal changes size, the first full frame clears it first (game/tui/frames.py)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, RenderableType
from rich.segment import ControlType, Segment
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region, Size
from textual.pilot import Pilot
from textual.strip import Strip

from game.tui.frames import ClearedFrame, FreshFrames
from tests.tui.conftest import AppFactory, drive, start_game


def full_frame(text: str = "ab") -> LayoutUpdate:
    return LayoutUpdate([[Strip([Segment(text)])]], Region(0, 0, len(text), 1))


def partial_frame() -> ChopsUpdate:
    return ChopsUpdate([{0: Strip([Segment("a")])}], [(0, 0, 1)], [[1]])


def test_frames_go_out_unchanged_while_the_size_stays_the_same() -> None:
    frames = FreshFrames()
    frames.resized(Size(100, 30))  # the first size the app hears of is no change
    frames.resized(Size(100, 30))
    frame = full_frame()
    assert frames.outgoing(frame) is frame
    assert not frames.stale


def test_the_first_full_frame_after_a_resize_clears_the_terminal_and_only_that_one() -> None:
    frames = FreshFrames()
    frames.resized(Size(100, 30))
    frames.resized(Size(80, 24))
    assert frames.stale
    partial = partial_frame()
    assert frames.outgoing(partial) is partial  # a partial update repaints only some cells: no clear
    assert frames.stale
    first, second = full_frame("first"), full_frame("second")
    cleared = frames.outgoing(first)
    assert isinstance(cleared, ClearedFrame) and cleared.frame is first
    assert frames.outgoing(second) is second
    assert not frames.stale


def test_widening_also_clears_before_the_next_full_frame() -> None:
    frames = FreshFrames()
    frames.resized(Size(80, 24))
    frames.resized(Size(160, 50))
    assert isinstance(frames.outgoing(full_frame()), ClearedFrame)


def test_a_cleared_frame_erases_the_terminal_then_draws_every_cell() -> None:
    console = Console(width=10, force_terminal=True, color_system=None)
    frame = full_frame("abc")
    cleared = ClearedFrame(frame)
    assert cleared.render_segments(console) == "\x1b[2J" + frame.render_segments(console)
    segments = list(console.render(cleared))
    assert segments[0].control == [(ControlType.CLEAR,)]
    assert "".join(s.text for s in segments if not s.control) == "abc"


def test_the_game_clears_the_terminal_in_its_first_full_frame_after_a_resize(make_app: AppFactory) -> None:
    """The app's frames pass through ``frames`` on their way out (Textual's ``_display``)."""
    app = make_app()
    sent: list[RenderableType] = []
    outgoing = app.frames.outgoing

    def recorded(update: RenderableType) -> RenderableType:
        sent.append(outgoing(update))
        return sent[-1]

    app.frames.outgoing = recorded  # type: ignore[method-assign]

    async def scenario(pilot: Pilot[Any]) -> None:
        await start_game(pilot)
        await pilot.pause(0.2)
        assert sent and not any(isinstance(update, ClearedFrame) for update in sent)
        sent.clear()
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.2)
        full = [update for update in sent if isinstance(update, LayoutUpdate | ClearedFrame)]
        assert isinstance(full[0], ClearedFrame)
        assert not any(isinstance(update, ClearedFrame) for update in full[1:])
        assert not app.frames.stale

    drive(app, scenario, size=(100, 30))
