"""Question-to-sentence similarity, with sentence vectors cached across questions.

Sentences are embedded the first time they are candidates for an answer, not
at ingest, so adding articles costs no more than embedding their chunks.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future

import numpy as np

Embed = Callable[[Sequence[str]], np.ndarray]


class SentenceSimilarity:
    """Cosine similarity of sentences to a query vector, from an LRU cache of vectors."""

    def __init__(self, embed: Embed, capacity: int = 20_000) -> None:
        self._embed = embed
        self._capacity = capacity
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._encoding: dict[str, Future[np.ndarray]] = {}

    def __call__(self, query_vector: np.ndarray, texts: Sequence[str]) -> list[float]:
        """Cosine of each text with the (normalised) query vector."""
        if not texts:
            return []
        # The lock guards the cache only: held through an encode, it would make every
        # question wait for another's encode (and that one for its turn at the model).
        # A sentence another question is encoding right now is awaited, not encoded twice.
        mine: dict[str, Future[np.ndarray]] = {}
        theirs: dict[str, Future[np.ndarray]] = {}
        known: dict[str, np.ndarray] = {}
        with self._lock:
            for text in dict.fromkeys(texts):
                if text in self._vectors:
                    known[text] = self._vectors[text]
                elif text in self._encoding:
                    theirs[text] = self._encoding[text]
                else:
                    mine[text] = self._encoding[text] = Future()
        if mine:
            try:
                vectors = self._embed(list(mine))
                with self._lock:
                    for (text, future), vector in zip(mine.items(), vectors, strict=True):
                        known[text] = self._vectors[text] = vector
                        del self._encoding[text]
                        future.set_result(vector)
            except BaseException as error:
                # Whatever stopped this (a failed encode, Ctrl-C anywhere in here), no
                # sentence may stay promised: a later question would wait on it forever.
                with self._lock:
                    for text, future in mine.items():
                        if not future.done():
                            self._encoding.pop(text, None)
                            future.set_exception(error)
                raise
        known.update((text, future.result()) for text, future in theirs.items())
        with self._lock:
            for text in texts:
                self._vectors[text] = known[text]
                self._vectors.move_to_end(text)
            while len(self._vectors) > self._capacity:
                self._vectors.popitem(last=False)
        matrix = np.vstack([known[t] for t in texts])
        return [float(x) for x in matrix @ np.asarray(query_vector, np.float32).ravel()]

    def clear(self) -> None:
        """Forget every cached vector (benchmarks time cold questions)."""
        with self._lock:
            self._vectors.clear()
