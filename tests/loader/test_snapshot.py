"""The story snapshot: a kept story plays exactly as a loaded one, edits are seen, damage is shrugged off."""

from __future__ import annotations

import logging
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import game.loader.story as story_module
from game.analysis import check_story
from game.engine import GameState, Story, StoryRuntimeError, choose, start, view
from game.loader import LoadResult, load_story
from game.loader.snapshot import MAGIC, quick_load, snapshot_path, story_key
from tests.analysis.strategies import StorySpec, stories, write
from tests.conftest import BUNDLED, ROOT, STORIES
from tests.loader.test_cache import outcome

STORY_DIRS = [BUNDLED, *sorted(p for p in STORIES.iterdir() if p.is_dir())]
CLEAN = [d for d in STORY_DIRS if load_story(d, use_cache=False).story is not None]


@pytest.fixture
def full_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The story folders loaded in full (not from a snapshot) by a test."""
    loaded: list[Path] = []
    real = story_module.load_story

    def counting(directory: Path | str, *, use_cache: bool = True) -> LoadResult:
        loaded.append(Path(directory))
        return real(directory, use_cache=use_cache)

    monkeypatch.setattr(story_module, "load_story", counting)
    return loaded


def kept(directory: Path, full_loads: list[Path]) -> LoadResult:
    """The story in ``directory`` from its snapshot: a first quick load keeps it, a second must
    come from it (no full load) and give what a full load gives."""
    quick_load(directory)
    full_loads.clear()
    result = quick_load(directory)
    assert full_loads == [], "the second load should have come from the snapshot"
    assert outcome(result) == outcome(load_story(directory))
    return result


def play(story: Story, seed: int, picks: random.Random, steps: int = 80) -> list[object]:
    """What a random play of ``story`` shows, state by state, up to a fault or an ending."""
    shown: list[object] = []
    state: GameState = start(story, seed)
    for _ in range(steps):
        try:
            scene = view(story, state)
        except StoryRuntimeError as fault:
            shown.append(("fault", str(fault)))
            break
        shown.append((scene, state))
        if not scene.choices:
            break
        try:
            state = choose(story, state, picks.randrange(len(scene.choices)) + 1)
        except StoryRuntimeError as fault:
            shown.append(("fault", str(fault)))
            break
    return shown


def assert_plays_alike(loaded: Story, rebuilt: Story, runs: int = 40) -> None:
    for run in range(runs):
        assert play(rebuilt, run, random.Random(run)) == play(loaded, run, random.Random(run)), f"run {run}"


@pytest.mark.parametrize("directory", CLEAN, ids=[p.name for p in CLEAN])
def test_every_story_plays_the_same_from_its_snapshot(directory: Path, full_loads: list[Path]) -> None:
    result = kept(directory, full_loads)
    loaded = load_story(directory).story
    assert result.story is not None and loaded is not None
    assert_plays_alike(loaded, result.story)


@settings(max_examples=25)
@given(spec=stories(risky=True), seed=st.integers(0, 2**16))
def test_generated_stories_play_the_same_from_their_snapshot(
    tmp_path_factory: pytest.TempPathFactory, spec: StorySpec, seed: int
) -> None:
    """Generated stories, some of whose texts and status lines divide by zero on some plays:
    the snapshot's expressions, compiled on first use, fault where and as the loaded ones do."""
    directory = write(spec, tmp_path_factory.mktemp("generated") / "story")
    quick_load(directory)
    rebuilt = quick_load(directory)
    loaded = load_story(directory)
    assert outcome(rebuilt) == outcome(loaded)
    assert rebuilt.story is not None and loaded.story is not None
    for run in range(10):
        assert play(rebuilt.story, seed + run, random.Random(run)) == play(loaded.story, seed + run, random.Random(run))


def findings(story: Story, max_states: int = 1_000_000) -> list[object]:
    return [(f.diagnostic, f.path) for f in check_story(story, max_states).findings]


@pytest.mark.parametrize("directory", CLEAN, ids=[p.name for p in CLEAN])
def test_every_story_checks_the_same_from_its_snapshot(directory: Path, full_loads: list[Path]) -> None:
    """The checker's verdicts (overflows keyed by effect, faults, soft-locks, paths) are those of
    the loaded story: effects the loader shares between outcomes come back shared."""
    rebuilt = kept(directory, full_loads).story
    loaded = load_story(directory).story
    assert rebuilt is not None and loaded is not None
    limit = 20_000 if directory.name == "defect_explosion" else 1_000_000  # it only ever meets the limit
    assert findings(rebuilt, limit) == findings(loaded, limit)


@settings(max_examples=15)
@given(spec=stories(risky=True))
def test_generated_stories_check_the_same_from_their_snapshot(
    tmp_path_factory: pytest.TempPathFactory, spec: StorySpec
) -> None:
    directory = write(spec, tmp_path_factory.mktemp("generated") / "story")
    quick_load(directory)
    rebuilt, loaded = quick_load(directory).story, load_story(directory).story
    assert rebuilt is not None and loaded is not None
    assert findings(rebuilt) == findings(loaded)


SHARED_MANIFEST = """\
id: shared
title: Shared
start: hatch
variables:
  trust: {type: int, min: 0, max: 1}
  seen: false
endings:
  home: Home safe
"""
SHARED_SCENES = """\
- scene: hatch
  title: The hatch
  place: Node 1
  text: Trust is {trust}.
  choices:
    - choice: Flip a coin
      do: trust += 1
      random:
        - {weight: 1, go: hatch, do: "seen = true"}
        - {weight: 1, go: home}
- scene: home
  ending: home
  text: You are home.
"""


def test_effects_shared_between_outcomes_stay_shared(tmp_path: Path, full_loads: list[Path]) -> None:
    """A choice's own effect is one effect in each of its outcomes (the loader shares it): the
    checker reports its overflow once, and so it must from the snapshot."""
    directory = tmp_path / "shared"
    directory.mkdir()
    (directory / "story.yaml").write_text(SHARED_MANIFEST)
    (directory / "scenes.yaml").write_text(SHARED_SCENES)
    rebuilt, loaded = kept(directory, full_loads).story, load_story(directory).story
    assert rebuilt is not None and loaded is not None
    for story in (loaded, rebuilt):
        first, second = story.scenes["hatch"].choices[0].outcomes
        assert first.effects[0] is second.effects[0]
        assert first.effects[1] is not second.effects[0]
    assert findings(rebuilt) == findings(loaded)
    assert [f.diagnostic.code for f in check_story(rebuilt).findings].count("SG304") == 1


def test_a_file_edited_while_the_story_loads_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_loads: list[Path]
) -> None:
    """An editor saving as the game starts: the story read is of other bytes than the key was
    made of, so it is not kept (it would be served for the old bytes, say after an undo)."""
    directory = copy_story(STORIES / "minimal", tmp_path / "story")
    scenes = next(p for p in sorted(directory.rglob("*.yaml")) if p.name != "story.yaml")
    counting = story_module.load_story

    def edited_then_loaded(folder: Path | str, *, use_cache: bool = True) -> LoadResult:
        scenes.write_text(scenes.read_text().replace("title:", "title: Edited", 1))
        return counting(folder, use_cache=use_cache)

    monkeypatch.setattr(story_module, "load_story", edited_then_loaded)
    quick_load(directory)
    assert not snapshot_path(directory).exists()


def test_other_text_files_are_not_part_of_the_key(tmp_path: Path) -> None:
    """Only what a load can read counts: notes beside the scenes change nothing."""
    directory = copy_story(STORIES / "minimal", tmp_path / "story")
    first = story_key(directory)
    (directory / "notes.txt").write_text("to do: a better ending\n")
    (directory / "act1").mkdir()
    (directory / "act1" / "portraits").mkdir()
    assert story_key(directory) != first  # a new folder is part of it (chapters are folders)
    second = story_key(directory)
    (directory / "act1" / "portraits" / "eve.txt").write_text("(not read: not at the top)\n")
    (directory / "notes.txt").write_text("to do: two better endings\n")
    assert story_key(directory) == second


def test_a_fault_names_the_same_place_from_the_snapshot(full_loads: list[Path]) -> None:
    directory = STORIES / "defect_div_zero"
    rebuilt = kept(directory, full_loads).story
    loaded = load_story(directory).story
    assert rebuilt is not None and loaded is not None
    faults = {str(step[1]) for run in range(30) for step in play(loaded, run, random.Random(run)) if step[0] == "fault"}
    assert faults, "the story should fault on some play"
    assert_plays_alike(loaded, rebuilt, runs=30)


def test_an_expression_is_compiled_on_its_first_call_only(full_loads: list[Path]) -> None:
    story = kept(BUNDLED, full_loads).story
    assert story is not None
    item = story.status[0]
    waiting = item.value.evaluate
    state = start(story, 1)
    first = waiting(state)
    assert item.value.evaluate is not waiting, "the compiled function takes the expression's place"
    assert item.value.evaluate(state) == first == waiting(state)


def copy_story(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def test_an_edit_is_seen(tmp_path: Path, full_loads: list[Path]) -> None:
    directory = copy_story(STORIES / "minimal", tmp_path / "story")
    before = kept(directory, full_loads)
    scenes = next(p for p in sorted(directory.rglob("*.yaml")) if p.name != "story.yaml")
    scenes.write_text(scenes.read_text().replace("title:", "title: Edited", 1))
    full_loads.clear()
    after = quick_load(directory)
    assert full_loads == [directory]
    assert outcome(after) == outcome(load_story(directory)) != outcome(before)
    full_loads.clear()
    assert outcome(quick_load(directory)) == outcome(after)
    assert full_loads == [], "the edited story is kept in its turn"


@pytest.mark.parametrize(
    "change",
    ["new scene file", "file renamed", "new folder", "portrait added", "manifest touched", "game portrait removed"],
)
def test_every_change_a_load_could_see_changes_the_key(tmp_path: Path, change: str) -> None:
    directory = copy_story(BUNDLED, tmp_path / "story")
    first = story_key(directory)
    assert first is not None and story_key(directory) == first
    match change:
        case "new scene file":
            (directory / "extra.yaml").write_text("scenes: []\n")
        case "file renamed":
            scene = next(p for p in sorted(directory.rglob("*.yaml")) if p.name != "story.yaml")
            scene.rename(scene.with_name("renamed.yaml"))
        case "new folder":
            (directory / "act9").mkdir()
        case "portrait added":
            (directory / "portraits").mkdir()
            (directory / "portraits" / "eve.txt").write_text("(o_o)\n")
        case "manifest touched":
            manifest = directory / "story.yaml"
            manifest.write_bytes(manifest.read_bytes() + b"\n")
        case "game portrait removed":
            assets = copy_story(ROOT / "assets", tmp_path / "assets")
            first = story_key_with_assets(directory, assets)
            (assets / "portraits" / "eve.txt").unlink()
            assert story_key_with_assets(directory, assets) != first
            return
    assert story_key(directory) != first


def story_key_with_assets(directory: Path, assets: Path) -> bytes | None:
    import game.loader.snapshot as snapshot

    real = snapshot.assets_dir
    snapshot.assets_dir = lambda: assets  # type: ignore[assignment]
    try:
        return story_key(directory)
    finally:
        snapshot.assets_dir = real  # type: ignore[assignment]


def test_the_same_files_named_otherwise_are_kept_apart(
    tmp_path: Path, full_loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Positions name files by the folder as it was given: another name, another snapshot."""
    directory = copy_story(STORIES / "minimal", tmp_path / "story")
    kept(directory, full_loads)
    monkeypatch.chdir(tmp_path)
    relative = Path("story")
    assert story_key(relative) != story_key(directory)
    result = quick_load(relative)
    assert outcome(result) == outcome(load_story(relative))


def test_a_story_with_a_link_is_never_kept(tmp_path: Path, full_loads: list[Path]) -> None:
    directory = copy_story(STORIES / "minimal", tmp_path / "story")
    (directory / "linked.txt").symlink_to(directory / "story.yaml")
    assert story_key(directory) is None
    quick_load(directory)
    quick_load(directory)
    assert full_loads == [directory, directory]
    assert not snapshot_path(directory).exists()


def test_a_story_with_errors_is_never_kept(full_loads: list[Path]) -> None:
    directory = STORIES / "broken_scenes"
    first, second = quick_load(directory), quick_load(directory)
    assert first.story is None and outcome(first) == outcome(second) == outcome(load_story(directory))
    assert len(full_loads) == 2
    assert not snapshot_path(directory).exists()


def damage(data: bytes, how: str) -> bytes:
    match how:
        case "truncated":
            return data[: len(data) // 2]
        case "flipped byte":
            middle = len(data) // 2
            return data[:middle] + bytes([data[middle] ^ 0x40]) + data[middle + 1 :]
        case "not ours":
            return b"something else entirely\n" + data[len(MAGIC) :]
        case "empty":
            return b""
    # "bad payload": a whole, checksummed entry whose payload is no story
    import marshal

    from game.loader.files import checksum

    payload = marshal.dumps(("not", "a", "story"))
    return data[: len(MAGIC) + 32] + checksum(payload) + payload


@pytest.mark.parametrize("how", ["truncated", "flipped byte", "not ours", "empty", "bad payload"])
def test_a_damaged_snapshot_is_loaded_past_and_written_again(
    how: str, full_loads: list[Path], caplog: pytest.LogCaptureFixture
) -> None:
    directory = STORIES / "minimal"
    quick_load(directory)
    place = snapshot_path(directory)
    good = place.read_bytes()
    place.write_bytes(damage(good, how))
    full_loads.clear()
    with caplog.at_level(logging.DEBUG, logger="game.loader.snapshot"):
        result = quick_load(directory)
    assert outcome(result) == outcome(load_story(directory))
    assert full_loads == [directory]
    if how != "empty":
        assert any("story snapshot" in r.message for r in caplog.records if r.levelno == logging.DEBUG)
    assert all(r.levelno == logging.DEBUG for r in caplog.records if r.name == "game.loader.snapshot")
    assert place.read_bytes() == good


def test_a_cache_that_cannot_be_written_costs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_loads: list[Path]
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("STARS_GOSSIP_CACHE_DIR", str(blocked))
    first, second = quick_load(STORIES / "minimal"), quick_load(STORIES / "minimal")
    assert outcome(first) == outcome(second) == outcome(load_story(STORIES / "minimal"))
    assert len(full_loads) == 2


def test_the_warm_start_needs_neither_pyyaml_nor_the_loader(isolated_user_dirs: Path) -> None:
    """From its snapshot the story loads without importing PyYAML or the YAML side of the loader
    (what the game's start-up saves), and without compiling an expression."""
    code = (
        "import sys\n"
        "from game.loader.snapshot import quick_load\n"
        f"result = quick_load({str(BUNDLED)!r})\n"
        "assert result.story is not None\n"
        "print(sorted(m for m in sys.modules if m == 'yaml' or m.startswith(('game.loader.story', 'game.loader.y'))))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    filling = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert "yaml" in filling.stdout  # the first start loads it in full
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert warm.stdout.strip() == "[]", warm.stdout
