"""Choosing the runtime that runs the model: `EMBEDDING_RUNTIME=onnx|onnx-int8|torch`."""
from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from .base import DIMENSION, MODEL_NAME, SteppedEncoder
from .lazy import LazyEmbedder

RUNTIMES = ("onnx", "onnx-int8", "torch")
DEFAULT_RUNTIME = "onnx"


def check_runtime(runtime: str) -> str:
    """The runtime's name if known, else ValueError naming the choices."""
    if runtime not in RUNTIMES:
        raise ValueError(f"EMBEDDING_RUNTIME must be one of {', '.join(RUNTIMES)}, not {runtime!r}")
    return runtime


def runtime_from_env(env: Mapping[str, str]) -> str:
    """EMBEDDING_RUNTIME from an environment, the default when unset or blank."""
    return check_runtime(env.get("EMBEDDING_RUNTIME", "").strip().lower() or DEFAULT_RUNTIME)


def model_name(runtime: str) -> str:
    """The name a store records for vectors of this runtime (runtimes whose vectors
    are interchangeable share one)."""
    return f"{MODEL_NAME}+onnx-int8" if check_runtime(runtime) == "onnx-int8" else MODEL_NAME


def load_embedder(runtime: str = DEFAULT_RUNTIME) -> SteppedEncoder:
    """Load the model with the chosen runtime now (exporting it to ONNX first if needed)."""
    if check_runtime(runtime) == "torch":
        from .torch_encoder import MiniLMEmbedder

        return MiniLMEmbedder()
    from .onnx_encoder import OnnxEmbedder

    return OnnxEmbedder("int8" if runtime == "onnx-int8" else "fp32")


def lazy_embedder(runtime: str = DEFAULT_RUNTIME) -> LazyEmbedder:
    """The chosen runtime, loaded on first use (or from `start_loading`)."""
    return LazyEmbedder(partial(load_embedder, runtime), name=model_name(runtime), dimension=DIMENSION)
