"""Candidate sentences from retrieved passages, and the weight of each question word among them."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from index.chunking import split_sentences
from index.records import SearchResult
from index.sources.byline import is_byline

from .stemming import known_stems

_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]*]$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a retrieved passage, with offsets into its article."""

    passage: SearchResult
    rank: int
    start: int
    end: int
    text: str
    stems: frozenset[str]

    @property
    def is_furniture(self) -> bool:
        """A heading ("Funding", "## Next steps": a line of its own without closing
        punctuation) or a byline or dateline: part of the page, never an answer."""
        local_end = self.end - self.passage.start
        line_ends = local_end >= len(self.passage.text) or self.passage.text[local_end:local_end + 1] == "\n"
        return _is_furniture(self.text.strip(), line_ends)


@lru_cache(maxsize=50_000)
def _is_furniture(text: str, line_ends: bool) -> bool:
    return (text.startswith("#") or is_byline(text)
            or (line_ends and not _SENTENCE_END.search(text) and len(text.split()) <= 12))


@lru_cache(maxsize=20_000)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    # The same passages come back for question after question.
    return tuple(split_sentences(text))


def sentences_of(passages: Sequence[SearchResult]) -> list[Sentence]:
    """Split each passage into sentences, keeping article offsets (`passage.start` + local).

    A sentence that overlapping chunks share is kept once, from the best-ranked passage.
    """
    out = []
    seen: set[tuple[int, int, int]] = set()
    for rank, passage in enumerate(passages):
        for s, e in _sentence_spans(passage.text):
            key = (passage.article_id, passage.start + s, passage.start + e)
            # The title line heading an article names it; it answers nothing.
            if key in seen or passage.text[s:e] == passage.title:
                continue
            seen.add(key)
            text = passage.text[s:e]
            out.append(Sentence(passage, rank, passage.start + s, passage.start + e, text, known_stems(text)))
    return out


def term_weights(terms: Iterable[str], sentences: Sequence[Sentence]) -> dict[str, float]:
    """IDF of each question term among the candidate sentences.

    A term no sentence holds weighs most, so a question about something the
    passages never mention cannot look well covered by its common words.
    """
    n = len(sentences)
    return {t: math.log(1 + n / (sum(t in s.stems for s in sentences) + 0.5)) for t in dict.fromkeys(terms)}
