"""A helper process for the crash test: it forks writers that save in a loop until they are killed.

Run by tests/saves/test_crash.py as ``python crash_writer.py FOLDER STORY_ID FILE_A FILE_B``.
It imports the saves once, then on each ``fork TURN`` line from stdin forks a child that writes
slots 1-3 over and over, three writes of FILE_A's bytes then three of FILE_B's, starting at write
TURN of that cycle, and prints the child's pid; on ``reap PID`` it waits for that child (killed by the test) and prints ``reaped``.
Forking from this single-threaded process is what makes 200 kills take seconds, not minutes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from game.saves import Shelf  # noqa: E402  (after the path is set)


def write_forever(shelf: Shelf, versions: tuple[bytes, bytes], turn: int) -> None:
    while True:
        shelf.write_bytes(("1", "2", "3")[turn % 3], versions[(turn // 3) % 2])
        turn += 1


def main() -> None:
    folder, story_id, first, second = sys.argv[1:5]
    shelf = Shelf(Path(folder), story_id)
    versions = (Path(first).read_bytes(), Path(second).read_bytes())
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "fork":
            pid = os.fork()
            if pid == 0:
                write_forever(shelf, versions, int(argument))
            print(pid, flush=True)
        elif command == "reap":
            os.waitpid(int(argument), 0)
            print("reaped", flush=True)


if __name__ == "__main__":
    main()
