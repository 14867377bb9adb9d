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


def m005_change_counter() -> str:
    """A counter every write transaction bumps, so that other processes see a change."""
    return "INSERT INTO meta (key, value) VALUES ('changes', '0') ON CONFLICT(key) DO NOTHING;"


def m006_conversations_rated_answers() -> str:
    """What bot processes share: conversations by thread/message id, answers open to rating."""
    return """
        CREATE TABLE conversation_keys (key INTEGER PRIMARY KEY, conversation TEXT NOT NULL);
        CREATE INDEX conversation_keys_conversation ON conversation_keys(conversation);
        CREATE TABLE conversation_turns (
            id INTEGER PRIMARY KEY, conversation TEXT NOT NULL, turn TEXT NOT NULL
        );
        CREATE INDEX conversation_turns_conversation ON conversation_turns(conversation, id);
        CREATE TABLE rated_answers (
            message INTEGER PRIMARY KEY, question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL
        );
        CREATE TABLE answer_votes (
            message INTEGER NOT NULL REFERENCES rated_answers(message) ON DELETE CASCADE,
            voter TEXT NOT NULL,
            PRIMARY KEY (message, voter)
        );
        """


MIGRATIONS: tuple[Callable[[], str], ...] = (
    m001_articles_chunks_fts,
    m002_feedback,
    m003_article_site,
    m004_feeds_and_dates,
    m005_change_counter,
    m006_conversations_rated_answers,
)


def statements(script: str) -> list[str]:
    """The complete SQL statements of a script, in order."""
    found: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                found.append(pending.strip())
            pending = ""
    return found


def migrate(db: sqlite3.Connection) -> int:
    """Run the migrations this database has not seen yet; return the new version.

    They run in one BEGIN IMMEDIATE transaction that first re-reads the version: two
    processes opening a new collection at once take turns, and the second finds the
    work done. (`executescript` would commit an open transaction first, so no script.)
    """
    if db.execute("PRAGMA user_version").fetchone()[0] >= len(MIGRATIONS):
        return len(MIGRATIONS)
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in statements(migration()):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return len(MIGRATIONS)
