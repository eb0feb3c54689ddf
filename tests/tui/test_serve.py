"""``stars-gossip serve``: the game in a web browser, on this computer only unless asked otherwise."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.loader import load_story
from game.saves.store import AUTOSAVES
from game.tui.serve import address, game_command, is_local
from tests.conftest import BUNDLED, ROOT
from tests.tui.browser import find_chromium, headless_page

CHROMIUM = find_chromium()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "game", "serve", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def wait_until_listening(port: int, server: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped: {server.communicate()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port} after {seconds} s")


def stop(server: subprocess.Popen[str]) -> tuple[str, str]:
    server.send_signal(signal.SIGINT)
    try:
        return server.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        return server.communicate()


def test_each_page_runs_the_game_with_this_python_on_the_story(tmp_path: Path) -> None:
    command = game_command(Path("scenes"), tmp_path)
    assert command.startswith(f"{sys.executable} -m game.tui --story ")
    assert str(BUNDLED) in command and f"--save-dir {tmp_path}" in command


def test_only_loopback_addresses_count_as_this_computer() -> None:
    assert is_local("127.0.0.1") and is_local("localhost") and is_local("::1") and is_local("127.0.0.2")
    assert not is_local("0.0.0.0") and not is_local("192.168.1.4") and not is_local("example.org")
    assert address("::1", 8000) == "http://[::1]:8000"


def test_the_game_and_the_command_start_without_the_web_server() -> None:
    probe = "import sys, game.cli, game.tui.serve, game.tui.app; print('textual_serve' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"


def test_serve_without_a_story_folder_says_what_to_give(tmp_path: Path) -> None:
    server = start_server("--story", str(tmp_path / "nowhere"), "--port", str(free_port()))
    _out, err = server.communicate(timeout=60)
    assert server.returncode == 2
    assert "no story folder at" in err and "story.yaml" in err and "Traceback" not in err


def test_a_port_already_taken_is_explained(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = start_server("--port", str(port))
        _out, err = server.communicate(timeout=60)
    assert server.returncode == 1
    assert f"cannot listen on 127.0.0.1 port {port}" in err and "--port N" in err and "Traceback" not in err


def test_a_port_out_of_range_is_a_usage_error() -> None:
    server = start_server("--port", "70000")
    _out, err = server.communicate(timeout=60)
    assert server.returncode == 2 and "a port is at most 65535" in err


def test_another_host_is_warned_about(tmp_path: Path) -> None:
    port = free_port()
    server = start_server("--host", "0.0.0.0", "--port", str(port))
    wait_until_listening(port, server)
    out, err = stop(server)
    assert f"Open http://0.0.0.0:{port} in a web browser" in out
    assert "anyone who can reach this computer can open a game on it" in err


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (apt-get install chromium): cannot open the page")
def test_a_browser_plays_the_game_from_the_title_to_a_choice(tmp_path: Path) -> None:
    """Open the served page in headless Chromium; on the title screen start a new game, pick
    choice 1; the run's autosave (written by the game behind the page) is one choice in."""
    assert CHROMIUM is not None
    saves = Path(os.environ["STARS_GOSSIP_SAVE_DIR"])
    port = free_port()
    server = start_server("--port", str(port))
    try:
        wait_until_listening(port, server)
        autosave = asyncio.run(play_in_browser(CHROMIUM, f"http://127.0.0.1:{port}", saves, tmp_path))
    finally:
        stop(server)
    save = json.loads(autosave.read_text(encoding="utf-8"))
    story = load_story(BUNDLED).story
    assert story is not None
    assert len(save["path"]) == 1  # one choice taken, from the first scene
    assert save["state"]["scene"] in story.scenes and save["state"]["scene"] != story.start
    for shot in ("title.png", "played.png"):
        assert (tmp_path / shot).read_bytes().startswith(b"\x89PNG")


async def play_in_browser(chromium: str, url: str, saves: Path, shots: Path, seconds: float = 120) -> Path:
    """Open ``url``, then press N (New game on the title) and 1 (the first choice; a first press
    may only finish the text's reveal) until the game behind the page writes its autosave."""
    async with headless_page(chromium) as page:
        await page.open(url)
        await asyncio.sleep(3)
        await page.screenshot(shots / "title.png")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            written = [path for slot in AUTOSAVES for path in saves.rglob(f"{slot}.json")]
            if written:
                await asyncio.sleep(1)  # the next scene's text is drawn
                await page.screenshot(shots / "played.png")
                return written[0]
            await page.focus(".xterm-helper-textarea")  # the terminal's keyboard input
            for key in "n1":
                await page.press(key)
                await asyncio.sleep(0.5)
        await page.screenshot(shots / "timed-out.png")
        raise AssertionError(f"no choice was made in the browser within {seconds} s (see {shots})")
