"""Keyword, vector and hybrid search over one collection's store."""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ..records import DateWindow, SearchMode, SearchResult
from ..store.base import ChunkRow, Store
from .fusion import DEFAULT_VECTOR_WEIGHT, fuse
from .query import has_phrase, parse_query

# Each side proposes this many candidates (at least) before fusion.
CANDIDATES = 40
KEYWORD_DEPTH = 5


# More chunks than any article has: ids are cheap to list.
_WHOLE_ARTICLE = 1_000_000


class Searcher:
    """Runs the three search modes against one store."""

    def __init__(self, store: Store, embed_query: Callable[[str], np.ndarray],
                 vector_weight: float = DEFAULT_VECTOR_WEIGHT) -> None:
        self.store = store
        self.embed_query = embed_query
        self.vector_weight = vector_weight
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="keyword")
        # Started now (off the event loop): a pool starts its thread inside the first
        # submit, holding a lock all pools share until the thread runs.
        self._worker.submit(lambda: None).result()

    def search(self, query: str, mode: SearchMode = "hybrid", k: int = 5,
               window: DateWindow | None = None) -> list[SearchResult]:
        """Return up to k chunks for the query, best first; nothing searchable gives [].
        A window keeps articles dated in it, in the store's own queries."""
        if k <= 0 or not query.strip():
            return []
        # Lone surrogates (e.g. undecodable bytes in argv) break the tokenizer and SQLite alike.
        query = query.encode("utf-8", "replace").decode("utf-8")
        window = window or None
        if mode == "keyword":
            return self.keyword(query, k, window)
        if mode == "vector":
            return self.vector(query, k, window)
        return self.hybrid(query, k, window)

    def keyword(self, query: str, k: int, window: DateWindow | None = None) -> list[SearchResult]:
        """The engine's full-text ranking with highlighted snippets."""
        hits = self.store.keyword(query, k, window)
        rows = self.store.chunk_rows([h[0] for h in hits])
        return [_result(rows[cid], score, snippet=snippet, bm25=score)
                for cid, score, snippet in hits if cid in rows]

    def vector(self, query: str, k: int, window: DateWindow | None = None) -> list[SearchResult]:
        """Nearest neighbours by cosine similarity."""
        hits = self.store.nearest(self.embed_query(query), k, window)
        rows = self.store.chunk_rows([h[0] for h in hits])
        return [_result(rows[cid], score, similarity=score) for cid, score in hits if cid in rows]

    def hybrid(self, query: str, k: int, window: DateWindow | None = None) -> list[SearchResult]:
        """Both searches propose candidates; `fuse` ranks their union on exact scores.

        The keyword side runs on a worker thread while the query is encoded, so
        full-text search costs almost nothing on top of the encode.
        """
        pool = max(CANDIDATES, 4 * k)
        searchable = not parse_query(query).empty
        # The keyword side ranks a deeper list so that most vector candidates find
        # their bm25 in it; the rest matched weakly or not at all and count as 0.
        keyword_job = (self._worker.submit(self.store.keyword_rank, query, KEYWORD_DEPTH * pool, window)
                       if searchable else None)
        query_vector = np.asarray(self.embed_query(query), np.float32).ravel()
        bm25 = keyword_job.result() if keyword_job else {}
        if has_phrase(query):
            # A quoted phrase is a requirement: only chunks holding it qualify.
            candidates = set(list(bm25)[:pool])
        else:
            candidates = {cid for cid, _ in self.store.nearest(query_vector, pool, window)}
            candidates.update(list(bm25)[:pool])
        rows = self.store.chunk_rows(sorted(candidates))
        if not rows:
            return []
        ids = list(rows)
        # Exact cosine for every candidate, including keyword-only ones.
        cosines = np.vstack([rows[i].vector for i in ids]) @ query_vector
        similarity = {cid: float(c) for cid, c in zip(ids, cosines)}
        ranked = fuse(similarity, bm25, self.vector_weight)[:k]
        return [_result(rows[cid], score, similarity=similarity[cid], bm25=bm25.get(cid)) for cid, score in ranked]


    def opening(self, article_id: int, chunks: int = 1) -> list[SearchResult]:
        """An article's first chunks, as passages an answer may cite (score 1)."""
        rows = self.store.chunk_rows(self.store.first_chunk_ids(article_id, chunks))
        return [_result(rows[i], 1.0) for i in sorted(rows, key=lambda i: rows[i].start)]

    def following(self, passage: SearchResult, chunks: int = 1) -> list[SearchResult]:
        """The chunks right after a passage in its article, as passages scored like it
        (a story goes on past the passage retrieval found)."""
        ids = self.store.first_chunk_ids(passage.article_id, _WHOLE_ARTICLE)
        if passage.chunk_id not in ids:
            return []
        at = ids.index(passage.chunk_id)
        rows = self.store.chunk_rows(ids[at + 1:at + 1 + chunks])
        return [_result(rows[i], passage.score) for i in sorted(rows, key=lambda i: rows[i].start)]

    def close(self) -> None:
        """Stop the keyword worker thread."""
        self._worker.shutdown(wait=True)


def _result(row: ChunkRow, score: float, *, snippet: str | None = None,
            similarity: float | None = None, bm25: float | None = None) -> SearchResult:
    return SearchResult(article_id=row.article_id, title=row.title, chunk_id=row.chunk_id, text=row.text,
                        start=row.start, end=row.end, score=score, url=row.url, snippet=snippet,
                        similarity=similarity, bm25=bm25, date=row.date, site=row.site)
