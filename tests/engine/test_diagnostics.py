"""The catalogue of diagnostic codes and how a diagnostic reads."""

from __future__ import annotations

import re

from game.engine.diagnostics import CODES, Diagnostic


def test_codes_are_unique_well_formed_and_named() -> None:
    assert all(re.fullmatch(r"SG\d{3}", code) for code in CODES)
    names = [c.name for c in CODES.values()]
    assert len(set(names)) == len(names)
    assert all(c.severity in ("error", "warning", "info") and c.meaning for c in CODES.values())


def test_make_takes_the_catalogues_severity() -> None:
    assert Diagnostic.make("SG135", "s.yaml", 3, 5, "m").severity == "warning"
    assert Diagnostic.make("SG131", "s.yaml", 3, 5, "m").severity == "error"


def test_text_form_is_file_line_col_severity_code_message() -> None:
    diagnostic = Diagnostic.make("SG131", "act1/a.yaml", 10, 11, "there is no scene 'galey'")
    assert str(diagnostic) == "act1/a.yaml:10:11: error SG131: there is no scene 'galey'"
    assert diagnostic.as_dict() == {
        "file": "act1/a.yaml",
        "line": 10,
        "col": 11,
        "severity": "error",
        "code": "SG131",
        "name": "unknown-scene",
        "message": "there is no scene 'galey'",
    }
