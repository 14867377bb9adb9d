"""Leaving very common words out of full-text ranking (index/search/term_budget.py) and the
FTS5 side of it (index/store/fts5.bounded_match), against a real FTS5 table and a real
SQLite store with a budget small enough for a handful of rows to exceed it.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.records import Chunk, DateWindow
from index.search.term_budget import RANKING_BUDGET, over_budget, terms_worth_ranking
from index.store.base import Backend, StoredArticle
from index.store.database import ArticleStore
from index.store.fts5 import bounded_match, fts_query

TOKENIZER = "porter unicode61 remove_diacritics 2"

BOTH_ENGINES = True


def test_every_term_stays_within_the_budget() -> None:
    """Below the budget the question is ranked whole, in its own order."""
    assert terms_worth_ranking({"tram": 40, "harbour": 3, "cost": 900}, budget=5000) == ["tram", "harbour", "cost"]
    assert not over_budget({"tram": 40, "harbour": 3}, ["tram", "harbour"], budget=5000)


def test_the_commonest_terms_go_first() -> None:
    """Rarest first until the budget is spent; a term matching nothing is left out."""
    matches = {"council": 5001, "harbour": 3, "said": 4000, "tram": 900, "zzz": 0}
    assert terms_worth_ranking(matches, budget=4000) == ["harbour", "tram"]
    assert terms_worth_ranking(matches, budget=4903) == ["harbour", "said", "tram"]
    assert terms_worth_ranking(matches, budget=5000) == ["harbour", "said", "tram"]


def test_when_every_term_is_over_the_budget_all_are_kept() -> None:
    """None is known to be rarer: all stay and the engine bounds the search another way."""
    matches = {"council": 5001, "said": 5001, "zzz": 0}
    kept = terms_worth_ranking(matches, budget=5000)
    assert kept == ["council", "said"]
    assert over_budget(matches, kept, budget=5000)
    assert terms_worth_ranking({"zzz": 0}) == []
    assert RANKING_BUDGET > 1000, "a small library is never cut"


@pytest.fixture()
def fts() -> Iterator[sqlite3.Connection]:
    """The store's full-text table: "common" in 30 rows, "middling" in 4, "rare" in 2."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE chunks_fts USING fts5(text, title, tokenize = '{TOKENIZER}')")
    rows = [f"common words number {i}" for i in range(1, 31)]
    rows[2] += " rare lens"
    rows[20] += " rare"
    for i in (5, 6, 7, 8):
        rows[i] += " middling"
    db.executemany("INSERT INTO chunks_fts (rowid, text, title) VALUES (?, ?, '')",
                   list(enumerate(rows, start=1)))
    yield db
    db.close()


def _ranked(db: sqlite3.Connection, question: str, budget: int) -> list[int]:
    match = bounded_match(db, question, budget)
    if match is None:
        return []
    return [r[0] for r in db.execute("SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? AND rowid >= ? "
                                     "ORDER BY bm25(chunks_fts), rowid", (match.expression, match.from_rowid))]


def test_a_small_library_is_matched_whole(fts: sqlite3.Connection) -> None:
    """Under the budget every word that matches something is kept, over every chunk: the
    ranking is the full question's (a word no chunk holds adds nothing to bm25)."""
    question = "What did the common word say about rare lens?"
    match = bounded_match(fts, question, budget=100)
    assert match is not None
    assert (match.expression, match.from_rowid) == ('"common" OR "word" OR "rare" OR "lens"', 0)
    full = [r[0] for r in fts.execute("SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? "
                                      "ORDER BY bm25(chunks_fts), rowid", (fts_query(question),))]
    assert _ranked(fts, question, budget=100) == full
    assert len(full) == 30


def test_common_words_are_left_out_over_the_budget(fts: sqlite3.Connection) -> None:
    """With a budget of 10 chunks, "common" (30 chunks) is not ranked; "rare" and "middling" are."""
    match = bounded_match(fts, "common middling rare unheard", budget=10)
    assert match is not None and match.from_rowid == 0
    assert match.expression == '"middling" OR "rare"'
    assert set(_ranked(fts, "common middling rare", budget=10)) == {3, 6, 7, 8, 9, 21}
    assert set(_ranked(fts, "common rare", budget=10)) == {3, 21}


def test_only_common_words_rank_the_newest_chunks(fts: sqlite3.Connection) -> None:
    """A question of nothing but common words ranks the newest `budget` chunks that hold one."""
    match = bounded_match(fts, "common words", budget=10)
    assert match is not None
    assert match.expression == '"common" OR "words"'
    assert match.from_rowid == 21
    assert sorted(_ranked(fts, "common words", budget=10)) == list(range(21, 31))


def test_phrases_keep_the_question_whole(fts: sqlite3.Connection) -> None:
    """A quoted phrase bounds the matches itself: nothing is left out."""
    match = bounded_match(fts, '"rare lens" common', budget=1)
    assert match is not None
    assert (match.expression, match.from_rowid) == ('"rare lens" AND ("common")', 0)
    assert _ranked(fts, '"rare lens" common', budget=1) == [3]


def test_nothing_to_match(fts: sqlite3.Connection) -> None:
    """Blank text, or words no chunk holds, give no expression at all."""
    assert bounded_match(fts, "", budget=10) is None
    assert bounded_match(fts, "?! the", budget=10) is None
    assert bounded_match(fts, "unheard of", budget=10) is None


@settings(max_examples=150, deadline=None)
@given(question=st.one_of(st.text(max_size=120), st.lists(st.sampled_from(
    ['"AND (', "NEAR(", "-*?", "common", "rare", "middling", "OR", "'; DROP", '"', "\x00", "é"]), max_size=8)
    .map(" ".join)))
def test_bounded_match_is_always_valid_fts5(question: str) -> None:
    """Whatever the text, the probes and the expression parse in FTS5 (or nothing is left)."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE chunks_fts USING fts5(text, title, tokenize = '{TOKENIZER}')")
    db.executemany("INSERT INTO chunks_fts (rowid, text, title) VALUES (?, ?, '')",
                   [(i, f"common {'rare' if i % 7 == 0 else 'middling'} OR NEAR and") for i in range(1, 21)])
    match = bounded_match(db, question, budget=5)
    if match is not None:
        db.execute("SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? AND rowid >= ?",
                   (match.expression, match.from_rowid)).fetchall()
    db.close()


def test_the_store_ranks_within_the_budget(engine: str, make_backend: Callable[[], Backend | None],
                                           tmp_path: Path) -> None:
    """On either engine: the common word is left out and the rare one still finds its
    chunk; a common-only question ranks the newest chunks, or in a date window, the window's."""
    backend = make_backend()
    store = backend.open("budget", "fake", 384) if backend else ArticleStore(tmp_path / "c", "fake", 384)
    store.ranking_budget = 6  # type: ignore[attr-defined]
    rng = np.random.default_rng(0)
    for a in range(4):
        texts = [f"council meeting minutes part {i}" + (" lighthouse" if (a, i) == (1, 2) else "") for i in range(5)]
        chunks = [Chunk(i, 0, len(t), t) for i, t in enumerate(texts)]
        article = StoredArticle(f"Minutes {a}", "pasted", None, None, f"2026-0{a + 1}-01", None, " ".join(texts),
                                f"hash-{a}")
        vectors = rng.normal(size=(5, 384)).astype(np.float32)
        store.write_article(article, chunks, vectors / np.linalg.norm(vectors, axis=1, keepdims=True))
    lighthouse = {cid for cid, _, _ in store.keyword("council lighthouse", 20)}
    assert len(lighthouse) == 1
    assert store.keyword_rank("council lighthouse", 20, DateWindow("2026-02-01", "2026-03-01")).keys() == lighthouse
    newest = store.keyword_rank("council minutes", 50)
    assert sorted(newest) == list(range(15, 21)), "the newest six chunks of twenty"
    january = store.keyword_rank("council minutes", 50, DateWindow("2026-01-01", "2026-02-01"))
    assert sorted(january) == list(range(1, 6)), "in a window the window picks the chunks, not their age"
    assert len(store.keyword_rank('"council meeting" minutes', 50)) == 20, "a phrase keeps the question whole"
    store.close()
    if backend:
        backend.close()
