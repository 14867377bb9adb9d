"""Turning chosen sentences into quotes: a reason or an antecedent joins its sentence."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.records import SearchResult

from .evidence import Sentence
from .records import Answer, Citation

_WHY = re.compile(r"^\s*(why|how come)\b|\b(what|which) (was|were|is|are) the (reason|cause)s?\b|\bfor what reason\b",
                  re.I)
_GIVES_REASON = re.compile(r"\b(because|since|due to|owing to|so that|in order to|as a result|caused by)\b", re.I)
_REASON_REACH = 2
_POINTS_BACK = re.compile(r"^\s*(he|she|it|they|this|these|that|those|his|her|its|their|the move|the decision)\b",
                          re.I)


@dataclass(frozen=True)
class Span:
    """A verbatim stretch of one passage, in article offsets."""

    passage: SearchResult
    start: int
    end: int

    @property
    def text(self) -> str:
        """The quoted text."""
        return self.passage.text[self.start - self.passage.start:self.end - self.passage.start]


def _neighbour(s: Sentence, sentences: Sequence[Sentence], after: bool) -> Sentence | None:
    """The sentence right after (or before) `s` in its passage, if nothing lies between."""
    text = s.passage.text
    for other in sentences:
        if other.passage.chunk_id != s.passage.chunk_id:
            continue
        lo, hi = (s.end, other.start) if after else (other.end, s.start)
        if lo <= hi and not text[lo - s.passage.start:hi - s.passage.start].strip():
            return other
    return None


def spans_for(question: str, best: Sentence, sentences: Sequence[Sentence], extend: bool = True) -> list[Span]:
    """The span quoting `best`, with the next sentence when a "why" question's answer
    goes on there, and the previous one when `best` opens with a pronoun."""
    start, end = best.start, best.end
    if extend and _WHY.search(question) and not _GIVES_REASON.search(best.text):
        # The reason follows the claim, often a sentence or two later.
        following = _neighbour(best, sentences, after=True)
        for _ in range(_REASON_REACH):
            if following is None:
                break
            end = following.end
            if _GIVES_REASON.search(following.text):
                break
            following = _neighbour(following, sentences, after=True)
    if extend and _POINTS_BACK.match(best.text):
        previous = _neighbour(best, sentences, after=False)
        if previous is not None:
            start = previous.start
    return [Span(best.passage, start, end)]


def merge_adjacent(spans: Sequence[Span]) -> list[Span]:
    """Spans that touch in one passage (only whitespace between) become one quote,
    kept at the place of the first of them."""
    out: list[Span] = []
    for span in spans:
        for i, kept in enumerate(out):
            if kept.passage.chunk_id != span.passage.chunk_id:
                continue
            lo, hi = sorted((kept, span), key=lambda x: x.start)
            between = lo.passage.text[lo.end - lo.passage.start:hi.start - lo.passage.start]
            if lo.end > hi.start or not between.strip():  # overlapping, or only whitespace between
                out[i] = Span(kept.passage, lo.start, max(lo.end, hi.end))
                break
        else:
            out.append(span)
    return out


def compose(question: str, spans: Sequence[Span], labels: Sequence[str] = ()) -> Answer:
    """Quote the spans in order, each followed by its marker (and led by its label, if any)."""
    citations, parts = [], []
    for n, span in enumerate(spans, start=1):
        if n <= len(labels):
            parts.append(labels[n - 1])
        p = span.passage
        citations.append(Citation(n=n, article_id=p.article_id, title=p.title, url=p.url, chunk_id=p.chunk_id,
                                  quote=span.text, start=span.start, end=span.end, site=p.site, date=p.date))
        parts.append(f"{span.text} [{n}]")
    return Answer(question=question, text=" ".join(parts), citations=tuple(citations), abstained=False)
