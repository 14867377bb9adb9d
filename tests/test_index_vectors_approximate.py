"""Past a size threshold the embedded engine's FAISS index turns approximate (IVF over
8-bit codes) and the store re-scores its candidates exactly: results still match an
exact scan, scores are true cosines, removal works, the file reopens as it was saved
(mapped rather than read, and copied into memory before it changes)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.records import Chunk
from index.store.backends import SQLiteBackend
from index.store.base import StoredArticle
from index.store.database import ArticleStore

DIM = 384
PER_ARTICLE = 10


def clustered(n: int, rng: np.random.Generator) -> np.ndarray:
    centres = rng.normal(0, 1, (30, DIM)).astype(np.float32)
    out = centres[rng.integers(0, 30, n)] + rng.normal(0, 1.2 / np.sqrt(DIM), (n, DIM)).astype(np.float32)
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def write(store: object, vectors: np.ndarray, start: int = 0) -> None:
    for a in range(len(vectors) // PER_ARTICLE):
        chunks = [Chunk(i, i * 10, i * 10 + 9, f"chunk {i} of article {start + a}") for i in range(PER_ARTICLE)]
        article = StoredArticle(f"Article {start + a}", "pasted", None, None, None, None, "x" * 100, f"h{start + a}")
        store.write_article(article, chunks, vectors[a * PER_ARTICLE:(a + 1) * PER_ARTICLE])  # type: ignore[attr-defined]
    store.flush()  # type: ignore[attr-defined]


def test_past_the_threshold_search_is_approximate_then_rescored_exactly(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    vectors = clustered(3000, rng)
    backend = SQLiteBackend(tmp_path, approximate_above=2000)
    store = backend.open("big", "synthetic", DIM)
    write(store, vectors[:1500])
    assert not store.vectors.approximate  # type: ignore[attr-defined]
    write(store, vectors[1500:], start=150)
    assert store.vectors.approximate and store.sizes().vectors == 3000  # type: ignore[attr-defined]

    ids = np.arange(1, 3001)
    queries = clustered(20, rng)
    hits = 0
    for q in queries:
        exact = ids[np.argsort(-(vectors @ q))[:10]]
        found = store.nearest(q, 10)
        hits += len(set(exact.tolist()) & {i for i, _ in found})
        for chunk_id, score in found:  # true cosines, best first
            assert abs(score - float(vectors[chunk_id - 1] @ q)) < 1e-5
        assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
    assert hits / 200 >= 0.95

    # Searching within a few chunks (a date window) probes enough lists to find them all.
    only = np.arange(2001, 2041)
    within = store.vectors.search(queries[0], 10, only)  # type: ignore[attr-defined]
    assert {i for i, _ in within} == set(only.tolist()) and len(within) == 40

    # Removing an article removes its vectors from the approximate index too.
    target = vectors[5]
    assert store.nearest(target, 1)[0][0] == 6
    assert store.delete_article(1)
    assert all(i > 10 for i, _ in store.nearest(target, 10))
    store.close()

    again = SQLiteBackend(tmp_path, approximate_above=2000).open("big", "synthetic", DIM)
    assert again.vectors.approximate and again.sizes().vectors == 2990  # type: ignore[attr-defined]
    assert again.vectors.ids().tolist() == list(range(11, 3001))  # type: ignore[attr-defined]
    assert again.rebuild_vectors() == 2990 and again.vectors.approximate  # type: ignore[attr-defined]
    assert again.nearest(vectors[100], 1)[0][0] == 101
    again.close()


def test_a_reopened_index_is_mapped_yet_still_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reopening takes the saved inverted index as it is, reading no chunk id (its state
    file says which change it reflects); adding and removing articles on the mapped
    index then works, and the next opening sees every change."""
    rng = np.random.default_rng(5)
    vectors = clustered(2600, rng)
    store = SQLiteBackend(tmp_path, approximate_above=2000).open("big", "synthetic", DIM)
    write(store, vectors[:2500])
    store.close()

    def no_scan(self: ArticleStore) -> np.ndarray:
        raise AssertionError("opening read every chunk id")

    monkeypatch.setattr(ArticleStore, "_chunk_ids", no_scan)
    again = SQLiteBackend(tmp_path, approximate_above=2000).open("big", "synthetic", DIM)
    assert isinstance(again, ArticleStore) and again.vectors.approximate
    assert again.vectors.loaded_at == again.changes()
    assert again.nearest(vectors[700], 1)[0][0] == 701
    monkeypatch.undo()

    write(again, vectors[2500:], start=250)
    assert again.delete_article(3)
    assert again.nearest(vectors[2550], 1)[0][0] == 2551
    assert all(i not in range(21, 31) for i, _ in again.nearest(vectors[25], 10))
    again.close()

    third = SQLiteBackend(tmp_path, approximate_above=2000).open("big", "synthetic", DIM)
    expected = [i for i in range(1, 2601) if i not in range(21, 31)]
    assert third.vectors.ids().tolist() == expected  # type: ignore[attr-defined]
    assert third.vectors.loaded_at == third.changes()  # type: ignore[attr-defined]
    third.close()
