"""A small client for OpenAI-compatible chat servers, and the prompt it sends.

The client streams the reply, calling back with each piece as it arrives, and
turns every way the exchange can fail into an `LLMError` whose message is one
line fit to show a user. The question and passages are never logged above DEBUG.
"""
from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import httpx

from bot.answering.citation_markers import strip_markers

from .llm_replies import (
    EMPTY,
    ERROR_BODY_BYTES,
    MALFORMED,
    NO_ANSWER,
    STOP_SEQUENCES,
    EventSplitter,
    LLMError,
    Reply,
    is_no_answer,
    server_error,
)

__all__ = ["NO_ANSWER", "SYSTEM_PROMPT", "ChatClient", "LLMError", "LLMSettings", "ReplyCutOff",
           "build_messages", "is_no_answer"]

log = logging.getLogger(__name__)

MAX_REPLY_BYTES = 2_000_000
DEFAULT_MAX_TOKENS = 400
"""About 1,600 characters of English: a few cited sentences, within one Discord message."""

SYSTEM_PROMPT = f"""You answer questions using only the numbered passages in the user's message.
- Use nothing but those passages: no outside knowledge, no guesses.
- Cite every claim with the number of the passage that supports it, in square brackets right after the claim, like [1] or [2][3]. Cite only numbers that label a passage.
- If the passages do not contain the answer, reply with exactly {NO_ANSWER} and nothing else.
- Be concise and answer in the language of the question."""  # noqa: E501


class ReplyCutOff(LLMError):
    """The reply stopped at the token limit, mid-answer; `partial` is what had arrived."""

    def __init__(self, message: str, partial: str) -> None:
        super().__init__(message)
        self.partial = partial


@dataclass(frozen=True)
class LLMSettings:
    """Where the chat server is, how long one answer may take (seconds) and how many
    tokens it may have."""

    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    max_tokens: int = DEFAULT_MAX_TOKENS

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> LLMSettings | None:
        """Read LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT and LLM_MAX_TOKENS; None
        when there is no URL.

        Raises LLMError when the URL is set but the rest cannot be used.
        """
        base_url = env.get("LLM_BASE_URL", "").strip().rstrip("/")
        if not base_url:
            return None
        if not base_url.startswith(("http://", "https://")):
            raise LLMError("LLM_BASE_URL must start with http:// or https://")
        model = env.get("LLM_MODEL", "").strip()
        if not model:
            raise LLMError("LLM_MODEL must be set when LLM_BASE_URL is")
        raw_timeout = env.get("LLM_TIMEOUT", "").strip()
        timeout = cls.timeout
        if raw_timeout:
            try:
                timeout = float(raw_timeout)
            except ValueError:
                timeout = math.nan
            if not (math.isfinite(timeout) and timeout > 0):
                raise LLMError(f"LLM_TIMEOUT must be a positive number of seconds, not {raw_timeout!r}")
        raw_tokens = env.get("LLM_MAX_TOKENS", "").strip()
        max_tokens = int(raw_tokens) if raw_tokens.isdigit() else cls.max_tokens
        if raw_tokens and not (raw_tokens.isdigit() and 16 <= max_tokens <= 1_000_000):
            raise LLMError(f"LLM_MAX_TOKENS must be a whole number from 16 up, not {raw_tokens!r}")
        return cls(base_url, model, env.get("LLM_API_KEY", "").strip() or None, timeout, max_tokens)


def build_messages(
    question: str,
    passages: Sequence[tuple[str, str]],
    history: Sequence[tuple[str, str]] = (),
) -> list[dict[str, str]]:
    """The chat messages asking `question` about `(title, text)` passages numbered 1..n.

    `history` holds earlier `(question, answer)` turns; their citation markers are
    removed because they number other passages than this turn's.
    """
    messages = [{"role": "system", "content": SYSTEM_PROMPT}]
    for past_question, past_answer in history:
        messages.append({"role": "user", "content": past_question})
        messages.append({"role": "assistant", "content": strip_markers(past_answer)})
    blocks = [
        f"[{number}] {title.strip() or '(untitled)'}\n{text.strip()}"
        for number, (title, text) in enumerate(passages, start=1)
    ]
    listing = "\n\n".join(blocks) or "(no passages)"
    messages.append({"role": "user", "content": f"Passages:\n\n{listing}\n\nQuestion: {question.strip()}"})
    return messages


class ChatClient:
    """Sends chat requests to one server; reusable and thread-safe.

    Each request has its own connection, closed as soon as the reply is complete or
    the deadline passes, so a server that handles one request at a time (llama.cpp,
    Ollama) is free for the next question at once.
    """

    def __init__(self, settings: LLMSettings, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self._headers = {"Accept": "text/event-stream, application/json"}
        if settings.api_key:
            self._headers["Authorization"] = f"Bearer {settings.api_key}"
        self._transport = transport
        self._ssl = httpx.create_ssl_context()  # built once: it costs ~40 ms
        self._url = f"{settings.base_url}/chat/completions"

    def close(self) -> None:
        """Nothing outlives a request; kept so that owners can release the client uniformly."""

    def __enter__(self) -> ChatClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def stream_chat(self, messages: list[dict[str, str]], on_delta: Callable[[str], None] | None = None) -> str:
        """Ask for a streamed reply; call `on_delta` with each piece; return the whole text.

        The whole exchange takes at most `settings.timeout` seconds; the reply at most
        `settings.max_tokens` tokens. Raises LLMError: ReplyCutOff when the reply was cut
        off at that limit. Call it from a thread without a running event loop.
        """
        payload = {"model": self.settings.model, "messages": messages, "stream": True, "temperature": 0,
                   "max_tokens": self.settings.max_tokens, "stop": list(STOP_SEQUENCES)}
        log.debug("LLM request to %s with %d messages", self._url, len(messages))
        reply = Reply(on_delta)
        asyncio.run(self._exchange(payload, reply))
        reply.flush()
        log.debug("LLM reply of %d characters, finish reason %s", len(reply.text), reply.finish_reason)
        if not reply.text.strip():
            raise LLMError(EMPTY)
        if reply.finish_reason == "length":
            raise ReplyCutOff(f"LLM reply was cut off at the {self.settings.max_tokens}-token limit "
                              "(LLM_MAX_TOKENS)", reply.text)
        return reply.text

    async def _exchange(self, payload: dict[str, Any], reply: Reply) -> None:
        """Post the request and read the reply into `reply`; leaving closes the connection,
        which is also what cancelling at the deadline does."""
        try:
            async with asyncio.timeout(self.settings.timeout):
                async with httpx.AsyncClient(transport=self._transport, headers=self._headers, timeout=None,
                                             verify=self._ssl, trust_env=False) as http:
                    # trust_env=False: the configured URL is the one contacted, never a proxy from the environment.
                    async with http.stream("POST", self._url, json=payload) as response:
                        await _read(response, reply)
        except TimeoutError:
            raise LLMError(_timed_out(self.settings.timeout)) from None
        except httpx.ConnectError as exc:
            raise _connect_error(exc) from None
        except (httpx.NetworkError, httpx.RemoteProtocolError):
            raise LLMError("LLM server dropped the connection") from None
        except httpx.HTTPError as exc:
            raise LLMError(f"LLM request failed ({type(exc).__name__})") from None


async def _read(response: httpx.Response, reply: Reply) -> None:
    """Read a response until the reply is complete (or the body ends)."""
    content_type = response.headers.get("content-type", "")
    if not response.is_success:
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) >= ERROR_BODY_BYTES:
                break
        raise server_error(response.status_code, bytes(body[:ERROR_BODY_BYTES]), content_type)
    if "json" in content_type.lower():
        whole = bytearray()
        async for chunk in response.aiter_bytes():
            whole += chunk
            _check_size(len(whole))
        reply.add_whole(bytes(whole))
        return
    splitter = EventSplitter()
    size = 0
    sent_something = False
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        _check_size(size)
        sent_something = sent_something or bool(chunk.strip())
        for data in splitter.feed(chunk):
            reply.add_event(data)
            if reply.complete:
                return
    for data in splitter.close():
        reply.add_event(data)
        if reply.complete:
            return
    if sent_something and not reply.events:
        raise LLMError(MALFORMED)


def _check_size(size: int) -> None:
    if size > MAX_REPLY_BYTES:
        raise LLMError("LLM reply is too long")


def _timed_out(seconds: float) -> str:
    shown = f"{seconds:.1f}" if round(seconds, 1) == seconds else f"{seconds:g}"
    return f"LLM timed out after {shown} s"


def _connect_error(exc: BaseException) -> LLMError:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return LLMError("LLM server refused the connection")
        cause = cause.__cause__ or cause.__context__
    return LLMError("could not reach the LLM server")
