"""Question-to-sentence similarity, with sentence vectors cached across questions.

Sentences are embedded the first time they are candidates for an answer, not
at ingest, so adding articles costs no more than embedding their chunks.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

Embed = Callable[[Sequence[str]], np.ndarray]


class SentenceSimilarity:
    """Cosine similarity of sentences to a query vector, from an LRU cache of vectors."""

    def __init__(self, embed: Embed, capacity: int = 20_000) -> None:
        self._embed = embed
        self._capacity = capacity
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, query_vector: np.ndarray, texts: Sequence[str]) -> list[float]:
        """Cosine of each text with the (normalised) query vector."""
        if not texts:
            return []
        # One lock around the encode too: the model is CPU-bound, so concurrent
        # callers would only slow each other down.
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
            if missing:
                self._vectors.update(zip(missing, self._embed(missing)))
            matrix = np.vstack([self._vectors[t] for t in texts])
            for text in texts:
                self._vectors.move_to_end(text)
            while len(self._vectors) > self._capacity:
                self._vectors.popitem(last=False)
        return [float(x) for x in matrix @ np.asarray(query_vector, np.float32).ravel()]
