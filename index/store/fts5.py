"""Rendering a parsed keyword query as a safe FTS5 MATCH expression, bounded in cost."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..search.query import parse_query
from ..search.term_budget import RANKING_BUDGET, bound_question

# How many chunks hold a term, counted no further than one past the budget.
_COUNT_MATCHES = "SELECT count(*) FROM (SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ?)"
# The oldest of the newest `limit` chunks an expression matches.
_NEWEST_FLOOR = """
SELECT min(rowid) FROM (SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
"""


def _quote(term: str) -> str:
    # FTS5 string literal: double quotes inside are doubled, so no input can escape it.
    return '"' + term.replace('"', '""') + '"'


def _render(phrases: list[str], terms: list[str]) -> str | None:
    quoted = [_quote(p) for p in phrases]
    either = " OR ".join(_quote(w) for w in terms)
    if quoted and either:
        return " AND ".join(quoted) + f" AND ({either})"
    if quoted:
        return " AND ".join(quoted)
    return either or None


def fts_query(text: str) -> str | None:
    """Build a MATCH expression: quoted phrases are required, other words are OR-ed.

    Every term is an FTS5 string literal, so punctuation, operators (AND, NEAR,
    `*`, `-`, parentheses) and SQL fragments are only ever searched as words.
    Returns None when nothing searchable is left.
    """
    parsed = parse_query(text)
    return _render(parsed.phrases, parsed.terms)


@dataclass(frozen=True)
class BoundedMatch:
    """A MATCH expression to rank, and the lowest chunk id worth ranking (0: all)."""

    expression: str
    from_rowid: int = 0


def bounded_match(db: sqlite3.Connection, text: str, budget: int = RANKING_BUDGET,
                  newest_first: bool = True) -> BoundedMatch | None:
    """The MATCH expression for what a user typed, with the words too common to be
    worth ranking left out (index/search/term_budget.py); None when nothing can match.
    Each word's matches are counted up to one past the budget, which costs far less
    than ranking them."""
    def count(terms: list[str]) -> dict[str, int]:
        return {term: int(db.execute(_COUNT_MATCHES, (_quote(term), budget + 1)).fetchone()[0]) for term in terms}

    def newest_floor(expression: str) -> int:
        return int(db.execute(_NEWEST_FLOOR, (expression, budget)).fetchone()[0] or 0)

    bounded = bound_question(text, count, _render, newest_floor, budget, newest_first)
    return None if bounded is None else BoundedMatch(*bounded)
