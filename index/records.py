"""The small typed records the knowledge base hands out."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .plurals import counted

AddStatus = Literal["added", "unchanged", "updated"]
SearchMode = Literal["keyword", "vector", "hybrid"]
SEARCH_MODES: tuple[SearchMode, ...] = ("keyword", "vector", "hybrid")
HIGHLIGHT = "**"
"""What keyword snippets put around each matched term."""


@dataclass(frozen=True)
class Chunk:
    """A span of an article: `text == article.text[start:end]` always holds."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ArticleInfo:
    """An article without its full text, as lists show it."""

    id: int
    title: str
    source: str
    url: str | None
    date: str | None
    author: str | None
    chunks: int
    chars: int
    added_at: str
    site: str | None = None
    # Where `date` came from: feed, metadata, dateline or given; "added" when no date was
    # found (then `added_at` stands for it); None for articles stored before this was kept.
    date_source: str | None = None
    feed_id: int | None = None

    @property
    def when(self) -> str:
        """The article's date for ordering and filtering: its publication date, else the day it was added."""
        return self.date or self.added_at[:10]

    def summary(self) -> str:
        """One line for a list: `#3 Title (9 chunks, https://...)`."""
        return f"#{self.id} {self.title} ({counted(self.chunks, 'chunk')}{', ' + self.url if self.url else ''})"


@dataclass(frozen=True)
class Article:
    """An article with its full text."""

    info: ArticleInfo
    text: str


@dataclass(frozen=True)
class AddResult:
    """What adding one article did."""

    status: AddStatus
    article_id: int
    chunks: int
    title: str

    def summary(self) -> str:
        """One line for a terminal: `added: #3 Title (9 chunks)`."""
        return f"{self.status}: #{self.article_id} {self.title} ({counted(self.chunks, 'chunk')})"

    def to_json(self) -> dict[str, object]:
        """The CLI's JSON shape."""
        return {"status": self.status, "article_id": self.article_id,
                "chunks": self.chunks, "title": self.title}


@dataclass(frozen=True)
class SearchResult:
    """One retrieved chunk; `score` is comparable only within one mode."""

    article_id: int
    title: str
    chunk_id: int
    text: str
    start: int
    end: int
    score: float
    url: str | None = None
    snippet: str | None = None
    # Raw per-mode evidence, kept for answerers that calibrate on it.
    similarity: float | None = field(default=None, compare=False)
    bm25: float | None = field(default=None, compare=False)
    # The article's publication date and site, for showing with citations.
    date: str | None = field(default=None, compare=False)
    site: str | None = field(default=None, compare=False)

    @property
    def matched_title_only(self) -> bool:
        """A keyword hit whose words are in its article's title, not in this passage
        (its snippet highlights nothing)."""
        return self.snippet is not None and HIGHLIGHT not in self.snippet

    def to_json(self) -> dict[str, object]:
        """The CLI's JSON shape (url and snippet only where known)."""
        out: dict[str, object] = {
            "article_id": self.article_id, "title": self.title, "chunk_id": self.chunk_id,
            "text": self.text, "start": self.start, "end": self.end, "score": round(self.score, 6),
        }
        if self.url:
            out["url"] = self.url
        if self.snippet:
            out["snippet"] = self.snippet
        return out


@dataclass(frozen=True)
class DateWindow:
    """Articles dated (published, else added) on or after `since` and before `before`
    (YYYY-MM-DD; either may be open)."""

    since: str | None = None
    before: str | None = None

    @property
    def bounds(self) -> tuple[str, str]:
        """(since, before) with open ends filled, for a query comparing ISO dates."""
        return self.since or "0000-00-00", self.before or "9999-99-99"

    def __bool__(self) -> bool:
        return bool(self.since or self.before)


@dataclass(frozen=True)
class Feed:
    """A subscription with its polling state; times are ISO 8601 UTC."""

    id: int
    url: str
    title: str | None
    channel_id: int | None
    created_at: str
    next_check: str
    last_checked: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    last_error: str | None = None
    paused: bool = False
    articles_added: int = 0

    def to_json(self) -> dict[str, object]:
        """The CLI's JSON shape."""
        return {"id": self.id, "url": self.url, "title": self.title, "channel_id": self.channel_id,
                "last_checked": self.last_checked, "next_check": self.next_check,
                "articles_added": self.articles_added, "failures": self.failures,
                "last_error": self.last_error, "paused": self.paused}


@dataclass(frozen=True)
class Stats:
    """Counts for one collection."""

    collection: str
    articles: int
    chunks: int
    vectors: int
    model: str
    dimension: int
    db_bytes: int
    index_bytes: int
    pruned: int = 0
