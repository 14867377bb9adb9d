"""Loading a model on first use, or in the background from start-up."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

import numpy as np

from .base import DIMENSION, MODEL_NAME, Embedder

log = logging.getLogger(__name__)


class LazyEmbedder:
    """Defers loading a model until the first text needs it (lists and stats never do);
    `start_loading` begins the load on a background thread instead."""

    def __init__(self, load: Callable[[], Embedder], name: str = MODEL_NAME, dimension: int = DIMENSION) -> None:
        self._load = load
        self._model: Embedder | None = None
        self._loading = threading.Lock()
        self._background: threading.Thread | None = None
        self.name = name
        self.dimension = dimension

    @property
    def model(self) -> Embedder:
        """The loaded model (loading it on first use, or waiting for the background load)."""
        with self._loading:
            if self._model is None:
                self._model = self._load()
        return self._model

    @property
    def loaded(self) -> bool:
        """True once the model is ready to use without waiting."""
        return self._model is not None

    def start_loading(self) -> None:
        """Load the model on a daemon thread; callers that need it meanwhile wait for it.
        A failed background load is logged and retried (and raised) by the next user."""
        if self._model is not None or self._background is not None:
            return

        def load() -> None:
            try:
                self.model  # noqa: B018 (the property loads it)
            except Exception:  # the foreground retry reports it to the user
                log.exception("loading the model in the background failed")

        self._background = threading.Thread(target=load, name="model-loader", daemon=True)
        self._background.start()

    def wait_for_background(self, timeout: float | None = None) -> None:
        """Wait for a background load to end. Call it before the process exits: a runtime
        torn down while another thread is still loading it aborts the process."""
        if self._background is not None:
            self._background.join(timeout)

    @property
    def max_tokens(self) -> int:
        """The model's window in word pieces."""
        return self.model.max_tokens

    def embed(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Encode with the loaded model."""
        return self.model.embed(texts, progress=progress)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Count word pieces with the loaded model's tokenizer."""
        return self.model.count_tokens(texts)
