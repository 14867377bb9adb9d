"""The ONNX runtime for real: exported here from the bundled weights, compared with torch."""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from index.embedding import MODEL_NAME, MiniLMEmbedder, OnnxEmbedder, model_name
from index.embedding.onnx_export import onnx_path

SENTENCES = [
    "The harbour tram opened in 1902 and still runs every ten minutes.",
    "Who baked the first rye loaf in the old mill bakery?",
    "A lighthouse keeper logged every storm between 1880 and 1921, by hand, in pencil.",
    "Chess",
    "Le phare est resté allumé pendant toute la tempête.",
    "The council voted 7-2 to extend the line to the university " * 12,  # longer than the window
]


@pytest.fixture(scope="module")
def fresh_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache with nothing exported yet, filled by two exporters racing (one exports, one waits)."""
    cache = tmp_path_factory.mktemp("onnx-cache")
    with ThreadPoolExecutor(max_workers=2) as pool:
        paths = list(pool.map(lambda _: onnx_path("fp32", cache), range(2)))
    assert paths[0] == paths[1] and paths[0].exists()
    return cache


def test_export_is_made_once_keyed_by_the_weights_and_leaves_no_temporary_files(fresh_cache: Path) -> None:
    """The racing exporters left one graph named after the weights' hash, and nothing half written."""
    graphs = sorted(p.name for p in fresh_cache.glob("*.onnx"))
    assert len(graphs) == 1 and graphs[0].startswith("minilm-") and graphs[0].endswith("-fp32.onnx")
    assert not [p for p in fresh_cache.iterdir() if p.name.endswith((".tmp", ".raw"))]
    digest = next(fresh_cache.glob("weights-*.sha256")).read_text().strip()
    assert graphs[0].split("-")[1] == digest[:16]
    before = (fresh_cache / graphs[0]).stat().st_mtime_ns
    OnnxEmbedder("fp32", cache_dir=fresh_cache)  # a later start re-uses the graph
    assert (fresh_cache / graphs[0]).stat().st_mtime_ns == before


def test_onnx_vectors_and_token_counts_match_torch(fresh_cache: Path, torch_embedder: MiniLMEmbedder) -> None:
    """Same tokenizer, pooling, normalisation and window: vectors agree to cosine ~1."""
    onnx = OnnxEmbedder("fp32", cache_dir=fresh_cache)
    ours, reference = onnx.embed(SENTENCES), torch_embedder.embed(SENTENCES)
    assert ours.shape == reference.shape == (len(SENTENCES), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() > 0.99999, cosines
    assert onnx.count_tokens(SENTENCES) == torch_embedder.count_tokens(SENTENCES)
    assert onnx.max_tokens == torch_embedder.max_tokens
    assert onnx.name == torch_embedder.name == MODEL_NAME  # one library may mix them
    # A batch pads to its longest text: a short text alone or among long ones gets one vector.
    alone = onnx.embed([SENTENCES[3]])[0]
    assert float(alone @ ours[3]) > 0.99999


def test_int8_graph_is_close_but_recorded_as_another_model(fresh_cache: Path) -> None:
    """Per-channel int8 of the MatMul weights stays close to fp32, and the store is told it differs."""
    fp32 = OnnxEmbedder("fp32", cache_dir=fresh_cache)
    int8 = OnnxEmbedder("int8", cache_dir=fresh_cache)
    cosines = (int8.embed(SENTENCES) * fp32.embed(SENTENCES)).sum(axis=1)
    assert cosines.min() > 0.97, cosines
    assert int8.name == model_name("onnx-int8") != MODEL_NAME
    assert os.path.getsize(int8.path) < os.path.getsize(fp32.path)  # the word embeddings stay fp32
