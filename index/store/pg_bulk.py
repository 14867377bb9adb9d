"""Loading many articles into PostgreSQL at once: COPY in large batches, indexes built after.

Written one article per transaction with the GIN and HNSW indexes kept up to date, a
library loads at 40-360 chunks a second: each chunk is one more insertion into a
graph of a million. Here articles and chunks go in by COPY, a batch per transaction,
and when the import is at least as large as what the table already holds (and large at
all), the two search indexes are dropped first and built once at the end, which costs
a fraction of maintaining them. Other collections' searches scan exactly meanwhile, and
their writers wait while an index builds: a bulk import is an administrator's job.
A collection that ends up large gets its own inverted-file index (pg_approximate.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

import numpy as np
import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool

from . import pg_approximate
from . import pg_sql as q
from .base import BulkReport, CopiedArticle
from .pg_migrations import SEARCH_INDEXES

# Below this many chunks, keeping the indexes up to date costs less than building them again.
REBUILD_FROM = 50_000
# Articles per COPY batch (one transaction each).
BATCH_ARTICLES = 2_000

PRESENT = """
SELECT id, content_hash, source_key FROM articles
WHERE collection = %s AND (content_hash = ANY(%s::text[]) OR source_key = ANY(%s::text[]) OR id = ANY(%s::bigint[]))
"""
RESERVE_IDS = """
UPDATE collections SET next_article_id = next_article_id + %s WHERE name = %s RETURNING next_article_id - %s
"""
COPY_ARTICLES = """
COPY articles (collection, id, title, source, source_key, url, date, author, site, text, content_hash, added_at,
               updated_at, date_source, feed_id) FROM STDIN
"""
CHUNK_TYPES = ["text", "bigint", "integer", "integer", "integer", "text", "text", "vector"]


class PostgresBulkLoader:
    """Loads one collection's articles in batches. The indexes are built with the server's
    maintenance_work_mem: HNSW builds far faster when its graph fits (~2 GB at a million)."""

    def __init__(self, pool: ConnectionPool, collection: str) -> None:
        self.pool = pool
        self.collection = collection

    def load(self, articles: Iterable[CopiedArticle], *, keep_ids: bool = False,
             expected_chunks: int = 0) -> BulkReport:
        """Add the articles not already here (same content, source key, or with `keep_ids` id)."""
        copied = present = chunks = 0
        with self.pool.connection() as conn:
            conn.execute(q.LOCK_COLLECTION, (self.collection,))  # writers of this collection wait
            try:
                rebuild = self._rebuild_worth_it(conn, expected_chunks)
                if rebuild:
                    for name in SEARCH_INDEXES:
                        conn.execute(sql.SQL("DROP INDEX IF EXISTS {}").format(sql.Identifier(name)))
                try:
                    for batch in _batches(articles, BATCH_ARTICLES):
                        written, skipped, chunk_count = self._write_batch(conn, batch, keep_ids)
                        copied, present, chunks = copied + written, present + skipped, chunks + chunk_count
                finally:
                    if rebuild:
                        self._build_indexes(conn)
                if copied:
                    self._refresh_approximate(conn)
                    conn.execute("ANALYZE articles")
                    conn.execute("ANALYZE chunks")
            finally:
                conn.execute(q.UNLOCK_COLLECTION, (self.collection,))
        return BulkReport(copied, present, chunks)

    def _rebuild_worth_it(self, conn: psycopg.Connection, expected_chunks: int) -> bool:
        if expected_chunks < REBUILD_FROM:
            return False
        held = conn.execute("SELECT coalesce(sum(chunks), 0) FROM collections").fetchone()
        return expected_chunks >= int(held[0] if held else 0)

    def _build_indexes(self, conn: psycopg.Connection) -> None:
        existing = {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'chunks'")}
        for name, ddl in SEARCH_INDEXES.items():
            if name not in existing:
                conn.execute(ddl)  # our own DDL

    def _refresh_approximate(self, conn: psycopg.Connection) -> None:
        held = conn.execute(q.CHUNKS_IN_COLLECTION, (self.collection,)).fetchone()
        chunks = int(held[0]) if held else 0
        if chunks >= pg_approximate.APPROXIMATE_FROM:
            pg_approximate.build(conn, self.collection, chunks)

    def _write_batch(self, conn: psycopg.Connection, batch: list[CopiedArticle],
                     keep_ids: bool) -> tuple[int, int, int]:
        """(articles written, articles already here, chunks written), in one transaction."""
        with conn.transaction():
            fresh = self._not_present(conn, batch, keep_ids)
            if not fresh:
                return 0, len(batch), 0
            if keep_ids:
                ids = [a.article_id for a in fresh]
                conn.execute(q.BUMP_NEXT_ARTICLE_ID, (max(ids), self.collection))
            else:
                first = conn.execute(RESERVE_IDS, (len(fresh), self.collection, len(fresh))).fetchone()
                ids = list(range(int(first[0]), int(first[0]) + len(fresh))) if first else []
            with conn.cursor().copy(COPY_ARTICLES) as copy:
                for article_id, c in zip(ids, fresh):
                    a = c.article
                    copy.write_row((self.collection, article_id, a.title, a.source, a.source_key, a.url, a.date,
                                    a.author, a.site, a.text, a.content_hash, c.added_at, c.updated_at,
                                    a.date_source, a.feed_id))
            chunk_count = 0
            with conn.cursor().copy(q.COPY_CHUNKS) as copy:
                copy.set_types(CHUNK_TYPES)
                for article_id, c in zip(ids, fresh):
                    for chunk, vector in zip(c.chunks, c.vectors):
                        copy.write_row((self.collection, article_id, chunk.index, chunk.start, chunk.end,
                                        c.article.title, chunk.text, np.asarray(vector, np.float32)))
                    chunk_count += len(c.chunks)
            conn.execute(q.ADD_CHUNK_COUNT, (chunk_count, self.collection))
            conn.execute(q.ADD_TERM_COUNTS, (1, self.collection, ids))
        return len(fresh), len(batch) - len(fresh), chunk_count

    def _not_present(self, conn: psycopg.Connection, batch: list[CopiedArticle],
                     keep_ids: bool) -> list[CopiedArticle]:
        """The batch's articles whose content, source key (and id) neither the collection nor
        an earlier article of the batch holds."""
        hashes = [c.article.content_hash for c in batch]
        keys = [c.article.source_key for c in batch if c.article.source_key]
        ids = [c.article_id for c in batch] if keep_ids else []
        seen_ids, seen_hashes, seen_keys = set(), set(), set()
        for found_id, content_hash, source_key in conn.execute(PRESENT, (self.collection, hashes, keys, ids)):
            seen_ids.add(int(found_id))
            seen_hashes.add(content_hash)
            seen_keys.add(source_key)
        fresh = []
        for c in batch:
            a = c.article
            if (a.content_hash in seen_hashes or (a.source_key and a.source_key in seen_keys)
                    or (keep_ids and c.article_id in seen_ids)):
                continue
            fresh.append(c)
            seen_ids.add(c.article_id)
            seen_hashes.add(a.content_hash)
            seen_keys.add(a.source_key)
        return fresh


def _batches(articles: Iterable[CopiedArticle], size: int) -> Iterator[list[CopiedArticle]]:
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch
