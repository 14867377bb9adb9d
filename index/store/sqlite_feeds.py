"""Feed subscriptions, their state and the entries they have seen, in a collection's SQLite database."""
from __future__ import annotations

import sqlite3
import threading
from contextlib import AbstractContextManager
from typing import Any

from ..records import Feed
from . import feed_sql as q
from .base import FeedEntryRow


def feed_of(row: tuple[Any, ...] | None) -> Feed | None:
    """A feeds row (FEED_COLUMNS order) as a Feed."""
    if row is None:
        return None
    return Feed(int(row[0]), row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], int(row[9]), row[10],
                bool(row[11]), int(row[12]))


class SQLiteFeeds:
    """The feed half of `ArticleStore` (it supplies `_db`, `_lock` and `transaction`)."""

    _db: sqlite3.Connection
    _lock: threading.RLock

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:  # provided by ArticleStore
        raise NotImplementedError

    def add_feed(self, url: str, title: str | None, channel_id: int | None, now: str) -> tuple[Feed, bool]:
        """Subscribe to `url` (due at once); (the subscription, False) when it already exists."""
        with self.transaction() as db:
            created = db.execute(q.INSERT_FEED, (url, title, channel_id, now, now)).rowcount > 0
            feed = feed_of(db.execute(q.FEED_BY_URL, (url,)).fetchone())
        assert feed is not None
        return feed, created

    def feeds(self) -> list[Feed]:
        """Every subscription, oldest first."""
        with self._lock:
            return [f for f in map(feed_of, self._db.execute(q.ALL_FEEDS)) if f is not None]

    def get_feed(self, feed_id: int) -> Feed | None:
        """One subscription, or None."""
        with self._lock:
            return feed_of(self._db.execute(q.FEED_BY_ID, (feed_id,)).fetchone())

    def remove_feed(self, feed_id: int) -> bool:
        """Unsubscribe (its articles stay); False when there was none."""
        with self.transaction() as db:
            return db.execute(q.DELETE_FEED, (feed_id,)).rowcount > 0

    def due_feeds(self, now: str) -> list[Feed]:
        """Subscriptions not paused whose next check is at or before `now`, most overdue first."""
        with self._lock:
            return [f for f in map(feed_of, self._db.execute(q.DUE_FEEDS, (now,))) if f is not None]

    def next_feed_check(self) -> str | None:
        """When the next subscription falls due (None: none is active)."""
        with self._lock:
            return self._db.execute(q.NEXT_DUE).fetchone()[0]

    def save_feed(self, feed: Feed) -> None:
        """Write a subscription's polling state."""
        with self.transaction() as db:
            db.execute(q.SAVE_FEED, (feed.title, feed.channel_id, feed.next_check, feed.last_checked, feed.etag,
                                     feed.last_modified, feed.failures, feed.last_error, int(feed.paused),
                                     feed.articles_added, feed.id))

    def feed_entry(self, feed_id: int, key: str) -> tuple[str, int | None] | None:
        """(fingerprint, article id) of an entry this feed has seen, or None."""
        with self._lock:
            row = self._db.execute(q.GET_ENTRY, (feed_id, key)).fetchone()
        return (row[0], row[1]) if row else None

    def put_feed_entry(self, feed_id: int, key: str, fingerprint: str, article_id: int | None, now: str) -> None:
        """Remember an entry (and the article it became) so that it is never added twice."""
        with self.transaction() as db:
            db.execute(q.PUT_ENTRY, (key, fingerprint, article_id, now, feed_id))

    def feed_entries(self, feed_id: int) -> list[FeedEntryRow]:
        """Every entry a feed has seen, as (key, fingerprint, article id, seen at), oldest first."""
        with self._lock:
            return [(r[0], r[1], r[2], r[3]) for r in self._db.execute(q.ALL_ENTRIES, (feed_id,))]
