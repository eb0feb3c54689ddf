"""A crash mid-save never costs the previous save: writers killed with SIGKILL at random moments.

A helper process forks a writer that saves slots 1-3 in a loop, alternating between two saves;
the test kills it with SIGKILL after a random few milliseconds, 200 times, and after every kill
each slot must hold exactly one of the two saves (or nothing yet), and load.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.saves import Save, Shelf, encode
from tests.conftest import BUNDLED
from tests.saves.helpers import V1_ROUTE, evolved, run_of, save_of, story_at

KILLS = 200
HELPER = Path(__file__).with_name("crash_writer.py")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash test forks its writers")
def test_every_slot_holds_the_old_or_the_new_save_after_200_kills(tmp_path: Path) -> None:
    small = encode(save_of(run_of(evolved("v1"), V1_ROUTE), "small"))
    story = story_at(BUNDLED)
    long_run = run_of(story, [])
    while long_run.scene is not None and long_run.scene.choices and not long_run.finished:
        long_run.choose(1)
    large = encode(save_of(long_run, "large"))
    assert small != large
    (tmp_path / "a.json").write_bytes(small)
    (tmp_path / "b.json").write_bytes(large)
    folder = tmp_path / "saves"
    helper = subprocess.Popen(
        [sys.executable, str(HELPER), str(folder), "crash", str(tmp_path / "a.json"), str(tmp_path / "b.json")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert helper.stdin is not None and helper.stdout is not None
    chance = random.Random(20250601)
    shelf = Shelf(folder, "crash")
    seen: set[bytes] = set()
    try:
        for _ in range(KILLS):
            helper.stdin.write(f"fork {chance.randrange(6)}\n")  # each writer starts somewhere in the cycle
            helper.stdin.flush()
            pid = int(helper.stdout.readline())
            time.sleep(chance.uniform(0, 0.004))
            os.kill(pid, signal.SIGKILL)
            helper.stdin.write(f"reap {pid}\n")
            helper.stdin.flush()
            assert helper.stdout.readline().strip() == "reaped"
            for slot in ("1", "2", "3"):
                path = shelf.path_of(slot)
                if not path.exists():
                    continue
                data = path.read_bytes()
                assert data in (small, large), f"slot {slot} is torn: {len(data)} bytes"
                seen.add(data)
                assert isinstance(shelf.read(slot).save, Save)
    finally:
        helper.stdin.close()
        helper.wait(timeout=10)
    assert seen == {small, large}, "the writers never got far enough to write both saves"
    listed = shelf.entries()
    assert all(entry.slot is not None for entry in listed), "a leftover temporary file was listed"
