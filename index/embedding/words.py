"""The whole words the bundled model's vocabulary holds: an English word list that comes
with the weights ("injured", "charged"; not "satelites")."""
from __future__ import annotations

from functools import lru_cache

from .onnx_export import model_dir


@lru_cache(maxsize=1)
def model_words() -> frozenset[str]:
    """The model's whole-word tokens of three letters or more (no '##' pieces, no marks)."""
    lines = (model_dir() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if len(w) >= 3 and w.isalpha() and w.isascii() and w.islower())
