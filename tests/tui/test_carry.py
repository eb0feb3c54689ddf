"""A run carried over to an edited story: kept where it fits, else stranded with why and the replay."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.engine import Story
from game.engine.playthrough import Playthrough
from game.loader import load_story
from game.saves import Session
from game.tui.carry import Kept, Stranded, carry_over
from tests.tui.conftest import TUI_SMALL


def edited_story(tmp_path: Path, *edits: tuple[str, str], file: str = "scenes.yaml") -> Story:
    folder = tmp_path / "story"
    shutil.copytree(TUI_SMALL, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    story = load_story(folder, use_cache=False).story
    assert story is not None
    return story


def session_in_corridor() -> Session:
    story = load_story(TUI_SMALL).story
    assert story is not None
    run = Playthrough.begin(story, 7)
    assert isinstance(run, Playthrough)
    run.choose(1)  # Commander Kim, it is an honour: trust 2, the corridor
    return Session(run, None)


def test_an_edit_of_the_text_keeps_the_run_in_its_state_with_the_new_text(tmp_path: Path) -> None:
    session = session_in_corridor()
    story = edited_story(tmp_path, ("The corridor hums.", "The corridor sings."))
    carried = carry_over(session, story)
    assert isinstance(carried, Kept) and carried.notes == ()
    assert carried.run.story is story and carried.run.state == session.run.state
    assert carried.run.path == session.run.path and len(carried.run.states) == 2  # undo still goes back
    assert carried.run.scene is not None and "The corridor sings." in carried.run.scene.blocks[0].text


def test_a_new_variable_is_kept_with_a_note(tmp_path: Path) -> None:
    session = session_in_corridor()
    story = edited_story(
        tmp_path, ("variables:\n", "variables:\n  calm: {type: int, min: 0, max: 2}\n"), file="story.yaml"
    )
    carried = carry_over(session, story)
    assert isinstance(carried, Kept) and carried.notes == ("new variable 'calm' starts at 0",)


def test_a_removed_scene_strands_the_run_and_offers_its_choices_replayed(tmp_path: Path) -> None:
    session = session_in_corridor()
    story = edited_story(tmp_path, ("scene: corridor", "scene: hallway"), ("go: corridor", "go: hallway"))
    carried = carry_over(session, story)
    assert isinstance(carried, Stranded)
    assert carried.why == (
        "Scene 'corridor' is no longer in the story. "
        "Replaying its 1 choice on the edited story gets to 'The long corridor'."
    )
    assert carried.replayed is not None and carried.replayed.state.scene == "hallway"


def test_a_value_out_of_its_new_range_says_so_and_the_replay_keeps_to_the_range(tmp_path: Path) -> None:
    session = session_in_corridor()
    story = edited_story(
        tmp_path,
        ("trust: {type: int, min: 0, max: 5, initial: 1, overflow: clamp}", "trust: {type: int, min: 0, max: 1}"),
        file="story.yaml",
    )
    carried = carry_over(session, story)
    assert isinstance(carried, Stranded)
    assert carried.why == (
        "Variable 'trust' is 2 in the save; the story now allows 0..1. "
        "Replaying its 1 choice on the edited story gets to 'The long corridor'."
    )
    assert carried.replayed is not None
    assert carried.replayed.state.scene == "corridor" and carried.replayed.state.values[0] == 1


def test_a_new_story_id_strands_the_run_with_nothing_to_replay(tmp_path: Path) -> None:
    story = edited_story(tmp_path, ("id: tui-small", "id: tui-other"), file="story.yaml")
    carried = carry_over(session_in_corridor(), story)
    assert carried == Stranded(
        "The story's id changed from 'tui-small' to 'tui-other': this run and its saves belong to the old one.", None
    )
