"""The FAISS file: an id map over a flat inner-product index, holding chunk ids only.

SQLite keeps every vector, so this file can always be rebuilt from it; it is
written atomically (temp file + rename) so a crash never leaves half an index.
"""
from __future__ import annotations

import os
from pathlib import Path

import faiss
import numpy as np

# One OpenMP thread searches a flat index faster than two on this kind of
# machine and leaves the other core to the event loop and the model.
faiss.omp_set_num_threads(1)


class VectorIndex:
    """Chunk ids and their vectors for nearest-neighbour search."""

    def __init__(self, path: Path, dimension: int) -> None:
        self.path = path
        self.dimension = dimension
        self._index = self._load() if path.exists() else self._empty()

    def _empty(self) -> faiss.IndexIDMap2:
        return faiss.IndexIDMap2(faiss.IndexFlatIP(self.dimension))

    def _load(self) -> faiss.IndexIDMap2:
        try:
            index = faiss.read_index(str(self.path))
        except RuntimeError:
            return self._empty()  # unreadable: the caller sees the id mismatch and rebuilds
        if index.d != self.dimension or not isinstance(index, faiss.IndexIDMap2):
            return self._empty()
        return index

    @property
    def size(self) -> int:
        """How many vectors the index holds."""
        return int(self._index.ntotal)

    def ids(self) -> np.ndarray:
        """All chunk ids held, sorted."""
        return np.sort(faiss.vector_to_array(self._index.id_map).astype(np.int64))

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under the given chunk ids (which must be new)."""
        if len(ids):
            self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                     np.asarray(ids, dtype=np.int64))

    def remove(self, ids: list[int]) -> None:
        """Forget the given chunk ids; unknown ids are ignored."""
        if ids:
            self._index.remove_ids(np.asarray(ids, dtype=np.int64))  # type: ignore[arg-type]  # faiss wraps ids

    def reset(self) -> None:
        """Drop every vector (before a rebuild)."""
        self._index = self._empty()

    def search(self, query: np.ndarray, k: int, only: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Return up to k (chunk id, cosine similarity) pairs, best first; with `only`,
        among those chunk ids alone (FAISS skips the others while it searches)."""
        if self.size == 0 or k <= 0:
            return []
        vector = np.asarray(query, dtype=np.float32).reshape(1, -1)
        if only is not None:
            selector = faiss.IDSelectorBatch(np.ascontiguousarray(only, dtype=np.int64))
            params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]  # SWIG keyword
            scores, ids = self._index.search(vector, min(k, self.size), params=params)
            return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]
        scores, ids = self._index.search(vector, min(k, self.size))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]

    def save(self) -> None:
        """Write the index atomically next to its final path."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        faiss.write_index(self._index, str(tmp))
        os.replace(tmp, self.path)

    def file_bytes(self) -> int:
        """Size of the file on disk (0 before the first save)."""
        return self.path.stat().st_size if self.path.exists() else 0
