"""Bulk import into PostgreSQL (index/store/pg_bulk.py), a large collection's own inverted
file (pg_approximate.py) and the keyword bound there, on a real server the tests start."""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from index.records import Chunk, DateWindow
from index.store import pg_approximate, pg_bulk, postgres
from index.store.base import BulkImport, CopiedArticle, StoredArticle
from index.store.postgres import PostgresBackend, PostgresStore
from tests.postgres_server import PostgresServer

NOW = "2026-12-01T00:00:00+00:00"


def articles(count: int, seed: int = 0, chunks: int = 5, first_id: int = 1) -> list[CopiedArticle]:
    """`count` articles of `chunks` chunks each, with unit vectors around a few centres."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(4, 384))
    made = []
    for a in range(count):
        texts = [f"harbour report {a} part {i}" + (" lighthouse" if (a, i) == (2, 1) else "") for i in range(chunks)]
        vectors = centres[a % 4] + rng.normal(0, 0.5, (chunks, 384))
        vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
        article = StoredArticle(f"Report {a}", "pasted", f"key-{seed}-{a}", None, f"2026-0{a % 9 + 1}-01", None,
                                " ".join(texts), f"hash-{seed}-{a}")
        made.append(CopiedArticle(first_id + a, article, NOW, NOW,
                                  [Chunk(i, 0, len(t), t) for i, t in enumerate(texts)], vectors))
    return made


@pytest.fixture
def store(postgres: PostgresServer) -> Iterator[PostgresStore]:
    """An empty collection in a fresh database."""
    backend = PostgresBackend(postgres.new_database())
    opened = backend.open("bulk", "fake", 384)
    assert isinstance(opened, PostgresStore)
    yield opened
    backend.close()


def search_indexes(store: PostgresStore) -> set[str]:
    """The names of the chunk table's indexes."""
    with store.pool.connection() as conn:
        return {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'chunks'")}


def test_bulk_import_adds_each_article_once(store: PostgresStore) -> None:
    """New ids in order, chunks searchable both ways; a second run, and repeats within one, add nothing."""
    assert isinstance(store, BulkImport)
    batch = articles(30)
    report = store.bulk_import([*batch, batch[3]])
    assert (report.articles_copied, report.articles_present, report.chunks_copied) == (30, 1, 150)
    assert store.counts() == (30, 150)
    assert [a.id for a in store.list_articles()] == list(range(1, 31))
    assert store.get_article(3) is not None and store.get_article(3).info.title == "Report 2"  # type: ignore[union-attr]
    found = store.keyword("lighthouse", 5)
    assert [store.chunk_rows([cid])[cid].article_id for cid, _, _ in found] == [3]
    nearest = store.nearest(batch[7].vectors[2], 1)
    assert store.chunk_rows([nearest[0][0]])[nearest[0][0]].text == "harbour report 7 part 2"
    again = store.bulk_import(articles(30))
    assert (again.articles_copied, again.articles_present) == (0, 30)
    later = store.bulk_import(articles(2, seed=1))
    assert later.articles_copied == 2 and [a.id for a in store.list_articles()][-2:] == [31, 32]


def test_kept_ids_and_a_source_key_already_here_are_not_copied(store: PostgresStore) -> None:
    """With `keep_ids` an article keeps its id; one whose id or source key is taken is left alone."""
    store.bulk_import(articles(3, seed=2, first_id=10), keep_ids=True)
    assert [a.id for a in store.list_articles()] == [10, 11, 12]
    clash = articles(2, seed=3, first_id=12)  # id 12 is taken
    report = store.bulk_import(clash, keep_ids=True)
    assert (report.articles_copied, report.articles_present) == (1, 1)
    written = store.write_article(articles(1, seed=4)[0].article, articles(1)[0].chunks, articles(1)[0].vectors)
    assert written == 14, "ids handed out later follow the copied ones"


def test_a_large_import_builds_the_search_indexes_after(store: PostgresStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the threshold the indexes are dropped for the load and built again; a large
    collection gets its inverted file, and its nearest chunks are those of an exact scan."""
    monkeypatch.setattr(pg_bulk, "REBUILD_FROM", 100)
    monkeypatch.setattr(pg_approximate, "APPROXIMATE_FROM", 200)
    monkeypatch.setattr(postgres, "EXACT_BELOW", 50)
    batch = articles(60)
    store.bulk_import(batch, expected_chunks=300)
    assert {"chunks_tsv", "chunks_embedding", pg_approximate.index_name("bulk")} <= search_indexes(store)
    with store.pool.connection() as conn:
        assert pg_approximate.lists_of(conn, "bulk") == 1
    everything = np.vstack([a.vectors for a in batch])
    for query in everything[::37]:
        exact = np.argsort(-(everything @ query), kind="stable")[:5] + 1
        found = store.nearest(query, 5)
        assert [cid for cid, _ in found] == exact.tolist()
        assert [round(score, 4) for _, score in found] == [round(float(everything[i - 1] @ query), 4) for i in exact]
    window = DateWindow("2026-02-01", "2026-03-01")
    in_window = store.nearest(everything[5], 5, window)
    assert {store.chunk_rows([cid])[cid].article_id for cid, _ in in_window} <= {2, 11, 20, 29, 38, 47, 56}


def test_rebuild_drops_the_inverted_file_of_a_shrunken_collection(store: PostgresStore,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`rebuild` trains the inverted file again, or removes it once the collection is small."""
    monkeypatch.setattr(pg_approximate, "APPROXIMATE_FROM", 100)
    store.bulk_import(articles(30))
    assert pg_approximate.index_name("bulk") in search_indexes(store)
    for article_id in range(1, 20):
        store.delete_article(article_id)
    assert store.rebuild_vectors() == 55
    assert pg_approximate.index_name("bulk") not in search_indexes(store)


KEPT_COUNTS = "SELECT lexeme, chunks FROM term_counts WHERE collection = %s AND chunks > 0"
RECOUNT = """
SELECT l.lexeme, count(*) FROM chunks c, unnest(tsvector_to_array(c.tsv)) AS l(lexeme)
WHERE c.collection = %s GROUP BY 1
"""


def test_term_counts_follow_every_write(store: PostgresStore) -> None:
    """The per-lexeme chunk counts the keyword bound reads agree with a recount after bulk
    and single writes, a replacement in place and deletions."""
    store.bulk_import(articles(10))
    extra = articles(2, seed=5)
    added = store.write_article(extra[0].article, extra[0].chunks, extra[0].vectors)
    store.write_article(extra[1].article, extra[1].chunks[:2], extra[1].vectors[:2], replace_id=added)
    store.delete_article(3)
    store.delete_article(4)
    with store.pool.connection() as conn:
        kept: dict[str, int] = dict(conn.execute(KEPT_COUNTS, ("bulk",)).fetchall())
        assert kept == dict(conn.execute(RECOUNT, ("bulk",)).fetchall())
    assert "lighthous" not in kept, "its only chunk was in article 3"
    assert kept["harbour"] == 8 * 5 + 2
