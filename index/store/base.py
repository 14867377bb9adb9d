"""The narrow interface every storage engine implements, and the records it hands out.

The collection and the searcher talk to a `Store` only; which engine sits behind
it (SQLite + FTS5 + FAISS in a folder, or PostgreSQL + pgvector) is chosen once,
by a `Backend`, from the DATABASE_URL setting.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

import numpy as np

from ..records import AddStatus, Article, ArticleInfo, Chunk, DateWindow, Feed
from .memory import Memory

# (question, answer, citations as JSON, helpful 0/1, user key)
FeedbackRow = tuple[str, str, str, int, str | None]
# (entry key, fingerprint, article id it became, seen at)
FeedEntryRow = tuple[str, str, int | None, str]


@dataclass(frozen=True)
class StoredArticle:
    """The fields of an article row, as the store writes them."""

    title: str
    source: str
    source_key: str | None
    url: str | None
    date: str | None
    author: str | None
    text: str
    content_hash: str
    site: str | None = None
    date_source: str | None = None
    feed_id: int | None = None


def with_origin(article: StoredArticle, date_source: str | None, feed_id: int | None) -> StoredArticle:
    """An exported article row with where its date came from and the feed that brought it."""
    return replace(article, date_source=date_source, feed_id=feed_id)


@dataclass(frozen=True)
class ChunkRow:
    """A chunk joined with its article, with its stored vector."""

    chunk_id: int
    article_id: int
    title: str
    text: str
    start: int
    end: int
    url: str | None
    vector: np.ndarray
    date: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class StoreSizes:
    """How many vectors the vector side holds and what the store takes on disk."""

    vectors: int
    db_bytes: int
    index_bytes: int


@dataclass(frozen=True)
class CopiedArticle:
    """One article with everything derived from it, as `migrate` copies it between engines."""

    article_id: int
    article: StoredArticle
    added_at: str
    updated_at: str
    chunks: list[Chunk]
    vectors: np.ndarray


@dataclass(frozen=True)
class BulkReport:
    """What a bulk import did."""

    articles_copied: int
    articles_present: int
    chunks_copied: int


@runtime_checkable
class BulkImport(Protocol):
    """What an engine that loads many articles at once faster than one by one offers besides
    `Store` (callers check for it with isinstance and fall back to `import_article`)."""

    def bulk_import(self, articles: Iterable[CopiedArticle], *, keep_ids: bool = False,
                    expected_chunks: int = 0) -> BulkReport:
        """Add every article whose content, source key (and with `keep_ids`, id) is not here
        yet, in large batches; `expected_chunks` (how many are coming, if known) lets the
        engine choose to build its indexes after loading rather than keep them up to date.
        Without `keep_ids` articles get new ids in their order."""
        ...


class Store(Protocol):
    """One collection's articles, chunks, vectors, full-text index and feedback."""

    model: str
    dimension: int
    # Conversations and rated answers: what every bot process must see.
    memory: Memory

    def write_lock(self) -> AbstractContextManager[None]:
        """Held around "look up, embed, write" so that two writers of one collection
        (threads or processes) never both add the same article."""
        ...

    def find_article(self, content_hash: str, source_key: str | None) -> tuple[int | None, int | None]:
        """(id of the article with this content, id of the one with this source key)."""
        ...

    def chunk_count(self, article_id: int) -> int:
        """How many chunks an article has."""
        ...

    def add_article(self, article: StoredArticle, chunks: Sequence[Chunk],
                    vectors: np.ndarray) -> tuple[AddStatus, int]:
        """Add an article unless its content is stored (`unchanged`, with that article's id),
        replacing the one with its source key (`updated`), else `added`; decided at write
        time, so the loser of a race between writers reports `unchanged`."""
        ...

    def write_article(self, article: StoredArticle, chunks: Sequence[Chunk], vectors: np.ndarray,
                      replace_id: int | None = None) -> int:
        """Insert an article (or replace one in place) with its chunks and vectors."""
        ...

    def flush(self) -> None:
        """Make the writes so far durable on the vector side (after a batch of writes)."""
        ...

    def delete_article(self, article_id: int) -> bool:
        """Remove an article, its chunks and vectors; False when there was none."""
        ...

    def keyword(self, query: str, limit: int, window: DateWindow | None = None) -> list[tuple[int, float, str]]:
        """(chunk id, score higher-is-better, highlighted snippet) for what a user typed:
        quoted phrases required, other meaningful words OR-ed, nothing ever a syntax error.
        With a window, only chunks of articles dated in it (filtered in the query)."""
        ...

    def keyword_rank(self, query: str, limit: int, window: DateWindow | None = None) -> dict[int, float]:
        """The best `limit` chunks for the user's text with their scores, best first, no snippets."""
        ...

    def nearest(self, query: np.ndarray, k: int, window: DateWindow | None = None) -> list[tuple[int, float]]:
        """The nearest chunks to a normalised vector as (chunk id, cosine), best first
        (within a window: among the chunks of articles dated in it)."""
        ...

    def dated_articles(self, window: DateWindow | None = None, limit: int = 1_000_000,
                       added_too: bool = False) -> list[ArticleInfo]:
        """Articles dated within `window` (publication date, else the day added), newest
        first; with `added_too`, also those added within it whatever their date."""
        ...

    def add_pruned(self, count: int) -> int:
        """Count articles removed by the retention limits; return the total so far."""
        ...

    def pruned(self) -> int:
        """How many articles the retention limits have removed."""
        ...

    # -- feed subscriptions (times are ISO 8601 UTC strings) ----------------------
    def add_feed(self, url: str, title: str | None, channel_id: int | None, now: str) -> tuple[Feed, bool]:
        """Subscribe to `url`, due at once; (the subscription, False) when it already exists."""
        ...

    def feeds(self) -> list[Feed]:
        """Every subscription, oldest first."""
        ...

    def get_feed(self, feed_id: int) -> Feed | None:
        """One subscription, or None."""
        ...

    def remove_feed(self, feed_id: int) -> bool:
        """Unsubscribe (the articles stay); False when there was none."""
        ...

    def due_feeds(self, now: str) -> list[Feed]:
        """Active subscriptions whose next check is at or before `now`."""
        ...

    def next_feed_check(self) -> str | None:
        """When the next active subscription falls due."""
        ...

    def save_feed(self, feed: Feed) -> None:
        """Write a subscription's polling state (validators, times, errors, counts)."""
        ...

    def feed_entry(self, feed_id: int, key: str) -> tuple[str, int | None] | None:
        """(fingerprint, article id) of an entry the feed has seen, or None."""
        ...

    def put_feed_entry(self, feed_id: int, key: str, fingerprint: str, article_id: int | None, now: str) -> None:
        """Remember an entry and the article it became."""
        ...

    def feed_entries(self, feed_id: int) -> list[FeedEntryRow]:
        """Every entry a feed has seen, oldest first (for `migrate`)."""
        ...

    def first_chunk_ids(self, article_id: int, limit: int) -> list[int]:
        """The ids of an article's first `limit` chunks, in text order."""
        ...

    def chunk_rows(self, ids: Sequence[int]) -> dict[int, ChunkRow]:
        """The chunks with these ids (unknown ids are absent)."""
        ...

    def list_articles(self, limit: int = 1_000_000, offset: int = 0) -> list[ArticleInfo]:
        """Articles in the order they were added."""
        ...

    def get_article(self, article_id: int) -> Article | None:
        """One article with its full text, or None."""
        ...

    def counts(self) -> tuple[int, int]:
        """(articles, chunks)."""
        ...

    def sizes(self) -> StoreSizes:
        """Vector count and bytes on disk."""
        ...

    def set_model(self, model: str, dimension: int) -> None:
        """Record which model embedded the collection (after a full re-embed)."""
        ...

    def reset_vectors(self, dimension: int) -> None:
        """Prepare the vector side for vectors of another size (before a full re-embed)."""
        ...

    def rebuild_vectors(self) -> int:
        """Rebuild the vector side from the stored vectors; return how many it holds."""
        ...

    def add_feedback(self, row: FeedbackRow) -> None:
        """Store one reader's verdict on an answer."""
        ...

    def feedback(self) -> list[tuple[str, str, str, int, str | None, str]]:
        """Every feedback row (with its time), oldest first."""
        ...

    def import_feedback(self, rows: Sequence[tuple[str, str, str, int, str | None, str]]) -> int:
        """Add feedback rows (with their times) not already here; return how many were added."""
        ...

    def export_articles(self) -> Iterator[CopiedArticle]:
        """Every article with its chunks and vectors, oldest first (for `migrate`)."""
        ...

    def import_article(self, copied: CopiedArticle) -> bool:
        """Copy one article in under its own id unless its content is already here;
        True when it was copied."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...


class Backend(Protocol):
    """A storage engine: opens each collection's store; collections share nothing."""

    description: str

    def open(self, name: str, model: str, dimension: int, *, accept_other_model: bool = False) -> Store:
        """The named collection's store, created on first use."""
        ...

    def names(self) -> list[str]:
        """Names of the collections this engine holds."""
        ...

    def close(self) -> None:
        """Release what the engine holds (a connection pool)."""
        ...
