"""Vector recall on real-model vectors: SQuAD dev sentences embedded by the bundled
model, SQuAD questions as queries, each engine's approximate search forced on (the
synthetic libraries of benchmarks/scale.py are too large to embed here)."""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import numpy as np

from benchmarks.scale_library import QUERIES, write_library
from benchmarks.squad import DEFAULT_PATH
from index.embedding.runtimes import load_embedder
from index.store.backends import SQLiteBackend, open_backend

# As many lists as over a million chunks, so that the sample's inverted file probes the
# same small share of them (8 of 1,000), not all of them.
REAL_LISTS = 1000


def squad_texts(n: int) -> tuple[list[str], list[str]]:
    """The first `n` distinct sentences of SQuAD dev's paragraphs and its first questions."""
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    seen: dict[str, None] = {}
    asked: list[str] = []
    for item in data["data"]:
        for paragraph in item["paragraphs"]:
            for sentence in re.split(r"(?<=[.!?])\s+", paragraph["context"]):
                if len(sentence) > 30 and len(seen) < n:
                    seen.setdefault(sentence.strip())
            asked += [q["question"] for q in paragraph["qas"][:1]]
    return list(seen), asked[:QUERIES]


def recall(found: list[list[int]], exact: np.ndarray) -> float:
    """Share of the exact top 10 found."""
    return round(sum(len(set(f) & set(e.tolist())) for f, e in zip(found, exact)) / exact.size, 4)


def real_recall(n: int, engines: list[str], url: str | None) -> list[dict[str, object]]:
    """Recall@10 of each engine's approximate vector search on `n` real-model vectors."""
    if not DEFAULT_PATH.exists():
        return [{"real_model": f"skipped: no SQuAD dev set at {DEFAULT_PATH}"}]
    texts, questions = squad_texts(n)
    embedder = load_embedder()
    vectors = embedder.embed(texts).astype(np.float32)
    vectors = vectors[: len(vectors) // 10 * 10]
    queries = embedder.embed(questions).astype(np.float32)
    ids = np.arange(1, len(vectors) + 1)
    exact = ids[np.argsort(-(queries @ vectors.T), axis=1)[:, :10]]
    rows: list[dict[str, object]] = []
    for engine in engines:
        folder = Path(tempfile.mkdtemp(prefix="real"))
        try:
            if engine == "sqlite":
                store = SQLiteBackend(folder).open("real", "real", vectors.shape[1])
                write_library(store, vectors, np.zeros(len(vectors), dtype=np.int64))
                store.close()
                # Reopened with a threshold below its size: the rebuild makes the index approximate.
                reopened = SQLiteBackend(folder, approximate_above=len(vectors) // 2)
                store = reopened.open("real", "real", vectors.shape[1])
                store.rebuild_vectors()
                index = store.vectors  # type: ignore[attr-defined]
                how = f"IVF-SQ8 nlist={index._index.nlist} nprobe={index._index.nprobe} + exact re-scoring"
                found = [[i for i, _ in store.nearest(q, 10)] for q in queries]
                store.close()
                rows.append(_row(engine, vectors, queries, how, recall(found, exact)))
            else:
                rows += postgres_recall(folder, url, vectors, queries, exact)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return rows


def postgres_recall(folder: Path, url: str | None, vectors: np.ndarray, queries: np.ndarray,
                    exact: np.ndarray) -> list[dict[str, object]]:
    """Recall of the shared HNSW index alone, then with a large collection's inverted file
    (pg_approximate.py) beside it, each forced on."""
    from index.store import pg_approximate, postgres

    backend = open_backend(folder, url)
    rows: list[dict[str, object]] = []
    try:
        store = backend.open("real", "real", vectors.shape[1])
        write_library(store, vectors, np.zeros(len(vectors), dtype=np.int64))
        exact_below, postgres.EXACT_BELOW = postgres.EXACT_BELOW, 0  # approximate even for a small library
        try:
            found = [[i for i, _ in store.nearest(q, 10)] for q in queries]
            rows.append(_row("postgresql", vectors, queries, f"HNSW m=16 ef_construction=64 "
                             f"ef_search={postgres.EF_SEARCH}", recall(found, exact)))
            with backend.pool.connection() as conn:  # type: ignore[attr-defined]
                lists = pg_approximate.build(conn, "real", len(vectors), REAL_LISTS)
            probes = pg_approximate.probes_for(lists)
            found = [[i for i, _ in store.nearest(q, 10)] for q in queries]
            rows.append(_row("postgresql", vectors, queries, f"HNSW ef_search={postgres.EF_SEARCH} + IVFFlat "
                             f"halfvec lists={lists} probes={probes}, union re-scored", recall(found, exact)))
        finally:
            postgres.EXACT_BELOW = exact_below
    finally:
        backend.close()
    return rows


def _row(engine: str, vectors: np.ndarray, queries: np.ndarray, how: str, found: float) -> dict[str, object]:
    return {"engine": engine, "real_model_vectors": len(vectors), "queries": len(queries), "index": how,
            "recall_at_10": found}
