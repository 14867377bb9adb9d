"""Question words misspelt against the articles: "satelites", "salmonela".

Every later step matches words, so a misspelt name or noun makes a right answer
look as if it lacked the thing asked for. A word the retrieved passages never use
is read as the passages' word one letter away (two for long words) when both
begin and end alike, and the passages use no other form of it; that keeps inflections
apart ("designed" is not "designer") and real words real ("charge" where the passages
say "charged" is not "change"). Two words the passages write as one ("hail stones",
"sea front") are read as their one word.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from index.search.query import STOPWORDS

from .stemming import stem

_WORD = re.compile(r"[A-Za-z]+")
_SHORTEST = 6  # shorter words have too many neighbours a letter away ("lives", "lines")


def _within(a: str, b: str, limit: int) -> bool:
    """True when a and b are at most `limit` edits apart (insert, delete, replace, swap)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        if min(row) > limit:
            return False
        previous2, previous = previous, row
    return previous[-1] <= limit


def vocabulary(texts: Iterable[str]) -> set[str]:
    """The lower-cased words of some texts."""
    return set().union(*map(_words, texts))


@lru_cache(maxsize=5_000)
def _words(text: str) -> frozenset[str]:
    # The same passages come back for question after question.
    return frozenset(w.lower() for w in _WORD.findall(text))


def respelt(question: str, known: set[str], english: frozenset[str] = frozenset()) -> str:
    """The question with each unknown word of six letters or more replaced by the one
    known word it is a slip away from (none when there are several); a word of `english`
    is a word, however the passages spell ("injured" is no slip for "insured")."""
    def fixed(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if len(low) < _SHORTEST or low in known or low in english:
            return word
        limit = 2 if len(low) >= 9 else 1
        near = {k for k in known if k[:2] == low[:2] and k[-2:] == low[-2:] and _within(low, k, limit)}
        # "charge" where the passages say "charged" is no slip for "change".
        if len(near) != 1 or any(stem(k) == stem(low) for k in known):
            return word
        (right,) = near
        return right.capitalize() if word[0].isupper() else right
    return _WORD.sub(fixed, question)


# A word of three letters or more with the lower-case word after it: "hail stones", "life guards".
_PAIR = re.compile(r"\b([A-Za-z]{3,}) (?=([a-z]{3,})\b)")


def joined(question: str, known: set[str]) -> str:
    """The question with each pair of words the passages write as one word joined ("how big
    were the hail stones": "hailstones")."""
    # (small words stay apart: "did the rapist" is not "therapist", nor "any body" "anybody")
    return _PAIR.sub(lambda m: m.group(1) if (m.group(1) + m.group(2)).lower() in known
                     and m.group(1).lower() not in STOPWORDS and m.group(2) not in STOPWORDS else m.group(0), question)
