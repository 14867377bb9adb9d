"""What an answer is: text with [n] markers, the citations behind them, or an abstention."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Literal

from index.dates import age_text

from index.records import SearchResult
from index.sources.byline import display_date

from .citation_markers import markers_in

Answerer = Literal["extractive", "llm"]


@dataclass(frozen=True)
class Citation:
    """Marker `[n]` of an answer: a verbatim quote of an article, with its offsets."""

    n: int
    article_id: int
    title: str
    url: str | None
    chunk_id: int
    quote: str
    start: int
    end: int
    site: str | None = None
    date: str | None = None

    @property
    def byline(self) -> str:
        """Where and when the article appeared, and how long ago
        ("The Valley Courier · 14 May 2023 (2 years ago)"), or ""."""
        when = display_date(self.date)
        age = age_text(self.date, datetime.now(timezone.utc).date())
        if when and age:
            when = f"{when} ({age})"
        return " · ".join(x for x in (self.site, when) if x)

    def to_json(self) -> dict[str, object]:
        """The CLI's JSON shape (site and date only when the article has them)."""
        out: dict[str, object] = {"n": self.n, "article_id": self.article_id, "title": self.title, "url": self.url,
                                  "chunk_id": self.chunk_id, "quote": self.quote, "start": self.start,
                                  "end": self.end}
        out.update({k: v for k, v in (("site", self.site), ("date", self.date)) if v})
        return out


@dataclass(frozen=True)
class Answer:
    """The reply to one question.

    When `abstained`, `text` says the library does not hold the answer and
    `sources` lists the nearest passages instead; there are no citations.
    `notice` tells the user something they should know (e.g. the LLM failed).
    """

    question: str
    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    sources: tuple[SearchResult, ...] = ()
    notice: str | None = None
    answerer: Answerer = "extractive"
    confidence: float = field(default=0.0, compare=False)

    def to_json(self) -> dict[str, object]:
        """The CLI's JSON shape."""
        out: dict[str, object] = {"answer": self.text, "citations": [c.to_json() for c in self.citations],
                                  "abstained": self.abstained, "answerer": self.answerer}
        if self.abstained:
            out["nearest"] = [{"article_id": s.article_id, "title": s.title, "url": s.url, "chunk_id": s.chunk_id}
                              for s in self.sources]
        if self.notice:
            out["notice"] = self.notice
        return out


class CitationError(AssertionError):
    """An answer broke a citation invariant (a bug, never shown as an answer)."""


def check_citations(answer: Answer, retrieved_chunk_ids: set[int] | None = None) -> None:
    """Raise CitationError unless markers are 1..N in order of first appearance, every
    marker has exactly one citation, every citation is used, and every citation points
    at a retrieved chunk."""
    markers = markers_in(answer.text)
    numbers = [c.n for c in answer.citations]
    if markers != list(range(1, len(markers) + 1)):
        raise CitationError(f"markers {markers} are not 1..N in order of first appearance")
    if numbers != markers:
        raise CitationError(f"citations {numbers} do not match markers {markers}")
    if answer.abstained and answer.citations:
        raise CitationError("an abstention carries citations")
    if retrieved_chunk_ids is not None:
        stray = [c.n for c in answer.citations if c.chunk_id not in retrieved_chunk_ids]
        if stray:
            raise CitationError(f"citations {stray} point at passages that were not retrieved")
