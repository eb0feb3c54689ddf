"""The stars-gossip command, run as a user runs it: a subprocess with arguments and stdin."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import ROOT, STORIES


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``stars-gossip ARGS`` in a subprocess, with ``env`` added to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_check_bundled_story_passes() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": ok:" in result.stdout


def test_check_broken_story_lists_located_diagnostics_and_exits_one() -> None:
    result = run("check", str(STORIES / "broken_scenes"))
    assert result.returncode == 1
    assert "broken_scenes/act1/scenes.yaml:10:11: error SG131: there is no scene 'galey'" in result.stdout
    assert "FAILED" in result.stdout.splitlines()[-1]


def test_check_json_is_a_machine_readable_report() -> None:
    result = run("check", "--format", "json", str(STORIES / "broken_manifest"))
    assert result.returncode == 1
    (report,) = json.loads(result.stdout)
    assert report["summary"]["ok"] is False
    first = report["diagnostics"][0]
    assert set(first) >= {"file", "line", "col", "severity", "code", "name", "message"}


def test_check_json_lists_one_report_per_story() -> None:
    result = run("check", "--format", "json", str(STORIES / "minimal"), str(STORIES / "defect_dead_end"))
    assert result.returncode == 1
    reports = json.loads(result.stdout)
    assert [r["summary"]["ok"] for r in reports] == [True, False]


def test_check_missing_directory_is_a_usage_error() -> None:
    result = run("check", "does/not/exist")
    assert result.returncode == 2
    assert "is not a folder: give the folder that holds story.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error_without_traceback() -> None:
    result = run("check", "--format", "xml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_play_plain_broken_story_prints_diagnostics_and_exits_one() -> None:
    result = run("play", "--plain", "--story", str(STORIES / "broken_scenes"))
    assert result.returncode == 1
    assert "SG131" in result.stderr
    assert "has errors" in result.stderr


def test_play_plain_missing_story_is_a_usage_error() -> None:
    result = run("play", "--plain", "--story", "nowhere")
    assert result.returncode == 2


@pytest.mark.parametrize("stdin", ["", "x\n\n99\n", "1\n" * 200, "\x00\x01junk\n"])
def test_play_plain_never_crashes_on_any_input(stdin: str) -> None:
    result = run("play", "--plain", "--seed", "1", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "play" in result.stdout and "check" in result.stdout


def test_play_plain_stops_quietly_when_the_reader_goes_away() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "game", "play", "--plain", "--seed", "1"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stdin is not None
    process.stdout.read(20)
    process.stdout.close()
    _, err = process.communicate(b"1\n" * 50, timeout=60)
    assert process.returncode == 0
    assert b"Traceback" not in err


def test_play_plain_can_start_at_any_reachable_scene() -> None:
    result = run("play", "--plain", "--seed", "1", "--story", str(STORIES / "minimal"), "--scene", "home")
    assert result.returncode == 0, result.stderr
    assert "Starting at scene 'home', as reached by: Flip a coin (outcome 2 of 2)" in result.stderr
    assert "*** Ending: Home safe ***" in result.stdout


def test_play_scene_that_does_not_exist_is_a_usage_error_with_a_suggestion() -> None:
    result = run("play", "--plain", "--story", str(STORIES / "minimal"), "--scene", "hom")
    assert result.returncode == 2
    assert "there is no scene 'hom' (did you mean 'home'?)" in result.stderr


def test_play_scene_no_play_reaches_says_so() -> None:
    story = str(STORIES / "defect_unreachable_scene")
    result = run("play", "--plain", "--story", story, "--scene", "sealed_module")
    assert result.returncode == 2
    assert "no play reaches scene 'sealed_module'" in result.stderr


def test_play_plain_uses_the_manifests_seed_when_none_is_given(tmp_path: Path) -> None:
    story = tmp_path / "seeded"
    shutil.copytree(STORIES / "minimal", story)
    manifest = story / "story.yaml"
    manifest.write_text(manifest.read_text() + "seed: 7\n")
    coin = "3\n" * 12
    unseeded = [run("play", "--plain", "--story", str(story), stdin=coin).stdout for _ in range(2)]
    seeded = run("play", "--plain", "--story", str(story), "--seed", "7", stdin=coin).stdout
    assert unseeded[0] == unseeded[1] == seeded


@pytest.mark.parametrize("args", [["check", "a" * 300], ["play", "--plain", "--story", "a" * 300]])
def test_a_path_too_long_for_the_system_is_a_usage_error(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_play_plain_with_standard_input_closed_ends_cleanly() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.close(0); sys.stdin = None; from game.cli import main; sys.exit(main(['play', '--plain', '--seed', '1']))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Goodbye" in result.stdout


def test_without_a_terminal_the_game_plays_in_line_mode() -> None:
    result = run("--story", str(STORIES / "minimal"), "--seed", "1", stdin="2\n")
    assert result.returncode == 0
    assert "No terminal here: playing in line mode" in result.stderr
    assert "*** A Minimal Orbit ***" in result.stdout and ">> Take the card" in result.stdout
    assert "\x1b[" not in result.stdout  # no screen-drawing codes in a pipe


@pytest.mark.parametrize(
    ("fmt", "first"), [("text", "A Minimal Orbit: 2 scenes, 1 ending"), ("mermaid", "flowchart TD")]
)
def test_map_prints_the_story_in_each_format(fmt: str, first: str) -> None:
    result = run("map", str(STORIES / "minimal"), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == first


def test_map_of_a_broken_story_lists_its_problems() -> None:
    result = run("map", str(STORIES / "broken_scenes"))
    assert result.returncode == 1
    assert "SG131" in result.stderr


@pytest.mark.parametrize("encoding", ["utf-8:strict", "ascii:strict"])
def test_play_plain_answers_bytes_the_locale_cannot_decode_like_any_wrong_answer(encoding: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--seed", "1"],
        cwd=ROOT,
        input=b"\xff\xfe\n\xc3\xa9\n1\nq\n",
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": encoding},
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert result.stdout.count(b"is not a choice here") == 2
    assert b"Goodbye." in result.stdout


def test_play_plain_takes_choice_numbers_above_999(tmp_path: Path) -> None:
    count = 1_200
    (tmp_path / "story.yaml").write_text("id: doors\ntitle: Doors\nstart: hall\nendings:\n  out: Out\n")
    doors = "".join(f"    - {{choice: Door {i}, go: hall}}\n" for i in range(1, count))
    (tmp_path / "scenes.yaml").write_text(
        f"- scene: hall\n  text: Doors.\n  choices:\n{doors}    - {{choice: Door {count}, go: out}}\n"
        "- scene: out\n  ending: out\n  text: Out.\n"
    )
    result = run("play", "--plain", "--story", str(tmp_path), stdin=f"{count + 1}\n{count}\n")
    assert "'1201' is not a choice here: type a number (1-1200)" in result.stdout
    assert ">> Door 1200" in result.stdout and "*** Ending: Out ***" in result.stdout


def test_play_on_a_broken_story_lists_its_problems_and_says_what_to_do() -> None:
    result = run("play", "--plain", str(STORIES / "broken_scenes"), stdin="")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any("error SG131: there is no scene 'galey'" in line for line in lines)
    assert lines[-1].startswith("stars-gossip: the story in ") and lines[-1].endswith(
        "has errors; fix them to play it."
    )


def test_max_memory_bounds_the_check_and_the_message_says_which_limit_to_raise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    explosion = str(STORIES / "defect_explosion")
    assert main(["check", explosion, "--max-memory", "1", "--format", "json"]) == 1
    small = json.loads(capsys.readouterr().out)[0]
    assert main(["check", explosion, "--max-memory", "4", "--format", "json"]) == 1
    larger = json.loads(capsys.readouterr().out)[0]
    assert small["summary"]["states"] < larger["summary"]["states"] < 1_000_000
    message = next(d["message"] for d in small["diagnostics"] if d["code"] == "SG305")
    assert "KiB at about" in message and message.endswith("or raise --max-memory")
