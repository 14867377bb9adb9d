"""all-MiniLM-L6-v2 through ONNX Runtime: the same weights, tokenizer, pooling and window
as the torch runtime, without importing torch or sentence-transformers."""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from .base import MAX_SEQ_LENGTH, MODEL_NAME, SteppedEncoder
from .onnx_export import model_dir, onnx_path

log = logging.getLogger(__name__)


class OnnxEmbedder(SteppedEncoder):
    """The bundled weights exported to ONNX (once, cached) and run by onnxruntime on the CPU."""

    runtime = "onnx"

    def __init__(self, variant: str = "fp32", batch_size: int = 32, cache_dir: Path | None = None) -> None:
        super().__init__(batch_size)
        import onnxruntime
        from tokenizers import Tokenizer

        self.variant = variant
        # fp32 vectors agree with torch's to cosine ~1 - 5e-7: one library may mix them.
        # An int8 graph's do not, so the store records it as a model of its own.
        self.name = MODEL_NAME if variant == "fp32" else f"{MODEL_NAME}+onnx-{variant}"
        self.path = onnx_path(variant, cache_dir)
        tokenizer_json = (model_dir() / "tokenizer.json").read_text(encoding="utf-8")
        self._counter = Tokenizer.from_str(tokenizer_json)
        self._counter.no_truncation()
        self._counter.no_padding()
        self._tokenizer = Tokenizer.from_str(tokenizer_json)
        self._tokenizer.enable_truncation(MAX_SEQ_LENGTH)  # special tokens included, as sentence-transformers
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest of each batch
        options = onnxruntime.SessionOptions()
        # No busy-waiting between runs: the FTS5 worker runs during a query's encode, and
        # the machine is shared.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(self.path), options, providers=["CPUExecutionProvider"])
        log.debug("loaded %s (onnxruntime) from %s", self.name, self.path)

    def _encode_unlocked(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for at in range(0, len(order), self.batch_size):
            ids = order[at:at + self.batch_size]
            encoded = self._tokenizer.encode_batch([texts[i] for i in ids])
            feeds = {"input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                     "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64)}
            out[ids] = self._session.run(None, feeds)[0]
        return out

    def _count_unlocked(self, texts: list[str]) -> list[int]:
        return [len(e.ids) for e in self._counter.encode_batch(texts, add_special_tokens=False)]
