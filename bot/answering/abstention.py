"""Saying plainly that the library does not hold an answer, with the nearest sources."""
from __future__ import annotations

from collections.abc import Sequence

from index.records import DateWindow, SearchResult
from index.sources.byline import display_date

from .records import Answer

NOT_FOUND = "The articles in this library do not answer that."
NOTHING_DATED = "No article in this library is dated in that window"


def nothing_dated_in(window: DateWindow) -> str:
    """Why nothing could answer: no article's date (else the day it was added) falls in
    `window` ("... in that window (since 6 November 2026, before 1 December 2026).")."""
    bounds = [f"since {display_date(window.since)}" if window.since else "",
              f"before {display_date(window.before)}" if window.before else ""]
    return f"{NOTHING_DATED} ({', '.join(b for b in bounds if b)})."


def nearest_sources(passages: Sequence[SearchResult], limit: int = 3) -> tuple[SearchResult, ...]:
    """The best passage of each of the nearest articles."""
    seen: set[int] = set()
    out = []
    for p in passages:
        if p.article_id not in seen:
            seen.add(p.article_id)
            out.append(p)
    return tuple(out[:limit])


def abstention(question: str, passages: Sequence[SearchResult], reason: str = NOT_FOUND,
               notice: str | None = None, *, library_empty: bool | None = None) -> Answer:
    """An answer that says plainly the library does not hold it, with the nearest sources.

    `library_empty` (default: no passages were found) says whether to tell the user the
    library has no articles; a blank question finds no passages in a full library too.
    """
    sources = nearest_sources(passages)
    empty = not sources if library_empty is None else library_empty
    text = reason + (" The nearest sources are listed below." if sources
                     else " The library has no articles yet." if empty else "")
    return Answer(question=question, text=text, citations=(), abstained=True, sources=sources, notice=notice)
