"""Every command takes its story the same way: DIR, else the folder the writer stands in when it
holds story.yaml, else the bundled story; and says which one it used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_run import stars_gossip
from tests.conftest import STORIES

HERE = "story: . (A Minimal Orbit)"


@pytest.fixture
def orbit(tmp_path: Path) -> Path:
    """A copy of the minimal story in a folder of its own."""
    folder = tmp_path / "orbit"
    shutil.copytree(STORIES / "minimal", folder)
    return folder


def test_check_in_a_story_folder_checks_that_story_and_says_so(orbit: Path) -> None:
    result = stars_gossip("check", cwd=orbit)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [HERE]
    assert result.stdout.startswith(".: ok: 2 scenes, 1 ending, ")


def test_check_finds_the_mistakes_of_the_story_it_stands_in(orbit: Path) -> None:
    (orbit / "scenes.yaml").write_text(
        (orbit / "scenes.yaml").read_text(encoding="utf-8").replace("go: home", "go: hom"), encoding="utf-8"
    )
    result = stars_gossip("check", cwd=orbit)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["story: ."]  # no title: the story did not load
    # Every reference agrees on 'hom' and nothing goes to 'home': one error, at the definition.
    assert "scenes.yaml:23:10: error SG131: scene 'home' is never used; did you mean 'hom'" in result.stdout
    assert result.stdout.splitlines()[-1].startswith(".: FAILED: 1 error(s)")


def test_map_in_a_story_folder_maps_that_story(orbit: Path) -> None:
    result = stars_gossip("map", cwd=orbit)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [HERE]
    assert result.stdout.startswith("A Minimal Orbit: 2 scenes, 1 ending\n")


def test_play_in_a_story_folder_finds_its_scenes(orbit: Path) -> None:
    result = stars_gossip("play", "--plain", "--seed", "1", "--scene", "home", cwd=orbit)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == HERE
    assert "Starting at scene 'home'" in result.stderr
    assert "*** Ending: Home safe ***" in result.stdout


def test_routes_in_a_story_folder_use_that_story(orbit: Path) -> None:
    result = stars_gossip("routes", "home", cwd=orbit)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [HERE]
    assert result.stdout.startswith("Routes to ending 'home' (Home safe): 2 distinct routes")


@pytest.mark.parametrize("args", [["orbit"], ["play", "orbit"], ["play", "--story", "orbit"], ["--plain", "orbit"]])
def test_a_story_folder_is_given_the_same_way_to_play(orbit: Path, args: list[str]) -> None:
    result = stars_gossip(*args, "--seed", "1", cwd=orbit.parent, stdin="q\n")
    assert result.returncode == 0, result.stderr
    assert "story: orbit (A Minimal Orbit)" in result.stderr.splitlines()
    assert "== The hatch — Node 1 ==" in result.stdout


def test_a_story_given_twice_differently_is_a_usage_error(orbit: Path) -> None:
    result = stars_gossip("play", "orbit", "--story", "elsewhere", cwd=orbit.parent)
    assert result.returncode == 2
    assert "give the story folder once: orbit and --story elsewhere differ" in result.stderr


def test_a_folder_given_wins_over_the_one_stood_in(orbit: Path) -> None:
    result = stars_gossip("check", str(STORIES / "defect_dead_end"), cwd=orbit)
    assert result.returncode == 1
    assert result.stderr.startswith(f"story: {STORIES / 'defect_dead_end'} (")


def test_outside_any_story_the_bundled_story_is_used_and_named(tmp_path: Path) -> None:
    result = stars_gossip("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stderr.splitlines() == ["story: the bundled story (When the Stars Gossip)"]


def test_playing_the_bundled_story_says_nothing_of_it(tmp_path: Path) -> None:
    result = stars_gossip("play", "--plain", "--seed", "1", cwd=tmp_path, stdin="q\n")
    assert result.returncode == 0
    assert "story:" not in result.stderr


def test_a_mistyped_command_is_named_as_neither_command_nor_story(tmp_path: Path) -> None:
    result = stars_gossip("chek", cwd=tmp_path)
    assert result.returncode == 2
    assert "no story folder at chek: give the folder that holds story.yaml (or a command: play, check," in result.stderr
    assert "Traceback" not in result.stderr


def test_saves_take_the_story_as_dir_too(orbit: Path, tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    stars_gossip("play", "--plain", "--save-dir", str(saves), cwd=orbit, stdin="1\nsave 2 Mine\nq\n")
    for args in (["saves", "orbit"], ["saves", "--story", "orbit"]):
        result = stars_gossip(*args, "--save-dir", str(saves), cwd=orbit.parent)
        assert result.returncode == 0, result.stderr
        assert "story: orbit (A Minimal Orbit)" in result.stderr.splitlines()
        assert "Mine" in result.stdout
