"""``stars-gossip new DIR``: a small story to start from, that passes ``check`` and plays at once.

It shows one of each thing a writer reaches for first: a manifest with a player and another
character, a variable, two scenes with choices (one spoken, one an action, one conditional),
a line shown only when a condition holds, a conditional span in text, and two endings. Each
file starts with the ``yaml-language-server`` comment naming the installed JSON Schema, so an
editor with the YAML language server completes keys and flags typos at once.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from game.paths import assets_dir, bundled_story_dir

MODELINE = "# yaml-language-server: $schema={path}\n"

MANIFEST = """\
# The manifest: the story's title, its first scene, who speaks, what it remembers and how it
# can end. Every key is explained in the writer's guide:
#   {guide}
id: {id}
title: {title}
description: A new story for stars-gossip. Say here, in one line, what it is about.
start: act1.airlock
player: me                      # the character the player is: 'say:' choices are their lines

characters:                     # everyone who speaks: id -> name and colour (a portrait is optional)
  me: {{name: You, color: "#7fd1ff"}}
  pilot: {{name: The Pilot, color: orange}}

variables:                      # every variable, with a finite domain
  has_badge: false              # a bool: set by a choice, read by a condition and a line

endings:                        # id -> title (or {{title:, description:}})
  aboard: {{title: Aboard, description: The station takes you in.}}
  sent_back: {{title: Sent Back, description: The next capsule home has your name on it.}}
"""

OPENING = """\
# A scene file: a list of scenes. Add scenes here, or in new .yaml files in any folder.

- scene: act1.airlock
  title: The airlock
  place: Docking port
  text:
    - The inner hatch hisses open. A visitor's badge drifts past your nose.
    - pilot: Welcome aboard. Catch that badge before it gets away.
  choices:
    - choice: Catch the badge                   # an action
      do: has_badge = true
      go: act1.corridor
    - say: I'll manage without it.              # a line the player says
      go: act1.corridor

- scene: act1.corridor
  title: The long corridor
  place: Module 1
  text:
    - "The corridor hums. {if has_badge}The badge is clipped to your collar.{else}Your collar is bare.{end}"
    - pilot: The crew quarters are past the guard.
    - if: not has_badge                         # a line shown only when its condition holds
      pilot: Without a badge, I'm afraid this is as far as you go.
  choices:
    - choice: Show the guard your badge
      if: has_badge                             # offered only when this holds
      go: act1.aboard
    - choice: Float back to the capsule
      go: act1.sent_back
"""

ENDINGS = """\
# Ending scenes: reaching one finishes the story with the ending it names.

- scene: act1.aboard
  title: Crew quarters
  ending: aboard
  text: The guard glances at the badge and waves you through. A bunk, a window, the whole Earth.

- scene: act1.sent_back
  title: The capsule
  ending: sent_back
  text: The hatch seals behind you. Next time, catch the badge.
"""

README = """\
# {title}

A story for stars-gossip: `story.yaml` is its manifest, and every other `.yaml` file in this
folder and below it holds scenes (`act1/` to begin with).

Run these here, in this folder (each command works on the story of the folder you stand in):

- `stars-gossip check` reports every problem at `file:line:col`, then proves every scene
  and ending can be reached and no play gets stuck. Run it after every edit.
- `stars-gossip play --plain` plays the story line by line (`stars-gossip play` full screen);
  `stars-gossip play --scene act1.corridor --watch` starts at the scene you are writing and
  reloads it each time you save a file.
- `stars-gossip map` prints every scene and where its choices lead (`--effects` adds what
  each choice changes); `stars-gossip routes aboard` lists the different ways to an ending.

The format, every key and every diagnostic code: the writer's guide,
{guide}
"""


@dataclass(frozen=True, slots=True)
class Scaffold:
    """The files of a new story: paths relative to its folder, with their text."""

    files: tuple[tuple[str, str], ...]


def story_id(folder: Path) -> str:
    """An id for the story from its folder's name (letters, digits, ``_ . -``): accented
    letters lose their accents ("Été" -> "ete"), what has no ASCII form is dropped."""
    ascii_name = unicodedata.normalize("NFKD", folder.resolve().name).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_name).strip("-.").lower()
    return cleaned if cleaned and re.match(r"[a-z0-9_]", cleaned) else "my-story"


def story_title(folder: Path) -> str:
    words = re.sub(r"[-_.]+", " ", folder.resolve().name).split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "My Story"


def schema_path(kind: str) -> Path:
    """The installed JSON Schema for the manifest (``manifest``) or scene files (``scene``)."""
    name = "story.schema.json" if kind == "manifest" else "scenes.schema.json"
    return (assets_dir() / "schema" / name).resolve()


def guide_path() -> Path:
    return (bundled_story_dir() / "README.md").resolve()


def scaffold(folder: Path) -> Scaffold:
    """The new story's files for ``folder``."""
    title = story_title(folder)
    manifest_line = MODELINE.format(path=schema_path("manifest"))
    scene_line = MODELINE.format(path=schema_path("scene"))
    guide = guide_path()
    quoted_title = title if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ]*", title) else json.dumps(title)
    return Scaffold(
        (
            ("story.yaml", manifest_line + MANIFEST.format(id=story_id(folder), title=quoted_title, guide=guide)),
            ("act1/opening.yaml", scene_line + OPENING),
            ("act1/endings.yaml", scene_line + ENDINGS),
            ("README.md", README.format(title=title, guide=guide)),
        )
    )


def refusal(folder: Path) -> str | None:
    """Why a new story cannot be written in ``folder`` (None when it can)."""
    try:
        if folder.exists() and not folder.is_dir():
            return f"{folder} is a file: give the name of a new folder"
        if folder.is_dir() and any(folder.iterdir()):
            return f"{folder} is not empty: give the name of a new folder (new creates it), or empty this one"
    except OSError as error:
        return f"cannot use {folder}: {error.strerror or error}"
    return None


def write_scaffold(folder: Path) -> list[Path]:
    """Write the new story into ``folder`` (created if need be); the files written."""
    written = []
    for relative, text in scaffold(folder).files:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
