"""A stateful test that plays every story directory under scenes/ and tests/stories/.

Stories are discovered, not listed: every directory with a story.yaml that loads without
errors and that the checker proves completable (complete search, no soft-lock, no fault)
is played, so a writer's new story is covered with no test code. Each step picks an
available choice at random; the invariants say the view always renders and an ending is
still reachable from wherever the play is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from game.analysis import check_story
from game.analysis.check import CheckReport
from game.engine import GameState, Story, available, choose, start, view
from game.loader import load_story
from tests.conftest import BUNDLED, STORIES
from tests.support import can_finish, id_of

MAX_STATES = 200_000


@dataclass(frozen=True)
class Playable:
    directory: Path
    story: Story
    report: CheckReport


def story_directories() -> list[Path]:
    found = [BUNDLED] if (BUNDLED / "story.yaml").is_file() else []
    found += sorted(p.parent for p in STORIES.glob("*/story.yaml"))
    return found


@cache
def playable_stories() -> tuple[Playable, ...]:
    """Every discovered story that loads cleanly and is proven completable."""
    playable = []
    for directory in story_directories():
        story = load_story(directory).story
        if story is None:
            continue
        report = check_story(story, MAX_STATES)
        codes = {f.diagnostic.code for f in report.findings}
        if report.complete and not codes & {"SG303", "SG306"}:
            playable.append(Playable(directory, story, report))
    return tuple(playable)


def test_discovery_finds_the_completable_stories_and_skips_the_broken_ones() -> None:
    names = {p.directory.name for p in playable_stories()}
    assert {"minimal", "defect_dead_choice", "defect_overflow"} <= names
    assert not names & {"defect_softlock_flags", "defect_div_zero", "defect_explosion", "broken_scenes"}


class PlayEveryStory(RuleBasedStateMachine):
    """Plays a discovered story with random choices."""

    def __init__(self) -> None:
        super().__init__()
        self.playable: Playable | None = None
        self.state: GameState | None = None
        self.picks: list[int] = []
        self.seed = 0

    def where(self) -> str:
        assert self.playable is not None
        numbers = " ".join(str(n) for n in self.picks) or "(none)"
        return f"{self.playable.directory} with --seed {self.seed}, choices {numbers}"

    @initialize(index=st.integers(min_value=0), seed=st.integers(0, 2**32 - 1))
    def begin(self, index: int, seed: int) -> None:
        stories = playable_stories()
        self.playable = stories[index % len(stories)]
        self.seed = seed
        self.state = start(self.playable.story, seed)

    def playing(self) -> bool:
        return self.state is not None and self.playable is not None and bool(available(self.playable.story, self.state))

    @precondition(playing)
    @rule(data=st.data())
    def pick_a_choice(self, data: st.DataObject) -> None:
        assert self.playable is not None and self.state is not None
        count = len(available(self.playable.story, self.state))
        number = data.draw(st.integers(1, count), label="choice")
        self.picks.append(number)
        self.state = choose(self.playable.story, self.state, number)

    @rule(seed=st.integers(0, 2**32 - 1))
    def start_over(self, seed: int) -> None:
        """At an ending (or any time) a player may begin again."""
        assert self.playable is not None
        self.seed, self.picks = seed, []
        self.state = start(self.playable.story, seed)

    @invariant()
    def the_view_renders(self) -> None:
        if self.playable is not None and self.state is not None:
            shown = view(self.playable.story, self.state)
            assert shown.ending is not None or shown.choices, f"nothing to do at {self.where()}"

    @invariant()
    def an_ending_is_still_reachable(self) -> None:
        if self.playable is None or self.state is None:
            return
        state_id = id_of(self.playable.report.exploration, self.state)
        assert state_id is not None, f"a state the checker never explored, after {self.where()}"
        assert can_finish(self.playable.report, state_id), f"no ending is reachable any more after {self.where()}"


TestPlayEveryStory = PlayEveryStory.TestCase
