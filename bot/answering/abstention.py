"""Deciding that the library does not hold the answer, from retrieval evidence alone."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index.records import SearchResult

from .extractive import ScoredSentence
from .records import Answer

NOT_FOUND = "The articles in this library do not answer that."


@dataclass(frozen=True)
class AbstentionPolicy:
    """Answer when some sentence is close enough in meaning to the question, or holds
    enough of its weighted terms in a passage at least loosely related to it.
    Calibrated on SQuAD dev with `python -m benchmarks.answers --calibrate`."""

    min_sentence_cosine: float = 0.45
    min_overlap: float = 0.4
    min_passage_cosine: float = 0.2


def evidence(passages: Sequence[SearchResult], scored: Sequence[ScoredSentence]) -> tuple[float, float, float]:
    """(best cosine of a passage, best weighted term overlap of a sentence, best cosine of a sentence)."""
    similarity = max((p.similarity for p in passages if p.similarity is not None), default=0.0)
    overlap = max((s.coverage for s in scored), default=0.0)
    cosine = max((s.cosine for s in scored), default=0.0)
    return similarity, overlap, cosine


def should_abstain(passages: Sequence[SearchResult], scored: Sequence[ScoredSentence],
                   policy: AbstentionPolicy = AbstentionPolicy()) -> bool:
    """True when the evidence is too weak to answer from."""
    if not passages or not scored:
        return True
    passage_cosine, overlap, sentence_cosine = evidence(passages, scored)
    if sentence_cosine >= policy.min_sentence_cosine:
        return False
    return not (overlap >= policy.min_overlap and passage_cosine >= policy.min_passage_cosine)


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
