"""Rendering a parsed keyword query as a safe FTS5 MATCH expression."""
from __future__ import annotations

from ..search.query import parse_query


def _quote(term: str) -> str:
    # FTS5 string literal: double quotes inside are doubled, so no input can escape it.
    return '"' + term.replace('"', '""') + '"'


def fts_query(text: str) -> str | None:
    """Build a MATCH expression: quoted phrases are required, other words are OR-ed.

    Every term is an FTS5 string literal, so punctuation, operators (AND, NEAR,
    `*`, `-`, parentheses) and SQL fragments are only ever searched as words.
    Returns None when nothing searchable is left.
    """
    parsed = parse_query(text)
    phrases = [_quote(p) for p in parsed.phrases]
    either = " OR ".join(_quote(w) for w in parsed.terms)
    if phrases and either:
        return " AND ".join(phrases) + f" AND ({either})"
    if phrases:
        return " AND ".join(phrases)
    return either or None
