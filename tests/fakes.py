"""Deterministic stand-ins for the embedding model, for fast tests of pure logic.

The fake is never the only test of a path: every path it exercises is also
tested with the real all-MiniLM-L6-v2 (the `embedder` fixture).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence

import numpy as np

_TOKEN = re.compile(r"\w+|[^\w\s]")


class HashEmbedder:
    """A bag-of-words embedder: each lower-cased word hashes to one signed dimension.

    Texts that share words get a positive cosine, so vector search ranks
    sensibly enough for tests, and the same text always gets the same vector.
    """

    def __init__(self, dimension: int = 64, name: str = "tests/hash-embedder", max_tokens: int = 254) -> None:
        self.name = name
        self.dimension = dimension
        self.max_tokens = max_tokens
        self.embedded: list[str] = []

    def embed(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                digest = hashlib.blake2b(word.encode("utf-8", "replace"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                out[row, value % self.dimension] += 1.0 if value & (1 << 63) else -1.0
            norm = float(np.linalg.norm(out[row]))
            if norm == 0.0:
                out[row, 0], norm = 1.0, 1.0
            out[row] /= norm
        self.embedded.extend(texts)
        if progress is not None and len(texts):
            progress(len(texts))
        return out

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Words and punctuation marks, roughly as a word-piece tokenizer would split them."""
        return [len(_TOKEN.findall(t)) for t in texts]
