"""The real model under concurrent use, batching in steps, and lazy loading."""
from __future__ import annotations

import threading
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from index.embedding import LazyEmbedder, MiniLMEmbedder
from index.store.database import ArticleStore

TEXTS = [f"Sentence number {i} about trams, bakeries and lighthouses." * (1 + i % 4) for i in range(150)]


def test_stepwise_embedding_equals_one_call_and_reports_progress(embedder: MiniLMEmbedder) -> None:
    """Long inputs are encoded in steps, in the original order, with progress after each."""
    seen: list[int] = []
    stepped = embedder.embed(TEXTS, progress=seen.append)
    whole = embedder._encode(TEXTS)
    assert stepped.shape == (len(TEXTS), 384)
    assert np.allclose(stepped, whole, atol=1e-5)
    assert sum(seen) == len(TEXTS) and len(seen) > 1
    assert np.allclose(np.linalg.norm(stepped, axis=1), 1.0, atol=1e-5)


def test_concurrent_callers_get_the_serial_results(embedder: MiniLMEmbedder) -> None:
    """Threads sharing one model neither fail (the tokenizer refuses concurrent use) nor mix results."""
    expected_vectors = embedder.embed(TEXTS[:8])
    expected_counts = embedder.count_tokens(TEXTS)

    def work(i: int) -> tuple[np.ndarray, list[int]]:
        return embedder.embed(TEXTS[:8]), embedder.count_tokens(TEXTS)

    with ThreadPoolExecutor(max_workers=6) as pool:
        for vectors, counts in pool.map(work, range(12)):
            assert np.allclose(vectors, expected_vectors, atol=1e-5)
            assert counts == expected_counts


def test_lazy_embedder_loads_once_even_when_raced(embedder: MiniLMEmbedder) -> None:
    """Several threads asking at once load the model a single time, and names need no load."""
    loads = []
    gate = threading.Barrier(4)

    def load() -> MiniLMEmbedder:
        loads.append(1)
        return embedder

    lazy = LazyEmbedder(load)
    assert lazy.name.endswith("all-MiniLM-L6-v2") and lazy.dimension == 384 and not loads

    def first_use(_: int) -> int:
        gate.wait()
        return lazy.count_tokens(["hello world"])[0]

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(first_use, range(4))) == [2] * 4
    assert len(loads) == 1


def test_title_and_chunk_together_fit_the_model_window(tmp_path: Path, embedder: MiniLMEmbedder) -> None:
    """Every chunk is embedded with its article's title line; both fit the 256-piece window."""
    from index.collection import passage_text
    from index.library import KnowledgeBase
    from index.sources import Document

    title = "A very long headline about the harbour city's tram line, its cost overruns, " * 3
    body = "\n\n".join(" ".join(f"Sentence {i}.{j} tells of trams, tunnels and tickets." for j in range(30))
                       for i in range(6))
    kb = KnowledgeBase(tmp_path, embedder)
    collection = kb.collection("window")
    result = collection.add(Document(text=body, title=title, source="pasted"))
    assert isinstance(collection.store, ArticleStore)
    texts = [r[0] for r in collection.store._db.execute("SELECT text FROM chunks")]
    assert len(texts) == result.chunks > 1
    counts = embedder.count_tokens([passage_text(title, t) for t in texts])
    assert max(counts) <= embedder.max_tokens
    kb.close()
