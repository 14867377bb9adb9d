"""The PostgreSQL engine: every collection in one database (pgvector + tsvector), one pool per process."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import numpy as np
import psycopg
from pgvector.psycopg import register_vector
from psycopg import sql
from psycopg_pool import ConnectionPool

from ..search.term_budget import RANKING_BUDGET
from ..errors import KnowledgeBaseError, ModelMismatchError
from ..records import AddStatus, Article, ArticleInfo, Chunk, DateWindow
from . import pg_sql as q
from .base import (BulkReport, ChunkRow, CopiedArticle, FeedbackRow, Store, StoredArticle, StoreSizes,
                   with_origin)
from .memory import Memory
from . import pg_approximate
from .pg_bulk import PostgresBulkLoader
from .pg_feeds import PostgresFeeds
from .pg_keyword import bounded_query
from .pg_memory import PostgresMemory
from .pg_migrations import DIMENSION, migrate

# Below this many chunks a collection's vectors are scanned exactly: cheap, and exact
# whatever other collections share the HNSW graph.
EXACT_BELOW = 20_000
# HNSW candidates per query (pgvector's hnsw.ef_search); raised for larger k.
EF_SEARCH = 100


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _configure(conn: psycopg.Connection) -> None:
    register_vector(conn)
    # A filtered HNSW scan (one collection of many) keeps scanning until it has k rows.
    conn.execute("SET hnsw.iterative_scan = relaxed_order")
    conn.execute("SET ivfflat.iterative_scan = relaxed_order")


class PostgresBackend:
    """Opens collections in one PostgreSQL database through one connection pool."""

    def __init__(self, url: str, *, pool_size: int | None = None, named: str = "DATABASE_URL") -> None:
        """Connect to `url` and bring its schema up to date; `named` says where the URL came
        from (a setting, an option) in the error when the server cannot be reached."""
        self.url = url
        self.description = "PostgreSQL " + url.split("@")[-1].split("?")[0]
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                migrate(conn)
        except psycopg.OperationalError as error:
            reason = " ".join(str(error).split())  # libpq's message spans lines
            raise KnowledgeBaseError(f"cannot reach PostgreSQL at {named}: {reason}") from error
        size = pool_size or int(os.environ.get("DATABASE_POOL_SIZE", "") or 8)
        self.pool = ConnectionPool(url, min_size=1, max_size=size, kwargs={"autocommit": True},
                                   configure=_configure, open=True, name="article-bot")

    def open(self, name: str, model: str, dimension: int, *, accept_other_model: bool = False) -> Store:
        """The named collection's store (its row is created on first use)."""
        return PostgresStore(self.pool, name, model, dimension, accept_other_model=accept_other_model)

    def names(self) -> list[str]:
        """Names of the collections in the database."""
        with self.pool.connection() as conn:
            return [r[0] for r in conn.execute("SELECT name FROM collections ORDER BY name")]

    def close(self) -> None:
        """Close the pool's connections."""
        self.pool.close()


class PostgresStore(PostgresFeeds):
    """One collection's rows in the shared database; every query names the collection."""

    def __init__(self, pool: ConnectionPool, name: str, model: str, dimension: int,
                 *, accept_other_model: bool = False) -> None:
        self.pool = pool
        self.name = name
        with pool.connection() as conn:
            conn.execute(q.CREATE_COLLECTION, (name, model, dimension))
            stored, stored_dim = conn.execute(q.GET_MODEL, (name,)).fetchone()  # type: ignore[misc]
        if accept_other_model:
            self.model, self.dimension = stored, stored_dim
        elif stored != model or stored_dim != dimension:
            raise ModelMismatchError(
                f"this collection was embedded with {stored} ({stored_dim} dims), not {model} "
                f"({dimension} dims): run the `rebuild --reembed` command to re-embed it")
        else:
            self.model, self.dimension = model, dimension
        _check_dimension(self.dimension)
        self.memory: Memory = PostgresMemory(pool, name)
        # Chunks the words of one question may match before the commonest are not ranked.
        self.ranking_budget = RANKING_BUDGET

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Connection]:
        with self.pool.connection() as conn, conn.transaction():
            yield conn

    def _rows(self, query: Any, params: Sequence[Any], *, binary: bool = False) -> list[tuple[Any, ...]]:
        with self.pool.connection() as conn:
            # Binary results for vectors: parsing 384 floats from text costs ~0.3 ms a row.
            return conn.execute(query, params, binary=binary).fetchall()

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """A session advisory lock on this collection, held on a connection of its own:
        writers in every process connected to the database take turns."""
        with self.pool.connection() as conn:
            conn.execute(q.LOCK_COLLECTION, (self.name,))
            try:
                yield
            finally:
                conn.execute(q.UNLOCK_COLLECTION, (self.name,))

    # -- writes ------------------------------------------------------------------
    def find_article(self, content_hash: str, source_key: str | None) -> tuple[int | None, int | None]:
        """(id with this content, id with this source key), either may be None."""
        by_hash = self._rows(q.FIND_BY_HASH, (self.name, content_hash))
        by_key = self._rows(q.FIND_BY_SOURCE_KEY, (self.name, source_key)) if source_key else []
        return (by_hash[0][0] if by_hash else None), (by_key[0][0] if by_key else None)

    def chunk_count(self, article_id: int) -> int:
        """How many chunks an article has."""
        return int(self._rows(q.COUNT_CHUNKS_OF_ARTICLE, (self.name, article_id))[0][0])

    def add_article(self, article: StoredArticle, chunks: Sequence[Chunk],
                    vectors: np.ndarray) -> tuple[AddStatus, int]:
        """Add, update by source key, or find the content unchanged. Callers hold
        `write_lock`, which makes this look-up and the write one step for every process."""
        same, by_key = self.find_article(article.content_hash, article.source_key)
        if same is not None:
            return "unchanged", same
        article_id = self.write_article(article, chunks, vectors, by_key)
        return ("updated" if by_key is not None else "added"), article_id

    def write_article(self, article: StoredArticle, chunks: Sequence[Chunk], vectors: np.ndarray,
                      replace_id: int | None = None) -> int:
        """Insert an article (or replace one in place) with its chunks, in one transaction."""
        fields = {**article.__dict__, "now": _now(), "collection": self.name}
        with self._tx() as conn:
            if replace_id is None:
                article_id = int(conn.execute(q.NEXT_ARTICLE_ID, (self.name,)).fetchone()[0])  # type: ignore[index]
                conn.execute(q.INSERT_ARTICLE, {**fields, "id": article_id, "added_at": fields["now"]})
            else:
                article_id = replace_id
                self._delete_chunks(conn, article_id)
                conn.execute(q.UPDATE_ARTICLE, {**fields, "id": article_id})
            self._insert_chunks(conn, article_id, article.title, chunks, vectors)
        return article_id

    def _insert_chunks(self, conn: psycopg.Connection, article_id: int, title: str, chunks: Sequence[Chunk],
                       vectors: np.ndarray) -> None:
        with conn.cursor().copy(q.COPY_CHUNKS) as copy:
            copy.set_types(["text", "bigint", "integer", "integer", "integer", "text", "text", "vector"])
            for chunk, vector in zip(chunks, vectors):
                copy.write_row((self.name, article_id, chunk.index, chunk.start, chunk.end, title, chunk.text,
                                np.asarray(vector, np.float32)))
        conn.execute(q.ADD_CHUNK_COUNT, (len(chunks), self.name))
        conn.execute(q.ADD_TERM_COUNTS, (1, self.name, [article_id]))

    def _delete_chunks(self, conn: psycopg.Connection, article_id: int) -> None:
        conn.execute(q.ADD_TERM_COUNTS, (-1, self.name, [article_id]))
        gone = conn.execute(q.DELETE_CHUNKS_OF_ARTICLE, (self.name, article_id)).rowcount
        conn.execute(q.ADD_CHUNK_COUNT, (-gone, self.name))

    def flush(self) -> None:
        """Every write is committed when it returns: nothing to do."""

    def delete_article(self, article_id: int) -> bool:
        """Remove an article with its chunks and vectors; False when there was none."""
        with self._tx() as conn:
            self._delete_chunks(conn, article_id)
            return conn.execute(q.DELETE_ARTICLE, (self.name, article_id)).rowcount > 0

    # -- reads -------------------------------------------------------------------
    def _keyword_query(self, template: str, text: str, limit: int,
                       window: DateWindow | None) -> list[tuple[Any, ...]]:
        with self.pool.connection() as conn:
            bounded = bounded_query(conn, self.name, text, self.ranking_budget, newest_first=window is None)
            if bounded is None:
                return []
            query = sql.SQL(template).format(tsquery=bounded.expression,
                                             window=sql.SQL(q.IN_WINDOW if window else ""),
                                             newest=sql.SQL(q.FROM_ID if bounded.from_id else ""))
            bounds = window.bounds if window else ()
            floor = (bounded.from_id,) if bounded.from_id else ()
            return conn.execute(query, (*bounded.words, self.name, *bounds, *floor, limit)).fetchall()

    def keyword(self, query: str, limit: int, window: DateWindow | None = None) -> list[tuple[int, float, str]]:
        """(chunk id, ts_rank, snippet with the matched words in **bold**), best first, within `window`."""
        return [(int(r[0]), float(r[1]), r[2]) for r in self._keyword_query(q.KEYWORD_SEARCH, query, limit, window)]

    def keyword_rank(self, query: str, limit: int, window: DateWindow | None = None) -> dict[int, float]:
        """The best `limit` chunks with their ts_rank, no snippets, within `window`."""
        return {int(r[0]): float(r[1]) for r in self._keyword_query(q.KEYWORD_RANK, query, limit, window)}

    def nearest(self, query: np.ndarray, k: int, window: DateWindow | None = None) -> list[tuple[int, float]]:
        """Nearest chunks by inner product (= cosine on normalised vectors), best first; within
        `window`, only chunks of articles dated in it (filtered in the scan)."""
        if k <= 0:
            return []
        vector = np.asarray(query, np.float32).ravel()
        restrict = q.IN_WINDOW if window else ""
        bounds = window.bounds if window else ()
        with self._tx() as conn:
            total = int(conn.execute(q.CHUNKS_IN_COLLECTION, (self.name,)).fetchone()[0])  # type: ignore[index]
            lists = pg_approximate.lists_of(conn, self.name) if total > EXACT_BELOW and k < 1000 else 0
            if lists:
                conn.execute(q.SET_PROBES.format(probes=pg_approximate.probes_for(lists)))
                conn.execute(q.SET_EF_SEARCH.format(ef=max(EF_SEARCH, 2 * k)))
                wanted = k + pg_approximate.EXTRA
                rows = conn.execute(pg_approximate.nearest_query(self.name, restrict),
                                    (vector, *bounds, vector, wanted, *bounds, vector, wanted, k)).fetchall()
            elif total <= EXACT_BELOW or k >= 1000:
                rows = conn.execute(q.NEAREST_EXACT.format(window=restrict),
                                    (vector, self.name, *bounds, k)).fetchall()
            else:
                conn.execute(q.SET_EF_SEARCH.format(ef=max(EF_SEARCH, 2 * k)))
                rows = conn.execute(q.NEAREST_HNSW.format(window=restrict),
                                    (vector, self.name, *bounds, k)).fetchall()
        pairs = [(int(r[0]), float(r[1])) for r in rows]
        pairs.sort(key=lambda p: (-p[1], p[0]))  # relaxed_order may return near-ties out of order
        return pairs

    def first_chunk_ids(self, article_id: int, limit: int) -> list[int]:
        """The ids of an article's first `limit` chunks, in text order."""
        return [int(r[0]) for r in self._rows(q.FIRST_CHUNK_IDS, (self.name, article_id, limit))]

    def chunk_rows(self, ids: Sequence[int]) -> dict[int, ChunkRow]:
        """The chunks with these ids in this collection (unknown ids are absent)."""
        if not ids:
            return {}
        rows = self._rows(q.CHUNK_ROWS, (self.name, [int(i) for i in ids]), binary=True)
        return {int(r[0]): ChunkRow(int(r[0]), int(r[1]), r[2], r[3], r[4], r[5], r[6],
                                    _array(r[7]), r[8], r[9]) for r in rows}

    def list_articles(self, limit: int = 1_000_000, offset: int = 0) -> list[ArticleInfo]:
        """Articles in the order they were added."""
        return [ArticleInfo(*r) for r in self._rows(q.LIST_ARTICLES, (self.name, limit, offset))]

    def dated_articles(self, window: DateWindow | None = None, limit: int = 1_000_000,
                       added_too: bool = False) -> list[ArticleInfo]:
        """Articles dated within `window` (publication date, else the day added), newest
        first; with `added_too`, also those added within it whatever their date."""
        bounds = (window or DateWindow()).bounds
        return [ArticleInfo(*r) for r in self._rows(q.DATED_ARTICLES, (self.name, *bounds, added_too, *bounds,
                                                                        limit))]

    def add_pruned(self, count: int) -> int:
        """Count `count` more articles removed by the retention limits; return the total."""
        with self._tx() as conn:
            return int(conn.execute(q.ADD_PRUNED, (count, self.name)).fetchone()[0])  # type: ignore[index]

    def pruned(self) -> int:
        """How many articles the retention limits have removed."""
        return int(self._rows(q.GET_PRUNED, (self.name,))[0][0])

    def get_article(self, article_id: int) -> Article | None:
        """One article with its full text, or None."""
        rows = self._rows(q.GET_ARTICLE, (self.name, article_id))
        return Article(info=ArticleInfo(*rows[0][:-1]), text=rows[0][-1]) if rows else None

    def counts(self) -> tuple[int, int]:
        """(articles, chunks)."""
        row = self._rows(q.COUNTS, (self.name, self.name))[0]
        return int(row[0]), int(row[1])

    def sizes(self) -> StoreSizes:
        """Chunks with vectors, and this collection's share of the shared tables and HNSW index."""
        row = self._rows(q.SIZES, (self.name,))[0]
        return StoreSizes(int(row[0]), int(row[1]), int(row[2]))

    # -- model -------------------------------------------------------------------
    def set_model(self, model: str, dimension: int) -> None:
        """Record which model embedded the collection (after a full re-embed)."""
        _check_dimension(dimension)
        with self._tx() as conn:
            conn.execute(q.SET_MODEL, (model, dimension, self.name))
        self.model, self.dimension = model, dimension

    def reset_vectors(self, dimension: int) -> None:
        """The vectors live in the chunk rows; only their size is checked."""
        _check_dimension(dimension)

    def rebuild_vectors(self) -> int:
        """The HNSW index follows the rows by itself; a large collection's inverted file is
        trained again on its vectors (dropped when it has shrunk). Return the vector count."""
        vectors = self.sizes().vectors
        with self.pool.connection() as conn:
            if vectors >= pg_approximate.APPROXIMATE_FROM:
                pg_approximate.build(conn, self.name, vectors)
            else:
                pg_approximate.drop(conn, self.name)
        return vectors

    # -- feedback ----------------------------------------------------------------
    def add_feedback(self, row: FeedbackRow) -> None:
        """Store one reader's verdict on an answer."""
        with self._tx() as conn:
            conn.execute(q.INSERT_FEEDBACK, (self.name, *row, _now()))

    def feedback(self) -> list[tuple[str, str, str, int, str | None, str]]:
        """Every feedback row, oldest first."""
        return [tuple(r) for r in self._rows(q.ALL_FEEDBACK, (self.name,))]

    def import_feedback(self, rows: Sequence[tuple[str, str, str, int, str | None, str]]) -> int:
        """Add feedback rows not already here; return how many were added."""
        with self._tx() as conn:
            conn.execute(q.LOCK_COLLECTION_TX, (self.name,))
            have = {tuple(r) for r in conn.execute(q.ALL_FEEDBACK, (self.name,))}
            new = [tuple(r) for r in rows if tuple(r) not in have]
            for row in new:
                conn.execute(q.INSERT_FEEDBACK, (self.name, *row))
        return len(new)

    # -- copying between engines -------------------------------------------------
    def export_articles(self) -> Iterator[CopiedArticle]:
        """Every article with its chunks and vectors, oldest first."""
        for (article_id,) in self._rows(q.ARTICLE_IDS, (self.name,)):
            rows = self._rows(q.EXPORT_ARTICLE, (self.name, article_id))
            if not rows:
                continue
            chunks = self._rows(q.EXPORT_CHUNKS, (self.name, article_id), binary=True)
            vectors = (np.vstack([_array(c[4]) for c in chunks]) if chunks
                       else np.zeros((0, self.dimension), dtype=np.float32))
            r = rows[0]
            yield CopiedArticle(article_id, with_origin(StoredArticle(*r[:9]), r[11], r[12]), r[9], r[10],
                                [Chunk(c[0], c[1], c[2], c[3]) for c in chunks], vectors)

    def import_article(self, copied: CopiedArticle) -> bool:
        """Copy an article in under its own id unless its content (or id) is already here."""
        a = copied.article
        with self._tx() as conn:
            conn.execute(q.LOCK_COLLECTION_TX, (self.name,))
            if conn.execute(q.ARTICLE_EXISTS, (self.name, a.content_hash, copied.article_id,
                                                   a.source_key)).fetchone():
                return False
            conn.execute(q.INSERT_ARTICLE, {**a.__dict__, "collection": self.name, "id": copied.article_id,
                                            "now": copied.updated_at, "added_at": copied.added_at})
            conn.execute(q.BUMP_NEXT_ARTICLE_ID, (copied.article_id, self.name))
            self._insert_chunks(conn, copied.article_id, a.title, copied.chunks, copied.vectors)
        return True

    def bulk_import(self, articles: Iterable[CopiedArticle], *, keep_ids: bool = False,
                    expected_chunks: int = 0) -> BulkReport:
        """Add the articles not here yet by COPY in large batches (index/store/pg_bulk.py)."""
        return PostgresBulkLoader(self.pool, self.name).load(articles, keep_ids=keep_ids,
                                                             expected_chunks=expected_chunks)

    def close(self) -> None:
        """The pool belongs to the backend; nothing to release here."""


def _array(value: Any) -> np.ndarray:
    """A stored vector as float32 (pgvector hands out its own `Vector` or a numpy array)."""
    return np.asarray(value.to_numpy() if hasattr(value, "to_numpy") else value, dtype=np.float32)


def _check_dimension(dimension: int) -> None:
    if dimension != DIMENSION:
        raise KnowledgeBaseError(f"the PostgreSQL engine stores {DIMENSION}-dimension vectors; "
                                 f"this model makes {dimension}")
