"""``stars-gossip new DIR``: a story that passes check with nothing to fix and plays at once."""

from __future__ import annotations

from pathlib import Path

from tests.cli_run import stars_gossip


def test_new_writes_a_story_that_checks_without_errors_or_warnings(tmp_path: Path) -> None:
    made = stars_gossip("new", "mystory", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    story = tmp_path / "mystory"
    assert sorted(p.relative_to(story).as_posix() for p in story.rglob("*") if p.is_file()) == [
        "README.md",
        "act1/endings.yaml",
        "act1/opening.yaml",
        "story.yaml",
    ]
    checked = stars_gossip("check", cwd=story)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.count("\n") == 1, checked.stdout  # the summary line alone: no diagnostic at all
    assert checked.stdout.startswith(".: ok: 4 scenes, 2 endings, ")
    assert ", 0 error(s), 0 warning(s) in " in checked.stdout
    assert checked.stderr == "story: . (Mystory)\n"


def test_a_new_story_plays_to_each_ending_in_line_mode(tmp_path: Path) -> None:
    stars_gossip("new", "mystory", cwd=tmp_path)
    aboard = stars_gossip("play", "--plain", "mystory", cwd=tmp_path, stdin="1\n1\n")
    assert aboard.returncode == 0, aboard.stderr
    assert "The corridor hums. The badge is clipped to your collar." in aboard.stdout
    assert "*** Ending: Aboard ***" in aboard.stdout
    sent_back = stars_gossip("play", "--plain", "mystory", cwd=tmp_path, stdin="2\n1\n")
    assert "Without a badge, I'm afraid this is as far as you go." in sent_back.stdout
    assert "*** Ending: Sent Back ***" in sent_back.stdout


def test_each_new_file_names_the_installed_schema(tmp_path: Path) -> None:
    stars_gossip("new", "mystory", cwd=tmp_path)
    manifest = stars_gossip("schema", "--path", "manifest").stdout.strip()
    scene = stars_gossip("schema", "--path", "scene").stdout.strip()
    story = tmp_path / "mystory"
    expected = {"story.yaml": manifest, "act1/opening.yaml": scene, "act1/endings.yaml": scene}
    for name, schema in expected.items():
        first = (story / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={schema}"
        assert Path(schema).is_absolute() and Path(schema).is_file()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "mystory").mkdir()
    (tmp_path / "mystory" / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = stars_gossip("new", "mystory", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "stars-gossip new: mystory is not empty: give the name of a new folder (new creates it), or empty this one\n"
    )
    assert [p.name for p in (tmp_path / "mystory").iterdir()] == ["notes.txt"]


def test_new_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "mystory").write_text("", encoding="utf-8")
    result = stars_gossip("new", "mystory", cwd=tmp_path)
    assert result.returncode == 2
    assert "mystory is a file: give the name of a new folder" in result.stderr


def test_new_fills_an_empty_folder(tmp_path: Path) -> None:
    result = stars_gossip("new", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "story.yaml").is_file()
