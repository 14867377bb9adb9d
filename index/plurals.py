"""Counts in the words users read: `1 chunk`, `3 chunks`, `0 articles`."""
from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and `noun`, the noun plural unless the count is one (`plural` for nouns
    that do not just take an s: counted(2, "match", "matches"))."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
