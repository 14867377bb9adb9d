"""One synthetic library, built in one process and measured in another (so that the
measuring process's peak memory is that of a process that has the library open).

    python -m benchmarks.scale_library build ENGINE SIZE FOLDER [URL]   -> JSON on stdout
    python -m benchmarks.scale_library measure ENGINE SIZE FOLDER [URL] -> JSON on stdout

Vectors are synthetic unit vectors around clustered centres (topics); chunk texts and
questions follow real term statistics with words of their topic (benchmarks/scale_text.py).
The build writes the queries and their exact top 10 next to the library (`truth.npz`).
"""
from __future__ import annotations

import json
import os
import re
import resource
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from index.records import Chunk
from index.search.searcher import Searcher
from index.store.backends import open_backend
from index.store.base import Backend, BulkImport, CopiedArticle, Store, StoredArticle

from .scale_text import TextModel

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
CHUNKS_PER_ARTICLE = 10
DIMENSION = 384
QUERIES = 200
BLOCK = 100_000


def sentences() -> list[str]:
    """Every sentence of the fixture articles (our own text)."""
    text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in FIXTURES.rglob("*")
                    if p.suffix in (".txt", ".md"))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", re.sub(r"<[^>]+>|\s+", " ", text)) if len(s) > 30]


def synthetic(size: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """The library's vectors in write order, and the topic (centre) of each."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 1, (topic_count(size), DIMENSION)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    topics = rng.integers(0, len(centres), size)
    noise = rng.normal(0, 0.6 / np.sqrt(DIMENSION), (size, DIMENSION)).astype(np.float32)
    out = centres[topics] + noise
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32), topics


def topic_count(size: int) -> int:
    """About 200 chunks per topic."""
    return max(size // 200, 16)


def text_model(size: int) -> TextModel:
    """The text model of a library of `size` chunks."""
    return TextModel(" ".join(sentences()), topic_count(size))


def synthetic_articles(all_vectors: np.ndarray, topics: np.ndarray, seed: int) -> Iterator[CopiedArticle]:
    """The library's articles, ten chunks each, with text of each chunk's topic."""
    model = text_model(len(all_vectors))
    rng = np.random.default_rng(seed)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for a in range(len(all_vectors) // CHUNKS_PER_ARTICLE):
        block = slice(a * CHUNKS_PER_ARTICLE, (a + 1) * CHUNKS_PER_ARTICLE)
        texts = [model.chunk(int(t), rng) for t in topics[block]]
        chunks, at = [], 0
        for i, t in enumerate(texts):
            chunks.append(Chunk(i, at, at + len(t), t))
            at += len(t) + 1
        article = StoredArticle(f"Article {a}", "pasted", None, None, None, None, " ".join(texts), f"hash-{seed}-{a}")
        yield CopiedArticle(a + 1, article, now, now, chunks, all_vectors[block])


def write_library(store: Store, all_vectors: np.ndarray, topics: np.ndarray, seed: int = 7) -> float:
    """Write the chunks (ten per article), in bulk where the engine offers it; return chunks per second."""
    started = time.perf_counter()
    articles = synthetic_articles(all_vectors, topics, seed)
    if isinstance(store, BulkImport):
        store.bulk_import(articles, expected_chunks=len(all_vectors))
    else:
        for copied in articles:
            store.write_article(copied.article, copied.chunks, copied.vectors)
    store.flush()
    return len(all_vectors) / (time.perf_counter() - started)


def exact_top(all_vectors: np.ndarray, queries: np.ndarray, k: int = 10) -> np.ndarray:
    """Chunk ids (1, 2, ... in write order) of each query's exact top k, scanned in blocks."""
    best_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_ids = np.zeros((len(queries), k), dtype=np.int64)
    for start in range(0, len(all_vectors), BLOCK):
        scores = queries @ all_vectors[start:start + BLOCK].T
        ids = np.broadcast_to(np.arange(start + 1, start + 1 + scores.shape[1]), scores.shape)
        merged_scores = np.hstack([best_scores, scores])
        merged_ids = np.hstack([best_ids, ids])
        top = np.argpartition(-merged_scores, k, axis=1)[:, :k]
        best_scores = np.take_along_axis(merged_scores, top, 1)
        best_ids = np.take_along_axis(merged_ids, top, 1)
    return best_ids


def make_truth(all_vectors: np.ndarray, topics: np.ndarray, folder: Path) -> None:
    """Questions about random chunks (a vector near the chunk's, words of its topic) and
    the exact top 10 of each vector."""
    rng = np.random.default_rng(11)
    model = text_model(len(all_vectors))
    picks = rng.integers(0, len(all_vectors), QUERIES)
    noisy = all_vectors[picks] + rng.normal(0, 0.3 / np.sqrt(DIMENSION), (QUERIES, DIMENSION)).astype(np.float32)
    queries = (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)
    texts = [model.question(int(topics[i]), rng) for i in picks]
    np.savez(folder / "truth.npz", queries=queries, exact=exact_top(all_vectors, queries), texts=np.array(texts))


def peak_rss_mb() -> float:
    """This process's peak resident memory."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def disk_mb(engine: str, folder: Path, backend: Backend) -> float:
    """MB the library takes: the folder's files, or the database's size."""
    if engine == "sqlite":
        total = sum(p.stat().st_size for p in (folder / "collections").rglob("*") if p.is_file())
    else:
        with backend.pool.connection() as conn:  # type: ignore[attr-defined]
            total = int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])
    return round(total / 2**20, 1)


def build(engine: str, size: int, folder: Path, url: str | None) -> dict[str, object]:
    """Build the library and its ground truth."""
    all_vectors, topics = synthetic(size)
    make_truth(all_vectors, topics, folder)
    backend = open_backend(folder, url if engine == "postgresql" else None)
    try:
        store = backend.open(f"scale{size}", "synthetic", DIMENSION)
        rate = write_library(store, all_vectors, topics)
        if engine == "postgresql":
            with backend.pool.connection() as conn:  # type: ignore[attr-defined]
                conn.execute("VACUUM ANALYZE chunks")
        return {"build_chunks_per_s": round(rate, 1), "disk_mb": disk_mb(engine, folder, backend),
                "build_peak_rss_mb": peak_rss_mb()}
    finally:
        backend.close()


def percentiles(times: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    return round(1000 * float(np.percentile(times, 50)), 2), round(1000 * float(np.percentile(times, 95)), 2)


def measure(engine: str, size: int, folder: Path, url: str | None) -> dict[str, object]:
    """Open the library and time hybrid, vector and keyword search; recall@10 against exact."""
    truth = np.load(folder / "truth.npz")
    asked = {f"{text} #{n}": vector for n, (text, vector) in enumerate(zip(truth["texts"], truth["queries"]))}
    started = time.perf_counter()
    backend = open_backend(folder, url if engine == "postgresql" else None)
    try:
        store = backend.open(f"scale{size}", "synthetic", DIMENSION)
        opened = time.perf_counter() - started
        searcher = Searcher(store, lambda q: asked[q])
        searcher.search(next(iter(asked)), "hybrid", 10)  # warm: first-query costs are not steady state
        hybrid, vector, keyword, hits = [], [], [], 0
        for (question, query), exact in zip(asked.items(), truth["exact"]):
            t = time.perf_counter()
            searcher.search(question, "hybrid", 10)
            hybrid.append(time.perf_counter() - t)
            t = time.perf_counter()
            found = store.nearest(query, 10)
            vector.append(time.perf_counter() - t)
            t = time.perf_counter()
            store.keyword_rank(question, 200)  # as deep as hybrid ranks it
            keyword.append(time.perf_counter() - t)
            hits += len(set(exact.tolist()) & {cid for cid, _ in found})
        searcher.close()
        (h50, h95), (v50, v95), (k50, k95) = percentiles(hybrid), percentiles(vector), percentiles(keyword)
        return {"open_s": round(opened, 2), "hybrid_p50_ms": h50, "hybrid_p95_ms": h95, "vector_p50_ms": v50,
                "vector_p95_ms": v95, "keyword_p50_ms": k50, "keyword_p95_ms": k95,
                "recall_at_10": round(hits / (10 * len(asked)), 4), "open_peak_rss_mb": peak_rss_mb(),
                "load_avg_1m": round(os.getloadavg()[0], 1)}
    finally:
        backend.close()


def main(argv: list[str]) -> None:
    """Run one phase and print its figures as JSON."""
    phase, engine, size, folder = argv[0], argv[1], int(argv[2]), Path(argv[3])
    url = argv[4] if len(argv) > 4 else None
    figures = (build if phase == "build" else measure)(engine, size, folder, url)
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
