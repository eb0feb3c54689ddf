"""Saves written on their own thread: in the order asked, each reported, all done by close."""

from __future__ import annotations

import threading
from pathlib import Path

from game.saves import SaveProblem, Shelf
from game.saves.background import BackgroundWriter
from tests.saves.helpers import V1_ROUTE, evolved, run_of, save_of


def test_writes_happen_in_order_off_the_calling_thread_and_are_all_done_at_close(tmp_path: Path) -> None:
    shelf = Shelf(tmp_path, "evolve")
    run = run_of(evolved("v1"), V1_ROUTE)
    done: list[tuple[str, SaveProblem | None, str]] = []
    writer = BackgroundWriter()
    for number in range(1, 6):
        writer.submit(
            shelf,
            "1",
            save_of(run, f"save {number}"),
            lambda s, p: done.append((s, p, threading.current_thread().name)),
        )
    writer.close()
    assert [(slot, problem) for slot, problem, _ in done] == [("1", None)] * 5
    assert all(name.startswith("stars-gossip-saves") for _, _, name in done)
    entry = shelf.read("1")
    assert entry.save is not None and entry.save.name == "save 5"


def test_a_failed_write_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where the folder should be")
    problems: list[SaveProblem | None] = []
    writer = BackgroundWriter()
    writer.submit(
        Shelf(tmp_path / "blocked", "evolve"),
        "2",
        save_of(run_of(evolved("v1"), V1_ROUTE)),
        lambda s, p: problems.append(p),
    )
    writer.flush()
    assert len(problems) == 1 and problems[0] is not None and problems[0].message.startswith("Cannot save in")
    writer.close()
