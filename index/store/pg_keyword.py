"""The keyword side's bound on PostgreSQL: which of a question's words `ts_rank` ranks.

`ts_rank` over every chunk holding any OR-ed word reads each of those rows; one common
word matches a third of a million-chunk library. index/search/term_budget.py decides
which words are worth ranking from each word's match count; this module counts them in
this engine: up to one past the budget, through the GIN index. A word the planner's
statistics (ANALYZE's most common lexemes) already put at several times the budget is
not counted row by row: counting it would read budget + 1 rows only to learn what the
statistics say, and it is left out either way unless every word is as common.
When every word is that common, the newest `budget` chunks holding any are ranked
(not in a date window: there the window bounds the chunks, and the newest may lie outside it).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import psycopg
from psycopg import sql

from ..search.query import parse_query
from ..search.term_budget import RANKING_BUDGET, over_budget, terms_worth_ranking
from .pg_query import CONFIG, MAX_TERMS, render

_MATCHES = "FROM chunks c WHERE c.collection = %s AND c.tsv @@ plainto_tsquery({config}, %s)"
COUNT_MATCHES = sql.SQL("SELECT count(*) FROM (SELECT 1 " + _MATCHES + " LIMIT %s) matching")
ESTIMATE_MATCHES = sql.SQL("EXPLAIN (FORMAT JSON) SELECT 1 " + _MATCHES)
NEWEST_FLOOR = sql.SQL("""
SELECT min(id) FROM (
    SELECT c.id FROM chunks c WHERE c.collection = %s AND c.tsv @@ {tsquery} ORDER BY c.id DESC LIMIT %s
) newest
""")
# Estimated at this many times the budget, a word is taken as over it without counting.
SURELY_COMMON = 3


@dataclass(frozen=True)
class KeywordQuery:
    """The tsquery to rank with its parameters, and the lowest chunk id worth ranking (0: all)."""

    expression: sql.Composed
    words: list[str]
    from_id: int = 0


def term_matches(conn: psycopg.Connection, collection: str, term: str, budget: int) -> int:
    """How many of the collection's chunks hold `term`: exact up to budget + 1, else at least that."""
    plan = conn.execute(ESTIMATE_MATCHES.format(config=sql.Literal(CONFIG)), (collection, term)).fetchone()
    estimate = int(_plan_rows(plan[0] if plan else None))
    if estimate > SURELY_COMMON * budget:
        return estimate
    row = conn.execute(COUNT_MATCHES.format(config=sql.Literal(CONFIG)), (collection, term, budget + 1)).fetchone()
    return int(row[0]) if row else 0


def _plan_rows(plan: object) -> float:
    document = json.loads(plan) if isinstance(plan, str) else plan
    if isinstance(document, list) and document and isinstance(document[0], dict):
        return float(document[0]["Plan"]["Plan Rows"])
    return 0.0


def bounded_query(conn: psycopg.Connection, collection: str, text: str, budget: int = RANKING_BUDGET,
                  newest_first: bool = True) -> KeywordQuery | None:
    """The tsquery for what a user typed with the words too common to be worth ranking left
    out; None when nothing can match. A quoted phrase bounds the chunks itself: the
    question is kept whole."""
    parsed = parse_query(text)
    if parsed.phrases or not parsed.terms:
        rendered = render(parsed.phrases, parsed.terms)
        return KeywordQuery(*rendered) if rendered else None
    matches = {term: term_matches(conn, collection, term, budget) for term in parsed.terms[:MAX_TERMS]}
    kept = terms_worth_ranking(matches, budget)
    rendered = render([], kept)
    if rendered is None:
        return None
    expression, words = rendered
    if not newest_first or not over_budget(matches, kept, budget):
        return KeywordQuery(expression, words)
    floor = conn.execute(NEWEST_FLOOR.format(tsquery=expression), (collection, *words, budget)).fetchone()
    return KeywordQuery(expression, words, int(floor[0] or 0) if floor else 0)
