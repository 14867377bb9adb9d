"""Questions about what is recent ("latest", "this week", "today", "new") prefer newer articles."""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from math import exp

from index.records import SearchResult

_RECENT = re.compile(r"\b(latest|newest|recent|recently|lately|this (week|month|year)|today|tonight|yesterday|"
                     r"new|news|just|current|currently|now|so far|these days|update|updates)\b", re.I)
# How fast an article's recency bonus fades: half of it is gone after this many days.
HALF_LIFE_DAYS = 14.0
# The most recency can add to a passage's score (relevance stays the larger part).
WEIGHT = 0.35


def asks_for_recent(question: str) -> bool:
    """True for questions that ask what is latest, recent, new, or from today or this week."""
    return bool(_RECENT.search(question))


def _freshness(day: str | None, today: date) -> float:
    """1 for today, fading by half every HALF_LIFE_DAYS; 0 when undated."""
    if not day:
        return 0.0
    try:
        age = max(0, (today - date.fromisoformat(day[:10])).days)
    except ValueError:
        return 0.0
    return exp(-age * 0.6931 / HALF_LIFE_DAYS)


def rank_by_recency(passages: Sequence[SearchResult], today: date, k: int) -> list[SearchResult]:
    """The best `k` passages when newer articles count for more: relevance (scaled to the
    best passage's) plus a bonus that halves every two weeks of the article's age."""
    if not passages:
        return []
    top = max(p.score for p in passages) or 1.0
    scored = [(p.score / top + WEIGHT * _freshness(p.date, today), i, p) for i, p in enumerate(passages)]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [p for _, _, p in scored[:k]]
