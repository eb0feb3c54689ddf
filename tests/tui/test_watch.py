"""The story folder's watch: a change counts once it has settled, in any file but dot-files."""

from __future__ import annotations

import os
from pathlib import Path

from game.tui.watch import FolderWatch, snapshot


def story_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    (folder / "act1").mkdir(parents=True)
    (folder / "story.yaml").write_text("id: s\n", encoding="utf-8")
    (folder / "act1" / "scenes.yaml").write_text("- scene: a\n", encoding="utf-8")
    return folder


def watching(folder: Path) -> FolderWatch:
    watch = FolderWatch(folder)
    assert watch.poll() is False  # the first look only takes note
    return watch


def test_nothing_changed_is_nothing_to_reload(tmp_path: Path) -> None:
    watch = watching(story_folder(tmp_path))
    assert [watch.poll() for _ in range(3)] == [False, False, False]


def test_a_change_counts_once_the_next_look_finds_it_settled(tmp_path: Path) -> None:
    folder = story_folder(tmp_path)
    watch = watching(folder)
    (folder / "act1" / "scenes.yaml").write_text("- scene: b\n  text: more\n", encoding="utf-8")
    assert [watch.poll(), watch.poll(), watch.poll()] == [False, True, False]


def test_a_file_still_being_written_waits_for_a_quiet_look(tmp_path: Path) -> None:
    folder = story_folder(tmp_path)
    watch = watching(folder)
    scenes = folder / "act1" / "scenes.yaml"
    scenes.write_text("- scene: b\n  te", encoding="utf-8")
    assert watch.poll() is False
    scenes.write_text("- scene: b\n  text: whole at last\n", encoding="utf-8")
    assert watch.poll() is False  # it changed again since the last look: still moving
    assert watch.poll() is True


def test_a_change_undone_before_it_settled_is_no_change(tmp_path: Path) -> None:
    folder = story_folder(tmp_path)
    watch = watching(folder)
    extra = folder / "act1" / "new.yaml"
    extra.write_text("- scene: c\n", encoding="utf-8")
    assert watch.poll() is False
    extra.unlink()
    assert [watch.poll(), watch.poll()] == [False, False]


def test_new_and_removed_files_in_sub_folders_are_changes(tmp_path: Path) -> None:
    folder = story_folder(tmp_path)
    watch = watching(folder)
    (folder / "act2").mkdir()
    (folder / "act2" / "scenes.yaml").write_text("- scene: c\n", encoding="utf-8")
    assert [watch.poll(), watch.poll()] == [False, True]
    (folder / "act1" / "scenes.yaml").unlink()
    assert [watch.poll(), watch.poll()] == [False, True]


def test_dot_files_and_dot_folders_are_not_watched(tmp_path: Path) -> None:
    folder = story_folder(tmp_path)
    watch = watching(folder)
    (folder / "act1" / ".scenes.yaml.swp").write_bytes(b"\0" * 64)
    (folder / ".git").mkdir()
    (folder / ".git" / "index").write_bytes(b"x")
    assert [watch.poll(), watch.poll()] == [False, False]
    assert set(snapshot(folder)) == {"story.yaml", os.path.join("act1", "scenes.yaml")}


def test_links_to_folders_are_not_followed(tmp_path: Path) -> None:
    folder = story_folder(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "big.yaml").write_text("- scene: x\n", encoding="utf-8")
    (folder / "elsewhere").symlink_to(outside, target_is_directory=True)
    assert set(snapshot(folder)) == {"story.yaml", os.path.join("act1", "scenes.yaml")}


def test_a_folder_that_is_gone_is_empty_and_its_return_a_change(tmp_path: Path) -> None:
    folder = story_folder(tmp_path)
    watch = watching(folder)
    moved = tmp_path / "moved"
    folder.rename(moved)
    assert snapshot(folder) == {}
    assert [watch.poll(), watch.poll()] == [False, True]
    moved.rename(folder)
    assert [watch.poll(), watch.poll()] == [False, True]


def test_only_story_files_are_watched(tmp_path: Path) -> None:
    folder = story_folder(tmp_path)
    for name in ("maps", "portraits", "notes"):
        (folder / name).mkdir()
        (folder / name / "deck.txt").write_text("art\n", encoding="utf-8")
    (folder / "title.txt").write_text("TITLE\n", encoding="utf-8")
    (folder / "draft.md").write_text("ideas\n", encoding="utf-8")
    (folder / "act1" / "build.log").write_text("log\n", encoding="utf-8")
    watched = {
        "story.yaml",
        "title.txt",
        os.path.join("act1", "scenes.yaml"),
        os.path.join("maps", "deck.txt"),
        os.path.join("portraits", "deck.txt"),
    }
    assert set(snapshot(folder)) == watched
    watch = watching(folder)
    (folder / "draft.md").write_text("more ideas\n", encoding="utf-8")
    (folder / "act1" / "build.log").write_text("a longer log\n", encoding="utf-8")
    assert [watch.poll(), watch.poll()] == [False, False]


def test_the_watch_stops_at_its_cap_and_says_it_is_capped(tmp_path: Path) -> None:
    folder = story_folder(tmp_path)
    for number in range(5):
        (folder / f"more{number}.yaml").write_text("- scene: x\n", encoding="utf-8")
    assert len(snapshot(folder, limit=4)) == 4
    watch = FolderWatch(folder, limit=4)
    watch.poll()
    assert watch.capped
    roomy = FolderWatch(folder)
    roomy.poll()
    assert not roomy.capped
