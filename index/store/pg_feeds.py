"""Feed subscriptions, their state and the entries they have seen, in PostgreSQL (per collection)."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

import psycopg

from ..records import Feed
from .base import FeedEntryRow
from .sqlite_feeds import feed_of

_COLUMNS = """
id, url, title, channel_id, created_at, next_check, last_checked, etag, last_modified, failures, last_error,
paused, articles_added
"""
INSERT_FEED = """
INSERT INTO feeds (collection, url, title, channel_id, created_at, next_check) VALUES (%s, %s, %s, %s, %s, %s)
ON CONFLICT (collection, url) DO NOTHING
"""
FEED_BY_URL = f"SELECT {_COLUMNS} FROM feeds WHERE collection = %s AND url = %s"
FEED_BY_ID = f"SELECT {_COLUMNS} FROM feeds WHERE collection = %s AND id = %s"
ALL_FEEDS = f"SELECT {_COLUMNS} FROM feeds WHERE collection = %s ORDER BY id"
DUE_FEEDS = f"""
SELECT {_COLUMNS} FROM feeds WHERE collection = %s AND NOT paused AND next_check <= %s ORDER BY next_check, id
"""
NEXT_DUE = "SELECT min(next_check) FROM feeds WHERE collection = %s AND NOT paused"
DELETE_FEED = "DELETE FROM feeds WHERE collection = %s AND id = %s"
SAVE_FEED = """
UPDATE feeds SET title = %s, channel_id = %s, next_check = %s, last_checked = %s, etag = %s, last_modified = %s,
       failures = %s, last_error = %s, paused = %s, articles_added = %s
WHERE collection = %s AND id = %s
"""
GET_ENTRY = """
SELECT e.fingerprint, e.article_id FROM feed_entries e JOIN feeds f ON f.id = e.feed_id
WHERE f.collection = %s AND e.feed_id = %s AND e.entry_key = %s
"""
# feed_entries has no collection column of its own: its feed must be one of this collection's
# (nothing for another's, or for one just unsubscribed while it was polled).
PUT_ENTRY = """
INSERT INTO feed_entries (feed_id, entry_key, fingerprint, article_id, seen_at)
SELECT f.id, %s, %s, %s, %s FROM feeds f WHERE f.collection = %s AND f.id = %s
ON CONFLICT (feed_id, entry_key) DO UPDATE SET fingerprint = excluded.fingerprint,
       article_id = coalesce(excluded.article_id, feed_entries.article_id), seen_at = excluded.seen_at
"""

ALL_ENTRIES = """
SELECT e.entry_key, e.fingerprint, e.article_id, e.seen_at FROM feed_entries e JOIN feeds f ON f.id = e.feed_id
WHERE f.collection = %s AND e.feed_id = %s ORDER BY e.seen_at, e.entry_key
"""


class PostgresFeeds:
    """The feed half of `PostgresStore` (it supplies `name`, `_rows` and `_tx`)."""

    name: str

    def _rows(self, query: Any, params: Sequence[Any], *, binary: bool = False) -> list[tuple[Any, ...]]:
        raise NotImplementedError  # provided by PostgresStore

    def _tx(self) -> AbstractContextManager[psycopg.Connection]:
        raise NotImplementedError  # provided by PostgresStore

    def add_feed(self, url: str, title: str | None, channel_id: int | None, now: str) -> tuple[Feed, bool]:
        """Subscribe to `url` (due at once); (the subscription, False) when it already exists."""
        with self._tx() as conn:
            created = conn.execute(INSERT_FEED, (self.name, url, title, channel_id, now, now)).rowcount > 0
            feed = feed_of(conn.execute(FEED_BY_URL, (self.name, url)).fetchone())
        assert feed is not None
        return feed, created

    def feeds(self) -> list[Feed]:
        """Every subscription of this collection, oldest first."""
        return [f for f in map(feed_of, self._rows(ALL_FEEDS, (self.name,))) if f is not None]

    def get_feed(self, feed_id: int) -> Feed | None:
        """One subscription, or None."""
        rows = self._rows(FEED_BY_ID, (self.name, feed_id))
        return feed_of(rows[0]) if rows else None

    def remove_feed(self, feed_id: int) -> bool:
        """Unsubscribe (its articles stay); False when there was none."""
        with self._tx() as conn:
            return conn.execute(DELETE_FEED, (self.name, feed_id)).rowcount > 0

    def due_feeds(self, now: str) -> list[Feed]:
        """Subscriptions not paused whose next check is at or before `now`, most overdue first."""
        return [f for f in map(feed_of, self._rows(DUE_FEEDS, (self.name, now))) if f is not None]

    def next_feed_check(self) -> str | None:
        """When the next subscription falls due (None: none is active)."""
        return self._rows(NEXT_DUE, (self.name,))[0][0]

    def save_feed(self, feed: Feed) -> None:
        """Write a subscription's polling state."""
        with self._tx() as conn:
            conn.execute(SAVE_FEED, (feed.title, feed.channel_id, feed.next_check, feed.last_checked, feed.etag,
                                     feed.last_modified, feed.failures, feed.last_error, feed.paused,
                                     feed.articles_added, self.name, feed.id))

    def feed_entry(self, feed_id: int, key: str) -> tuple[str, int | None] | None:
        """(fingerprint, article id) of an entry this feed has seen, or None."""
        rows = self._rows(GET_ENTRY, (self.name, feed_id, key))
        return (rows[0][0], rows[0][1]) if rows else None

    def put_feed_entry(self, feed_id: int, key: str, fingerprint: str, article_id: int | None, now: str) -> None:
        """Remember an entry (and the article it became) so that it is never added twice."""
        with self._tx() as conn:
            conn.execute(PUT_ENTRY, (key, fingerprint, article_id, now, self.name, feed_id))

    def feed_entries(self, feed_id: int) -> list[FeedEntryRow]:
        """Every entry a feed has seen, as (key, fingerprint, article id, seen at), oldest first."""
        return [(r[0], r[1], r[2], r[3]) for r in self._rows(ALL_ENTRIES, (self.name, feed_id))]
