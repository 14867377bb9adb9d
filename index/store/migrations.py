"""Numbered schema migrations; `PRAGMA user_version` records how many have run."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable


def m001_articles_chunks_fts() -> str:
    """Articles, their chunks with vectors, and a full-text index over the chunks."""
    return """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE articles (
            -- AUTOINCREMENT: a removed article's id is never handed to another,
            -- so old citations and feedback never point at the wrong article.
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            source_key TEXT UNIQUE,
            url TEXT,
            date TEXT,
            author TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE chunks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            embedding BLOB NOT NULL
        );
        CREATE INDEX chunks_article ON chunks(article_id, idx);
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            text, title, tokenize = 'porter unicode61 remove_diacritics 2'
        );
        """


def m002_feedback() -> str:
    """Readers' thumbs up/down on answers, kept to build question sets."""
    return """
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            citations TEXT NOT NULL,
            helpful INTEGER NOT NULL,
            user_key TEXT,
            created_at TEXT NOT NULL
        );
        """


def m003_article_site() -> str:
    """The site or publisher an article appeared on (\"The Valley Courier\")."""
    return "ALTER TABLE articles ADD COLUMN site TEXT;"


def m004_feeds_and_dates() -> str:
    """Feed subscriptions with their polling state, the entries each has seen, where an
    article's date came from, which feed brought it in, and how many articles were pruned."""
    return """
        ALTER TABLE articles ADD COLUMN date_source TEXT;
        ALTER TABLE articles ADD COLUMN feed_id INTEGER;
        CREATE INDEX articles_when ON articles(coalesce(date, substr(added_at, 1, 10)));
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            channel_id INTEGER,
            created_at TEXT NOT NULL,
            next_check TEXT NOT NULL,
            last_checked TEXT,
            etag TEXT,
            last_modified TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            paused INTEGER NOT NULL DEFAULT 0,
            articles_added INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX feeds_due ON feeds(paused, next_check);
        CREATE TABLE feed_entries (
            feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            entry_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            article_id INTEGER,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed_id, entry_key)
        );
        """


MIGRATIONS: tuple[Callable[[], str], ...] = (
    m001_articles_chunks_fts,
    m002_feedback,
    m003_article_site,
    m004_feeds_and_dates,
)


def migrate(db: sqlite3.Connection) -> int:
    """Run the migrations this database has not seen yet; return the new version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        # One script per migration so that its DDL and the version bump commit together.
        db.executescript(f"BEGIN; {migration()} PRAGMA user_version = {number}; COMMIT;")
    return len(MIGRATIONS)
