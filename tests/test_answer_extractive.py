"""The extractive answerer with the real model, over our four fixture articles.

Each answer quotes article sentences verbatim, cites each once with a marker
1..N, and cites only passages that were retrieved for the question.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.answering import AnswerService
from bot.answering.citation_markers import markers_in
from index.chunking import ChunkingPolicy
from index.embedding import MiniLMEmbedder
from index.library import KnowledgeBase
from index.sources import Document, from_text
from tests.answer_checks import BAKERY, CHESS, COLLECTION, LIGHTHOUSE, TRAM, ask_checked, build_library

pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder,
            fixture_docs: list[Document]) -> Iterator[AnswerService]:
    kb = build_library(tmp_path_factory.mktemp("extractive"), embedder, fixture_docs)
    yield AnswerService(kb)
    kb.close()


FACTS = [
    # (question, article it must cite first, what the first quote must hold)
    ("How long is the tram line in kilometres?", TRAM, "11.4 kilometres"),
    ("How much did the tram construction cost?", TRAM, "412 million euros"),
    ("Who cut the ribbon at the tram opening?", TRAM, "Ines Calloway"),
    ("How many passengers a day does the transit authority expect?", TRAM, "38,000 passengers"),
    ("Who declined to join the bakery cooperative?", BAKERY, "Helga Strand"),
    ("How much will the bakers save on flour?", BAKERY, "18 percent"),
    ("How many steps does the lighthouse staircase have?", LIGHTHOUSE, "97 cast-iron steps"),
    ("When was the Skerry Point lighthouse built?", LIGHTHOUSE, "1871"),
    ("Where was the Fresnel lens cleaned?", LIGHTHOUSE, "Edinburgh"),
    ("How were sand and cement brought up to the lighthouse?", LIGHTHOUSE, "donkeys"),
    ("Who won the Northfield Open?", CHESS, "Amara Lindqvist"),
    ("How many points did Lindqvist score?", CHESS, "7.5 points"),
    pytest.param("How long is the new tram line?", TRAM, "11.4 kilometres", marks=pytest.mark.xfail(
        strict=True, reason="known ranking gap: 'The city of Port Alder opened its new tram line...' holds more "
                            "of the question's words (new, tram, line) and a number (1986), so it outranks the "
                            "sentence with the length; asking for kilometres finds it (first case)")),
]


@pytest.mark.parametrize(("question", "title", "fact"), FACTS)
def test_answers_hold_the_fact_and_quote_the_article(service: AnswerService, question: str, title: str,
                                                     fact: str) -> None:
    answer = ask_checked(service, question)
    assert not answer.abstained
    assert answer.answerer == "extractive" and answer.notice is None
    best = answer.citations[0]
    assert best.title == title
    assert fact in best.quote, answer.text
    assert fact in answer.text
    # Each quote stands in the text followed by its own marker, in order.
    assert answer.text == " ".join(f"{c.quote} [{c.n}]" for c in answer.citations)
    assert len(answer.citations) <= 2  # the answer, and at most one quote that adds to it


def test_json_shape_matches_the_answer(service: AnswerService) -> None:
    answer = ask_checked(service, "Where was the Fresnel lens cleaned?")
    data = answer.to_json()
    assert set(data) == {"answer", "citations", "abstained", "answerer"}
    assert data["answer"] == answer.text and data["abstained"] is False and data["answerer"] == "extractive"
    assert data["citations"] == [
        {"n": c.n, "article_id": c.article_id, "title": c.title, "url": c.url, "chunk_id": c.chunk_id,
         "quote": c.quote, "start": c.start, "end": c.end, "site": c.site, "date": c.date} for c in answer.citations]
    # The lighthouse page gave its canonical URL, its site and its date; citations carry them.
    assert answer.citations[0].url == "https://news.example.org/2026/05/skerry-point-lighthouse"
    assert (answer.citations[0].site, answer.citations[0].date) == ("news.example.org", "2026-05-19")


SWEEP = [
    # answerable, phrased many ways
    "tram", "Tram!", "lighthouse", "bakery cooperative flour", "Lindqvist Lindqvist Lindqvist",
    "1986", "9 percent", "Who won?", "Wrona said what about brick tunnels",
    "what happened in Lindenfeld", "HOW MANY STEPS DOES THE LIGHTHOUSE HAVE", "donkeys???",
    "lighthouse tram bakery chess",
    # gibberish, empty-ish and punctuation-only
    "", " ", "\n\t\n", "?", "???", "...", "!!!", "-", "asdkjh qwpoeiru zxcmvn", "xyzzy", "the the the", "Who?",
    "\x00", "🚋🚋🚋",
    # search syntax and injection attempts, searched as plain words
    '"quoted phrase"', "NEAR(tram line)", "tram AND bakery OR NOT chess", "tram*", "col:umn",
    "a' OR '1'='1", "[1] [2] citation markers [3]", "How long is it [7]?",
    # other languages and scripts
    "Wie lang ist die Straßenbahn?", "トラム", "Qui a gagné le tournoi d'échecs ?",
    # very long
    "a" * 3000,
    " ".join(["Tell me everything about the tram line, the bakery, the lighthouse and the chess open."] * 60),
    "What " + "really " * 400 + "happened to the Victorian sewer under Market Square?",
]


def test_invariants_hold_for_every_answer(service: AnswerService) -> None:
    answered = 0
    for question in SWEEP:
        answer = ask_checked(service, question)
        assert answer.question == question
        answered += not answer.abstained
    # The sweep is not all abstentions: the invariants were checked on real citations too.
    assert answered >= 10


def test_blank_and_stopword_only_questions_abstain(service: AnswerService) -> None:
    for question in ["", "   ", "?!", "the the the", "Who?", "What is it?"]:
        answer = ask_checked(service, question)
        assert answer.abstained, question
        # The library is not empty, and the answer must not say so.
        assert "no articles" not in answer.text


def test_answers_are_deterministic(service: AnswerService) -> None:
    question = "How many players took part in the chess tournament?"
    first = ask_checked(service, question)
    assert ask_checked(service, question) == first
    assert "146 players" in first.citations[0].quote


@pytest.fixture(scope="module")
def overlapping(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder) -> Iterator[AnswerService]:
    """One long paragraph in small chunks, so neighbouring chunks repeat a sentence."""
    sentences = [
        "The valley railway reopened in spring after a long closure.",
        "Engineers replaced the old wooden viaduct with a steel one.",
        "The steel viaduct spans the river Wend at a height of 42 metres.",
        "Its girders were made by a foundry in the northern hills.",
        "Painters gave the girders three coats of green paint.",
        "The first passenger train crossed the viaduct on a Tuesday.",
        "Local schools sent pupils to watch the opening ceremony.",
        "A brass band from the county town played on the platform.",
        "Tickets for the opening weekend sold out within an hour.",
        "The railway company plans a summer timetable with eight trains a day.",
    ]
    kb = KnowledgeBase(tmp_path_factory.mktemp("overlap"), embedder,
                       ChunkingPolicy(max_tokens=48, min_tokens=8, overlap_sentences=1))
    kb.collection(COLLECTION).add(from_text("Valley railway reopens\n\n" + " ".join(sentences), None))
    yield AnswerService(kb)
    kb.close()


def test_a_sentence_shared_by_overlapping_chunks_is_quoted_once(overlapping: AnswerService) -> None:
    question = "How high does the steel viaduct span the river Wend?"
    passages = overlapping.retrieve(COLLECTION, question)
    fact = "The steel viaduct spans the river Wend at a height of 42 metres."
    # Precondition: two retrieved chunks both hold the answer sentence.
    assert sum(fact in p.text for p in passages) >= 2, [p.text for p in passages]
    answer = ask_checked(overlapping, question, COLLECTION)
    assert not answer.abstained
    assert answer.citations[0].quote == fact
    assert answer.text.count(fact) == 1
    assert markers_in(answer.text) == list(range(1, len(answer.citations) + 1))
    # And so for every question about it.
    for q in ["Who made the girders?", "What colour are the girders?", "When did the first train cross?",
              "How many trains a day in summer?", "viaduct", "girders girders"]:
        ask_checked(overlapping, q, COLLECTION)


@pytest.fixture(scope="module")
def bridge(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder) -> Iterator[AnswerService]:
    doc = from_text("Harnford bridge reopens after repairs\n\n"
                    "The Kestrel Bridge over the River Sowe in Harnford reopened to traffic on Thursday, fourteen "
                    "months after inspectors found cracks in two of its steel hangers. The bridge was opened in "
                    "1932 and carried about 21,000 vehicles a day before it closed.\n\nThe repairs cost £8.7 "
                    "million, and the council says it will not raise the toll.", None)
    kb = build_library(tmp_path_factory.mktemp("bridge"), embedder, [doc])
    yield AnswerService(kb)
    kb.close()


@pytest.mark.parametrize(("question", "fact"), [
    ("When did the Kestrel Bridge first open?", "opened in 1932"),
    ("how many cars used to cross the kestrel bridge a day", "21,000 vehicles a day"),
])
def test_a_sentence_about_the_subject_named_just_before_answers(bridge: AnswerService, question: str,
                                                               fact: str) -> None:
    # The answer says "the bridge"; the lead names the Kestrel Bridge and holds more of the words.
    answer = ask_checked(bridge, question)
    assert not answer.abstained and fact in answer.citations[0].quote, answer.text
