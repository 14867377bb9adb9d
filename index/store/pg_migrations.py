"""PostgreSQL's numbered migrations, run once under an advisory lock.

Several processes starting at once (bot shards, a CLI) all call `migrate`; the
first takes the lock and migrates, the others wait for it and find nothing to do.
"""
from __future__ import annotations

from collections.abc import Callable

import psycopg

# pg_advisory_xact_lock key: any constant the application owns ("abot" + 1).
MIGRATION_LOCK = 0x61626F7401
DIMENSION = 384
# The chunk table's search indexes, which a bulk import drops and builds again after loading.
KEYWORD_INDEX = "CREATE INDEX chunks_tsv ON chunks USING gin (tsv)"
VECTOR_INDEX = ("CREATE INDEX chunks_embedding ON chunks USING hnsw (embedding vector_ip_ops)"
                " WITH (m = 16, ef_construction = 64)")
SEARCH_INDEXES = {"chunks_tsv": KEYWORD_INDEX, "chunks_embedding": VECTOR_INDEX}


def m001_collections_articles_chunks() -> str:
    """Every server's library in one database: a collection column on every table."""
    return f"""
        CREATE EXTENSION IF NOT EXISTS vector;
        CREATE TABLE collections (
            name text PRIMARY KEY,
            model text NOT NULL,
            dimension integer NOT NULL,
            -- Article ids are numbered per collection and never handed out twice.
            next_article_id bigint NOT NULL DEFAULT 1,
            chunks bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE articles (
            collection text NOT NULL REFERENCES collections(name) ON DELETE CASCADE,
            id bigint NOT NULL,
            title text NOT NULL,
            source text NOT NULL,
            source_key text,
            url text,
            date text,
            author text,
            site text,
            text text NOT NULL,
            content_hash text NOT NULL,
            added_at text NOT NULL,
            updated_at text NOT NULL,
            PRIMARY KEY (collection, id),
            UNIQUE (collection, content_hash),
            UNIQUE (collection, source_key)
        );
        CREATE TABLE chunks (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            collection text NOT NULL,
            article_id bigint NOT NULL,
            idx integer NOT NULL,
            start integer NOT NULL,
            "end" integer NOT NULL,
            title text NOT NULL,
            text text NOT NULL,
            embedding vector({DIMENSION}) NOT NULL,
            -- The chunk's words weigh more (A) than its article's title (B), as in FTS5's bm25 weights.
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', text), 'A') || setweight(to_tsvector('english', title), 'B')
            ) STORED,
            FOREIGN KEY (collection, article_id) REFERENCES articles(collection, id) ON DELETE CASCADE
        );
        -- Kept inline (not TOASTed): an exact scan reads each vector without a detour.
        ALTER TABLE chunks ALTER COLUMN embedding SET STORAGE PLAIN;
        CREATE INDEX chunks_article ON chunks (collection, article_id, idx);
        {KEYWORD_INDEX};
        {VECTOR_INDEX};
        """


def m002_feedback() -> str:
    """Readers' thumbs up/down on answers."""
    return """
        CREATE TABLE feedback (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            collection text NOT NULL,
            question text NOT NULL,
            answer text NOT NULL,
            citations text NOT NULL,
            helpful integer NOT NULL,
            user_key text,
            created_at text NOT NULL
        );
        CREATE INDEX feedback_collection ON feedback (collection, id);
        """


def m003_feeds_and_dates() -> str:
    """Feed subscriptions with their polling state and seen entries, where an article's
    date came from, which feed brought it in, and how many articles retention pruned."""
    return """
        ALTER TABLE articles ADD COLUMN date_source text;
        ALTER TABLE articles ADD COLUMN feed_id bigint;
        ALTER TABLE collections ADD COLUMN pruned bigint NOT NULL DEFAULT 0;
        CREATE INDEX articles_when ON articles (collection, (coalesce(date, substr(added_at, 1, 10))));
        CREATE TABLE feeds (
            collection text NOT NULL REFERENCES collections(name) ON DELETE CASCADE,
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            url text NOT NULL,
            title text,
            channel_id bigint,
            created_at text NOT NULL,
            next_check text NOT NULL,
            last_checked text,
            etag text,
            last_modified text,
            failures integer NOT NULL DEFAULT 0,
            last_error text,
            paused boolean NOT NULL DEFAULT false,
            articles_added integer NOT NULL DEFAULT 0,
            UNIQUE (collection, url)
        );
        CREATE INDEX feeds_due ON feeds (collection, paused, next_check);
        CREATE TABLE feed_entries (
            feed_id bigint NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            entry_key text NOT NULL,
            fingerprint text NOT NULL,
            article_id bigint,
            seen_at text NOT NULL,
            PRIMARY KEY (feed_id, entry_key)
        );
        """


def m004_conversations_rated_answers() -> str:
    """What bot processes share: conversations by thread/message id, answers open to rating."""
    return """
        CREATE TABLE conversation_keys (
            collection text NOT NULL REFERENCES collections(name) ON DELETE CASCADE,
            key bigint NOT NULL,
            conversation text NOT NULL,
            PRIMARY KEY (collection, key)
        );
        CREATE INDEX conversation_keys_conversation ON conversation_keys (collection, conversation);
        CREATE TABLE conversation_turns (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            collection text NOT NULL REFERENCES collections(name) ON DELETE CASCADE,
            conversation text NOT NULL,
            turn text NOT NULL
        );
        CREATE INDEX conversation_turns_conversation ON conversation_turns (collection, conversation, id);
        CREATE TABLE rated_answers (
            collection text NOT NULL REFERENCES collections(name) ON DELETE CASCADE,
            message bigint NOT NULL,
            question text NOT NULL,
            answer text NOT NULL,
            citations text NOT NULL,
            PRIMARY KEY (collection, message)
        );
        CREATE TABLE answer_votes (
            collection text NOT NULL,
            message bigint NOT NULL,
            voter text NOT NULL,
            PRIMARY KEY (collection, message, voter),
            FOREIGN KEY (collection, message) REFERENCES rated_answers (collection, message) ON DELETE CASCADE
        );
        """


def m005_keyword_vectors_inline() -> str:
    """Chunk rows keep their tsvector inline: ranking reads it for every matching chunk, and
    a row with its vector is past the TOAST threshold, so it went to the side table (one
    more lookup per chunk ranked, twice: the match check and ts_rank). Rows written from
    now on; a rewrite (bulk import, VACUUM FULL) moves the older ones."""
    return "ALTER TABLE chunks ALTER COLUMN tsv SET STORAGE MAIN;"


def m006_term_counts() -> str:
    """How many of a collection's chunks hold each lexeme, kept with every write: the keyword
    side's bound (pg_keyword.py) reads a question's counts in one look-up instead of
    counting through the GIN index and the rows (~100 ms for a common word at a million)."""
    return """
        CREATE TABLE term_counts (
            collection text NOT NULL REFERENCES collections(name) ON DELETE CASCADE,
            lexeme text NOT NULL,
            chunks bigint NOT NULL,
            PRIMARY KEY (collection, lexeme)
        );
        INSERT INTO term_counts (collection, lexeme, chunks)
        SELECT c.collection, l.lexeme, count(*) FROM chunks c, unnest(tsvector_to_array(c.tsv)) AS l(lexeme)
        GROUP BY 1, 2;
        """


MIGRATIONS: tuple[Callable[[], str], ...] = (
    m001_collections_articles_chunks,
    m002_feedback,
    m003_feeds_and_dates,
    m004_conversations_rated_answers,
    m005_keyword_vectors_inline,
    m006_term_counts,
)


def migrate(conn: psycopg.Connection) -> list[str]:
    """Run the migrations this database has not seen; return the names of those run."""
    ran: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
                            version integer PRIMARY KEY, name text NOT NULL,
                            applied_at timestamptz NOT NULL DEFAULT now())""")
        done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
        for number, migration in enumerate(MIGRATIONS, start=1):
            if number in done:
                continue
            conn.execute(migration())  # our own DDL, no user input
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                         (number, migration.__name__))
            ran.append(migration.__name__)
    return ran
