"""The catalogue of diagnostic codes and how a diagnostic reads."""

from __future__ import annotations

import re
from pathlib import Path

from game.engine.diagnostics import CODES, Code, Diagnostic


def test_codes_are_unique_well_formed_and_named() -> None:
    assert all(re.fullmatch(r"SG\d{3}", code) for code in CODES)
    assert set(CODES) == set(Code) and all(entry.code is code for code, entry in CODES.items())
    # The constant's name is the catalogue's name: Code.UNKNOWN_SCENE is 'unknown-scene'.
    assert all(code.name == entry.name.upper().replace("-", "_") for code, entry in CODES.items())
    names = [c.name for c in CODES.values()]
    assert len(set(names)) == len(names)
    assert all(c.severity in ("error", "warning", "info") and c.meaning for c in CODES.values())


def test_make_takes_the_catalogues_severity() -> None:
    assert Diagnostic.make(Code.UNUSED_ENDING, "s.yaml", 3, 5, "m").severity == "warning"
    assert Diagnostic.make(Code.UNKNOWN_SCENE, "s.yaml", 3, 5, "m").severity == "error"


def test_text_form_is_file_line_col_severity_code_message() -> None:
    diagnostic = Diagnostic.make(Code.UNKNOWN_SCENE, "act1/a.yaml", 10, 11, "there is no scene 'galey'")
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


def test_codes_are_written_out_only_in_the_catalogue() -> None:
    """Everywhere else names the problem (Code.UNKNOWN_SCENE), so a typo fails at import."""
    root = Path(__file__).resolve().parents[2] / "game"
    written = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if path.name != "diagnostics.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"[\"']SG\d", line)
    ]
    assert not written
