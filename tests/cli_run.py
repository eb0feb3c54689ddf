"""Running ``stars-gossip`` as a writer does: a subprocess in a folder of their choosing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def stars_gossip(*args: str, cwd: Path = ROOT, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``stars-gossip ARGS`` run in ``cwd`` (the game's own code, wherever the writer stands)."""
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
