"""Turning questions into FTS5 MATCH expressions, and searching with hostile text.

`fts_query` is checked by example and against a real FTS5 table; then arbitrary
text (operators, quotes, SQL, unicode, nothing at all) is thrown at a real
collection's three search modes, which must return a list and never raise.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.collection import Collection
from index.embedding import MiniLMEmbedder
from index.library import KnowledgeBase
from index.records import SEARCH_MODES, SearchMode, SearchResult
from index.search.query import STOPWORDS, query_terms
from index.store.base import Backend
from index.store.fts5 import fts_query
from index.sources import Document
from tests.fakes import HashEmbedder

pytestmark = pytest.mark.usefixtures("one_torch_thread")
BOTH_ENGINES = True

HOSTILE = [
    '"AND (', "-*?", "NEAR(", "NEAR(tram harbour, 2)", "'; DROP TABLE chunks; --", "", "   ", '"', '""', '"""',
    "tram AND", "OR OR OR", "NOT lighthouse", "title:tram", "{text title}: tram", "tram*", "^tram", "-tram",
    "(tram", "tram)", "((()))", "\\", "%", "_", "\x00", "\x00tram", "😀 tram 🚋", "中文 电车", "ﬁ ² ½",
    "lighthouse's", "7.5", "1=1 OR 1=1", "\"; DELETE FROM articles; --", "tram\" OR \"1\"=\"1",
    "a" * 3000, " ".join(f"w{i}" for i in range(1500)), "\udcff tram",
]


@pytest.mark.parametrize(("question", "expected"), [
    ("tram line cost", '"tram" OR "line" OR "cost"'),
    ('what did the "Fresnel lens" cost', '"Fresnel lens" AND ("cost")'),
    ('"Fresnel lens" "Skerry Point"', '"Fresnel lens" AND "Skerry Point"'),
    ('"Fresnel lens" the', '"Fresnel lens" AND ("the")'),
    ("what is the", '"what" OR "is" OR "the"'),
    ("Who keeps the lighthouse's lens?", '"keeps" OR "lighthouse" OR "lens"'),
    ("How many stops in 2026 and 7 days", '"stops" OR "2026" OR "7" OR "days"'),
    ("Tram TRAM tram", '"tram"'),
    ('"U.S. Army" base', '"U S Army" AND ("base")'),
    ("NEAR(tram harbour)", '"near" OR "tram" OR "harbour"'),
    ('"AND (', '"and"'),
    ("'; DROP TABLE chunks; --", '"drop" OR "table" OR "chunks"'),
    ("s", '"s"'),
    ("café naïve", '"café" OR "naïve"'),
])
def test_fts_query_examples(question: str, expected: str) -> None:
    """Quoted phrases are required, other words OR-ed, stopwords and the possessive s dropped, digits kept."""
    assert fts_query(question) == expected


@pytest.mark.parametrize("question", ["", "   ", "?!", '""', '" "', "-*?", "()", "'''", "\x00"])
def test_fts_query_is_none_when_nothing_is_searchable(question: str) -> None:
    """Nothing left to search gives None, not an empty or broken expression."""
    assert fts_query(question) is None


def test_query_terms() -> None:
    """Lower-cased meaningful words in order without repeats; all stopwords are kept only when alone."""
    assert query_terms("When did the Tram open? The tram!") == ["tram", "open"]
    assert query_terms("who was it") == ["who", "was", "it"]
    assert query_terms("Port Alder's 19 stops") == ["port", "alder", "19", "stops"]
    assert {"the", "what", "how"} <= STOPWORDS


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    """An FTS5 table with the store's tokenizer and a few rows."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2')")
    rows = ["The Fresnel lens turns again", "a lens made by Fresnel", "Fresnel", "the harbour tram",
            "AND OR NOT NEAR are words here", "café naïve"]
    db.executemany("INSERT INTO t (rowid, text) VALUES (?, ?)", list(enumerate(rows, start=1)))
    yield db
    db.close()


def _match(db: sqlite3.Connection, question: str) -> set[int]:
    expression = fts_query(question)
    return set() if expression is None else {r[0] for r in db.execute("SELECT rowid FROM t WHERE t MATCH ?",
                                                                        (expression,))}


def test_phrases_are_required_and_words_are_or_ed(fts: sqlite3.Connection) -> None:
    """Against real FTS5: a phrase matches only its exact sequence; loose words match any row holding one."""
    assert _match(fts, '"Fresnel lens"') == {1}
    assert _match(fts, "Fresnel lens") == {1, 2, 3}
    assert _match(fts, '"Fresnel lens" tram') == set()
    assert _match(fts, "harbour lens") == {1, 2, 4}
    assert _match(fts, "AND OR NOT") == {5}, "operators are searched as plain words"
    assert _match(fts, "cafe naive") == {6}, "diacritics are folded"


@settings(max_examples=300, deadline=None)
@given(question=st.one_of(st.text(max_size=200),
                          st.lists(st.sampled_from(HOSTILE[:-1] + ["tram", "lens"]), max_size=8).map(" ".join)))
def test_fts_query_is_always_valid_fts5(fts: sqlite3.Connection, question: str) -> None:
    """Whatever the text, the expression parses in FTS5 (or is None)."""
    expression = fts_query(question)
    if expression is not None:
        assert expression.strip()
        fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()


# -- hostile text against real collections ------------------------------------------------------------------

@pytest.fixture(scope="module")
def fake_collection(tmp_path_factory: pytest.TempPathFactory, fixture_docs: list[Document],
                    make_backend: Callable[[], Backend | None]) -> Iterator[Collection]:
    """A real collection (SQLite + FTS5 + FAISS, or PostgreSQL) embedded with the fast fake model."""
    kb = KnowledgeBase(tmp_path_factory.mktemp("fuzz"), HashEmbedder(dimension=384), backend=make_backend())
    collection = kb.collection("fuzz")
    extra = Document(text="AND OR NOT NEAR: words FTS5 treats as operators.\n\nDROP TABLE chunks; -- said nobody.",
                     title="Operators", source="pasted")
    collection.add_many([*fixture_docs, extra])
    yield collection
    kb.close()


def _check(collection: Collection, question: str, mode: SearchMode, k: int) -> list[SearchResult]:
    results = collection.search(question, mode, k)
    assert isinstance(results, list)
    assert len(results) <= max(k, 0)
    for r in results:
        assert isinstance(r, SearchResult)
        assert collection.article(r.article_id).text[r.start:r.end] == r.text
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    return results


queries = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(HOSTILE[:-1] + ["tram", "lighthouse", "bakery", '"Fresnel lens"']), max_size=10)
    .map(" ".join),
    st.text(alphabet=st.sampled_from(list('"()*-^:+{}NEAR AND OR NOT\'; %_\\') + ["\x00", "é", "🚋"]), max_size=80),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=queries, mode=st.sampled_from(SEARCH_MODES), k=st.integers(-1, 12))
def test_fuzzed_questions_never_raise(fake_collection: Collection, question: str, mode: SearchMode, k: int) -> None:
    """Keyword, vector and hybrid search return a list (maybe empty) for any text."""
    _check(fake_collection, question, mode, k)


def test_operators_are_matched_as_words(fake_collection: Collection) -> None:
    """Words FTS5 treats as operators find the article that holds them, in keyword mode."""
    results = _check(fake_collection, "NEAR AND NOT", "keyword", 3)
    assert results and results[0].title == "Operators"
    sql = _check(fake_collection, "'; DROP TABLE chunks; --", "keyword", 3)
    assert sql and sql[0].title == "Operators"
    assert fake_collection.stats().chunks > 0, "nothing was dropped"


@pytest.fixture(scope="module")
def real_collection(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder,
                    fixture_docs: list[Document], make_backend: Callable[[], Backend | None]) -> Iterator[Collection]:
    """The fixture articles embedded with the real model."""
    kb = KnowledgeBase(tmp_path_factory.mktemp("hostile"), embedder, backend=make_backend())
    collection = kb.collection("hostile")
    collection.add_many(fixture_docs)
    yield collection
    kb.close()


@pytest.mark.parametrize("question", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_questions_with_the_fake_model(fake_collection: Collection, question: str) -> None:
    """Every fixed hostile question in every mode: a list, never an exception; blank finds nothing."""
    for mode in SEARCH_MODES:
        results = _check(fake_collection, question, mode, 5)
        if question.strip() == "":
            assert results == []
    assert fake_collection.stats().articles == 5


REAL_HOSTILE = ['"AND (', "-*?", "NEAR(", "'; DROP TABLE chunks; --", "", "\x00 tram", "😀 中文 ﬁ", "\udcff tram"]


@pytest.mark.parametrize("question", REAL_HOSTILE, ids=range(len(REAL_HOSTILE)))
def test_hostile_questions_with_the_real_model(real_collection: Collection, question: str) -> None:
    """A handful of hostile questions in every mode with all-MiniLM-L6-v2: a list, never an exception."""
    for mode in SEARCH_MODES:
        _check(real_collection, question, mode, 5)
    assert real_collection.stats().articles == 4


def test_hostile_words_still_find_their_article(real_collection: Collection) -> None:
    """Operators and punctuation around a real word do not stop it matching."""
    for question in ['"AND ( tram', "NEAR(lighthouse", "-*? chess", "bakery'; DROP TABLE chunks; --"]:
        titles = {r.title for r in _check(real_collection, question, "keyword", 5)}
        assert titles, question
    top = _check(real_collection, "NEAR(lighthouse", "hybrid", 1)[0]
    assert "lighthouse" in top.title.lower()
