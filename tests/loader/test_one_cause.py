"""One cause, one error: each usual writer's mistake gives exactly its one located diagnostic.

A small clean story (a player who is not Gong Ryong, two scene files, an enum and a bool) is
broken one mistake at a time, and ``stars-gossip check`` must print exactly one diagnostic
naming the real cause at the place it was made: no missing scenes because a file had a YAML
slip, no undeclared variables because a declaration was wrong, no error at every choice
because a scene's own id was mistyped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.loader import load_story
from tests.conftest import ROOT

MANIFEST = """\
id: ward
title: The Ward
start: dock.arrival
player: mina
characters:
  mina: {name: Mina Park, color: "#e8a33d"}
  doc: {name: Doctor Seo, color: orange}
variables:
  mood: {type: enum, values: [calm, patient], initial: calm}
  has_antidote: false
endings:
  home: Home again
"""

DOCK = """\
- scene: dock.arrival
  title: The dock
  text:
    - doc: Welcome aboard.
  choices:
    - say: I am here for the samples.
      do: mood = 'patient'
      go: bio.module
    - choice: Walk to the module
      go: bio.module
- scene: dock.hall
  text: A long hall.
  choices:
    - choice: Go home
      if: has_antidote
      go: dock.end
    - choice: Back to the module
      go: bio.module
- scene: dock.end
  ending: home
  text: "You are home, {if mood == 'patient'}with the samples{else}empty-handed{end}."
"""

BIO = """\
- scene: bio.module
  title: Bio module
  text: Centrifuges hum.
  choices:
    - choice: Take the antidote
      do: has_antidote = true
      go: dock.hall
    - choice: Leave it
      go: dock.hall
"""

FILES = {"story.yaml": MANIFEST, "dock.yaml": DOCK, "bio.yaml": BIO}
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:error|warning) (?P<code>SG\d{3}): (?P<message>.*)$")

Found = tuple[str, int, int, str, str]


def story(tmp_path: Path, **edits: tuple[str, str]) -> Path:
    """The clean story in ``tmp_path/ward``, with each file's (old, new) edit applied."""
    folder = tmp_path / "ward"
    folder.mkdir()
    for name, text in FILES.items():
        key = name.removesuffix(".yaml")
        if key in edits:
            old, new = edits[key]
            assert old in text, f"{old!r} is not in {name}"
            text = text.replace(old, new, 1)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def check(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[Found]]:
    """``stars-gossip check FOLDER``: its exit code and every diagnostic it printed, in order."""
    code = main(["check", str(folder)])
    out = capsys.readouterr().out
    found = []
    for line in out.splitlines():
        match = LINE.match(line)
        if match:
            file = Path(match["file"]).relative_to(folder).as_posix()
            found.append((file, int(match["line"]), int(match["col"]), match["code"], match["message"]))
    return code, found


def only(found: list[Found]) -> Found:
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_the_clean_story_checks_ok_with_no_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(story(tmp_path), capsys) == (0, [])


# What was found, 1: cascades.


def test_a_yaml_slip_in_one_scene_costs_only_that_scene(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The slip is in the start scene, which two other scenes never name: nothing is 'missing'."""
    folder = story(tmp_path, dock=("- doc: Welcome aboard.", "- doc: Welcome: aboard."))
    code, found = check(folder, capsys)
    file, line, col, diagnostic, message = only(found)
    assert (code, file, line, col, diagnostic) == (1, "dock.yaml", 4, 19, "SG100")
    assert "must be quoted" in message


def test_slips_in_two_scenes_are_two_errors_and_the_rest_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = story(tmp_path, dock=("- doc: Welcome aboard.", "- doc: Welcome: aboard."))
    (folder / "dock.yaml").write_text(
        (folder / "dock.yaml").read_text().replace("text: A long hall.", "text: A long hall: empty.")
    )
    _, found = check(folder, capsys)
    assert [(f, line, code) for f, line, _, code, _ in found] == [("dock.yaml", 4, "SG100"), ("dock.yaml", 12, "SG100")]


def test_a_scene_after_the_slip_keeps_its_true_line_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The scene after the slip is still read, and its own mistake is found at its own line."""
    folder = story(tmp_path, dock=("- doc: Welcome aboard.", "- doc: Welcome: aboard."))
    (folder / "dock.yaml").write_text((folder / "dock.yaml").read_text().replace("go: dock.end", "go: dock.ned"))
    _, found = check(folder, capsys)
    assert [(line, col, code) for _, line, col, code, _ in found] == [(4, 19, "SG100"), (16, 11, "SG131")]
    assert "(did you mean 'dock.end'?)" in found[1][4]


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The broken scene holds the only ending: no 'unused ending', no 'no scene ends with'."""
    folder = story(tmp_path, dock=(DOCK.splitlines()[-1], '  text: "You are home.'))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("dock.yaml", 21, 9, "SG100")
    assert "never closed" in message


def test_a_file_cut_off_inside_an_open_bracket_is_its_only_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Half written: the file stops inside '[...'; the scenes still to be written (the one
    holding the ending among them) are not reported as missing."""
    folder = story(tmp_path, dock=(DOCK[DOCK.index("  choices:") :], "  choices:\n    - say: [half"))
    file, line, col, diagnostic, _ = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("dock.yaml", 6, 17, "SG100")


def test_a_tab_in_the_manifest_is_named_at_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = story(tmp_path, story=("  doc: {name", "\tdoc: {name"))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("story.yaml", 7, 1, "SG100")
    assert "a tab is used for indentation" in message and "spaces" in message


def test_a_tab_in_a_scene_file_is_named_at_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = story(
        tmp_path, bio=("      go: dock.hall\n    - choice: Leave", "  \t  go: dock.hall\n    - choice: Leave")
    )
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("bio.yaml", 7, 3, "SG100")
    assert "a tab is used for indentation" in message


def test_an_unquoted_colour_in_braces_is_named_where_it_is_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """PyYAML stops on the next line; the '#' that cut the line short is on this one."""
    folder = story(tmp_path, story=('color: "#e8a33d"}', "color: #e8a33d}"))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("story.yaml", 6, 34, "SG100")
    assert "'#' starts a comment in YAML" in message and '"#e8a33d"' in message


def test_an_unquoted_colour_on_its_own_line_is_named_where_it_is_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = story(
        tmp_path,
        story=('  mina: {name: Mina Park, color: "#e8a33d"}', "  mina:\n    name: Mina Park\n    color: #e8a33d"),
    )
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("story.yaml", 8, 12, "SG103")
    assert "'#' starts a comment in YAML" in message and '"#e8a33d"' in message


def test_a_misspelt_enum_initial_is_its_only_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The variable stays declared: its uses in conditions and effects are checked as usual."""
    folder = story(tmp_path, story=("initial: calm", "initial: clam"))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("story.yaml", 9, 56, "SG122")
    assert message == "'clam' is not one of mood's values (did you mean 'calm'?)"


def test_a_variable_of_unknown_type_is_reported_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its uses cannot be checked without a type, and are not reported as undeclared either."""
    folder = story(tmp_path, story=("{type: enum,", "{type: enums,"))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("story.yaml", 9, 16, "SG122")
    assert "type 'enums' is unknown" in message


def test_a_broken_character_is_not_reported_again_where_it_speaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = story(tmp_path, story=("  doc: {name: Doctor Seo, color: orange}", "  doc: Doctor Seo"))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("story.yaml", 7, 8, "SG103")
    assert message.startswith("character 'doc' must be a mapping")


def test_a_broken_ending_is_not_reported_again_where_it_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = story(tmp_path, story=("  home: Home again", "  home:"))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("story.yaml", 12, 8, "SG103")
    assert message.startswith("ending 'home' is empty")


def test_manifest_problems_come_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = story(tmp_path, story=("color: orange", "color: #zzz"), bio=("go: dock.hall\n", "go: dock.hal\n"))
    (folder / "story.yaml").write_text((folder / "story.yaml").read_text().replace("color: #zzz", 'color: "#zzz"'))
    _, found = check(folder, capsys)
    assert [(f, code) for f, _, _, code, _ in found] == [("story.yaml", "SG123"), ("bio.yaml", "SG131")]


# What was found, 2: a typo in a scene's own id.


def test_a_mistyped_scene_id_is_reported_at_its_definition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = story(tmp_path, bio=("- scene: bio.module", "- scene: bio.modul"))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("bio.yaml", 1, 10, "SG131")
    assert message.startswith("scene 'bio.modul' is never used; did you mean 'bio.module', which 3 choices go to?")


def test_a_mistyped_reference_is_still_reported_at_the_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With one reference and one definition nobody can tell which is the typo: the
    reference is reported, as always, with the defined id as the suggestion."""
    folder = story(tmp_path, dock=("      go: dock.end", "      go: dock.ed"))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("dock.yaml", 16, 11, "SG131")
    assert message == "there is no scene 'dock.ed' (did you mean 'dock.end'?): check the id or add the scene"


# What was found, 4: messages speak of the story at hand.


def test_say_and_choice_together_names_the_storys_own_player(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = story(
        tmp_path, dock=("    - choice: Walk to the module\n", "    - say: Hi.\n      choice: Walk to the module\n")
    )
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("dock.yaml", 10, 7, "SG103")
    assert message == "a choice has 'say:' (a line Mina Park speaks) or 'choice:' (an action), not both"


def test_no_portrait_key_is_fine_and_a_missing_portrait_file_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = story(tmp_path, story=("color: orange}", "color: orange, portrait: seo}"))
    code, found = check(folder, capsys)
    file, line, col, diagnostic, message = only(found)
    assert (code, file, line, col, diagnostic) == (0, "story.yaml", 7, 52, "SG124")
    assert message.startswith("no portrait 'seo'")


def test_the_guides_manifest_example_asks_for_no_portrait(tmp_path: Path) -> None:
    guide = (ROOT / "scenes" / "README.md").read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0] for block in guide.split("```yaml\n")[1:]]
    example = next(block for block in blocks if block.startswith("id:"))  # the manifest's example
    (tmp_path / "story.yaml").write_text(example, encoding="utf-8")
    codes = {d.code for d in load_story(tmp_path).diagnostics}
    assert "SG124" not in codes and "SG103" not in codes and "SG110" not in codes


# What was found, 5: the smaller gaps.


def test_a_quoted_bool_shorthand_says_what_the_shorthand_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = story(tmp_path, story=("has_antidote: false", 'has_antidote: "no"'))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("story.yaml", 10, 17, "SG122")
    assert "true or false" in message and "must be a mapping" not in message
    assert "has_antidote: false" in message


def test_a_number_as_bool_shorthand_is_reported_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = story(tmp_path, story=("has_antidote: false", "has_antidote: 3"))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("story.yaml", 10, 17, "SG122")
    assert "true or false" in message and "{type: int, min: 0, max: 3}" in message


def test_an_empty_manifest_reports_its_missing_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = story(tmp_path)
    (folder / "story.yaml").write_text("# to do\n")
    code, found = check(folder, capsys)
    assert code == 1
    assert [(f, line, col, c) for f, line, col, c, _ in found] == [
        ("story.yaml", 1, 1, "SG112"),
        ("story.yaml", 1, 1, "SG112"),
        ("story.yaml", 1, 1, "SG112"),
        ("story.yaml", 1, 1, "SG121"),
    ]
    assert [m for *_, m in found[:3]] == [f"story.yaml needs '{key}:'" for key in ("id", "start", "title")]


def test_an_anchor_is_refused_where_it_stands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = story(tmp_path, story=("  home: Home again", "  home: &t Home again"))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("story.yaml", 12, 9, "SG106")
    assert message.startswith("the anchor '&t' is not allowed")


def test_an_anchor_in_one_scene_costs_only_that_scene(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = story(tmp_path, dock=("  text: A long hall.", "  text: &hall A long hall."))
    file, line, col, diagnostic, _ = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("dock.yaml", 12, 9, "SG106")


def test_a_variable_nothing_uses_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = story(tmp_path, story=("  has_antidote: false\n", "  has_antidote: false\n  spare_key: false\n"))
    code, found = check(folder, capsys)
    file, line, col, diagnostic, message = only(found)
    assert (code, file, line, col, diagnostic) == (0, "story.yaml", 11, 3, "SG127")
    assert message.startswith("variable 'spare_key' is declared but nothing reads or changes it")


def test_a_variable_only_changed_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = story(
        tmp_path,
        story=("  has_antidote: false\n", "  has_antidote: false\n  noted: false\n"),
        bio=("      do: has_antidote = true\n", "      do: [has_antidote = true, noted = true]\n"),
    )
    assert check(folder, capsys) == (0, [])


def test_a_scene_id_with_a_space_is_not_reported_again_where_it_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = story(tmp_path, bio=("- scene: bio.module", "- scene: bio module"))
    (folder / "dock.yaml").write_text((folder / "dock.yaml").read_text().replace("bio.module", "bio module"))
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("bio.yaml", 1, 10, "SG113")
    assert message.startswith("scene id 'bio module' may use only")


def test_a_scene_file_written_as_one_mapping_is_its_only_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The scene is not read, so it is not reported again as missing where choices go to it."""
    folder = story(tmp_path)
    (folder / "bio.yaml").write_text("scene: bio.module\ntext: Centrifuges hum.\nending: home\n")
    file, line, col, diagnostic, message = only(check(folder, capsys)[1])
    assert (file, line, col, diagnostic) == ("bio.yaml", 1, 1, "SG103")
    assert message == "a scene file is a list of scenes: put '- ' before 'scene:'"
