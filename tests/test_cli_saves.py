"""The command's saving parts, run as a player runs them: play --continue/--load/--save-dir, the
saves listing, and check --against-save."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import STORIES
from tests.saves.helpers import EVOLUTION, FIXTURES
from tests.test_cli import run

MINIMAL = str(STORIES / "minimal")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_run_saved_in_line_mode_continues_in_the_next_session(tmp_path: Path) -> None:
    folder = tmp_path / "my saves"
    first = run("play", "--plain", "--story", MINIMAL, "--save-dir", str(folder), stdin="1\nsave 2 Mine\n1\n")
    assert first.returncode == 0, first.stderr
    assert f'Saved in slot 2 as "Mine" ({folder / "minimal"}).' in flat(first.stdout)
    assert "'stars-gossip play --continue' picks it up where you left off." in flat(first.stdout)
    again = run("play", "--plain", "--story", MINIMAL, "--save-dir", str(folder), "--continue", stdin="q\n")
    assert again.stdout.startswith("(Loaded autosave 2: ")
    assert "Trust is 1. You have the card." in again.stdout
    mine = run("play", "--plain", "--story", MINIMAL, "--save-dir", str(folder), "--load", "mine", stdin="q\n")
    assert mine.stdout.startswith('(Loaded slot 2: "Mine".)') and "Trust is 1. No card." in mine.stdout


def test_the_save_folder_follows_the_environment(tmp_path: Path) -> None:
    env = {"STARS_GOSSIP_SAVE_DIR": str(tmp_path / "env")}
    run("play", "--plain", "--story", MINIMAL, stdin="1\n", env=env)
    assert (tmp_path / "env" / "minimal" / "auto-1.json").is_file()


def test_loading_a_slot_that_cannot_be_loaded_says_why_and_starts_a_new_game(tmp_path: Path) -> None:
    result = run("play", "--plain", "--story", MINIMAL, "--save-dir", str(tmp_path), "--load", "../x", stdin="q\n")
    assert result.stdout.startswith(
        "Cannot load: '../x' cannot be a slot name: names may not hold '/' or '\\' or start with '.'.\n"
        "Starting a new game instead."
    )
    assert list(tmp_path.iterdir()) == []


def test_continue_and_scene_do_not_mix() -> None:
    result = run("play", "--plain", "--story", MINIMAL, "--scene", "home", "--continue")
    assert result.returncode == 2 and "--scene starts a new run" in result.stderr
    both = run("play", "--continue", "--load", "3")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr


def test_saves_lists_every_save_with_its_status(tmp_path: Path) -> None:
    run("play", "--plain", "--story", MINIMAL, "--save-dir", str(tmp_path), stdin="1\nsave 4 Early\n")
    (tmp_path / "minimal" / "slot-5.json").write_text('{"kind": "stars-gossip save", "form')
    text = run("saves", "--story", MINIMAL, "--save-dir", str(tmp_path))
    assert text.returncode == 0
    lines = text.stdout.splitlines()
    assert lines[:2] == [f"Saves in {tmp_path}:", "minimal (A Minimal Orbit):"]
    assert lines[2].startswith('  Slot 4: "Early" at The hatch, under a minute, ') and lines[2].endswith("(ok)")
    assert lines[3].startswith("  Slot 5: cannot be read: the file is not valid JSON")
    assert lines[4].startswith("  Autosave 1: at The hatch, under a minute, ")
    listed = json.loads(run("saves", "--story", MINIMAL, "--save-dir", str(tmp_path), "--format", "json").stdout)
    assert [(item["slot"], item["status"]) for item in listed] == [("4", "ok"), ("5", "corrupt"), ("auto-1", "ok")]
    assert listed[0]["scene"] == "hatch" and listed[0]["name"] == "Early" and listed[0]["choices"] == 1


def test_saves_of_an_empty_folder() -> None:
    result = run("saves")
    assert result.returncode == 0 and result.stdout.startswith("No saves yet in ")


def test_check_against_a_save_warns_when_the_story_strands_it(tmp_path: Path) -> None:
    prologue = FIXTURES / "prologue-v1.json"
    kept = run("check", "--against-save", str(prologue))
    assert kept.returncode == 0, kept.stdout
    assert f"{prologue}: ok: the save loads" in kept.stdout
    stranded = run("check", str(EVOLUTION / "stranded"), "--against-save", str(prologue))
    assert stranded.returncode == 0
    assert f"{prologue}: warning: a save of story 'stars-gossip'; the stories checked: 'evolve'" in stranded.stdout
    report = json.loads(run("check", "--format", "json", "--against-save", str(prologue)).stdout)
    assert report[0]["saves"][0]["file"] == str(prologue) and report[0]["saves"][0]["severity"] == "ok"
