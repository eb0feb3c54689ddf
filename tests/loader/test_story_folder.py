"""A story folder is read only inside itself: links, odd names and deep folders are located problems."""

from __future__ import annotations

import os
from pathlib import Path

from game.loader import load_story
from game.loader.files import MAX_FOLDER_DEPTH, scene_files
from tests.loader.test_story import MANIFEST, write

SCENE = "- scene: a\n  ending: done\n"
SECRET = "id: leaked-secret\ntitle: Do not print me\nstart: nowhere\nendings: {done: Done}\n"


def diagnostics(directory: Path) -> list[tuple[str, str, int, int, str]]:
    return [
        (os.path.relpath(d.file, directory), d.code, d.line, d.col, d.message)
        for d in load_story(directory).diagnostics
    ]


def test_manifest_linked_outside_the_story_is_refused_unread(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(SECRET)
    story = tmp_path / "story"
    story.mkdir()
    write(story, SCENE)
    (story / "story.yaml").unlink()
    (story / "story.yaml").symlink_to(outside)
    found = diagnostics(story)
    assert [(f, c, ln, col) for f, c, ln, col, _ in found] == [("story.yaml", "SG114", 1, 1)]
    assert "leads outside the story folder" in found[0][4]
    assert "secret" not in str(found) and "Do not print me" not in str(found)


def test_scene_file_linked_outside_the_story_is_refused_unread(tmp_path: Path) -> None:
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    story = tmp_path / "story"
    story.mkdir()
    write(story, SCENE)
    (story / "users.yaml").symlink_to(outside)
    found = diagnostics(story)
    assert [(f, c, ln, col) for f, c, ln, col, _ in found] == [("users.yaml", "SG114", 1, 1)]
    assert "root" not in found[0][4]


def test_portrait_linked_outside_the_story_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    story = tmp_path / "story"
    story.mkdir()
    write(story, SCENE, MANIFEST.replace('color: "#e8a33d"', 'color: "#e8a33d", portrait: eve'))
    (story / "portraits").mkdir()
    (story / "portraits" / "eve.txt").symlink_to(outside)
    result = load_story(story)
    assert result.story is None
    line = (story / "story.yaml").read_text().split("\n")[4]
    place = (5, line.index("portrait: eve") + len("portrait: ") + 1)
    assert [(Path(d.file).name, d.code, d.line, d.col) for d in result.diagnostics] == [("story.yaml", "SG114", *place)]
    assert "portrait 'eve'" in result.diagnostics[0].message
    assert "leads outside the story folder" in result.diagnostics[0].message


def test_links_that_stay_inside_the_story_keep_working(tmp_path: Path) -> None:
    write(tmp_path, SCENE, MANIFEST.replace('color: "#e8a33d"', 'color: "#e8a33d", portrait: eve'), name="real/a.yaml")
    (tmp_path / "portraits").mkdir()
    (tmp_path / "art.txt").write_text("(o_o)\n")
    (tmp_path / "portraits" / "eve.txt").symlink_to(tmp_path / "art.txt")
    (tmp_path / "manifest.txt").write_text((tmp_path / "story.yaml").read_text())
    (tmp_path / "story.yaml").unlink()
    (tmp_path / "story.yaml").symlink_to("manifest.txt")
    (tmp_path / "alias.yaml").symlink_to(tmp_path / "real" / "a.yaml")  # the same scene twice
    (tmp_path / "again").symlink_to(tmp_path / "real")  # a folder link inside: not walked twice
    found = [(os.path.relpath(d.file, tmp_path), d.code) for d in load_story(tmp_path).diagnostics]
    assert found == [("real/a.yaml", "SG130")]
    (tmp_path / "alias.yaml").unlink()
    story = load_story(tmp_path).story
    assert story is not None
    assert story.characters["eve"].portrait == str(tmp_path / "portraits" / "eve.txt")


def test_folder_linked_outside_the_story_is_reported_and_not_walked(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "other.yaml").write_text("- scene: other\n  ending: done\n")
    story = tmp_path / "story"
    story.mkdir()
    write(story, SCENE)
    (story / "common").symlink_to(shared)
    found = diagnostics(story)
    assert [(f, c, ln, col) for f, c, ln, col, _ in found] == [("common", "SG114", 1, 1)]
    assert "leads outside the story folder" in found[0][4]


def test_a_file_name_that_is_not_utf8_is_shown_readably_and_hashed(tmp_path: Path) -> None:
    write(tmp_path, SCENE)
    odd = tmp_path / os.fsdecode(b"caf\xe9.yaml")
    odd.write_text("- scene: b\n  ending: nowhere\n")
    result = load_story(tmp_path)
    assert [(Path(d.file).name, d.code, d.line) for d in result.diagnostics] == [("caf\\xe9.yaml", "SG134", 2)]
    str(result.diagnostics[0]).encode("utf-8")  # printable, as the terminal will need
    odd.write_text("- scene: b\n  ending: done\n")
    first = load_story(tmp_path).story
    odd.rename(tmp_path / os.fsdecode(b"caf\xe8.yaml"))
    renamed = load_story(tmp_path).story
    assert first is not None and renamed is not None
    assert first.fingerprint != renamed.fingerprint


def test_thousands_of_nested_folders_stop_at_the_depth_limit(tmp_path: Path) -> None:
    write(tmp_path, SCENE)
    folders = [tmp_path / "d"]
    for _ in range(1_499):
        folders.append(folders[-1] / "d")
    try:
        for folder in folders:  # one at a time: Path.mkdir(parents=True) recurses too
            folder.mkdir()
        (folders[-1] / "lost.yaml").write_text("- scene: lost\n  ending: done\n")
        (folders[MAX_FOLDER_DEPTH - 1] / "kept.yaml").write_text("- scene: kept\n  ending: done\n")
        result = load_story(tmp_path)
        assert [(d.file, d.code, d.line, d.col) for d in result.diagnostics] == [
            (str(folders[MAX_FOLDER_DEPTH]), "SG114", 1, 1)
        ]
        assert f"deeper than {MAX_FOLDER_DEPTH} levels" in result.diagnostics[0].message
        assert folders[MAX_FOLDER_DEPTH - 1] / "kept.yaml" in scene_files(tmp_path)
    finally:
        for path in (folders[-1] / "lost.yaml", folders[MAX_FOLDER_DEPTH - 1] / "kept.yaml"):
            path.unlink(missing_ok=True)
        for folder in reversed(folders):  # pytest's clean-up would recurse as deep
            if folder.exists():
                folder.rmdir()


def test_scene_files_are_listed_in_path_order(tmp_path: Path) -> None:
    for name in ("b.yaml", "a/z.yaml", "a/b/c.yaml", "a.yaml", ".hidden/x.yaml", "story.yaml", "c/story.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("- scene: x\n")
    listed = [p.relative_to(tmp_path).as_posix() for p in scene_files(tmp_path)]
    assert listed == ["a/b/c.yaml", "a/z.yaml", "a.yaml", "b.yaml", "c/story.yaml"]
