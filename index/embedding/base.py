"""What every embedding runtime offers, and the batching they share."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from .turns import TurnLock, current_place, current_priority

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DIMENSION = 384
# The model's window (sentence_bert_config.json's max_seq_length), special tokens included.
MAX_SEQ_LENGTH = 256


class Embedder(Protocol):
    """What the knowledge base needs from an embedding model."""

    name: str
    dimension: int

    @property
    def max_tokens(self) -> int:
        """The model's window in word pieces, without the special tokens."""
        ...

    def embed(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Return L2-normalised float32 vectors, one row per text."""
        ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text, without the special tokens."""
        ...


class SteppedEncoder(ABC):
    """An encoder used by one caller at a time, encoding long inputs in short steps.

    One caller at a time: the fast tokenizer refuses concurrent use ("Already
    borrowed"), and two encodes on two cores only slow each other down. Long inputs go
    in steps of one batch, each taking its own turn at the model behind any question
    waiting (`TurnLock`), so that a question asked during a large import waits for one
    step at most, not for the import.
    """

    name: str = MODEL_NAME
    dimension: int = DIMENSION
    # Two special tokens ([CLS], [SEP]) share the model's window with the text.
    max_tokens: int = MAX_SEQ_LENGTH - 2

    # Texts per step of a long encode: one batch of 32 takes about 1.5 s here.
    step: int = 32

    def __init__(self, batch_size: int) -> None:
        self.batch_size = batch_size
        self._lock = TurnLock()

    def embed(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Encode texts in batches; `progress` receives the count done after each step."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        step = min(self.step, self.batch_size)
        if len(texts) <= step:
            out = self._encode(list(texts))
            if progress:
                progress(len(texts))
            return out
        # Sort by length so that each batch pads little, as the model itself would.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for at in range(0, len(order), step):
            ids = order[at:at + step]
            out[ids] = self._encode([texts[i] for i in ids])
            if progress:
                progress(len(ids))
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Vectors for one step's texts, in their turn at the model (imports after questions)."""
        with self._lock.turn(current_priority(), current_place()):
            vectors = self._encode_unlocked(texts)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text as the model's own tokenizer counts them."""
        if not texts:
            return []
        with self._lock.turn(current_priority(), current_place()):
            return self._count_unlocked(list(texts))

    @abstractmethod
    def _encode_unlocked(self, texts: list[str]) -> np.ndarray:
        """Normalised vectors for texts (the caller holds the lock)."""

    @abstractmethod
    def _count_unlocked(self, texts: list[str]) -> list[int]:
        """Word pieces per text, no special tokens, no truncation (the caller holds the lock)."""
