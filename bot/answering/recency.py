"""Questions about what is recent ("latest", "this week", "today", "new") prefer newer articles."""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from math import exp

from index.dates import parse_day
from index.records import DateWindow, SearchResult

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


_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "few": 3,
                 "couple": 2, "several": 5}
_PAST = re.compile(r"\b(?:past|last)\s+(?:(\d{1,3})|(a|one|two|three|four|five|six|seven|few|couple of|several))?"
                   r"\s*(day|week|month)s?\b", re.I)


def window_asked(question: str, today: date) -> DateWindow | None:
    """The period a question about what is new names ("today", "this week", "in the past
    three days"), as a window ending today; None when it names none."""
    q = question.lower()
    if re.search(r"\btoday\b|\btonight\b", q):
        return DateWindow(parse_day("today", today), None)
    if re.search(r"\byesterday\b", q):
        return DateWindow(parse_day("yesterday", today), None)
    if re.search(r"\bthis week\b", q):
        return DateWindow((today - timedelta(days=today.weekday())).isoformat(), None)
    if re.search(r"\bthis month\b", q):
        return DateWindow(today.replace(day=1).isoformat(), None)
    past = _PAST.search(q)
    if past:
        count = int(past.group(1)) if past.group(1) else _NUMBER_WORDS.get((past.group(2) or "a").split()[0], 1)
        # As a user writes an age: "3d", "2w", "1m".
        return DateWindow(parse_day(f"{count}{past.group(3)[0]}", today), None)
    return None
