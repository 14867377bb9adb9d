"""The embedded engine: one collection's SQLite database (the source of truth) and its FAISS file."""
from __future__ import annotations

import fcntl
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any
from pathlib import Path

import numpy as np

from ..errors import ModelMismatchError
from ..search.term_budget import RANKING_BUDGET
from ..records import AddStatus, Article, ArticleInfo, Chunk, DateWindow
from . import sql
from .base import ChunkRow, with_origin, CopiedArticle, FeedbackRow, StoredArticle, StoreSizes
from .fts5 import bounded_match
from .memory import Memory
from .migrations import migrate
from .sqlite_feeds import SQLiteFeeds
from .sqlite_memory import SQLiteMemory
from .vectors import APPROXIMATE_ABOVE, VectorIndex

log = logging.getLogger(__name__)

DB_FILE = "library.sqlite3"
INDEX_FILE = "vectors.faiss"
# Held (flock) while the FAISS file is brought up to date and written, by any process.
SAVE_LOCK_FILE = "vectors.lock"
# How long a writer waits for another process's write transaction before giving up.
BUSY_TIMEOUT_S = 60.0
# Vectors fetched from SQLite per query when catching up with other processes.
_SYNC_BATCH = 500


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch to WAL. Done once per database, but openers of a new one may race for it,
    and SQLite answers "locked" at once rather than waiting: retry for a while."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _row_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added."""
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ArticleStore(SQLiteFeeds):
    """Articles, chunks, vectors and the full-text index of one collection.

    Every method is safe to call from several threads: one lock serialises
    them, which SQLite would do for writes anyway. Several processes may share the
    collection: every write transaction bumps a change counter, and the in-memory FAISS
    index catches up with SQLite (the source of truth) before it is searched or saved.
    """

    # Chunks one question's words may match before the commonest are left out of ranking.
    ranking_budget = RANKING_BUDGET

    def __init__(self, folder: Path, model: str, dimension: int, *, accept_other_model: bool = False,
                 approximate_above: int = APPROXIMATE_ABOVE) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.approximate_above = approximate_above
        self._lock = threading.RLock()
        self._writers = threading.Lock()
        self._synced_at = -1  # set once the vectors are loaded
        self._db = sqlite3.connect(folder / DB_FILE, check_same_thread=False, isolation_level=None,
                                   timeout=BUSY_TIMEOUT_S)
        _use_wal(self._db)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA synchronous = NORMAL")
        try:
            migrate(self._db)
            self.model, self.dimension = self._check_model(model, dimension, accept_other_model)
        except BaseException:
            self._db.close()
            raise
        self.memory: Memory = SQLiteMemory(self.transaction)
        # The change count the in-memory vectors reflect; read before them, so never ahead.
        self._synced_at = self.changes()
        had_file = (folder / INDEX_FILE).exists()
        self.vectors = self._vector_index(self.dimension)
        if self.vectors.loaded_at == self._synced_at:
            pass  # the file was saved at this very change: no need to compare a million ids
        elif self._vectors_agree():
            if had_file:
                self.vectors.record_state(self._synced_at)  # so the next opening is quick
        else:
            if had_file:
                log.warning("FAISS index in %s disagrees with SQLite; rebuilding it", folder)
            else:  # a restored backup, or a deleted file: SQLite holds every vector
                log.info("building the FAISS index in %s from SQLite", folder)
            self.rebuild_vectors()

    def _vector_index(self, dimension: int) -> VectorIndex:
        return VectorIndex(self.folder / INDEX_FILE, dimension, self.approximate_above)

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
            self.vectors = self._vector_index(dimension)
            self.vectors.reset()

    def _meta(self, key: str) -> str | None:
        row = self._db.execute(sql.GET_META, (key,)).fetchone()
        return row[0] if row else None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and run the block as one SQLite write transaction, which bumps
        the change counter (so that other processes know to catch up)."""
        with self._lock:
            if self._db.in_transaction:  # nested in one of ours: part of the outer transaction
                yield self._db
                return
            self._db.execute("BEGIN IMMEDIATE")
            try:
                before = self.changes()
                yield self._db
                self._db.execute(sql.BUMP_CHANGES)
            except BaseException:
                self._db.execute("ROLLBACK")
                # The block may have changed the in-memory vectors: re-check them before use.
                self._synced_at = -1
                raise
            self._db.execute("COMMIT")
            if before == self._synced_at:
                # Nobody else wrote since we caught up, and the block applied its own change.
                self._synced_at = before + 1

    def changes(self) -> int:
        """The change counter: how many write transactions the collection has seen."""
        row = self._db.execute(sql.GET_CHANGES).fetchone()
        return int(row[0]) if row else 0

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Writers of this collection in this process take turns. Readers never wait for
        it (an import holds it while it embeds), and other processes need no lock here:
        `add_article` decides inside its write transaction."""
        with self._writers:
            yield

    def flush(self) -> None:
        """Write the FAISS file (after a batch of writes), caught up with SQLite."""
        self.save_vectors()

    def reset_vectors(self, dimension: int) -> None:
        """An empty FAISS index for vectors of `dimension` (filled by `rebuild_vectors`)."""
        with self._lock:
            self.vectors = self._vector_index(dimension)
            self.vectors.reset()

    def sizes(self) -> StoreSizes:
        """Vectors in FAISS, bytes of the SQLite files and of the FAISS file."""
        self.refresh_vectors()
        return StoreSizes(self.vectors.size, self.db_bytes(), self.vectors.file_bytes())

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    # -- consistency -------------------------------------------------------
    def refresh_vectors(self) -> bool:
        """Bring the in-memory FAISS index up to date with SQLite when another process
        (or a failed transaction) changed it since; True when something was applied."""
        with self._lock:
            now = self.changes()
            if now == self._synced_at:
                return False
            applied = self._sync_vectors()
            self._synced_at = now
            return applied

    def _sync_vectors(self) -> bool:
        """Add the chunks SQLite has and FAISS lacks, drop the ones SQLite no longer has."""
        in_db = self._chunk_ids()
        held = self.vectors.ids()
        gone = np.setdiff1d(held, in_db, assume_unique=True)
        new = np.setdiff1d(in_db, held, assume_unique=True)
        self.vectors.remove([int(i) for i in gone])
        for at in range(0, len(new), _SYNC_BATCH):
            ids = ",".join(str(int(i)) for i in new[at:at + _SYNC_BATCH])
            rows = self._db.execute(sql.CHUNK_VECTORS.format(ids=ids)).fetchall()
            if rows:
                self.vectors.add(np.array([r[0] for r in rows], dtype=np.int64),
                                 np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows]))
        if len(gone) or len(new):
            log.info("caught up with other writers: %d vectors added, %d removed", len(new), len(gone))
        return bool(len(gone) or len(new))

    def save_vectors(self) -> None:
        """Write the FAISS file, first catching up with SQLite, under a lock shared with
        other processes: the file is never overwritten by a copy older than the last commit."""
        with self._lock, open(self.folder / SAVE_LOCK_FILE, "a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                self.refresh_vectors()
                self.vectors.save(self._synced_at)
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _vectors_agree(self) -> bool:
        ids = self._chunk_ids()
        return self.vectors.size == len(ids) and bool(np.array_equal(self.vectors.ids(), ids))

    def _chunk_ids(self) -> np.ndarray:
        """Every chunk id in SQLite, sorted."""
        return np.sort(np.fromiter((r[0] for r in self._db.execute(sql.ALL_CHUNK_IDS)), dtype=np.int64))

    def rebuild_vectors(self) -> int:
        """Rebuild the FAISS file from the vectors in SQLite; return how many it holds."""
        with self._lock:
            self.vectors.reset()
            self._synced_at = -1
            self.save_vectors()  # catching up from empty adds every vector SQLite holds
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

    def add_article(self, article: StoredArticle, chunks: Sequence[Chunk],
                    vectors: np.ndarray) -> tuple[AddStatus, int]:
        """Add an article unless its content is already stored (`unchanged`), replacing the
        one with its source key in place (`updated`); else `added`. Decided inside the write
        transaction, so a thread or process that lost a race to add the same article finds
        the winner's. FAISS is saved by the caller."""
        with self.transaction() as db:
            same = db.execute(sql.FIND_BY_HASH, (article.content_hash,)).fetchone()
            if same is not None:
                return "unchanged", int(same[0])
            by_key = (db.execute(sql.FIND_BY_SOURCE_KEY, (article.source_key,)).fetchone()
                      if article.source_key else None)
            replace_id = int(by_key[0]) if by_key else None
            article_id = self.write_article(article, chunks, vectors, replace_id)
        return ("updated" if replace_id is not None else "added"), article_id

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
            self._insert_chunks(db, article_id, article.title, chunks, vectors)
        return article_id

    def _insert_chunks(self, db: sqlite3.Connection, article_id: int, title: str, chunks: Sequence[Chunk],
                       vectors: np.ndarray) -> None:
        ids = []
        for chunk, vector in zip(chunks, vectors):
            cur = db.execute(sql.INSERT_CHUNK, (article_id, chunk.index, chunk.start, chunk.end,
                                                chunk.text, np.asarray(vector, np.float32).tobytes()))
            ids.append(_row_id(cur))
            db.execute(sql.INSERT_CHUNK_FTS, (cur.lastrowid, chunk.text, title))
        self.vectors.add(np.array(ids, dtype=np.int64), vectors)

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
            self.save_vectors()
        return gone

    # -- reads ---------------------------------------------------------------
    def keyword(self, query: str, limit: int, window: DateWindow | None = None) -> list[tuple[int, float, str]]:
        """(chunk id, bm25 score higher-is-better, snippet) for what a user typed, within `window`."""
        rows = self._keyword_rows(sql.KEYWORD_SEARCH, sql.KEYWORD_SEARCH_IN, query, limit, window)
        return [(int(r[0]), float(r[1]), r[2]) for r in rows]

    def keyword_rank(self, query: str, limit: int, window: DateWindow | None = None) -> dict[int, float]:
        """The best `limit` chunks for what a user typed with their bm25, no snippets, within `window`."""
        rows = self._keyword_rows(sql.KEYWORD_RANK, sql.KEYWORD_RANK_IN, query, limit, window)
        return {int(r[0]): float(r[1]) for r in rows}

    def _keyword_rows(self, plain: str, within: str, query: str, limit: int,
                      window: DateWindow | None) -> list[Any]:
        with self._lock:
            match = bounded_match(self._db, query, self.ranking_budget, newest_first=window is None)
            if match is None:
                return []
            bound = (match.expression, match.from_rowid)
            template, params = (within, (*bound, *window.bounds, limit)) if window else (plain, (*bound, limit))
            return self._db.execute(template, params).fetchall()

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

    def nearest(self, query: np.ndarray, k: int, window: DateWindow | None = None) -> list[tuple[int, float]]:
        """The nearest chunks as (chunk id, cosine); within `window`, FAISS searches only the
        chunks of articles dated in it. On an approximate index FAISS's candidates are
        re-scored exactly against the vectors SQLite keeps."""
        with self._lock:
            self.refresh_vectors()
            only = None
            if window:
                only = np.array([r[0] for r in self._db.execute(sql.CHUNK_IDS_IN, window.bounds)], dtype=np.int64)
                if not len(only):
                    return []
            found = self.vectors.search(query, k, only)
            if not self.vectors.approximate or not found:
                return found
            ids = ",".join(str(i) for i, _ in found)
            rows = self._db.execute(sql.CHUNK_VECTORS.format(ids=ids)).fetchall()
        matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
        scores = matrix @ np.asarray(query, dtype=np.float32).ravel()
        best = np.argsort(-scores)[:k]
        return [(int(rows[i][0]), float(scores[i])) for i in best]

    def list_articles(self, limit: int = 1_000_000, offset: int = 0) -> list[ArticleInfo]:
        """Articles in the order they were added."""
        with self._lock:
            return [ArticleInfo(*r) for r in self._db.execute(sql.LIST_ARTICLES, (limit, offset))]

    def dated_articles(self, window: DateWindow | None = None, limit: int = 1_000_000,
                       added_too: bool = False) -> list[ArticleInfo]:
        """Articles dated within `window` (publication date, else the day added), newest
        first; with `added_too`, also those added within it whatever their date."""
        bounds = (window or DateWindow()).bounds
        with self._lock:
            return [ArticleInfo(*r) for r in self._db.execute(sql.DATED_ARTICLES,
                                                               (*bounds, added_too, *bounds, limit))]

    def add_pruned(self, count: int) -> int:
        """Count `count` more articles removed by the retention limits; return the total."""
        with self.transaction() as db:
            total = int(self._meta("pruned") or 0) + count
            db.execute(sql.SET_META, ("pruned", str(total)))
        return total

    def pruned(self) -> int:
        """How many articles the retention limits have removed."""
        with self._lock:
            return int(self._meta("pruned") or 0)

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

    def add_feedback(self, row: FeedbackRow) -> None:
        """Store one reader's verdict on an answer."""
        with self.transaction() as db:
            db.execute(sql.INSERT_FEEDBACK, (*row, _now()))

    def feedback(self) -> list[tuple[str, str, str, int, str | None, str]]:
        """Every feedback row, oldest first."""
        with self._lock:
            return list(self._db.execute(sql.ALL_FEEDBACK))

    def import_feedback(self, rows: Sequence[tuple[str, str, str, int, str | None, str]]) -> int:
        """Add feedback rows (with their times) not already here; return how many were added."""
        with self.transaction() as db:
            have = set(db.execute(sql.ALL_FEEDBACK))
            new = [tuple(r) for r in rows if tuple(r) not in have]
            db.executemany(sql.INSERT_FEEDBACK, new)
        return len(new)

    # -- copying between engines -------------------------------------------------
    def export_articles(self) -> Iterator[CopiedArticle]:
        """Every article with its chunks and stored vectors, oldest first."""
        with self._lock:
            ids = [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY id")]
        for article_id in ids:
            with self._lock:
                row = self._db.execute(sql.EXPORT_ARTICLE, (article_id,)).fetchone()
                chunks = self._db.execute(sql.EXPORT_CHUNKS, (article_id,)).fetchall()
            if row is None:
                continue
            vectors = (np.vstack([np.frombuffer(c[4], dtype=np.float32) for c in chunks]) if chunks
                       else np.zeros((0, self.dimension), dtype=np.float32))
            yield CopiedArticle(article_id, with_origin(StoredArticle(*row[:9]), row[11], row[12]),
                                row[9], row[10],
                                [Chunk(c[0], c[1], c[2], c[3]) for c in chunks], vectors)

    def import_article(self, copied: CopiedArticle) -> bool:
        """Copy an article in under its own id unless its content (or id) is already here."""
        a = copied.article
        with self.transaction() as db:
            if db.execute(sql.FIND_BY_HASH, (a.content_hash,)).fetchone() or \
                    db.execute("SELECT 1 FROM articles WHERE id = ?", (copied.article_id,)).fetchone():
                return False
            db.execute(sql.IMPORT_ARTICLE, {**a.__dict__, "id": copied.article_id,
                                            "added_at": copied.added_at, "updated_at": copied.updated_at})
            self._insert_chunks(db, copied.article_id, a.title, copied.chunks, copied.vectors)
        return True
