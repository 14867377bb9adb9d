"""Two servers' libraries on one engine share nothing, whatever is typed or asked of the store:
hostile questions in every mode, ids that belong to the other library, its feeds and feedback.
On PostgreSQL both live in the same tables, so every query must name its collection."""
from __future__ import annotations

import pytest

from index.collection import Collection
from index.library import KnowledgeBase
from index.records import SEARCH_MODES
from index.sources import Document
from tests.test_index_query import HOSTILE

pytestmark = pytest.mark.usefixtures("one_torch_thread")
BOTH_ENGINES = True

OWN = {"alpha": ("tram", "bakers"), "beta": ("lighthouse", "chess")}
# Each library's own words, asked of the other one too.
WORDS = ["tram line cost", "bakery sourdough", "lighthouse keeper lens", "chess tournament winner",
         '"Fresnel lens"', "tram OR lighthouse", "'; SELECT * FROM chunks; --"]


def libraries(kb: KnowledgeBase, docs: list[Document]) -> dict[str, Collection]:
    """alpha holds the tram and bakery articles, beta the lighthouse and chess ones."""
    made = {}
    for name, words in OWN.items():
        made[name] = kb.collection(name)
        made[name].add_many([d for d in docs if any(w in d.title.lower() for w in words)])
        assert made[name].stats().articles == 2
    return made


def texts(library: Collection) -> dict[int, str]:
    """Each article's id and full text."""
    return {info.id: library.article(info.id).text for info in library.articles()}


def assert_own(library: Collection, own: dict[int, str], article_id: int, text: str) -> None:
    """The hit is a passage of one of the library's own articles."""
    assert article_id in own and text in own[article_id], (library.name, article_id, text[:60])


def test_hostile_questions_never_reach_another_library(kb: KnowledgeBase, fixture_docs: list[Document]) -> None:
    made = libraries(kb, fixture_docs)
    for name, library in made.items():
        own = texts(library)
        for question in [*HOSTILE, *WORDS]:
            for mode in SEARCH_MODES:
                for hit in library.search(question, mode, 10):
                    assert_own(library, own, hit.article_id, hit.text)
                    assert any(w in hit.title.lower() for w in OWN[name]), (name, question, mode, hit.title)
    assert {n: c.stats().articles for n, c in made.items()} == {"alpha": 2, "beta": 2}


def test_the_other_librarys_ids_reach_nothing_of_it(kb: KnowledgeBase, fixture_docs: list[Document]) -> None:
    made = libraries(kb, fixture_docs)
    alpha, beta = made["alpha"], made["beta"]
    own = texts(alpha)
    beta_chunks = [h.chunk_id for h in beta.search("lighthouse chess", "vector", 100)]
    assert beta_chunks
    # Asked for beta's chunk ids, alpha's store answers with nothing of beta's (on SQLite an id
    # may also number one of alpha's own chunks: that one is alpha's).
    for row in alpha.store.chunk_rows(beta_chunks).values():
        assert_own(alpha, own, row.article_id, row.text)
    beta.store.add_feedback(("q", "beta's answer", "[]", 1, "u"))
    assert alpha.store.feedback() == []

    feed, _ = beta.store.add_feed("https://example.org/beta.xml", "Beta news", None, "2026-12-01T08:00:00+00:00")
    beta.store.put_feed_entry(feed.id, "entry-1", "fp", None, "2026-12-01T08:00:00+00:00")
    assert alpha.store.get_feed(feed.id) is None and alpha.store.feeds() == []
    assert alpha.store.feed_entry(feed.id, "entry-1") is None and alpha.store.feed_entries(feed.id) == []
    alpha.store.put_feed_entry(feed.id, "entry-2", "fp", None, "2026-12-01T09:00:00+00:00")  # not alpha's feed
    assert beta.store.feed_entry(feed.id, "entry-2") is None
    assert not alpha.store.remove_feed(feed.id) and beta.store.get_feed(feed.id) == feed
    assert [e[0] for e in beta.store.feed_entries(feed.id)] == ["entry-1"]

    beta_before = (texts(beta), beta.search("lighthouse keeper", "hybrid", 3))
    for article_id in list(beta_before[0]):
        alpha.store.delete_article(article_id)  # the same number may be one of alpha's: only that goes
    assert (texts(beta), beta.search("lighthouse keeper", "hybrid", 3)) == beta_before
