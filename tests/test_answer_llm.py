"""The LLM answerer through AnswerService, against real OpenAI-compatible servers on
127.0.0.1 (tests/llm_servers.py), over the fixture articles with the real model."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest

from bot.answering import Answer, AnswerService, Conversation
from bot.answering.citation_markers import markers_in, strip_markers
from bot.answering.citation_support import SupportChecker
from bot.answering.llm_answerer import LLM_SAID_NO, LLMAnswerer
from bot.answering.llm_client import NO_ANSWER, SYSTEM_PROMPT, ChatClient, LLMSettings
from bot.text_format import format_answer
from index.embedding import MiniLMEmbedder
from index.library import KnowledgeBase
from index.records import SearchResult
from index.sources import Document
from tests.answer_checks import COLLECTION, assert_valid, build_library
from tests.llm_servers import (  # noqa: F401 - llm_server is a fixture
    CITES_MISSING_CHECKED,
    CITES_MISSING_REPLY,
    CITES_NOTHING_REPLY,
    MISCITED_CHECKED,
    MISCITED_REPLY,
    PARTLY_SUPPORTED_REPLY,
    QUESTION,
    RENUMBERED,
    UNSUPPORTED_REPLY,
    VALID_REPLY,
    FakeLLMServer,
    closed_port,
    llm_server,
)

pytestmark = pytest.mark.usefixtures("one_torch_thread")

Servers = Callable[..., FakeLLMServer]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder,
       fixture_docs: list[Document]) -> Iterator[KnowledgeBase]:
    base = build_library(tmp_path_factory.mktemp("llm"), embedder, fixture_docs)
    yield base
    base.close()


@pytest.fixture
def with_llm(kb: KnowledgeBase) -> Iterator[Callable[..., AnswerService]]:
    """AnswerService(kb, llm=LLMAnswerer(ChatClient(...))) for a base URL; clients closed after the test."""
    clients: list[ChatClient] = []

    def make(base_url: str, timeout: float = 10.0) -> AnswerService:
        client = ChatClient(LLMSettings(base_url, "test-model", "sk-test", timeout))
        clients.append(client)
        return AnswerService(kb, llm=LLMAnswerer(client, SupportChecker(kb.embedder.embed)))

    yield make
    for client in clients:
        client.close()


def passages_for(service: AnswerService, question: str = QUESTION) -> list[SearchResult]:
    return service.retrieve(COLLECTION, question)


def test_a_streamed_reply_citing_valid_passages(llm_server: Servers, with_llm: Callable[..., AnswerService]) -> None:
    server = llm_server("stream", VALID_REPLY, piece=8)
    service = with_llm(server.base_url)
    pieces: list[str] = []
    answer = service.ask(COLLECTION, QUESTION, on_delta=pieces.append)
    passages = passages_for(service)
    assert len(passages) >= 3
    assert answer.answerer == "llm" and not answer.abstained and answer.notice is None
    assert answer.text == RENUMBERED
    assert markers_in(answer.text) == [1, 2]
    assert_valid(answer, service.kb, passages)
    # New marker 1 is passage 3, new marker 2 is passage 1; each quote is verbatim from its passage.
    assert [c.chunk_id for c in answer.citations] == [passages[2].chunk_id, passages[0].chunk_id]
    for c, p in zip(answer.citations, [passages[2], passages[0]]):
        assert p.text[c.start - p.start:c.end - p.start] == c.quote
    # The reply streamed in several pieces, as sent (before renumbering).
    assert len(pieces) >= 5 and "".join(pieces) == VALID_REPLY
    assert len(server.requests) == 1
    shown = format_answer(answer)
    assert "Sources:" in shown and "[2] " in shown


def test_a_non_streamed_json_reply_is_used_too(llm_server: Servers, with_llm: Callable[..., AnswerService]) -> None:
    server = llm_server("json", VALID_REPLY)
    pieces: list[str] = []
    answer = with_llm(server.base_url).ask(COLLECTION, QUESTION, on_delta=pieces.append)
    assert answer.answerer == "llm" and answer.text == RENUMBERED
    assert pieces == [VALID_REPLY]


def test_a_marker_citing_a_missing_passage_is_removed(llm_server: Servers,
                                                      with_llm: Callable[..., AnswerService]) -> None:
    server = llm_server("stream", CITES_MISSING_REPLY)  # "The lens was cleaned in Edinburgh [7]. ... [1]."
    service = with_llm(server.base_url)
    answer = service.ask(COLLECTION, QUESTION)
    passages = passages_for(service)
    assert len(passages) < 7
    assert answer.answerer == "llm" and not answer.abstained and answer.notice is None
    # [7] is gone; the claim it followed is cited where passage 3 says it.
    assert answer.text == CITES_MISSING_CHECKED
    assert [c.chunk_id for c in answer.citations] == [passages[2].chunk_id, passages[0].chunk_id]
    assert "Edinburgh" in answer.citations[0].quote and "97 cast-iron steps" in answer.citations[1].quote
    assert_valid(answer, service.kb, passages)


# --- issue 12: every cited sentence is checked against the passage it cites --------------------


def test_markers_on_passages_that_do_not_say_the_claim_are_re_pointed(
        llm_server: Servers, with_llm: Callable[..., AnswerService]) -> None:
    server = llm_server("stream", MISCITED_REPLY)  # staircase cited to the lens passage, and the reverse
    service = with_llm(server.base_url)
    answer = service.ask(COLLECTION, QUESTION)
    passages = passages_for(service)
    assert answer.answerer == "llm" and answer.text == MISCITED_CHECKED and answer.notice is None
    assert [c.chunk_id for c in answer.citations] == [passages[0].chunk_id, passages[2].chunk_id]
    assert "97 cast-iron steps" in answer.citations[0].quote and "Penhallow" in answer.citations[1].quote
    assert_valid(answer, service.kb, passages)


def test_an_unsupported_sentence_is_removed_with_a_notice(llm_server: Servers,
                                                          with_llm: Callable[..., AnswerService]) -> None:
    server = llm_server("stream", PARTLY_SUPPORTED_REPLY)  # the keepers' cafe is invented
    service = with_llm(server.base_url)
    answer = service.ask(COLLECTION, QUESTION)
    assert answer.answerer == "llm"
    assert answer.text == "The spiral staircase has 97 cast-iron steps [1]."
    assert answer.notice == ("One sentence of the language model's answer left out: "
                             "the articles do not support it.")
    assert_valid(answer, service.kb, passages_for(service))
    assert answer.to_json()["answerer"] == "llm"


def test_a_reply_the_passages_do_not_support_falls_back_with_a_notice(
        llm_server: Servers, kb: KnowledgeBase, with_llm: Callable[..., AnswerService]) -> None:
    server = llm_server("stream", UNSUPPORTED_REPLY)  # an invented sentence, and 400 panes for 212
    service = with_llm(server.base_url)
    answer = service.ask(COLLECTION, QUESTION)
    assert answer.answerer == "extractive" and answer.citations
    assert answer.notice == ("The language model could not answer (the passages do not support the language "
                             "model's reply); this answer quotes the articles directly.")
    assert replace(answer, notice=None) == extractive(kb)
    assert answer.to_json()["answerer"] == "extractive"


def test_a_reply_cut_off_by_length_falls_back_and_says_so(llm_server: Servers, kb: KnowledgeBase,
                                                          with_llm: Callable[..., AnswerService]) -> None:
    server = llm_server("stream", "The spiral staircase has 97 cast-iron steps [1]. The civil war that has",
                        finish="length")
    answer = with_llm(server.base_url).ask(COLLECTION, QUESTION)
    assert answer.answerer == "extractive" and "civil war" not in answer.text
    assert answer.notice == ("The language model could not answer (LLM reply was cut off at the 400-token limit "
                             "(LLM_MAX_TOKENS)); this answer quotes the articles directly.")
    assert replace(answer, notice=None) == extractive(kb)
    assert server.requests[0].body["max_tokens"] == 400


def test_the_servers_refusal_reaches_the_notice(llm_server: Servers, with_llm: Callable[..., AnswerService]) -> None:
    server = llm_server("error", status=401, error_body={"detail": "Invalid API key"})
    answer = with_llm(server.base_url).ask(COLLECTION, QUESTION)
    assert answer.answerer == "extractive"
    assert answer.notice is not None and "HTTP 401: Invalid API key" in answer.notice


def extractive(kb: KnowledgeBase, question: str = QUESTION) -> Answer:
    return AnswerService(kb).ask(COLLECTION, question)


def test_a_reply_citing_nothing_falls_back_with_a_notice(llm_server: Servers, kb: KnowledgeBase,
                                                         with_llm: Callable[..., AnswerService]) -> None:
    server = llm_server("stream", CITES_NOTHING_REPLY)
    service = with_llm(server.base_url)
    answer = service.ask(COLLECTION, QUESTION)
    assert answer.answerer == "extractive" and not answer.abstained
    assert answer.notice is not None and "\n" not in answer.notice and len(answer.notice) < 200
    assert "cited none of the passages" in answer.notice and "quotes the articles directly" in answer.notice
    # The fallback is exactly the extractive answer, plus the notice.
    assert replace(answer, notice=None) == extractive(kb)
    assert_valid(answer, service.kb, passages_for(service))
    assert answer.to_json()["notice"] == answer.notice
    assert f"note: {answer.notice}" in format_answer(answer)


@pytest.mark.parametrize(("mode", "timeout", "reason"), [
    ("error", 10.0, "LLM server returned HTTP 500: the model crashed"),
    ("hang", 0.5, "LLM timed out after 0.5 s"),
    ("stall", 0.5, "LLM timed out after 0.5 s"),
])
def test_a_failing_server_falls_back_with_a_notice(llm_server: Servers, kb: KnowledgeBase,
                                                   with_llm: Callable[..., AnswerService],
                                                   mode: str, timeout: float, reason: str) -> None:
    server = llm_server(mode)
    service = with_llm(server.base_url, timeout)
    started = time.monotonic()
    answer = service.ask(COLLECTION, QUESTION)
    assert time.monotonic() - started < timeout + 3
    assert len(server.requests) == 1
    assert answer.answerer == "extractive" and not answer.abstained and answer.citations
    assert answer.notice == f"The language model could not answer ({reason}); this answer quotes the articles directly."
    assert replace(answer, notice=None) == extractive(kb)
    assert "97 cast-iron steps" in answer.text


def test_a_refused_connection_falls_back(kb: KnowledgeBase, with_llm: Callable[..., AnswerService]) -> None:
    service = with_llm(f"http://127.0.0.1:{closed_port()}/v1", 5.0)
    answer = service.ask(COLLECTION, QUESTION)
    assert answer.answerer == "extractive" and answer.citations
    assert answer.notice is not None and "refused the connection" in answer.notice
    assert replace(answer, notice=None) == extractive(kb)


@pytest.mark.parametrize("reply", [NO_ANSWER, f"**{NO_ANSWER}**.", f"  {NO_ANSWER}\n"])
def test_no_answer_from_the_model_is_an_abstention(llm_server: Servers, with_llm: Callable[..., AnswerService],
                                                   reply: str) -> None:
    server = llm_server("stream", reply)
    service = with_llm(server.base_url)
    answer = service.ask(COLLECTION, QUESTION)
    assert answer.abstained and answer.citations == () and answer.answerer == "llm"
    assert answer.text == LLM_SAID_NO + " The nearest sources are listed below."
    assert answer.sources and all(s in passages_for(service) for s in answer.sources)
    assert_valid(answer, service.kb, passages_for(service))


def test_the_model_decides_questions_the_extractive_answerer_would_abstain_on(
        llm_server: Servers, kb: KnowledgeBase, with_llm: Callable[..., AnswerService]) -> None:
    question = "What is the boiling point of mercury?"
    assert extractive(kb, question).abstained
    server = llm_server("stream", NO_ANSWER)
    answer = with_llm(server.base_url).ask(COLLECTION, question)
    assert len(server.requests) == 1  # the passages went to the model, which said no
    assert answer.abstained and answer.answerer == "llm" and answer.citations == () and answer.sources


def test_an_empty_library_never_reaches_the_model(llm_server: Servers, with_llm: Callable[..., AnswerService]) -> None:
    server = llm_server("stream", VALID_REPLY)
    answer = with_llm(server.base_url).ask("nothing-here", "Who restored the lighthouse?")
    assert answer.abstained and answer.citations == ()
    assert server.requests == []


def test_the_prompt_holds_the_passages_and_question_and_the_log_holds_neither(
        llm_server: Servers, with_llm: Callable[..., AnswerService], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    good = llm_server("stream", VALID_REPLY)
    bad = llm_server("error")
    service = with_llm(good.base_url)
    service.ask(COLLECTION, QUESTION)
    with_llm(bad.base_url).ask(COLLECTION, QUESTION)  # the fallback logs a warning
    passages = passages_for(service)

    request = good.requests[0]
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-test"
    assert request.body["model"] == "test-model" and request.body["stream"] is True
    system, user = request.messages
    assert system == {"role": "system", "content": SYSTEM_PROMPT}
    assert user["role"] == "user"
    for number, p in enumerate(passages, start=1):
        assert f"[{number}] {p.title}\n{p.text.strip()}" in user["content"]
    assert user["content"].endswith(f"Question: {QUESTION}")

    loud = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert any(r.levelno == logging.WARNING and "HTTP 500" in r.getMessage() for r in loud)
    secrets = [QUESTION, "staircase", "sk-test", *(p.text[:40] for p in passages)]
    for record in loud:
        message = record.getMessage()
        assert not any(s in message for s in secrets), (record.name, message)


def test_a_follow_up_sends_the_earlier_turn(llm_server: Servers, with_llm: Callable[..., AnswerService]) -> None:
    server = llm_server("stream", VALID_REPLY)
    service = with_llm(server.base_url)
    conversation = Conversation()
    first = service.ask(COLLECTION, QUESTION, conversation)
    server.reply = "The lighthouse opens to the public on weekends from June [2]."
    follow_up = "And when will it open to the public?"
    second = service.ask(COLLECTION, follow_up, conversation)
    assert second.answerer == "llm" and second.text == "The lighthouse opens to the public on weekends from June [1]."

    assert len(server.requests) == 2
    assert len(server.requests[0].messages) == 2
    system, past_question, past_answer, user = server.requests[1].messages
    assert system["role"] == "system"
    assert past_question == {"role": "user", "content": QUESTION}
    # The earlier answer, without its markers: they numbered other passages.
    assert past_answer == {"role": "assistant", "content": strip_markers(first.text)}
    assert "[" not in past_answer["content"] and "97 cast-iron steps" in past_answer["content"]
    assert user["content"].endswith(f"Question: {follow_up}")
    assert [t.question for t in conversation.turns] == [QUESTION, follow_up]
