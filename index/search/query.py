"""Reading what a user typed as a keyword query; each engine renders it in its own syntax."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Words too common to help ranking; dropped unless the query holds nothing else.
STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have he her his how i
    if in into is it its me my no not of on or our she so than that the their them then there these
    they this to was we were what when where which while who whom whose why will with would you your
    about after also any before did does during many much over such some""".split()
)
_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+")


def query_terms(text: str) -> list[str]:
    """The words of a question that carry meaning, lower-cased, in order, without repeats."""
    words = [w.lower() for w in _WORD.findall(text)]
    # A lone letter is mostly a possessive's "s"; digits stay (years, counts).
    kept = [w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())] or words
    return list(dict.fromkeys(kept))


def has_phrase(text: str) -> bool:
    """True when the text quotes a phrase with at least one word."""
    return any(_WORD.search(p) for p in _PHRASE.findall(text))


@dataclass(frozen=True)
class ParsedQuery:
    """What a user typed, read the same way by every engine: quoted phrases (their
    words joined by single spaces) are required, the other meaningful words are OR-ed."""

    phrases: list[str]
    terms: list[str]

    @property
    def empty(self) -> bool:
        """True when nothing searchable is left."""
        return not self.phrases and not self.terms


def parse_query(text: str) -> ParsedQuery:
    """Split a user's text into required phrases and optional words (never raises)."""
    phrases = [" ".join(words) for words in (_WORD.findall(p) for p in _PHRASE.findall(text)) if words]
    return ParsedQuery(list(dict.fromkeys(phrases)), query_terms(_PHRASE.sub(" ", text)))
