"""One collection: add, search, list and remove articles; collections share nothing."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from .chunking import ChunkingPolicy, chunk_text
from .embedding import Embedder
from .embedding.turns import importing
from .errors import InputError, NotFoundError
from .limits import check_count, check_text
from .records import AddResult, AddStatus, Article, ArticleInfo, Chunk, DateWindow, SearchMode, SearchResult, Stats
from .search.searcher import Searcher
from .sources import Document
from .sources.byline import with_byline
from .store.base import Store, StoredArticle
from .store.memory import Memory

# Called once with the number of chunks to embed; returns what to call after each batch.
ProgressFactory = Callable[[int], Callable[[int], None]]
# Chunks embedded before their articles are written (then the next group).
WRITE_GROUP_CHUNKS = 512


def content_hash(text: str) -> str:
    """The identity of an article's content: sha256 of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_key(doc: Document) -> str | None:
    """What makes a later add an update of this article: its URL, else its file path."""
    if doc.url:
        return doc.url
    return doc.source if doc.source and doc.source != "pasted" else None


def passage_text(title: str, chunk: str) -> str:
    """The text the model embeds for a chunk: the title gives it context."""
    return f"{title}\n{chunk}" if title else chunk


@dataclass
class _Pending:
    doc: Document
    hash: str
    key: str | None
    replace_id: int | None
    chunks: list[Chunk]
    # The same content under a new title the user chose: rewritten in place, not re-decided.
    rename: bool = False


class Collection:
    """A named, isolated library of articles in its own store."""

    def __init__(self, name: str, store: Store, embedder: Embedder,
                 policy: ChunkingPolicy = ChunkingPolicy()) -> None:
        self.name = name
        self.embedder = embedder
        self.policy = policy
        self.store = store
        self._query_vectors = lru_cache(maxsize=256)(self._encode_query)
        self.searcher = Searcher(self.store, self.embed_query)

    def embed_query(self, query: str) -> np.ndarray:
        """One query's vector (the last few are cached: an answer re-uses its search's)."""
        return self._query_vectors(query)

    def clear_query_cache(self) -> None:
        """Forget cached query vectors (benchmarks time cold queries)."""
        self._query_vectors.cache_clear()

    def _encode_query(self, query: str) -> np.ndarray:
        vector = self.embedder.embed([query])[0]
        vector.setflags(write=False)
        return vector

    def add(self, doc: Document) -> AddResult:
        """Add one article (see `add_many`)."""
        return self.add_many([doc])[0]

    def add_many(self, docs: Sequence[Document], progress: ProgressFactory | None = None) -> list[AddResult]:
        """Add articles: same content is `unchanged`, a known URL or path with new content
        is `updated` in place, anything else is `added`. Chunks of new articles are
        embedded together in batches (questions asked meanwhile go first), and the FAISS
        file is written once."""
        with importing():
            return self._add_many(docs, progress)

    def _add_many(self, docs: Sequence[Document], progress: ProgressFactory | None) -> list[AddResult]:
        check_count(len(docs))
        for doc in docs:  # before any write, so that a bad batch leaves the store as it was
            if not doc.text.strip():
                raise InputError(f"empty input: {doc.source} has no text")
            try:
                check_text(doc.text)
            except InputError as error:
                raise InputError(f"{doc.title}: {error}") from None
        docs = [with_byline(doc) for doc in docs]
        # Look-up, embedding and writes under the collection's write lock: writers take
        # turns (on PostgreSQL, across processes too). `add_article` decides again at write
        # time, so on SQLite a writer in another process that won a race is found there.
        with self.store.write_lock():
            return self._add_locked(docs, progress)

    def _add_locked(self, docs: Sequence[Document], progress: ProgressFactory | None) -> list[AddResult]:
        results: dict[int, AddResult] = {}
        pending: list[tuple[int, _Pending]] = []
        first_with: dict[str, int] = {}
        repeats: dict[int, int] = {}
        for i, doc in enumerate(docs):
            digest = content_hash(doc.text)
            if digest in first_with:
                repeats[i] = first_with[digest]
                continue
            first_with[digest] = i
            key = source_key(doc)
            same, same_key = self.store.find_article(digest, key)
            if same is not None:
                renamed = self._renamed(same, doc)
                if renamed is None:
                    results[i] = AddResult("unchanged", same, self.store.chunk_count(same),
                                           self._stored_title(same, doc.title))
                    continue
                doc, key, same_key = renamed, source_key(renamed), same
            chunks = chunk_text(doc.text, self.embedder.count_tokens, self._policy(doc.title))
            pending.append((i, _Pending(doc, digest, key, same_key, chunks, rename=same is not None)))
        total = sum(len(p.chunks) for _, p in pending)
        advance = progress(total) if progress and total else None
        # Written group by group: an interrupted large import keeps what it embedded.
        # Nothing new (all unchanged): a lazily loaded model stays unloaded.
        for group in _groups(pending, WRITE_GROUP_CHUNKS):
            texts = [passage_text(p.doc.title, c.text) for _, p in group for c in p.chunks]
            vectors = self.embedder.embed(texts, progress=advance)
            at = 0
            for i, p in group:
                block = vectors[at:at + len(p.chunks)]
                at += len(p.chunks)
                status: AddStatus
                if p.rename and p.replace_id is not None:
                    status, article_id = "updated", self.store.write_article(_stored(p), p.chunks, block,
                                                                            p.replace_id)
                else:
                    # Decided again at write time: another thread or process may have added it meanwhile.
                    status, article_id = self.store.add_article(_stored(p), p.chunks, block)
                if status == "unchanged":  # another writer stored it first, under its own title
                    results[i] = AddResult(status, article_id, self.store.chunk_count(article_id),
                                           self._stored_title(article_id, p.doc.title))
                else:
                    results[i] = AddResult(status, article_id, len(p.chunks), p.doc.title)
        if pending:
            self.store.flush()
        for i, first in repeats.items():
            results[i] = replace(results[first], status="unchanged")  # under the title stored for it
        return [results[i] for i in range(len(docs))]

    def _stored_title(self, article_id: int, fallback: str) -> str:
        """The title the library keeps for an article (an unchanged add reports it, not the
        title the new copy would have had); `fallback` if it was removed meanwhile."""
        stored = self.store.get_article(article_id)
        return stored.info.title if stored is not None else fallback

    def _renamed(self, article_id: int, doc: Document) -> Document | None:
        """The stored article under the title the user chose for the same content, or None
        when they chose none or the same one. Only the title changes (it is embedded with
        every chunk, so the article is re-embedded); where it came from stays."""
        if not doc.title_given:
            return None
        stored = self.store.get_article(article_id)
        if stored is None or stored.info.title == doc.title:
            return None
        a = stored.info
        return Document(text=stored.text, title=doc.title, source=a.source, url=a.url, date=a.date,
                        author=a.author, title_given=True)

    def _policy(self, title: str) -> ChunkingPolicy:
        """The chunking budget for one article: the title line is embedded with every
        chunk (`passage_text`), so it takes its share of the model's window."""
        title_tokens = self.embedder.count_tokens([title])[0] + 1 if title else 0
        limit = min(self.policy.max_tokens, self.embedder.max_tokens - title_tokens)
        return replace(self.policy, max_tokens=max(limit, self.policy.min_tokens))

    def search(self, query: str, mode: SearchMode = "hybrid", k: int = 5,
               window: DateWindow | None = None) -> list[SearchResult]:
        """Search the collection (within a date window); see `Searcher.search`."""
        return self.searcher.search(query, mode, k, window)

    def dated(self, window: DateWindow | None = None, limit: int = 1_000_000,
              added_too: bool = False) -> list[ArticleInfo]:
        """Articles dated within `window` (publication date, else the day added), newest
        first; with `added_too`, also those added within it whatever their date."""
        return self.store.dated_articles(window, limit, added_too)

    def opening(self, article_id: int, chunks: int = 1) -> list[SearchResult]:
        """An article's first chunks, as passages (for summaries and digests)."""
        return self.searcher.opening(article_id, chunks)

    def following(self, passage: SearchResult, chunks: int = 1) -> list[SearchResult]:
        """The chunks right after a passage in its article (see `Searcher.following`)."""
        return self.searcher.following(passage, chunks)

    def articles(self, limit: int = 1_000_000, offset: int = 0) -> list[ArticleInfo]:
        """Articles in the order they were added."""
        return self.store.list_articles(limit, offset)

    def article(self, article_id: int) -> Article:
        """One article with its text; NotFoundError when the id is unknown."""
        found = self.store.get_article(article_id)
        if found is None:
            raise NotFoundError(f"no article with id {article_id} in this library")
        return found

    def remove(self, article_id: int) -> ArticleInfo:
        """Remove an article and everything derived from it; return what was removed."""
        info = self.article(article_id).info
        self.store.delete_article(article_id)
        return info

    def stats(self) -> Stats:
        """Counts and sizes."""
        articles, chunks = self.store.counts()
        sizes = self.store.sizes()
        return Stats(self.name, articles, chunks, sizes.vectors, self.store.model,
                     self.store.dimension, sizes.db_bytes, sizes.index_bytes, self.store.pruned())

    def rebuild(self, reembed: bool = False) -> int:
        """Rebuild the vector index from the stored vectors; with `reembed`, re-chunk and
        re-embed every article with the loaded model first. Returns the number of vectors."""
        if reembed:
            # The new vectors may not have the old ones' size: gather them in a fresh index
            # (rebuilt from the stored vectors below in any case).
            self.store.reset_vectors(self.embedder.dimension)
            for info in self.articles():
                article = self.article(info.id)
                chunks = chunk_text(article.text, self.embedder.count_tokens, self._policy(info.title))
                vectors = self.embedder.embed([passage_text(info.title, c.text) for c in chunks])
                doc = Document(text=article.text, title=info.title, source=info.source, url=info.url,
                               date=info.date, author=info.author, site=info.site,
                               date_source=info.date_source if info.date else None, feed_id=info.feed_id)
                pending = _Pending(doc, content_hash(article.text), source_key(doc), info.id, chunks)
                self.store.write_article(_stored(pending), chunks, vectors, replace_id=info.id)
            self.store.set_model(self.embedder.name, self.embedder.dimension)
        return self.store.rebuild_vectors()

    @property
    def memory(self) -> Memory:
        """The collection's conversations and rated answers (shared by every process on the store)."""
        return self.store.memory

    def record_feedback(self, question: str, answer: str, citations: list[dict[str, object]],
                        helpful: bool, user_key: str | None = None) -> None:
        """Keep a reader's verdict on an answer."""
        self.store.add_feedback((question, answer, json.dumps(citations), int(helpful), user_key))

    def close(self) -> None:
        """Release the database and the search worker."""
        self.searcher.close()
        self.store.close()


def _groups(pending: list[tuple[int, _Pending]], chunks: int) -> list[list[tuple[int, _Pending]]]:
    """Consecutive articles in groups of about `chunks` chunks (a larger article alone)."""
    groups: list[list[tuple[int, _Pending]]] = []
    size = chunks
    for item in pending:
        if size >= chunks:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += len(item[1].chunks)
    return groups


def _stored(p: _Pending) -> StoredArticle:
    d = p.doc
    return StoredArticle(title=d.title, source=d.source, source_key=p.key, url=d.url, date=d.date,
                         author=d.author, text=d.text, content_hash=p.hash, site=d.site,
                         date_source=d.date_source, feed_id=d.feed_id)
