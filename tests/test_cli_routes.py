"""``stars-gossip routes ENDING [DIR]``: the distinct shortest ways to an ending, as a writer reads them."""

from __future__ import annotations

import json

from tests.cli_run import stars_gossip

BRANCHES = "tests/stories/routes_branches"


def test_routes_print_each_way_with_scene_titles_and_a_replay() -> None:
    result = stars_gossip("routes", "free", BRANCHES)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "story: tests/stories/routes_branches (Three Ways Out)\n"
    assert result.stdout == (
        "Routes to ending 'free' (Free): 2 distinct routes, shortest first\n"
        "(* marks the choices where a route parts from route 1)\n"
        "\n"
        "Route 1 (3 choices):\n"
        "    The cell: 2. Pick up the key\n"
        "    The cell: 3. Unlock the door\n"
        "    The corridor: 1. Run for it [outcome 1 of 2]\n"
        "    replay: printf '2\\n3\\n1\\n' | stars-gossip play --plain --story tests/stories/routes_branches --seed 2\n"
        "\n"
        "Route 2 (4 choices):\n"
        "  * The cell: 3. Sing a lullaby\n"
        "    The cell: 2. Pick up the key\n"
        "    The cell: 2. Unlock the door\n"
        "  * The corridor: 1. Tiptoe past the guard\n"
        "    replay: printf '3\\n2\\n2\\n1\\n' | stars-gossip play --plain --story tests/stories/routes_branches --seed 0\n"
    )


def test_each_route_replays_to_its_ending() -> None:
    for keys, seed in (("2\n3\n1\n", "2"), ("3\n2\n2\n1\n", "0")):
        played = stars_gossip("play", "--plain", BRANCHES, "--seed", seed, stdin=keys)
        assert "*** Ending: Free ***" in played.stdout


def test_an_ending_scene_id_names_its_ending_and_limit_caps() -> None:
    result = stars_gossip("routes", "out", BRANCHES, "--limit", "1")
    assert result.returncode == 0
    assert result.stdout.startswith("Routes to ending 'free' (Free): 1 distinct route, shortest first\n\nRoute 1 ")


def test_an_unknown_ending_is_a_usage_error_naming_the_endings() -> None:
    result = stars_gossip("routes", "fre", BRANCHES)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "stars-gossip routes: there is no ending 'fre' (did you mean 'free'?); the endings are: caught, free"
    )


def test_an_ending_no_play_reaches_says_so_and_fails() -> None:
    result = stars_gossip("routes", "decorated", "tests/stories/defect_unreachable_ending")
    assert result.returncode == 1
    assert result.stdout == (
        "No play reaches ending 'decorated' (Decorated hero) from the start: run 'stars-gossip check' to see why.\n"
    )


def test_map_effects_on_the_command_line() -> None:
    result = stars_gossip("map", "tests/stories/minimal", "--effects")
    assert result.returncode == 0
    assert "  1. “Hello, Commander.”  [once]  -> hatch {trust += 1}" in result.stdout.splitlines()
    dot = stars_gossip("map", "tests/stories/minimal", "--effects", "--format", "dot")
    assert '[label="“Hello, Commander.”\\ntrust += 1"];' in dot.stdout


def test_routes_json_gives_each_route_with_its_choices_and_seed() -> None:
    result = stars_gossip("routes", "caught", BRANCHES, "--format", "json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert (report["ending"], report["title"], report["complete"]) == ("caught", "Caught", True)
    assert [r["numbers"] for r in report["routes"]] == [[4], [2, 3, 1]]
    assert report["routes"][1]["steps"][-1] == {
        "number": 1,
        "text": "Run for it",
        "choice": "corridor#2",
        "scene": "corridor",
        "outcome": 2,
        "outcomes": 2,
    }
    assert report["routes"][1]["new_choices"] == ["cell#2", "cell#4", "corridor#2"]


def test_a_limit_over_the_most_routes_listed_is_a_usage_error() -> None:
    result = stars_gossip("routes", "free", BRANCHES, "--limit", "1000000000")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith(
        "argument --limit: at most 100 routes are listed: ask for 100 or fewer"
    )
    assert "Traceback" not in result.stderr
