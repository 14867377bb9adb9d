"""Abstaining when the library does not hold the answer: end to end with the real
model over the fixture articles, and the policy itself on synthetic evidence."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.answering import AbstentionPolicy, AnswerService
from bot.answering.abstention import NOT_FOUND, abstention, evidence, nearest_sources, should_abstain
from bot.answering.evidence import Sentence, stems
from bot.answering.extractive import ScoredSentence
from bot.text_format import format_answer
from index.embedding import MiniLMEmbedder
from index.records import SearchResult
from index.sources import Document
from tests.answer_checks import COLLECTION, ask_checked, build_library

pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder,
            fixture_docs: list[Document]) -> Iterator[AnswerService]:
    kb = build_library(tmp_path_factory.mktemp("abstention"), embedder, fixture_docs)
    yield AnswerService(kb)
    kb.close()


OUTSIDE = [
    "What is the boiling point of mercury?",
    "Who won the 1998 World Cup?",
    "What is the capital of Australia?",
    "How tall is Mount Everest?",
    "What is photosynthesis?",
    "Who wrote Pride and Prejudice?",
    "What is the speed of light in a vacuum?",
]


@pytest.mark.parametrize("question", OUTSIDE)
def test_questions_outside_the_library_abstain(service: AnswerService, question: str) -> None:
    answer = ask_checked(service, question)
    assert answer.abstained and answer.citations == ()
    assert answer.text == NOT_FOUND + " The nearest sources are listed below."
    assert answer.notice is None and answer.answerer == "extractive"
    # The nearest sources: one passage per article, at most three, all retrieved for the question.
    retrieved = service.retrieve(COLLECTION, question)
    assert 1 <= len(answer.sources) <= 3
    assert len({s.article_id for s in answer.sources}) == len(answer.sources)
    assert all(s in retrieved for s in answer.sources)
    data = answer.to_json()
    assert data["abstained"] is True and data["citations"] == []
    assert [n["article_id"] for n in data["nearest"]] == [s.article_id for s in answer.sources]
    shown = format_answer(answer)
    assert "Nearest sources:" in shown and "Sources:" not in shown.replace("Nearest sources:", "")
    assert all(s.title in shown for s in answer.sources)


@pytest.mark.parametrize("question", [
    "Who declined to join the bakery cooperative?",
    "How many steps does the lighthouse staircase have?",
    "Who won the Northfield Open?",
    "How much did the tram construction cost?",
])
def test_answerable_questions_do_not_abstain(service: AnswerService, question: str) -> None:
    answer = ask_checked(service, question)
    assert not answer.abstained and answer.citations and answer.sources == ()
    assert "nearest" not in answer.to_json()


def test_an_empty_collection_abstains_and_says_it_is_empty(service: AnswerService) -> None:
    empty = service.kb.collection("empty")
    assert empty.stats().articles == 0
    for question in ["Who won the Northfield Open?", "What is the capital of Australia?", ""]:
        answer = ask_checked(service, question, "empty")
        assert answer.abstained and answer.citations == () and answer.sources == ()
        assert answer.text == NOT_FOUND + " The library has no articles yet."


def test_a_blank_question_does_not_call_a_full_library_empty(service: AnswerService) -> None:
    answer = ask_checked(service, "   ")
    assert answer.abstained and answer.sources == ()
    assert answer.text == NOT_FOUND


# --- the policy on synthetic evidence ---------------------------------------------------

def passage(article_id: int = 1, similarity: float | None = 0.5, chunk_id: int | None = None) -> SearchResult:
    text = "The ferry crossing takes four hours."
    return SearchResult(article_id=article_id, title=f"Article {article_id}", chunk_id=chunk_id or article_id * 10,
                        text=text, start=0, end=len(text), score=1.0, similarity=similarity)


def scored(p: SearchResult, coverage: float = 0.0, cosine: float = 0.0) -> ScoredSentence:
    sentence = Sentence(p, 0, p.start, p.end, p.text, frozenset(stems(p.text)))
    return ScoredSentence(sentence, score=coverage + cosine, coverage=coverage, cosine=cosine)


POLICY = AbstentionPolicy()


def test_no_evidence_abstains() -> None:
    p = passage()
    assert should_abstain([], [])
    assert should_abstain([p], [])  # passages, but no usable sentence
    assert should_abstain([], [scored(p, 1.0, 1.0)])


def test_a_sentence_close_in_meaning_answers_on_its_own() -> None:
    weak = passage(similarity=0.0)
    assert not should_abstain([weak], [scored(weak, coverage=0.0, cosine=POLICY.min_sentence_cosine)])
    assert should_abstain([weak], [scored(weak, coverage=0.0, cosine=POLICY.min_sentence_cosine - 0.01)])


def test_term_overlap_answers_only_in_a_related_passage() -> None:
    related = passage(similarity=POLICY.min_passage_cosine)
    unrelated = passage(similarity=POLICY.min_passage_cosine - 0.01)
    assert not should_abstain([related], [scored(related, coverage=POLICY.min_overlap)])
    assert should_abstain([related], [scored(related, coverage=POLICY.min_overlap - 0.01)])
    assert should_abstain([unrelated], [scored(unrelated, coverage=1.0)])
    # A keyword-only passage has no similarity: it counts as unrelated.
    keyword_only = passage(similarity=None)
    assert should_abstain([keyword_only], [scored(keyword_only, coverage=1.0)])


def test_the_best_of_each_kind_of_evidence_counts() -> None:
    a, b = passage(1, similarity=0.05), passage(2, similarity=0.3)
    sentences = [scored(a, coverage=0.9, cosine=0.1), scored(b, coverage=0.2, cosine=0.2)]
    assert evidence([a, b], sentences) == (0.3, 0.9, 0.2)
    # High overlap in one sentence, related passage elsewhere: the evidence is pooled.
    assert not should_abstain([a, b], sentences)
    assert evidence([], []) == (0.0, 0.0, 0.0)


def test_a_stricter_policy_abstains_where_the_default_answers() -> None:
    p = passage(similarity=0.5)
    sentences = [scored(p, coverage=0.6, cosine=0.5)]
    assert not should_abstain([p], sentences)
    strict = AbstentionPolicy(min_sentence_cosine=0.9, min_overlap=0.9, min_passage_cosine=0.9)
    assert should_abstain([p], sentences, strict)


def test_nearest_sources_are_the_best_passage_of_each_article() -> None:
    passages = [passage(3, chunk_id=31), passage(3, chunk_id=32), passage(1, chunk_id=11),
                passage(2, chunk_id=21), passage(1, chunk_id=12), passage(4, chunk_id=41)]
    assert [p.chunk_id for p in nearest_sources(passages)] == [31, 11, 21]
    assert [p.chunk_id for p in nearest_sources(passages, limit=10)] == [31, 11, 21, 41]
    assert nearest_sources([]) == ()


def test_the_abstention_answer() -> None:
    passages = [passage(1), passage(2)]
    answer = abstention("Why?", passages, notice="heads up")
    assert answer.abstained and answer.citations == () and answer.notice == "heads up"
    assert answer.text == NOT_FOUND + " The nearest sources are listed below."
    assert answer.sources == tuple(passages)
    assert abstention("Why?", []).text == NOT_FOUND + " The library has no articles yet."
    assert abstention("Why?", [], library_empty=False).text == NOT_FOUND
    assert abstention("Why?", [], "Nothing here.").text == "Nothing here. The library has no articles yet."
