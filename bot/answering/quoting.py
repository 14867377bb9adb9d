"""Turning chosen sentences into quotes: a reason or an antecedent joins its sentence."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.records import SearchResult

from .evidence import Sentence
from .reasons import asks_why, follows, gives_reason
from .records import Answer, Citation

_REASON_REACH = 3
# A sentence holding this share of a "why" question's terms, and no reason, restates its claim.
_RESTATES = 0.5
# A sentence ending a quotation, with no one named after it as saying it.
_SPEECH = re.compile(r"[\"”’]\W*$")
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


def _opening_next(s: Sentence, sentences: Sequence[Sentence]) -> Sentence | None:
    """The sentence opening the passage that continues `s`'s in its article, if retrieved."""
    return next((o for o in sentences if o.passage.chunk_id != s.passage.chunk_id and follows(s, o)), None)


def _reason_from(first: Sentence | None, sentences: Sequence[Sentence]) -> list[Sentence]:
    """From `first` on in its passage: the sentences up to the first that gives a reason
    (within `_REASON_REACH`); when none does, the first two, where news gives it plainly."""
    chain: list[Sentence] = []
    following = first
    while following is not None and len(chain) < _REASON_REACH:
        chain.append(following)
        if gives_reason(following.text):
            return chain
        following = _neighbour(following, sentences, after=True)
    return chain[:2]


def spans_for(question: str, best: Sentence, sentences: Sequence[Sentence], extend: bool = True,
              coverage: float = 0.0) -> list[Span]:
    """The span quoting `best`, with the next sentence when a "why" question's answer
    goes on there, and the previous one when `best` opens with a pronoun.

    `coverage` is the share of the question's terms `best` holds: when it holds most of
    them and no reason (it restates the claim asked about) and ends its passage, the
    reason is quoted from the opening of the next passage, without the claim; so it is
    when that opening gives a reason in so many words ("after", "because"), however few
    of the question's words the claim holds ("how come the band dropped out": "... the
    band pulled out")."""
    start, end = best.start, best.end
    if extend and asks_why(question) and not gives_reason(best.text):
        chain = _reason_from(_neighbour(best, sentences, after=True), sentences)
        if chain:
            end = chain[-1].end
        else:
            opening = _opening_next(best, sentences)
            chain = _reason_from(opening, sentences) if coverage >= _RESTATES or (
                opening is not None and gives_reason(opening.text)) else []
            if chain:
                return [Span(chain[0].passage, chain[0].start, chain[-1].end)]
    opened = _quotation_opened_before(best, sentences) if extend else None
    if opened is not None:
        start = min(start, opened)
    elif extend and _POINTS_BACK.match(best.text):
        previous = _neighbour(best, sentences, after=False)
        # Words quoted just before ("... will finish half of that.") name no one "he" could be:
        # they would only open the quote with a stray piece of speech.
        if previous is not None and not _SPEECH.search(previous.text):
            start = previous.start
    return [Span(best.passage, start, end)]


# Sentences back from the end of a quotation to where it opened.
_QUOTATION_REACH = 3
_QUOTE_MARKS = ('"', "“", "”")


def _quote_mark(text: str, closing: bool) -> bool:
    """True when the text closes a quotation it did not open (`closing`), or opens one it does
    not close: '... in coins."' closes one, '"We lost everything.' opens one."""
    if text.count("“") != text.count("”"):
        return (text.count("”") > text.count("“")) == closing
    if text.count('"') % 2 == 0:
        return False
    first = text.index('"')
    closes = first > 0 and (text[first - 1].isalnum() or text[first - 1] in ".,!?…")
    return closes == closing


def _quotation_opened_before(best: Sentence, sentences: Sequence[Sentence]) -> int | None:
    """Where the quotation that `best` closes opened, when a sentence just before it in its
    passage opened it: a quote should not start in the middle of someone's words."""
    if not _quote_mark(best.text, closing=True):
        return None
    previous = _neighbour(best, sentences, after=False)
    for _ in range(_QUOTATION_REACH):
        if previous is None:
            return None
        if _quote_mark(previous.text, closing=False):
            return previous.start
        if any(mark in previous.text for mark in _QUOTE_MARKS):
            return None  # someone else's words, or an inch mark: the quotation did not open here
        previous = _neighbour(previous, sentences, after=False)
    return None


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
    """Quote the spans in order, each followed by its marker; labelled ones (an article's
    title and date, in a digest or a comparison) each on a line of its own."""
    citations, parts = [], []
    for n, span in enumerate(spans, start=1):
        p = span.passage
        citations.append(Citation(n=n, article_id=p.article_id, title=p.title, url=p.url, chunk_id=p.chunk_id,
                                  quote=span.text, start=span.start, end=span.end, site=p.site, date=p.date))
        label = f"{labels[n - 1]} " if n <= len(labels) else ""
        parts.append(f"{label}{span.text} [{n}]")
    return Answer(question=question, text=("\n" if labels else " ").join(parts), citations=tuple(citations),
                  abstained=False)
