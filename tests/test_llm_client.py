"""Tests of the LLM settings, prompt and streaming client against real local servers."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable

import httpx
import pytest

from bot.answering.citation_markers import renumber_markers
from bot.answering.llm_client import (
    DEFAULT_MAX_TOKENS,
    NO_ANSWER,
    ChatClient,
    LLMError,
    LLMSettings,
    ReplyCutOff,
    build_messages,
    is_no_answer,
)
from tests.llm_servers import (  # noqa: F401 - llm_server is a fixture
    CITES_MISSING_REPLY,
    CITES_NOTHING_REPLY,
    REPLY,
    FakeLLMServer,
    closed_port,
    llm_server,
    sse_event,
)

Servers = Callable[..., FakeLLMServer]
PASSAGES = [
    ("Paris", "Paris is the capital of France."),
    ("The Seine", "The Seine flows through Paris."),
    ("Eiffel Tower", "The tower is 330 m tall and opened in 1889."),
]
QUESTION = "What is the capital of France?"


def ask(server: FakeLLMServer, *, timeout: float = 5.0, api_key: str | None = None,
        max_tokens: int = DEFAULT_MAX_TOKENS) -> tuple[str, list[str]]:
    """Ask QUESTION about PASSAGES; return the reply and the pieces streamed."""
    pieces: list[str] = []
    with ChatClient(LLMSettings(server.base_url, "test-model", api_key, timeout, max_tokens)) as client:
        text = client.stream_chat(build_messages(QUESTION, PASSAGES), pieces.append)
    return text, pieces


# --- settings ----------------------------------------------------------------------------------


def test_settings_are_none_without_a_base_url() -> None:
    assert LLMSettings.from_env({}) is None
    assert LLMSettings.from_env({"LLM_BASE_URL": "  ", "LLM_MODEL": "m"}) is None


def test_settings_read_every_variable() -> None:
    env = {"LLM_BASE_URL": "http://localhost:8080/v1/", "LLM_MODEL": "qwen", "LLM_API_KEY": "sk-1",
           "LLM_TIMEOUT": "2.5", "LLM_MAX_TOKENS": "256"}
    assert LLMSettings.from_env(env) == LLMSettings("http://localhost:8080/v1", "qwen", "sk-1", 2.5, 256)
    defaults = LLMSettings.from_env({"LLM_BASE_URL": "http://h/v1", "LLM_MODEL": "m", "LLM_API_KEY": ""})
    assert defaults == LLMSettings("http://h/v1", "m", None, 60.0, 400) and DEFAULT_MAX_TOKENS == 400


def test_settings_never_show_the_api_key() -> None:
    assert "sk-secret" not in repr(LLMSettings("http://h/v1", "m", "sk-secret"))


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LLM_BASE_URL": "http://h/v1"}, "LLM_MODEL must be set"),
        ({"LLM_BASE_URL": "localhost:8080", "LLM_MODEL": "m"}, "must start with http"),
        ({"LLM_BASE_URL": "http://h/v1", "LLM_MODEL": "m", "LLM_TIMEOUT": "soon"}, "LLM_TIMEOUT must be"),
        ({"LLM_BASE_URL": "http://h/v1", "LLM_MODEL": "m", "LLM_TIMEOUT": "-1"}, "LLM_TIMEOUT must be"),
        ({"LLM_BASE_URL": "http://h/v1", "LLM_MODEL": "m", "LLM_TIMEOUT": "inf"}, "LLM_TIMEOUT must be"),
        ({"LLM_BASE_URL": "http://h/v1", "LLM_MODEL": "m", "LLM_MAX_TOKENS": "lots"}, "LLM_MAX_TOKENS must be"),
        ({"LLM_BASE_URL": "http://h/v1", "LLM_MODEL": "m", "LLM_MAX_TOKENS": "-5"}, "LLM_MAX_TOKENS must be"),
        ({"LLM_BASE_URL": "http://h/v1", "LLM_MODEL": "m", "LLM_MAX_TOKENS": "4"}, "LLM_MAX_TOKENS must be"),
    ],
)
def test_unusable_settings_raise_llm_error(env: dict[str, str], message: str) -> None:
    with pytest.raises(LLMError, match=message):
        LLMSettings.from_env(env)


# --- prompt ------------------------------------------------------------------------------------


def test_prompt_numbers_the_passages_and_asks_for_citations() -> None:
    messages = build_messages(QUESTION, PASSAGES)
    assert [m["role"] for m in messages] == ["system", "user"]
    system, user = messages[0]["content"], messages[1]["content"]
    assert NO_ANSWER in system and "[1]" in system and "only" in system
    assert "[1] Paris\nParis is the capital of France." in user
    assert "[3] Eiffel Tower\nThe tower is 330 m tall" in user
    assert user.index("[1] Paris") < user.index("[2] The Seine") < user.index("[3] Eiffel") < user.index(QUESTION)


def test_prompt_carries_history_without_its_old_citations() -> None:
    history = [("Who built it?", "Gustave Eiffel's company built it [2]."), ("When?", NO_ANSWER)]
    messages = build_messages("How tall is it?", [("", "330 m.")], history)
    assert [(m["role"], m["content"]) for m in messages[1:-1]] == [
        ("user", "Who built it?"),
        ("assistant", "Gustave Eiffel's company built it."),
        ("user", "When?"),
        ("assistant", NO_ANSWER),
    ]
    assert "[1] (untitled)\n330 m." in messages[-1]["content"]


def test_prompt_without_passages_says_so() -> None:
    assert "(no passages)" in build_messages("Why?", [])[-1]["content"]


@pytest.mark.parametrize(("reply", "expected"), [
    ("NO_ANSWER", True), ("  **NO_ANSWER**.", True), ("NO_ANSWER\nThe passages do not say.", True),
    ("NO_ANSWERS", False), ("Paris [1].", False), ("The answer is not NO_ANSWER", False),
])
def test_is_no_answer(reply: str, expected: bool) -> None:
    assert is_no_answer(reply) is expected


# --- streaming ---------------------------------------------------------------------------------


def test_streamed_reply_arrives_in_pieces_and_whole(llm_server: Servers) -> None:
    text, pieces = ask(llm_server("stream"))
    assert text == REPLY
    assert len(pieces) > 3 and "".join(pieces) == REPLY


def test_request_carries_model_token_settings_and_numbered_passages(llm_server: Servers) -> None:
    server = llm_server("stream")
    ask(server, api_key="sk-test")
    [request] = server.requests
    assert (request.method, request.path) == ("POST", "/v1/chat/completions")
    assert request.headers["authorization"] == "Bearer sk-test"
    assert request.body["model"] == "test-model"
    assert request.body["stream"] is True and request.body["temperature"] == 0
    assert request.body["max_tokens"] == DEFAULT_MAX_TOKENS and "\nQuestion:" in request.body["stop"]
    assert "[1] Paris" in request.prompt and "[3] Eiffel Tower" in request.prompt and QUESTION in request.prompt


def test_no_authorization_header_without_a_key(llm_server: Servers) -> None:
    server = llm_server("stream")
    ask(server)
    assert "authorization" not in server.requests[0].headers


def test_stream_split_mid_line_and_mid_character_is_reassembled(llm_server: Servers) -> None:
    reply = "Zürich liegt am Zürichsee [1]. 東京は日本の首都です [2]. ✓"
    text, pieces = ask(llm_server("stream", reply, fragment=True, piece=3))
    assert text == reply and "".join(pieces) == reply


def test_one_client_serves_several_questions(llm_server: Servers) -> None:
    server = llm_server("stream")
    with ChatClient(LLMSettings(server.base_url, "m")) as client:
        first = client.stream_chat(build_messages("one?", PASSAGES))
        server.reply = "Second answer [2]."
        second = client.stream_chat(build_messages("two?", PASSAGES))
    assert (first, second) == (REPLY, "Second answer [2].")
    assert len(server.requests) == 2


def test_non_streamed_json_reply_is_accepted(llm_server: Servers) -> None:
    text, pieces = ask(llm_server("json", "Paris [1]."))
    assert text == "Paris [1]." and pieces == ["Paris [1]."]


def test_reply_citing_a_missing_passage_is_cleaned_by_renumbering(llm_server: Servers) -> None:
    text, _ = ask(llm_server("stream", CITES_MISSING_REPLY))
    assert text == CITES_MISSING_REPLY
    # "... Edinburgh [7]. ... steps [1]." asked with 3 passages
    assert renumber_markers(text, len(PASSAGES)) == (
        "The lens was cleaned in Edinburgh. The spiral staircase has 97 cast-iron steps [1].", [1])


def test_reply_citing_nothing_comes_back_unchanged(llm_server: Servers) -> None:
    text, _ = ask(llm_server("stream", CITES_NOTHING_REPLY))
    assert renumber_markers(text, len(PASSAGES)) == (CITES_NOTHING_REPLY, [])


def test_no_answer_reply(llm_server: Servers) -> None:
    text, _ = ask(llm_server("stream", NO_ANSWER))
    assert text == NO_ANSWER and is_no_answer(text)


def test_stream_without_done_or_blank_line_still_ends(llm_server: Servers) -> None:
    raw = (sse_event({"choices": [{"delta": {"content": "Paris "}}]})
           + b'data: {"choices": [{"delta": {"content": "[1]."}}]}')
    assert ask(llm_server("raw", raw=raw))[0] == "Paris [1]."


# --- failures ----------------------------------------------------------------------------------


def test_http_500_is_reported_with_the_servers_words(llm_server: Servers) -> None:
    with pytest.raises(LLMError) as caught:
        ask(llm_server("error"))
    assert str(caught.value) == "LLM server returned HTTP 500: the model crashed"


def test_wrong_base_url_is_reported_as_404(llm_server: Servers) -> None:
    server = llm_server("stream")
    with ChatClient(LLMSettings(server.base_url.removesuffix("/v1"), "m")) as client, pytest.raises(LLMError) as caught:
        client.stream_chat(build_messages(QUESTION, PASSAGES))
    assert str(caught.value) == "LLM server returned HTTP 404: not found"


def test_refused_connection_is_reported() -> None:
    settings = LLMSettings(f"http://127.0.0.1:{closed_port()}/v1", "m", timeout=2.0)
    with ChatClient(settings) as client, pytest.raises(LLMError) as caught:
        client.stream_chat(build_messages(QUESTION, PASSAGES))
    assert str(caught.value) == "LLM server refused the connection"


@pytest.mark.parametrize("mode", ["hang", "stall", "trickle"])
def test_timeout_bounds_the_whole_exchange(llm_server: Servers, mode: str) -> None:
    pieces: list[str] = []
    server = llm_server(mode, interval=0.05)
    started = time.monotonic()
    with ChatClient(LLMSettings(server.base_url, "m", timeout=0.5)) as client, pytest.raises(LLMError) as caught:
        client.stream_chat(build_messages(QUESTION, PASSAGES), pieces.append)
    elapsed = time.monotonic() - started
    assert str(caught.value) == "LLM timed out after 0.5 s"
    assert 0.45 <= elapsed < 1.0
    if mode == "trickle":  # it kept sending, so only the total timeout could stop it
        assert len(pieces) >= 3


@pytest.mark.parametrize(
    ("raw", "content_type", "message"),
    [
        (b"data: {not json\n\n", "text/event-stream", "malformed"),
        (b'data: {"choices": "nope"}\n\n', "text/event-stream", "malformed"),
        (b'data: {"choices": [{"delta": {"content": 5}}]}\n\n', "text/event-stream", "malformed"),
        (b'data: ["a list"]\n\n', "text/event-stream", "malformed"),
        (b"data: \xff\xfe\n\n", "text/event-stream", "malformed"),
        (b"<html>Bad gateway</html>", "text/html", "malformed"),
        (b'{"choices": []}', "application/json", "malformed"),
        (b"not json", "application/json", "malformed"),
        (b'data: {"error": {"message": "model not loaded\\nmore"}}\n\n', "text/event-stream",
         "LLM server reported an error: model not loaded$"),
    ],
)
def test_malformed_replies_are_reported(llm_server: Servers, raw: bytes, content_type: str, message: str) -> None:
    with pytest.raises(LLMError, match=message):
        ask(llm_server("raw", raw=raw, content_type=content_type))


# --- issue 12: cut-off replies, max_tokens, the server's words, cancelling at the deadline -------


def test_a_reply_cut_off_by_length_is_never_returned(llm_server: Servers) -> None:
    server = llm_server("stream", "The civil war that has", finish="length")
    with pytest.raises(ReplyCutOff) as caught:
        ask(server, max_tokens=64)
    assert str(caught.value) == "LLM reply was cut off at the 64-token limit (LLM_MAX_TOKENS)"
    assert caught.value.partial == "The civil war that has"


def test_a_model_that_does_not_stop_is_bounded_by_max_tokens(llm_server: Servers) -> None:
    server = llm_server("ramble", interval=0.01)
    started = time.monotonic()
    with pytest.raises(ReplyCutOff):
        ask(server, timeout=10.0, max_tokens=30)
    assert time.monotonic() - started < 5.0  # not the 10 s timeout
    assert server.requests[0].body["max_tokens"] == 30


def test_reading_stops_at_the_finish_reason(llm_server: Servers) -> None:
    # The server holds the connection open for 5 s after its finish chunk.
    server = llm_server("stream", linger=5.0)
    started = time.monotonic()
    text, _ = ask(server, timeout=10.0)
    assert text == REPLY and time.monotonic() - started < 2.5


def test_reading_stops_once_the_model_said_no_answer(llm_server: Servers) -> None:
    reply = f"{NO_ANSWER} The passages talk about Paris, and then about the river, and then about the tower."
    server = llm_server("stream", reply, piece=8, delay=0.25)  # the whole reply would take ~3 s
    started = time.monotonic()
    text, _ = ask(server, timeout=10.0)
    assert is_no_answer(text) and len(text) < len(reply) and time.monotonic() - started < 1.5


def test_an_invented_next_turn_ends_the_reply(llm_server: Servers) -> None:
    text, pieces = ask(llm_server("stream", "Paris is the capital [1].\nQuestion: And Spain?\nAnswer: Madrid."))
    assert text == "Paris is the capital [1]." and "".join(pieces) == text


@pytest.mark.parametrize(("status", "body", "message"), [
    (401, {"error": {"code": 401, "message": "Invalid API Key", "type": "authentication_error"}},
     "LLM server returned HTTP 401: Invalid API Key"),  # llama.cpp's server
    (401, {"detail": "Invalid API key"}, "LLM server returned HTTP 401: Invalid API key"),  # llama-cpp-python
    (404, {"error": "model \"qwen3\" not found, try pulling it first"},  # Ollama
     'LLM server returned HTTP 404: model "qwen3" not found, try pulling it first'),
    (422, {"detail": [{"loc": ["body", "messages"], "msg": "Field required"}]},
     "LLM server returned HTTP 422: Field required"),
    (503, {}, "LLM server returned HTTP 503"),
])
def test_an_http_error_carries_what_the_server_said(llm_server: Servers, status: int, body: dict[str, object],
                                                      message: str) -> None:
    with pytest.raises(LLMError) as caught:
        ask(llm_server("error", status=status, error_body=body))
    assert str(caught.value) == message


@pytest.mark.parametrize("server_args", [
    {"mode": "empty"},
    {"mode": "raw", "raw": b""},
    {"mode": "stream", "reply": ""},  # role chunk, finish chunk, [DONE]: no text at all
    {"mode": "stream", "reply": "", "finish": "length"},  # llama.cpp when the prompt fills the context
])
def test_an_empty_reply_is_called_empty(llm_server: Servers, server_args: dict[str, object]) -> None:
    with pytest.raises(LLMError) as caught:
        ask(llm_server(**server_args))
    assert str(caught.value) == "LLM server sent an empty reply (the prompt may exceed the model's context)"


@pytest.mark.parametrize("mode", ["hang", "stall", "trickle"])
def test_a_timed_out_request_is_closed_at_the_deadline(llm_server: Servers, mode: str) -> None:
    # trickle: a chunk every 1 s, so the request is still open at the 1.5 s deadline and
    # the next chunk comes only at 2 s; the client must not wait for it to let go.
    server = llm_server(mode, interval=1.0)
    started = time.monotonic()
    # The client stays open, as the bot's does between questions.
    with ChatClient(LLMSettings(server.base_url, "m", timeout=1.5)) as client:
        with pytest.raises(LLMError, match="timed out"):
            client.stream_chat(build_messages(QUESTION, PASSAGES))
        for _ in range(200):  # the server notices the close within its 10 ms poll
            if server.disconnects:
                break
            time.sleep(0.01)
        assert server.disconnects, "the request was left open after the deadline"
    assert server.disconnects[0] - started < 1.85


def test_errors_of_on_delta_propagate(llm_server: Servers) -> None:
    def explode(piece: str) -> None:
        raise RuntimeError("front went away")

    server = llm_server("stream")
    with ChatClient(LLMSettings(server.base_url, "m")) as client, pytest.raises(RuntimeError, match="front went away"):
        client.stream_chat(build_messages(QUESTION, PASSAGES), explode)


def test_an_injected_transport_is_used() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503)

    with ChatClient(LLMSettings("http://llm.invalid/v1", "m"), transport=httpx.MockTransport(handle)) as client:
        with pytest.raises(LLMError, match="HTTP 503"):
            client.stream_chat(build_messages(QUESTION, PASSAGES))
    assert str(seen[0].url) == "http://llm.invalid/v1/chat/completions"


def test_question_and_passages_are_not_logged_above_debug(llm_server: Servers,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    ask(llm_server("stream"))
    with pytest.raises(LLMError):
        ask(llm_server("error"))
    loud = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not any(QUESTION in m or "capital of France" in m for m in loud)
    assert not any(QUESTION in r.getMessage() for r in caplog.records)
