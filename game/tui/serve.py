"""Play in a web browser: ``stars-gossip serve`` serves the same game with textual-serve.

The server answers on ``host:port`` (this computer only by default). Every browser page that
opens it starts a game process of its own (``python -m game.tui``, which runs ``main`` here,
under Textual's web driver), with the same story, settings and saves as in the terminal.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
PAGE_TITLE = "When the Stars Gossip"


def game_command(directory: Path, save_dir: Path | None = None) -> str:
    """The shell command that runs one browser page's game."""
    words = [sys.executable, "-m", "game.tui", "--story", str(directory.resolve())]
    if save_dir is not None:
        words += ["--save-dir", str(save_dir.resolve())]
    return shlex.join(words)


def address(host: str, port: int) -> str:
    """The address to open in a browser (IPv6 hosts in brackets)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def is_local(host: str) -> bool:
    """Whether only this computer can reach ``host``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(directory: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, save_dir: Path | None = None) -> int:
    """Serve the game until interrupted (Ctrl+C); returns the exit status."""
    if not directory.is_dir():
        print(
            f"stars-gossip serve: no story folder at {directory}: give --story the folder that holds story.yaml",
            file=sys.stderr,
        )
        return 2
    # Lazy: the web server (aiohttp and all) is needed by this command alone, never by the game.
    from textual_serve.server import Server

    url = address(host, port)
    server = Server(game_command(directory, save_dir), host=host, port=port, title=PAGE_TITLE, public_url=url)
    if not is_local(host):
        print(
            f"stars-gossip serve: listening on {host}: anyone who can reach this computer can open a game on it.",
            file=sys.stderr,
        )
    print(f"Open {url} in a web browser to play. Ctrl+C stops the server.", flush=True)
    try:
        server.serve()
    except OSError as err:
        reason = err.strerror or str(err)
        print(
            f"stars-gossip serve: cannot listen on {host} port {port} ({reason}): "
            "pick another with --port N, or another address with --host",
            file=sys.stderr,
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """One browser page's game: the full-screen game on the story given (run by the server)."""
    from game.tui.launch import run_app

    parser = argparse.ArgumentParser(prog="python -m game.tui", description=main.__doc__)
    parser.add_argument("--story", type=Path, required=True, metavar="DIR")
    parser.add_argument("--save-dir", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    return run_app(args.story, None, save_dir=args.save_dir)
