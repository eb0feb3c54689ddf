"""requirements.lock pins what pyproject.toml allows, all of it, and is what is installed.

The README's commands install with ``-c requirements.lock``, so a fresh machine gets exactly
the versions CI tested. These tests fail when the two files drift apart (a range changed
without re-locking, a new dependency left unpinned, a pin left behind) and when the running
environment was installed some other way.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCK = ROOT / "requirements.lock"


def _lock() -> dict[str, str]:
    pins: dict[str, str] = {}
    for number, line in enumerate(LOCK.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        assert match, f"requirements.lock:{number}: '{line}' is not an exact 'name==version' pin"
        name = canonicalize_name(match.group(1))
        assert name not in pins, f"requirements.lock:{number}: {name} is pinned twice"
        pins[name] = match.group(2)
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(text) for text in project["dependencies"]]
    for extra in project.get("optional-dependencies", {}).values():
        wanted.extend(Requirement(text) for text in extra)
    return wanted


def _closure(roots: list[Requirement], pins: dict[str, str]) -> set[str]:
    """Every package the roots need on this machine, following the locked packages' own requirements."""
    needed: set[str] = set()
    walked: set[tuple[str, frozenset[str]]] = set()
    queue = [(root, frozenset(root.extras)) for root in roots]
    while queue:
        requirement, extras = queue.pop()
        name = canonicalize_name(requirement.name)
        if (name, extras) in walked:
            continue
        walked.add((name, extras))
        needed.add(name)
        if name not in pins:
            continue  # reported by the caller
        for text in metadata.requires(name) or []:
            child = Requirement(text)
            environments = [{"extra": extra} for extra in extras] or [{"extra": ""}]
            if child.marker is None or any(child.marker.evaluate(env) for env in environments):
                queue.append((child, frozenset(child.extras)))
    return needed


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    pins = _lock()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is in pyproject.toml but not in requirements.lock: run bash .ci/lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside pyproject.toml's '{requirement}': run bash .ci/lock"
        )


def test_the_lock_holds_exactly_what_the_dependencies_need() -> None:
    pins = _lock()
    needed = _closure(_declared(), pins)
    missing = sorted(needed - pins.keys())
    stale = sorted(pins.keys() - needed)
    assert not missing, f"needed but not pinned: {', '.join(missing)}; run bash .ci/lock"
    assert not stale, f"pinned but needed by nothing: {', '.join(stale)}; run bash .ci/lock"


def test_the_environment_running_the_tests_is_the_locked_one() -> None:
    different = []
    for name, version in _lock().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            different.append(f"{name} is not installed (locked {version})")
            continue
        if installed != version:
            different.append(f"{name} {installed} is installed, {version} is locked")
    if different:
        pytest.fail(
            "install with the README's test command (pip install -c requirements.lock ...): " + "; ".join(different)
        )
