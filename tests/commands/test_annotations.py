"""GitHub workflow annotations: one line per diagnostic, escaped as GitHub's toolkit does."""

from __future__ import annotations

from pathlib import Path

from game.commands.annotations import annotation, escape_data, escape_property, workflow_path
from game.engine import Diagnostic
from game.engine.diagnostics import Code


def test_message_escaping_keeps_percent_and_line_breaks_apart() -> None:
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"


def test_property_escaping_also_hides_colons_and_commas() -> None:
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_an_error_becomes_one_error_annotation() -> None:
    diagnostic = Diagnostic.make(Code.UNKNOWN_SCENE, "story/act1.yaml", 10, 11, "there is no scene 'galey'")
    assert (
        annotation(diagnostic) == "::error file=story/act1.yaml,line=10,col=11,title=SG131::there is no scene 'galey'"
    )


def test_a_warning_becomes_a_warning_and_the_detail_follows_on_new_lines() -> None:
    diagnostic = Diagnostic.make(Code.UNUSED_ENDING, "s/story.yaml", 3, 1, "no scene ends with 'lost'")
    line = annotation(diagnostic, "shortest way: 1. Go\nreplay: printf '1\\n'")
    assert line == (
        "::warning file=s/story.yaml,line=3,col=1,title=SG135::no scene ends with 'lost'"
        "%0Ashortest way: 1. Go%0Areplay: printf '1\\n'"
    )


def test_odd_file_names_are_escaped_as_properties() -> None:
    diagnostic = Diagnostic.make(Code.YAML_SYNTAX, "a,b:c/%.yaml", 1, 2, "bad")
    assert annotation(diagnostic).startswith("::error file=a%2Cb%3Ac/%25.yaml,line=1,col=2,title=SG100::")


def test_a_problem_of_no_file_has_no_place() -> None:
    diagnostic = Diagnostic.make(Code.STATE_LIMIT, "<story>", 0, 0, "stopped")
    assert annotation(diagnostic) == f"::{Code.STATE_LIMIT.severity.replace('info', 'notice')} title=SG305::stopped"


def test_paths_are_made_relative_to_where_the_check_runs(tmp_path: Path) -> None:
    assert workflow_path(str(tmp_path / "s" / "x.yaml"), tmp_path) == "s/x.yaml"
    assert workflow_path("./s/../s/x.yaml", tmp_path) == "s/x.yaml"
    assert workflow_path("/elsewhere/x.yaml", tmp_path) == "/elsewhere/x.yaml"
