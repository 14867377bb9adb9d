"""Rendering a parsed keyword query as a PostgreSQL tsquery expression.

User words only ever travel as bind parameters to `plainto_tsquery` and
`phraseto_tsquery`, which read them as plain text: no input can be tsquery or
SQL syntax. The SQL around them is built from their count alone.
"""
from __future__ import annotations

from psycopg import sql

from ..search.query import parse_query

# A longer question adds nothing to ranking but cost (and depth to the expression).
MAX_TERMS = 64
CONFIG = "english"


def ts_query(text: str) -> tuple[sql.Composed, list[str]] | None:
    """(tsquery expression with placeholders, its parameters), or None when nothing is searchable.

    Quoted phrases are required (`&&`), the other meaningful words are OR-ed (`||`).
    """
    parsed = parse_query(text)
    return render(parsed.phrases, parsed.terms)


def render(phrases: list[str], terms: list[str]) -> tuple[sql.Composed, list[str]] | None:
    """The tsquery of required phrases and OR-ed terms, with its parameters (None: nothing to search)."""
    phrases = phrases[:MAX_TERMS]
    terms = terms[:MAX_TERMS]
    if not phrases and not terms:
        return None
    parts = [sql.SQL("phraseto_tsquery({}, %s)").format(sql.Literal(CONFIG)) for _ in phrases]
    if terms:
        either = sql.SQL(" || ").join(sql.SQL("plainto_tsquery({}, %s)").format(sql.Literal(CONFIG)) for _ in terms)
        parts.append(sql.SQL("({})").format(either))
    return sql.SQL("({})").format(sql.SQL(" && ").join(parts)), [*phrases, *terms]
