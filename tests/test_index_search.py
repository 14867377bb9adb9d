"""Search quality and result shape, with the real model over our four fixture articles.

Each question below has one chunk that answers it (found by a phrase only that
chunk holds); keyword, vector and hybrid search must each rank it first.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from index.collection import Collection, passage_text
from index.embedding import MiniLMEmbedder
from index.library import KnowledgeBase
from index.records import SEARCH_MODES, SearchMode, SearchResult
from index.sources import Document, load_path
from index.store.base import Backend

pytestmark = pytest.mark.usefixtures("one_torch_thread")
BOTH_ENGINES = True

QUESTIONS = [
    ("How much did the tram line cost to build?", "412 million euros"),
    ("How many cast-iron steps does the lighthouse staircase have?", "97 cast-iron steps"),
    ("How much will the bakers save on flour?", "18 percent"),
    ("How were sand and cement carried up to the lighthouse?", "donkeys"),
    ("How many passengers are expected each day?", "38,000 passengers"),
    ("What prize does the young champion receive?", "2,000 euros"),
    ("Where was the lens cleaned?", "Edinburgh"),
    ("When will the airport line open?", "2029"),
    ("How did the final game end?", "checkmate"),
    ("What will apprentices learn in the training kitchen?", "sourdough"),
    ("How much does a ticket cost for adults?", "six pounds"),
    ("pack animals hauled building materials up the cliff", "donkeys"),
]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder, fixture_docs: list[Document],
            make_backend: Callable[[], Backend | None]) -> Iterator[Collection]:
    """The four fixture articles in one collection, embedded with all-MiniLM-L6-v2."""
    kb = KnowledgeBase(tmp_path_factory.mktemp("search"), embedder, backend=make_backend())
    collection = kb.collection("articles")
    assert [r.status for r in collection.add_many(fixture_docs)] == ["added"] * 4
    yield collection
    kb.close()


def _check_shape(collection: Collection, results: list[SearchResult], k: int) -> None:
    """Typed records, best first, at most k, offsets into the article's text exact."""
    assert len(results) <= k
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    assert len({r.chunk_id for r in results}) == len(results), "no chunk twice"
    for r in results:
        assert dataclasses.is_dataclass(r) and isinstance(r, SearchResult)
        article = collection.article(r.article_id)
        assert article.text[r.start:r.end] == r.text
        assert r.title == article.info.title and r.url == article.info.url


@pytest.mark.parametrize("mode", SEARCH_MODES)
@pytest.mark.parametrize(("question", "answer"), QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_the_answering_chunk_comes_first(library: Collection, question: str, answer: str, mode: SearchMode) -> None:
    """Each mode ranks the chunk holding the answer first."""
    results = library.search(question, mode, 3)
    _check_shape(library, results, 3)
    assert results, "nothing found"
    assert answer in results[0].text, [r.text[:60] for r in results]


def test_a_quoted_phrase_is_required_in_keyword_search(library: Collection) -> None:
    """Only chunks holding the exact phrase come back, whatever else the query says."""
    results = library.search('"red and white"', "keyword", 10)
    assert results and all("red and white" in r.text for r in results)
    # Both words occur, but never side by side.
    assert "lighthouse" in library.article(results[0].article_id).text.lower()
    assert library.search('"lighthouse museum"', "keyword", 10) == []
    both = library.search('"Fresnel lens" Paris donkeys', "keyword", 10)
    assert both and all("Fresnel lens" in r.text for r in both)
    assert library.search('"cast-iron steps"', "keyword", 10)[0].text.count("cast-iron steps") == 1


def test_a_quoted_phrase_is_required_in_hybrid_search(library: Collection) -> None:
    """In hybrid search too, only chunks holding the exact phrase qualify."""
    results = library.search('"Fresnel lens" how was it cleaned', "hybrid", 5)
    assert results and all("Fresnel lens" in r.text for r in results)
    assert library.search('"lighthouse museum" restoration', "hybrid", 5) == []


def test_keyword_results_carry_highlighted_snippets(library: Collection) -> None:
    """Each keyword hit has a snippet with the matched words in **bold**, cut from its own text."""
    results = library.search("passengers cement staircase", "keyword", 5)
    assert len(results) == 3
    for r in results:
        assert r.snippet and "**" in r.snippet
        marked = r.snippet.split("**")[1::2]
        assert marked and all(word.lower() in ("passengers", "cement", "staircase") for word in marked)
        assert r.snippet.replace("**", "").strip("…") in r.text
        assert r.bm25 == r.score and r.similarity is None
    # A chunk matched through its article's title alone still shows an excerpt of its own text.
    title_only = [r for r in library.search("tram", "keyword", 10) if "tram" not in r.text.lower()]
    assert title_only and all(r.snippet and r.snippet.strip("…") in r.text for r in title_only)


def test_vector_scores_are_cosines_of_the_stored_passages(library: Collection, embedder: MiniLMEmbedder) -> None:
    """A vector hit's score is the cosine between the query and its title-prefixed chunk."""
    question = "How much did the tram line cost to build?"
    results = library.search(question, "vector", 4)
    query = embedder.embed([question])[0]
    for r in results:
        passage = embedder.embed([passage_text(r.title, r.text)])[0]
        assert r.score == pytest.approx(float(np.dot(query, passage)), abs=1e-4)
        assert r.similarity == r.score and r.snippet is None
        assert -1.0 <= r.score <= 1.0


def test_hybrid_results_keep_their_evidence(library: Collection) -> None:
    """Hybrid hits carry the cosine and, when the keywords matched, the bm25 they were ranked on."""
    results = library.search("How much did the tram line cost to build?", "hybrid", 5)
    assert results
    assert all(r.similarity is not None and r.snippet is None for r in results)
    assert results[0].bm25 is not None and results[0].bm25 > 0


@pytest.mark.parametrize("mode", SEARCH_MODES)
def test_k_is_respected(library: Collection, mode: SearchMode) -> None:
    """At most k results; k <= 0 gives none; a large k gives each matching chunk once."""
    question = "tram lighthouse chess bakery"
    for k in (1, 2, 5):
        results = library.search(question, mode, k)
        _check_shape(library, results, k)
        assert len(results) == k
    assert library.search(question, mode, 0) == [] and library.search(question, mode, -3) == []
    everything = library.search(question, mode, 1000)
    _check_shape(library, everything, 1000)
    assert len(everything) <= library.stats().chunks
    if mode == "vector":
        assert len(everything) == library.stats().chunks


def test_search_is_deterministic(library: Collection) -> None:
    """The same question gives the same results twice."""
    for mode in SEARCH_MODES:
        assert library.search("Who won the chess tournament?", mode, 5) == \
            library.search("Who won the chess tournament?", mode, 5)


def test_results_carry_the_article_url(library: Collection) -> None:
    """A chunk of the HTML article carries its canonical URL; JSON output includes it only when known."""
    hit = library.search("Skerry Point lighthouse restoration volunteers", "hybrid", 1)[0]
    assert hit.url == "https://news.example.org/2026/05/skerry-point-lighthouse"
    assert hit.to_json()["url"] == hit.url and "snippet" not in hit.to_json()
    tram = library.search("tram", "keyword", 1)[0]
    assert "url" not in tram.to_json() and "**" in str(tram.to_json()["snippet"])
    assert set(tram.to_json()) == {"article_id", "title", "chunk_id", "text", "start", "end", "score", "snippet"}


def test_the_seed_article_is_searchable(kb: KnowledgeBase, seed_article: Path) -> None:
    """The shared sample article (a CNN story on Syria) is found by a question about it in every mode."""
    collection = kb.collection("seed")
    added = collection.add(load_path(seed_article))
    assert added.status == "added" and added.chunks > 0
    for mode in SEARCH_MODES:
        results = collection.search("Who would the US work with on no-fly zones in Syria?", mode, 3)
        _check_shape(collection, results, 3)
        assert results and results[0].article_id == added.article_id
        assert "no-fly" in " ".join(r.text for r in results)
