"""Small pieces of wording shared by messages: counted nouns, excerpts and "did you mean" suggestions.

Suggestions are looked for on every unknown name a story mentions, so their cost is capped:
a story with thousands of scenes and thousands of references to a missing one must still
load in well under a second.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from difflib import SequenceMatcher

CUTOFF = 0.6
"""How alike (difflib's ratio) a suggestion must be to the unknown word."""
MAX_COMPARISONS = 32
"""At most this many comparisons per unknown word: the options most likely to match."""
_MAX_OPTION_SETS = 16
_MAX_WORDS = 4096


def plural(count: int, noun: str) -> str:
    """``1 state``, ``4,136 states``: a count and its noun, for messages."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` quoted for a one-line message: shortened, and with line breaks shown as spaces."""
    flat = " ".join(text.split())
    return f"'{flat}'" if len(flat) <= limit else f"'{flat[: limit - 1]}…'"


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest option, or an empty string.

    Costs one pass over ``options`` at most, plus a bounded number of comparisons the first
    time ``word`` is asked about among the same options (answers are remembered).
    """
    best = _options(options).closest(word)
    return f" (did you mean '{best}'?)" if best else ""


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option most like ``word`` (at least ``CUTOFF`` alike), or None; as ``did_you_mean``."""
    return _options(options).closest(word) or None


def _options(options: Iterable[str]) -> _Options:
    """The index of ``options``, made once per distinct set of them."""
    global _last
    # Callers ask about the same options over and over: comparing a set with the last ones
    # (in C) is cheaper than freezing it again to look it up.
    if _last is not None and isinstance(options, AbstractSet) and options == _last.options:
        return _last
    key = frozenset(options)
    index = _indexes.pop(key, None)
    if index is None:
        index = _Options(key)
        if len(_indexes) >= _MAX_OPTION_SETS:
            del _indexes[next(iter(_indexes))]
    _indexes[key] = index  # most recently used last
    _last = index
    return index


class _Options:
    """One set of options, sorted forwards and backwards, with the answers found so far."""

    def __init__(self, options: frozenset[str]) -> None:
        self.options = options
        self.forwards = sorted(options)
        self.backwards = sorted(option[::-1] for option in options)
        self.answers: dict[str, str | None] = {}

    def closest(self, word: str) -> str | None:
        if word in self.answers:
            return self.answers[word]
        answer = self._search(word)
        if len(self.answers) >= _MAX_WORDS:
            self.answers.clear()
        self.answers[word] = answer
        return answer

    def _search(self, word: str) -> str | None:
        matcher = SequenceMatcher()
        matcher.set_seq2(word)
        best: tuple[float, str] | None = None
        for option in self._candidates(word):
            matcher.set_seq1(option)
            if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
                continue
            score = matcher.ratio()
            # Ties go to the larger string, as difflib.get_close_matches would.
            if score >= CUTOFF and (best is None or (score, option) > best):
                best = (score, option)
        return best[1] if best else None

    def _candidates(self, word: str) -> list[str]:
        """All options when they are few; else at most ``MAX_COMPARISONS``: the options next
        to ``word`` in sorted order (the longest shared beginnings) and next to it when all
        are spelled backwards (the longest shared endings). A typo leaves one or the other."""
        if len(self.forwards) <= MAX_COMPARISONS:
            return self.forwards
        side = MAX_COMPARISONS // 4
        near = set(_neighbours(self.forwards, word, side))
        near.update(option[::-1] for option in _neighbours(self.backwards, word[::-1], side))
        return sorted(near)


def _neighbours(ordered: list[str], key: str, side: int) -> list[str]:
    at = bisect_left(ordered, key)
    return ordered[max(0, at - side) : at + side]


_indexes: dict[frozenset[str], _Options] = {}
_last: _Options | None = None
