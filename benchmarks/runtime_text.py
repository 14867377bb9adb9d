"""What is embedded: the title line repeated in every chunk and the one-sentence overlap,
each measured in tokens, ingest time and recall before anything is trimmed."""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from unittest import mock

import numpy as np

from index.chunking import ChunkingPolicy
from index.embedding import SteppedEncoder
from index.library import KnowledgeBase
from index.sources import Document

from . import squad
from .retrieval import recall

VARIANTS = {"as built": (True, 1), "no title line": (False, 1), "no overlap": (True, 0), "neither": (False, 0)}


class _Recording:
    """The model, noting every text it embeds (to count their tokens afterwards)."""

    def __init__(self, model: SteppedEncoder) -> None:
        self.model = model
        self.name, self.dimension, self.max_tokens = model.name, model.dimension, model.max_tokens
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> np.ndarray:
        self.texts += texts
        return self.model.embed(texts, progress=progress)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.model.count_tokens(texts)


def embedded_text_variants(model: SteppedEncoder, folder: Path, docs: list[Document],
                           qs: list[squad.SquadQuestion]) -> dict[str, dict[str, object]]:
    """Per variant: chunks, word pieces embedded, ingest seconds, hybrid and vector recall."""
    out: dict[str, dict[str, object]] = {}
    for label, (title, overlap) in VARIANTS.items():
        recording = _Recording(model)
        kb = KnowledgeBase(folder / label.replace(" ", "-"), recording, ChunkingPolicy(overlap_sentences=overlap))
        collection = kb.collection("squad")
        started = time.perf_counter()
        if title:
            collection.add_many(docs)
        else:
            with mock.patch("index.collection.passage_text", lambda title, chunk: chunk):
                collection.add_many(docs)
        seconds = time.perf_counter() - started
        out[label] = {"chunks": len(recording.texts), "tokens": sum(model.count_tokens(recording.texts)),
                      "ingest_s": seconds,
                      **{mode: recall([[r.text for r in collection.search(q.question, mode, 10)] for q in qs], qs)
                         for mode in ("hybrid", "vector")}}
        kb.close()
    return out
