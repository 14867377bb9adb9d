"""One collection's SQLite database (the source of truth) and its FAISS file."""
from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from ..errors import ModelMismatchError
from ..records import Article, ArticleInfo, Chunk
from . import sql
from .migrations import migrate
from .vectors import VectorIndex

log = logging.getLogger(__name__)

DB_FILE = "library.sqlite3"
INDEX_FILE = "vectors.faiss"


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


def _row_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added."""
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ArticleStore:
    """Articles, chunks, vectors and the full-text index of one collection.

    Every method is safe to call from several threads: one lock serialises
    them, which SQLite would do for writes anyway.
    """

    def __init__(self, folder: Path, model: str, dimension: int, *, accept_other_model: bool = False) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._lock = threading.RLock()
        self._db = sqlite3.connect(folder / DB_FILE, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA synchronous = NORMAL")
        try:
            migrate(self._db)
            self.model, self.dimension = self._check_model(model, dimension, accept_other_model)
        except BaseException:
            self._db.close()
            raise
        self.vectors = VectorIndex(folder / INDEX_FILE, self.dimension)
        if not self._vectors_agree():
            log.warning("FAISS index in %s disagrees with SQLite; rebuilding it", folder)
            self.rebuild_vectors()

    def _check_model(self, model: str, dimension: int, accept_other: bool) -> tuple[str, int]:
        stored = self._meta("model")
        if stored is None:
            self.set_model(model, dimension)
            return model, dimension
        stored_dim = int(self._meta("dimension") or 0)
        if accept_other:
            return stored, stored_dim
        if stored != model or stored_dim != dimension:
            raise ModelMismatchError(
                f"this collection was embedded with {stored} ({stored_dim} dims), not {model} "
                f"({dimension} dims): run the `rebuild --reembed` command to re-embed it"
            )
        return model, dimension

    def set_model(self, model: str, dimension: int) -> None:
        """Record which model embedded the collection (after a full re-embed)."""
        with self.transaction() as db:
            db.execute(sql.SET_META, ("model", model))
            db.execute(sql.SET_META, ("dimension", str(dimension)))
        self.model, self.dimension = model, dimension
        if getattr(self, "vectors", None) is not None and self.vectors.dimension != dimension:
            self.vectors = VectorIndex(self.folder / INDEX_FILE, dimension)
            self.vectors.reset()

    def _meta(self, key: str) -> str | None:
        row = self._db.execute(sql.GET_META, (key,)).fetchone()
        return row[0] if row else None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and run the block as one SQLite transaction."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    # -- consistency -------------------------------------------------------
    def _vectors_agree(self) -> bool:
        ids = np.array([r[0] for r in self._db.execute(sql.ALL_CHUNK_IDS)], dtype=np.int64)
        return self.vectors.size == len(ids) and bool(np.array_equal(self.vectors.ids(), ids))

    def rebuild_vectors(self, reembedded: dict[int, np.ndarray] | None = None) -> int:
        """Rebuild the FAISS file from the vectors in SQLite; return how many it holds."""
        with self._lock:
            self.vectors.reset()
            rows = self._db.execute(sql.ALL_CHUNK_VECTORS).fetchall()
            if rows:
                ids = np.array([r[0] for r in rows], dtype=np.int64)
                matrix = np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
                self.vectors.add(ids, matrix)
            self.vectors.save()
            return self.vectors.size

    # -- writes --------------------------------------------------------------
    def find_article(self, content_hash: str, source_key: str | None) -> tuple[int | None, int | None]:
        """Return (id with this content, id with this source key), either may be None."""
        with self._lock:
            by_hash = self._db.execute(sql.FIND_BY_HASH, (content_hash,)).fetchone()
            by_key = self._db.execute(sql.FIND_BY_SOURCE_KEY, (source_key,)).fetchone() if source_key else None
        return (by_hash[0] if by_hash else None), (by_key[0] if by_key else None)

    def chunk_count(self, article_id: int) -> int:
        """How many chunks an article has."""
        with self._lock:
            return int(self._db.execute(sql.COUNT_CHUNKS_OF_ARTICLE, (article_id,)).fetchone()[0])

    def write_article(self, article: StoredArticle, chunks: Sequence[Chunk], vectors: np.ndarray,
                      replace_id: int | None = None) -> int:
        """Insert an article (or replace one in place) with its chunks; FAISS is saved by the caller."""
        fields = {**article.__dict__, "now": _now()}
        with self.transaction() as db:
            if replace_id is None:
                article_id = _row_id(db.execute(sql.INSERT_ARTICLE, fields))
            else:
                article_id = replace_id
                old = self._delete_chunks(db, article_id)
                db.execute(sql.UPDATE_ARTICLE, {**fields, "id": article_id})
                self.vectors.remove(old)
            ids = []
            for chunk, vector in zip(chunks, vectors):
                cur = db.execute(sql.INSERT_CHUNK, (article_id, chunk.index, chunk.start, chunk.end,
                                                    chunk.text, np.asarray(vector, np.float32).tobytes()))
                ids.append(_row_id(cur))
                db.execute(sql.INSERT_CHUNK_FTS, (cur.lastrowid, chunk.text, article.title))
            self.vectors.add(np.array(ids, dtype=np.int64), vectors)
        return article_id

    def _delete_chunks(self, db: sqlite3.Connection, article_id: int) -> list[int]:
        ids = [r[0] for r in db.execute(sql.CHUNK_IDS_OF_ARTICLE, (article_id,))]
        db.executemany(sql.DELETE_CHUNK_FTS, [(i,) for i in ids])
        db.execute(sql.DELETE_CHUNKS_OF_ARTICLE, (article_id,))
        return ids

    def delete_article(self, article_id: int) -> bool:
        """Remove an article, its chunks and vectors; False when there was none."""
        with self.transaction() as db:
            ids = self._delete_chunks(db, article_id)
            gone = db.execute(sql.DELETE_ARTICLE, (article_id,)).rowcount > 0
            self.vectors.remove(ids)
        if gone:
            self.vectors.save()
        return gone

    # -- reads ---------------------------------------------------------------
    def keyword(self, match: str, limit: int) -> list[tuple[int, float, str]]:
        """(chunk id, bm25 score higher-is-better, snippet) for an FTS5 MATCH expression."""
        with self._lock:
            return [(int(r[0]), float(r[1]), r[2]) for r in self._db.execute(sql.KEYWORD_SEARCH, (match, limit))]

    def keyword_rank(self, match: str, limit: int) -> dict[int, float]:
        """The best `limit` chunks for the expression with their bm25, no snippets."""
        with self._lock:
            return {int(r[0]): float(r[1]) for r in self._db.execute(sql.KEYWORD_RANK, (match, limit))}

    def first_chunk_ids(self, article_id: int, limit: int) -> list[int]:
        """The ids of an article's first `limit` chunks, in text order."""
        with self._lock:
            return [int(r[0]) for r in self._db.execute(sql.FIRST_CHUNK_IDS, (article_id, limit))]

    def chunk_rows(self, ids: Sequence[int]) -> dict[int, ChunkRow]:
        """The chunks with these ids (unknown ids are absent)."""
        if not ids:
            return {}
        query = sql.CHUNK_ROWS.format(ids=",".join(str(int(i)) for i in ids))
        with self._lock:
            rows = self._db.execute(query).fetchall()
        return {r[0]: ChunkRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], np.frombuffer(r[7], dtype=np.float32),
                                 r[8], r[9])
                for r in rows}

    def nearest(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """FAISS nearest chunks as (chunk id, cosine)."""
        with self._lock:
            return self.vectors.search(query, k)

    def list_articles(self, limit: int = 1_000_000, offset: int = 0) -> list[ArticleInfo]:
        """Articles in the order they were added."""
        with self._lock:
            return [ArticleInfo(*r) for r in self._db.execute(sql.LIST_ARTICLES, (limit, offset))]

    def get_article(self, article_id: int) -> Article | None:
        """One article with its full text, or None."""
        with self._lock:
            row = self._db.execute(sql.GET_ARTICLE, (article_id,)).fetchone()
        return Article(info=ArticleInfo(*row[:-1]), text=row[-1]) if row else None

    def counts(self) -> tuple[int, int]:
        """(articles, chunks)."""
        with self._lock:
            return (int(self._db.execute(sql.COUNT_ARTICLES).fetchone()[0]),
                    int(self._db.execute(sql.COUNT_CHUNKS).fetchone()[0]))

    def db_bytes(self) -> int:
        """Size of the database files on disk."""
        return sum(p.stat().st_size for p in self.folder.glob(DB_FILE + "*"))

    def add_feedback(self, row: tuple[str, str, str, int, str | None]) -> None:
        """Store one reader's verdict on an answer."""
        with self.transaction() as db:
            db.execute(sql.INSERT_FEEDBACK, (*row, _now()))

    def feedback(self) -> list[tuple[str, str, str, int, str | None, str]]:
        """Every feedback row, oldest first."""
        with self._lock:
            return list(self._db.execute(sql.ALL_FEEDBACK))
