"""Drive a headless Chromium over its DevTools protocol: open a page, type keys, take screenshots.

Uses aiohttp's WebSocket client (aiohttp comes with textual-serve), so the browser test needs no
package of its own; only the system's Chromium. ``find_chromium`` says whether there is one.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
WINDOW = (1280, 860)


def find_chromium() -> str | None:
    """The path of a Chromium on this machine, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Page:
    """One browser tab, spoken to over the DevTools protocol."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.sent = 0

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call ``method`` and return its result (events arriving meanwhile are skipped)."""
        self.sent += 1
        call = self.sent
        await self.socket.send_json({"id": call, "method": method, "params": params})
        while True:
            message = await self.socket.receive_json(timeout=60)
            if message.get("id") == call:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    async def open(self, url: str) -> None:
        await self.send("Page.enable")
        await self.send("Page.navigate", url=url)

    async def press(self, key: str) -> None:
        """Type one printable key, as a keyboard would, into the focused element (``focus``)."""
        code = f"Key{key.upper()}" if key.isalpha() else f"Digit{key}"
        common = {"key": key, "code": code, "windowsVirtualKeyCode": ord(key.upper())}
        await self.send("Input.dispatchKeyEvent", type="keyDown", text=key, **common)
        await self.send("Input.dispatchKeyEvent", type="keyUp", **common)

    async def focus(self, selector: str) -> bool:
        """Give the keyboard focus to the first element matching ``selector``; whether there is one."""
        found = await self.evaluate(f"(e => e ? (e.focus(), true) : false)(document.querySelector({selector!r}))")
        return bool(found)

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screenshot(self, path: Path) -> None:
        result = await self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(result["data"]))


@asynccontextmanager
async def headless_page(chromium: str) -> AsyncIterator[Page]:
    """A fresh headless Chromium (its own profile folder), and its first tab."""
    # Chromium's helper processes may still be writing to the profile as it is removed.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        browser = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
                "--disable-gpu",
                "--no-first-run",
                "--remote-debugging-port=0",
                f"--user-data-dir={profile}",
                f"--window-size={WINDOW[0]},{WINDOW[1]}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stopping it stops its helpers too
        )
        try:
            port = await _debugging_port(Path(profile) / "DevToolsActivePort", browser)
            async with aiohttp.ClientSession() as http:
                async with http.get(f"http://127.0.0.1:{port}/json/list") as answer:
                    targets = await answer.json()
                address = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
                async with http.ws_connect(address, max_msg_size=0) as socket:
                    yield Page(socket)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(browser.pid, signal.SIGKILL)
            browser.wait()


async def _debugging_port(announced: Path, browser: subprocess.Popen[bytes]) -> int:
    """The port Chromium chose, from the file it writes in its profile once it listens."""
    for _ in range(600):
        if browser.poll() is not None:
            raise RuntimeError(f"Chromium stopped at start (exit status {browser.returncode})")
        try:
            first = announced.read_text().split()
        except FileNotFoundError:
            first = []
        if first:
            return int(first[0])
        await asyncio.sleep(0.05)
    raise RuntimeError("Chromium did not open its debugging port within 30 s")
