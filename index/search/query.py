"""Turning what a user typed into a safe FTS5 MATCH expression."""
from __future__ import annotations

import re

# Words too common to help ranking; dropped unless the query holds nothing else.
STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have he her his how i
    if in into is it its me my no not of on or our she so than that the their them then there these
    they this to was we were what when where which while who whom whose why will with would you your
    about after also any before did does during many much over such some""".split()
)
_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+")


def _quote(term: str) -> str:
    # FTS5 string literal: double quotes inside are doubled, so no input can escape it.
    return '"' + term.replace('"', '""') + '"'


def query_terms(text: str) -> list[str]:
    """The words of a question that carry meaning, lower-cased, in order, without repeats."""
    words = [w.lower() for w in _WORD.findall(text)]
    # A lone letter is mostly a possessive's "s"; digits stay (years, counts).
    kept = [w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())] or words
    return list(dict.fromkeys(kept))


def has_phrase(text: str) -> bool:
    """True when the text quotes a phrase with at least one word."""
    return any(_WORD.search(p) for p in _PHRASE.findall(text))


def fts_query(text: str) -> str | None:
    """Build a MATCH expression: quoted phrases are required, other words are OR-ed.

    Every term is an FTS5 string literal, so punctuation, operators (AND, NEAR,
    `*`, `-`, parentheses) and SQL fragments are only ever searched as words.
    Returns None when nothing searchable is left.
    """
    phrases = []
    for phrase in _PHRASE.findall(text):
        words = _WORD.findall(phrase)
        if words:
            phrases.append(_quote(" ".join(words)))
    loose = query_terms(_PHRASE.sub(" ", text))
    either = " OR ".join(_quote(w) for w in loose)
    if phrases and either:
        return " AND ".join(phrases) + f" AND ({either})"
    if phrases:
        return " AND ".join(phrases)
    return either or None
