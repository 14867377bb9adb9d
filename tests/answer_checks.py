"""Shared helpers for the answering tests: a library of the fixture articles, built
once per module with the real model, and the invariants every answer must keep."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bot.answering import Answer, AnswerService, check_citations
from bot.answering.abstention import NOT_FOUND
from index.embedding import MiniLMEmbedder
from index.library import KnowledgeBase
from index.records import SearchResult
from index.sources import Document

COLLECTION = "news"

# Titles of the fixture articles, to check which article an answer cites.
TRAM = "Harbour city opens its first tram line in forty years"
BAKERY = "Bakers in Lindenfeld form a cooperative to buy flour together"
LIGHTHOUSE = "Volunteers restore Skerry Point lighthouse"
CHESS = "Teenager wins the Northfield open chess tournament"


def build_library(folder: Path, embedder: MiniLMEmbedder, docs: Iterable[Document]) -> KnowledgeBase:
    """A knowledge base in `folder` whose COLLECTION holds `docs`."""
    kb = KnowledgeBase(folder, embedder)
    results = kb.collection(COLLECTION).add_many(list(docs))
    assert all(r.status == "added" for r in results), results
    return kb


def assert_valid(answer: Answer, kb: KnowledgeBase, passages: list[SearchResult],
                 collection: str = COLLECTION) -> None:
    """Every invariant of an answer, given the passages retrieved for it.

    Markers are 1..N in order of first appearance with exactly one citation each,
    every citation is used and points at a retrieved chunk, every quote is the
    article's text at its offsets and lies inside the cited chunk, no sentence is
    quoted twice, and an abstention carries no citations.
    """
    check_citations(answer, {p.chunk_id for p in passages})
    by_chunk = {p.chunk_id: p for p in passages}
    library = kb.collection(collection)
    for c in answer.citations:
        article = library.article(c.article_id)
        assert c.quote.strip() == c.quote and c.quote, c
        assert article.text[c.start:c.end] == c.quote, c
        assert (c.title, c.url) == (article.info.title, article.info.url)
        chunk = by_chunk[c.chunk_id]
        assert chunk.article_id == c.article_id
        assert chunk.start <= c.start < c.end <= chunk.end, (c, chunk.start, chunk.end)
        assert chunk.text[c.start - chunk.start:c.end - chunk.start] == c.quote
    spans = [(c.article_id, c.start, c.end) for c in answer.citations]
    assert len(spans) == len(set(spans)), f"a sentence is quoted twice: {spans}"
    if answer.abstained:
        assert not answer.citations
        assert (answer.text.startswith(NOT_FOUND) or answer.answerer == "llm"
                or answer.text.startswith(("Questions are understood in English", "“"))), answer.text
    else:
        assert answer.citations, answer


def ask_checked(service: AnswerService, question: str, collection: str = COLLECTION) -> Answer:
    """Ask a question without a conversation and check every invariant of the answer."""
    answer = service.ask(collection, question)
    assert_valid(answer, service.kb, list(service.prepare(collection, question).passages), collection)
    return answer
