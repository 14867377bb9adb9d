"""The keyword side's bound on PostgreSQL: which of a question's words `ts_rank` ranks.

`ts_rank` over every chunk holding any OR-ed word reads each of those rows; one common
word matches a third of a million-chunk library. index/search/term_budget.py decides
which words are worth ranking from each word's match count; here the counts come from
`term_counts` (how many of the collection's chunks hold each lexeme, kept with every
write), all of a question's words in one look-up: counting through the GIN index reads
every matching row up to the budget, ~100 ms for a common word at a million chunks.
When every word is that common, the newest `budget` chunks holding any are ranked (not
in a date window: there the window bounds the chunks, and the newest may lie outside it).
"""
from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from ..search.term_budget import RANKING_BUDGET, bound_question
from .pg_query import CONFIG, MAX_TERMS, render

# A word's chunks are those holding all its lexemes ("e-mail" is two): at most the rarest's count.
TERM_MATCHES = """
SELECT t.term, min(coalesce(n.chunks, 0)) FROM unnest(%s::text[]) AS t(term)
CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector({config}, t.term))) AS l(lexeme)
LEFT JOIN term_counts n ON n.collection = %s AND n.lexeme = l.lexeme
GROUP BY t.term
"""
NEWEST_FLOOR = sql.SQL("""
SELECT min(id) FROM (
    SELECT c.id FROM chunks c WHERE c.collection = %s AND c.tsv @@ {tsquery} ORDER BY c.id DESC LIMIT %s
) newest
""")

@dataclass(frozen=True)
class KeywordQuery:
    """The tsquery to rank with its parameters, and the lowest chunk id worth ranking (0: all)."""

    expression: sql.Composed
    words: list[str]
    from_id: int = 0


def term_matches(conn: psycopg.Connection, collection: str, terms: list[str]) -> dict[str, int]:
    """How many of the collection's chunks hold each term (0: none, or no searchable lexeme)."""
    query = sql.SQL(TERM_MATCHES).format(config=sql.Literal(CONFIG))
    counted = {str(term): int(count) for term, count in conn.execute(query, (terms, collection))}
    return {term: counted.get(term, 0) for term in terms}


def bounded_query(conn: psycopg.Connection, collection: str, text: str, budget: int = RANKING_BUDGET,
                  newest_first: bool = True) -> KeywordQuery | None:
    """The tsquery for what a user typed with the words too common to be worth ranking left
    out (index/search/term_budget.py); None when nothing can match."""
    def newest_floor(rendered: tuple[sql.Composed, list[str]]) -> int:
        expression, words = rendered
        floor = conn.execute(NEWEST_FLOOR.format(tsquery=expression), (collection, *words, budget)).fetchone()
        return int(floor[0] or 0) if floor else 0

    bounded = bound_question(text, lambda terms: term_matches(conn, collection, terms[:MAX_TERMS]), render,
                             newest_floor, budget, newest_first)
    if bounded is None:
        return None
    (expression, words), from_id = bounded
    return KeywordQuery(expression, words, from_id)
