"""The SQL the SQLite store runs for feed subscriptions, as named constants."""

FEED_COLUMNS = """
id, url, title, channel_id, created_at, next_check, last_checked, etag, last_modified, failures, last_error,
paused, articles_added
"""
INSERT_FEED = """
INSERT INTO feeds (url, title, channel_id, created_at, next_check) VALUES (?, ?, ?, ?, ?)
ON CONFLICT(url) DO NOTHING
"""
FEED_BY_URL = f"SELECT {FEED_COLUMNS} FROM feeds WHERE url = ?"
FEED_BY_ID = f"SELECT {FEED_COLUMNS} FROM feeds WHERE id = ?"
ALL_FEEDS = f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY id"
DUE_FEEDS = f"SELECT {FEED_COLUMNS} FROM feeds WHERE paused = 0 AND next_check <= ? ORDER BY next_check, id"
NEXT_DUE = "SELECT min(next_check) FROM feeds WHERE paused = 0"
DELETE_FEED = "DELETE FROM feeds WHERE id = ?"
SAVE_FEED = """
UPDATE feeds SET title = ?, channel_id = ?, next_check = ?, last_checked = ?, etag = ?, last_modified = ?,
       failures = ?, last_error = ?, paused = ?, articles_added = ?
WHERE id = ?
"""
GET_ENTRY = "SELECT fingerprint, article_id FROM feed_entries WHERE feed_id = ? AND entry_key = ?"
# Nothing for a feed this library does not have (one just unsubscribed while it was polled).
PUT_ENTRY = """
INSERT INTO feed_entries (feed_id, entry_key, fingerprint, article_id, seen_at)
SELECT id, ?, ?, ?, ? FROM feeds WHERE id = ?
ON CONFLICT(feed_id, entry_key) DO UPDATE SET fingerprint = excluded.fingerprint,
       article_id = coalesce(excluded.article_id, feed_entries.article_id), seen_at = excluded.seen_at
"""
ALL_ENTRIES = """
SELECT entry_key, fingerprint, article_id, seen_at FROM feed_entries WHERE feed_id = ? ORDER BY seen_at, entry_key
"""
