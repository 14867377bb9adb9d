"""The knowledge base: a data folder holding any number of isolated collections."""
from __future__ import annotations

import re
import threading
from pathlib import Path

from .chunking import ChunkingPolicy
from .collection import Collection
from .embedding import Embedder
from .errors import CollectionNameError
from .store.backends import SQLiteBackend
from .store.base import Backend

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def guild_collection(guild_id: int) -> str:
    """The collection that holds one Discord server's articles (`--guild ID` picks it)."""
    return f"guild-{guild_id}"


def check_collection_name(name: str) -> str:
    """Return the name if it is usable as a folder name, else raise CollectionNameError."""
    if not _NAME.fullmatch(name) or ".." in name:  # fullmatch: `$` would let a final newline through
        raise CollectionNameError(
            f"bad collection name {name!r}: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return name


class KnowledgeBase:
    """Opens collections, once each, sharing one model and one storage engine (by default
    SQLite + FAISS under `data_dir/collections/NAME/`)."""

    def __init__(self, data_dir: Path, embedder: Embedder, policy: ChunkingPolicy = ChunkingPolicy(),
                 *, backend: Backend | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.embedder = embedder
        self.policy = policy
        self.backend = backend or SQLiteBackend(self.data_dir)
        self._open: dict[str, Collection] = {}
        self._lock = threading.Lock()

    def collection(self, name: str, *, accept_other_model: bool = False) -> Collection:
        """The named collection, created on first use."""
        check_collection_name(name)
        with self._lock:
            if name not in self._open:
                store = self.backend.open(name, self.embedder.name, self.embedder.dimension,
                                          accept_other_model=accept_other_model)
                self._open[name] = Collection(name, store, self.embedder, self.policy)
            return self._open[name]

    def names(self) -> list[str]:
        """Names of the collections the storage engine holds."""
        return self.backend.names()

    def close(self) -> None:
        """Close every open collection, then the storage engine."""
        with self._lock:
            for collection in self._open.values():
                collection.close()
            self._open.clear()
            self.backend.close()
