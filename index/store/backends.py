"""Choosing the storage engine from one setting: DATABASE_URL unset means the embedded
engine in the data folder, `postgresql://...` means PostgreSQL with pgvector."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import KnowledgeBaseError
from .base import Backend, Store
from .database import ArticleStore
from .vectors import APPROXIMATE_ABOVE


class SQLiteBackend:
    """Each collection in its own folder under `data_dir/collections/`: SQLite + FTS5 + FAISS."""

    def __init__(self, data_dir: Path, *, approximate_above: int = APPROXIMATE_ABOVE) -> None:
        self.root = Path(data_dir) / "collections"
        self.approximate_above = approximate_above
        self.description = f"SQLite + FAISS in {Path(data_dir)}"

    def open(self, name: str, model: str, dimension: int, *, accept_other_model: bool = False) -> Store:
        """The collection's store (its folder is created on first use)."""
        return ArticleStore(self.root / name, model, dimension, accept_other_model=accept_other_model,
                            approximate_above=self.approximate_above)

    def names(self) -> list[str]:
        """Names of the collection folders on disk."""
        return sorted(p.name for p in self.root.iterdir() if p.is_dir()) if self.root.exists() else []

    def close(self) -> None:
        """Nothing is shared between the collections' stores."""


def is_postgres_url(url: str) -> bool:
    """True for the URLs PostgreSQL's clients accept."""
    return url.startswith(("postgresql://", "postgres://"))


def open_backend(data_dir: Path, database_url: str | None = None, named: str = "DATABASE_URL") -> Backend:
    """The engine `database_url` names (None or empty: the embedded one in `data_dir`);
    `named` says where the URL came from, for the errors."""
    url = (database_url or "").strip()
    if not url:
        return SQLiteBackend(data_dir)
    if not is_postgres_url(url):
        raise KnowledgeBaseError(f"{named} must start with postgresql:// (got {url.split(':', 1)[0]}:...)")
    from .postgres import PostgresBackend  # psycopg is imported only when PostgreSQL is used

    return PostgresBackend(url, named=named)


def backend_from_env(data_dir: Path, env: Mapping[str, str]) -> Backend:
    """The engine the DATABASE_URL setting names."""
    return open_backend(data_dir, env.get("DATABASE_URL"))
