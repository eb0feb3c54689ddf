"""Wording shared by messages: counted nouns, excerpts, and suggestions whose cost is capped."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.wording import MAX_COMPARISONS, did_you_mean, excerpt, plural

ROOMS = {f"room_{i:04d}" for i in range(3000)}


class CountedMatcher(difflib.SequenceMatcher[str]):
    """A SequenceMatcher that counts its full comparisons."""

    calls = 0

    def ratio(self) -> float:
        CountedMatcher.calls += 1
        return super().ratio()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> type[CountedMatcher]:
    monkeypatch.setattr("game.engine.wording.SequenceMatcher", CountedMatcher)
    CountedMatcher.calls = 0
    return CountedMatcher


def test_plural_counts_with_thousands_separators() -> None:
    assert plural(1, "state") == "1 state"
    assert plural(4136, "state") == "4,136 states"


def test_excerpt_is_one_short_line() -> None:
    assert excerpt("a = 1") == "'a = 1'"
    assert excerpt("a\n=\n1") == "'a = 1'"
    assert excerpt("x" * 100) == "'" + "x" * 39 + "…'"


def test_suggests_the_closest_option_or_nothing() -> None:
    assert did_you_mean("galey", ["galley", "cupola"]) == " (did you mean 'galley'?)"
    assert did_you_mean("zzz", ["galley"]) == ""
    assert did_you_mean("x", []) == ""


@given(
    st.text("abcde_", min_size=1, max_size=8),
    st.sets(st.text("abcde_", min_size=1, max_size=8), max_size=MAX_COMPARISONS),
)
def test_among_few_options_suggests_what_difflib_would(word: str, options: set[str]) -> None:
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    assert did_you_mean(word, options) == (f" (did you mean '{close[0]}'?)" if close else "")


@pytest.mark.parametrize(
    ("typo", "meant"), [("room_x999", "room_2999"), ("rom_1234", "room_1234"), ("xoom_0042", "room_0042")]
)
def test_among_thousands_of_alike_options_finds_a_typo_anywhere_in_the_word(typo: str, meant: str) -> None:
    assert did_you_mean(typo, ROOMS) == f" (did you mean '{meant}'?)"


def test_comparisons_per_unknown_word_are_capped_and_answers_remembered(counted: type[CountedMatcher]) -> None:
    options = set(ROOMS)
    did_you_mean("room_12x4", options)
    assert 0 < counted.calls <= MAX_COMPARISONS
    counted.calls = 0
    for _ in range(3000):
        did_you_mean("room_12x4", options)
        did_you_mean("room_12x4", set(options))
    assert counted.calls == 0


def test_a_changed_set_of_options_is_searched_again() -> None:
    options = {"galley", "cupola"}
    assert did_you_mean("hatchh", options) == ""
    options.discard("cupola")
    options.add("hatch")
    assert did_you_mean("hatchh", options) == " (did you mean 'hatch'?)"


def test_did_you_mean_names_the_closest_option_or_nothing() -> None:
    assert did_you_mean("galey", ["galley", "cupola"]) == " (did you mean 'galley'?)"
    assert did_you_mean("zzz", ["galley"]) == ""
