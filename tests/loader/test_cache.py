"""The outline cache: a story loads the same from it as without it, edits are seen, damage is shrugged off."""

from __future__ import annotations

import dataclasses
import logging
import marshal
import shutil
from collections.abc import Callable, Mapping
from importlib.machinery import ModuleSpec
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import game.engine.syntax as syntax
import game.engine.text as text
import game.loader.files as files
import game.loader.story as story_module
from game.engine.model import Expression, SourcePos
from game.loader import load_story
from game.loader.cache import MAGIC, OutlineCache
from game.loader.files import checksum
from game.loader.result import LoadResult
from game.loader.yamlread import YamlFile
from game.userdirs import CACHE_ENV, cache_dir
from tests.analysis.strategies import StorySpec, stories, write
from tests.conftest import BUNDLED, STORIES
from tests.loader.test_fuzz import mutations

STORY_DIRS = [BUNDLED, *sorted(p for p in STORIES.iterdir() if p.is_dir())]


def dump(value: object) -> object:
    """A loaded story as plain data, to compare two loads: every field of every node, places
    with their spans; an expression's compiled function is left out (two loads never share one)."""
    if isinstance(value, SourcePos):
        return ("pos", value.file, value.line, value.col, value.spans, value.offset)
    if isinstance(value, Expression):
        return ("expr", value.source, value.type, dump(value.pos), sorted(value.variables), sorted(value.scenes))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, [(f.name, dump(getattr(value, f.name))) for f in dataclasses.fields(value)])
    if isinstance(value, Mapping):
        return [(k, dump(v)) for k, v in value.items()]
    if isinstance(value, tuple | list):
        return [dump(v) for v in value]
    return value


def outcome(result: LoadResult) -> object:
    """Everything a load gives: every diagnostic in order, and the story."""
    return [(d.code, d.file, d.line, d.col, d.severity, d.message) for d in result.diagnostics], dump(result.story)


def entries() -> list[Path]:
    return sorted(p for p in cache_dir().rglob("*") if p.is_file())


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The scene files parsed (not read from the cache) by the loads of a test, by name."""
    parsed: list[str] = []
    real = story_module.parse_yaml

    def counting(data: bytes, name: str, problems: list[object]) -> YamlFile:
        parsed.append(Path(name).name)
        return real(data, name, problems)  # type: ignore[arg-type]

    monkeypatch.setattr(story_module, "parse_yaml", counting)
    return parsed


def assert_same_every_way(directory: Path, parses: list[str] | None = None) -> LoadResult:
    """A load without the cache, one that fills it and one that reads it give the same result."""
    fresh = load_story(directory, use_cache=False)
    filling = load_story(directory)
    if parses is not None:
        parses.clear()
    reading = load_story(directory)
    if parses is not None:
        assert parses == [], "every scene file should have come from the cache"
    assert outcome(filling) == outcome(fresh)
    assert outcome(reading) == outcome(fresh)
    return reading


@pytest.mark.parametrize("directory", STORY_DIRS, ids=[p.name for p in STORY_DIRS])
def test_every_story_loads_the_same_from_the_cache(directory: Path, parses: list[str]) -> None:
    assert_same_every_way(directory, parses)


@settings(max_examples=25)
@given(spec=stories(risky=True))
def test_generated_stories_load_the_same_from_the_cache(
    tmp_path_factory: pytest.TempPathFactory, spec: StorySpec
) -> None:
    directory = write(spec, tmp_path_factory.mktemp("generated") / "story")
    result = assert_same_every_way(directory)
    assert result.story is not None


@pytest.fixture(scope="module")
def story_copies(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, list[Path]]]:
    base = tmp_path_factory.mktemp("copies")
    copies = []
    for source in STORY_DIRS:
        target = base / source.name
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.md"))
        files = sorted(
            p for p in target.rglob("*.yaml") if p.is_file() and not p.is_symlink() and p.name != "story.yaml"
        )
        if files:
            copies.append((target, files))
    return copies


@settings(max_examples=60)
@given(data=st.data())
def test_damaged_files_load_the_same_from_the_cache(
    story_copies: list[tuple[Path, list[Path]]], data: st.DataObject
) -> None:
    directory, files = data.draw(st.sampled_from(story_copies), label="story")
    path = data.draw(st.sampled_from(files), label="file")
    original = path.read_bytes()
    path.write_bytes(data.draw(mutations(original), label="damaged"))
    try:
        assert_same_every_way(directory)
    finally:
        path.write_bytes(original)


@pytest.fixture
def two_files(tmp_path: Path) -> Path:
    """A story whose first file leads into the second, and whose text uses a variable."""
    (tmp_path / "story.yaml").write_text(
        "id: t\ntitle: T\nstart: a\nvariables:\n  lit: false\nendings:\n  out: Out\n", encoding="utf-8"
    )
    (tmp_path / "one.yaml").write_text(
        "- scene: a\n  text: The lamp is {lit}.\n  choices:\n    - choice: On\n      do: lit = true\n      go: b\n",
        encoding="utf-8",
    )
    (tmp_path / "two.yaml").write_text("- scene: b\n  text: Out.\n  ending: out\n", encoding="utf-8")
    return tmp_path


def test_an_edited_file_is_parsed_again_and_only_it(two_files: Path, parses: list[str]) -> None:
    load_story(two_files)
    parses.clear()
    one = two_files / "one.yaml"
    one.write_text(one.read_text(encoding="utf-8").replace("The lamp", "The old lamp"), encoding="utf-8")
    result = load_story(two_files)
    assert parses == ["one.yaml"]
    assert result.story is not None
    assert result.story.scenes["a"].beats[0].text.source == "The old lamp is {lit}."
    assert outcome(result) == outcome(load_story(two_files, use_cache=False))


def test_problems_that_span_files_are_found_afresh(two_files: Path, parses: list[str]) -> None:
    load_story(two_files)
    parses.clear()
    # one.yaml is unchanged (its outline comes from the cache), but what it names is gone.
    (two_files / "two.yaml").write_text("- scene: c\n  text: Out.\n  ending: out\n", encoding="utf-8")
    (two_files / "story.yaml").write_text(
        "id: t\ntitle: T\nstart: a\nvariables:\n  lamp: false\nendings:\n  out: Out\n", encoding="utf-8"
    )
    result = load_story(two_files)
    assert parses == ["two.yaml"]
    found = {(d.code.name, d.file.rsplit("/", 1)[-1], d.line) for d in result.diagnostics}
    assert ("UNKNOWN_SCENE", "one.yaml", 6) in found
    assert ("UNDECLARED_VARIABLE", "one.yaml", 2) in found
    assert ("UNDECLARED_VARIABLE", "one.yaml", 5) in found
    assert outcome(result) == outcome(load_story(two_files, use_cache=False))


def _truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _flip_last_byte(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 0xFF])


def _not_an_outline(data: bytes) -> bytes:
    """A well-formed entry, checksum and all, that holds something else."""
    payload = marshal.dumps(("a", "foreign", "value"))
    head = data[: len(MAGIC) + 32]
    return head + checksum(payload) + payload


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda data: b"",
    "truncated": _truncate,
    "a flipped byte": _flip_last_byte,
    "garbage": lambda data: b"\x80\x04\x95 not ours at all" * 4,
    "another version's": lambda data: data.replace(MAGIC, MAGIC.replace(b"outline", b"outline 0."), 1),
    "not an outline": _not_an_outline,
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_entry_is_rebuilt_with_only_a_debug_line(
    two_files: Path, parses: list[str], caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    expected = outcome(load_story(two_files, use_cache=False))
    load_story(two_files)
    for entry in entries():
        entry.write_bytes(DAMAGE[damage](entry.read_bytes()))
    parses.clear()
    with caplog.at_level(logging.DEBUG):
        assert outcome(load_story(two_files)) == expected
    assert sorted(parses) == ["one.yaml", "two.yaml"]
    assert caplog.records and {(r.name, r.levelno) for r in caplog.records} == {("game.loader.cache", logging.DEBUG)}
    parses.clear()
    assert outcome(load_story(two_files)) == expected
    assert parses == [], "the damaged entries should have been written again"


def test_an_unwritable_cache_never_fails_a_load(
    two_files: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path_factory.mktemp("blocked") / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))  # a folder can never be made inside a file
    assert outcome(load_story(two_files)) == outcome(load_story(two_files, use_cache=False))
    assert outcome(load_story(two_files)) == outcome(load_story(two_files, use_cache=False))


def test_the_cache_is_kept_out_of_the_story_folder(two_files: Path) -> None:
    before = sorted(p.name for p in two_files.rglob("*"))
    load_story(two_files)
    assert sorted(p.name for p in two_files.rglob("*")) == before
    assert len(entries()) == 2
    assert all(entry.parent.parent.parent == cache_dir() for entry in entries())


def test_the_cache_folder_is_moved_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    assert cache_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv(CACHE_ENV)
    assert "stars-gossip" in str(cache_dir())


def test_another_pyyaml_keeps_its_outlines_apart(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The cache's folder is named for PyYAML's version (read from its files, not imported) and
    for whether its C part is installed: either changing gives another folder."""
    ours = OutlineCache.at(tmp_path).folder
    other = tmp_path / "yaml"
    other.mkdir()
    (other / "__init__.py").write_text("__version__ = '0.0-another'\n")
    monkeypatch.setattr(files, "find_spec", lambda name: ModuleSpec(name, None, origin=str(other / "__init__.py")))
    pure = OutlineCache.at(tmp_path).folder
    (other / "_yaml.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    with_c = OutlineCache.at(tmp_path).folder
    assert len({ours, pure, with_c}) == 3


@pytest.mark.parametrize("directory", [BUNDLED], ids=["bundled"])
def test_a_load_from_the_cache_parses_no_scene_text(directory: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outlines keep their expressions parsed and their texts split: reading them back
    compiles the scenes without tokenising, parsing or splitting a single text (the
    manifest, which is not outlined, is still read and parsed)."""
    filling = load_story(directory)
    tokenised: list[str] = []
    real_tokenise = syntax.tokenise

    def tokenise(source: str) -> list[syntax.Token]:
        tokenised.append(source)
        return real_tokenise(source)

    def refuse(source: str) -> None:
        raise AssertionError(f"{source!r} was split again")

    monkeypatch.setattr(syntax, "tokenise", tokenise)
    monkeypatch.setattr(text, "_tags", refuse)
    assert outcome(load_story(directory)) == outcome(filling)
    manifest = (directory / "story.yaml").read_text(encoding="utf-8")
    assert [source for source in tokenised if source not in manifest] == []
