"""Loading whole story directories: the model built, positions kept, problems collected."""

from __future__ import annotations

from pathlib import Path

from game.loader import load_story
from tests.conftest import STORIES

MANIFEST = """\
id: s
title: S
start: a
characters:
  eve: {name: Eve Kim, color: "#e8a33d"}
variables:
  trust: {type: int, min: 0, max: 3}
  mood: {type: enum, values: [calm, queasy]}
endings:
  done: Done
"""


END = "- scene: z\n  ending: done\n"


def write(directory: Path, scenes: str, manifest: str = MANIFEST, name: str = "scenes.yaml") -> Path:
    (directory / "story.yaml").write_text(manifest)
    target = directory / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(scenes)
    return directory


def problems(directory: Path) -> list[tuple[str, int, int]]:
    """Every diagnostic but SG127: MANIFEST declares variables that most stories here never use."""
    return [(d.code, d.line, d.col) for d in load_story(directory).diagnostics if d.code != "SG127"]


def test_minimal_story_loads_with_its_model() -> None:
    result = load_story(STORIES / "minimal")
    assert result.diagnostics == ()
    story = result.story
    assert story is not None
    assert (story.id, story.title, story.start, story.player) == ("minimal", "A Minimal Orbit", "hatch", "ryong")
    assert set(story.scenes) == {"hatch", "home"}
    assert [v.name for v in story.variables] == ["trust", "has_card", "mood"]
    assert story.scenes["hatch"].choices[0].once
    assert len(story.scenes["hatch"].choices[2].outcomes) == 2
    assert len(story.fingerprint) == 16


def test_fingerprint_changes_with_any_file_and_not_otherwise(tmp_path: Path) -> None:
    write(tmp_path, "- scene: a\n  ending: done\n")
    first = load_story(tmp_path).story
    again = load_story(tmp_path).story
    (tmp_path / "scenes.yaml").write_text("- scene: a\n  ending: done\n  text: Changed.\n")
    changed = load_story(tmp_path).story
    assert first and again and changed
    assert first.fingerprint == again.fingerprint != changed.fingerprint


def test_columns_in_quoted_and_block_text_point_into_the_text(tmp_path: Path) -> None:
    write(
        tmp_path,
        "- scene: a\n"
        "  ending: done\n"
        "  text:\n"
        '    - eve: "Trust {trsut}"\n'
        "    - |\n"
        "      First line.\n"
        "      Second {mood == 'sad'}.\n",
    )
    assert problems(tmp_path) == [("SG141", 4, 20), ("SG143", 7, 23)]


def test_condition_column_in_a_plain_scalar(tmp_path: Path) -> None:
    write(
        tmp_path, "- scene: a\n  choices:\n    - choice: X\n      if: trust >= 1 and mood == calm\n      go: a\n" + END
    )
    assert problems(tmp_path) == [("SG141", 4, 34)]


def test_effects_separated_by_semicolons_keep_their_columns(tmp_path: Path) -> None:
    write(tmp_path, "- scene: a\n  choices:\n    - choice: X\n      do: trust += 1; mood = 'sad'\n      go: a\n" + END)
    assert problems(tmp_path) == [("SG143", 4, 30)]


def test_narration_paragraphs_split_on_blank_lines(tmp_path: Path) -> None:
    write(tmp_path, "- scene: a\n  ending: done\n  text: |\n    One.\n\n    Two.\n")
    story = load_story(tmp_path).story
    assert story is not None
    assert [b.text.source for b in story.scenes["a"].beats] == ["One.", "Two."]


def test_default_choice_ids_count_from_one(tmp_path: Path) -> None:
    write(
        tmp_path,
        "- scene: a\n  choices:\n    - {choice: X, go: b}\n    - {choice: Y, id: y, go: b}\n- scene: b\n  ending: done\n",
    )
    story = load_story(tmp_path).story
    assert story is not None
    assert [c.id for c in story.scenes["a"].choices] == ["a#1", "y"]


def test_yaml_booleans_and_numbers_in_text_stay_as_written(tmp_path: Path) -> None:
    write(
        tmp_path,
        "- scene: a\n  choices:\n    - {say: Yes, go: b}\n    - {say: 42, go: b}\n- scene: b\n  ending: done\n",
    )
    story = load_story(tmp_path).story
    assert story is not None
    assert [c.text.source for c in story.scenes["a"].choices] == ["Yes", "42"]


def test_scene_files_in_subfolders_are_read_and_hidden_ones_skipped(tmp_path: Path) -> None:
    write(tmp_path, "- scene: a\n  ending: done\n", name="act1/place/a.yaml")
    hidden = tmp_path / ".drafts"
    hidden.mkdir()
    (hidden / "broken.yaml").write_text("- scene: [")
    assert problems(tmp_path) == []


def test_portrait_is_found_in_the_story_folder_first(tmp_path: Path) -> None:
    manifest = MANIFEST.replace('color: "#e8a33d"', 'color: "#e8a33d", portrait: eve')
    write(tmp_path, "- scene: a\n  ending: done\n", manifest)
    (tmp_path / "portraits").mkdir()
    (tmp_path / "portraits" / "eve.txt").write_text("(o_o)\n")
    story = load_story(tmp_path).story
    assert story is not None
    assert story.characters["eve"].portrait == str(tmp_path / "portraits" / "eve.txt")


def test_missing_portrait_is_a_warning_and_the_story_still_loads(tmp_path: Path) -> None:
    manifest = MANIFEST.replace('color: "#e8a33d"', 'color: "#e8a33d", portrait: nobody')
    write(tmp_path, "- scene: a\n  ending: done\n", manifest)
    result = load_story(tmp_path)
    assert [(d.code, d.severity) for d in result.diagnostics if d.code != "SG127"] == [("SG124", "warning")]
    assert result.story is not None


def test_all_problems_of_all_files_are_collected_in_one_run(tmp_path: Path) -> None:
    write(tmp_path, "- scene: a\n  choices:\n    - {choice: X, go: nowhere}\n", name="one.yaml")
    (tmp_path / "two.yaml").write_text("- scene: b\n  text:\n    - nobody: Hi\n  ending: done\n")
    codes = [code for code, _, _ in problems(tmp_path)]
    assert codes == ["SG131", "SG132"]


def test_story_without_scenes_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(MANIFEST)
    assert sorted(c for c, _, _ in problems(tmp_path)) == ["SG126", "SG135"]


def test_path_that_is_not_a_directory_is_reported(tmp_path: Path) -> None:
    assert [c for c, _, _ in problems(tmp_path / "missing")] == ["SG114"]


def test_manifest_that_is_a_folder_is_reported_as_such(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").mkdir()
    result = load_story(tmp_path)
    assert [(d.code, "is a folder" in d.message) for d in result.diagnostics] == [("SG114", True)]


def test_scene_entries_that_are_not_files_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "- scene: a\n  ending: done\n")
    (tmp_path / "drafts.yaml").mkdir()
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    found = sorted((Path(d.file).name, d.code) for d in load_story(tmp_path).diagnostics)
    assert found == [("drafts.yaml", "SG114"), ("loop.yaml", "SG114")]


def test_a_manifest_without_endings_is_reported_once(tmp_path: Path) -> None:
    manifest = MANIFEST.split("endings:")[0]
    write(tmp_path, "- scene: a\n  choices:\n    - {choice: Stay, go: a}\n", manifest)
    assert [c for c, _, _ in problems(tmp_path)] == ["SG121"]


def test_a_manifest_without_its_required_keys_names_each(tmp_path: Path) -> None:
    write(tmp_path, "- scene: a\n  ending: done\n", "endings:\n  done: Done\n")
    found = load_story(tmp_path).diagnostics
    assert [(d.code, d.message) for d in found] == [
        ("SG112", "story.yaml needs 'id:'"),
        ("SG112", "story.yaml needs 'start:'"),
        ("SG112", "story.yaml needs 'title:'"),
    ]


def test_unknown_scenes_in_text_and_status_lines_are_reported(tmp_path: Path) -> None:
    manifest = MANIFEST + "status:\n  - {label: Seen, show: \"visited('nowhere')\"}\n"
    write(tmp_path, "- scene: a\n  text: \"Hi{if visits('fni') >= 2} again{end}.\"\n  ending: done\n", manifest)
    found = [(Path(d.file).name, d.code, d.message) for d in load_story(tmp_path).diagnostics]
    # The manifest's problems come first: every scene is read against it.
    assert [(f, c) for f, c, _ in found] == [("story.yaml", "SG131"), ("scenes.yaml", "SG131")]
    assert "'fni' in 'visits('fni') >= 2' names no scene" in found[1][2]
