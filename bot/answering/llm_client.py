"""A small client for OpenAI-compatible chat servers, and the prompt it sends.

The client streams the reply, calling back with each piece as it arrives, and
turns every way the exchange can fail into an `LLMError` whose message is one
line fit to show a user. The question and passages are never logged above DEBUG.
"""
from __future__ import annotations

import itertools
import json
import logging
import math
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import httpx

from bot.answering.citation_markers import strip_markers

log = logging.getLogger(__name__)

NO_ANSWER = "NO_ANSWER"
MAX_REPLY_BYTES = 2_000_000
_MALFORMED = "LLM server sent a malformed reply"
_NO_ANSWER_RE = re.compile(rf"\W*{NO_ANSWER}\b")
_Events = queue.SimpleQueue[tuple[str, Any]]  # ("data", content type or bytes), ("end", None), ("error", exc)

SYSTEM_PROMPT = f"""You answer questions using only the numbered passages in the user's message.
- Use nothing but those passages: no outside knowledge, no guesses.
- Cite every claim with the number of the passage that supports it, in square brackets right after the claim, like [1] or [2][3]. Cite only numbers that label a passage.
- If the passages do not contain the answer, reply with exactly {NO_ANSWER} and nothing else.
- Be concise and answer in the language of the question."""


class LLMError(Exception):
    """The LLM gave no usable reply; `str(error)` is one line that is safe to show a user."""


@dataclass(frozen=True)
class LLMSettings:
    """Where the chat server is and how long one answer may take, in seconds."""

    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> LLMSettings | None:
        """Read LLM_BASE_URL, LLM_MODEL, LLM_API_KEY and LLM_TIMEOUT; None when there is no URL.

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
        return cls(base_url, model, env.get("LLM_API_KEY", "").strip() or None, timeout)


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


def is_no_answer(reply: str) -> bool:
    """Whether the model said the passages do not hold the answer (tolerating `**NO_ANSWER**.`)."""
    return _NO_ANSWER_RE.match(reply) is not None


class ChatClient:
    """Sends chat requests to one server; reusable, thread-safe, close it when done."""

    def __init__(self, settings: LLMSettings, *, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        headers = {"Accept": "text/event-stream, application/json"}
        if settings.api_key:
            headers["Authorization"] = f"Bearer {settings.api_key}"
        # trust_env=False: the configured URL is the one contacted, never a proxy from the environment.
        self._http = httpx.Client(
            transport=transport, headers=headers, timeout=httpx.Timeout(settings.timeout), trust_env=False
        )
        self._url = f"{settings.base_url}/chat/completions"

    def close(self) -> None:
        """Close the connections."""
        self._http.close()

    def __enter__(self) -> ChatClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def stream_chat(self, messages: list[dict[str, str]], on_delta: Callable[[str], None] | None = None) -> str:
        """Ask for a streamed reply; call `on_delta` with each piece; return the whole text.

        The whole exchange takes at most `settings.timeout` seconds. Raises LLMError.
        """
        payload = {"model": self.settings.model, "messages": messages, "stream": True, "temperature": 0}
        log.debug("LLM request to %s with %d messages", self._url, len(messages))
        events: _Events = queue.SimpleQueue()
        cancel = threading.Event()
        deadline = time.monotonic() + self.settings.timeout
        # httpx cannot bound a whole streamed response in time, so a worker reads
        # it and this thread waits on the queue no longer than the deadline.
        threading.Thread(target=self._fetch, args=(payload, events, cancel), daemon=True, name="llm-fetch").start()
        try:
            content_type = self._next(events, deadline)
            body = self._body(events, deadline)
            if "json" in content_type.lower():
                text = _content(_load(b"".join(body)), "message")
                if text and on_delta is not None:
                    on_delta(text)
            else:
                text = _read_stream(body, on_delta)
        finally:
            cancel.set()
        log.debug("LLM reply of %d characters", len(text))
        return text

    def _fetch(self, payload: dict[str, Any], events: _Events, cancel: threading.Event) -> None:
        """Worker thread: post the request and queue what comes back."""
        try:
            with self._http.stream("POST", self._url, json=payload) as response:
                if not response.is_success:
                    raise LLMError(f"LLM server returned HTTP {response.status_code}")
                events.put(("data", response.headers.get("content-type", "")))
                for chunk in response.iter_bytes():
                    if cancel.is_set():
                        return
                    events.put(("data", chunk))
            events.put(("end", None))
        except httpx.TimeoutException:
            events.put(("error", LLMError(_timed_out(self.settings.timeout))))
        except httpx.ConnectError as exc:
            events.put(("error", _connect_error(exc)))
        except (httpx.NetworkError, httpx.RemoteProtocolError):
            events.put(("error", LLMError("LLM server dropped the connection")))
        except httpx.HTTPError as exc:
            events.put(("error", LLMError(f"LLM request failed ({type(exc).__name__})")))
        except Exception as exc:  # anything else is a bug: hand it to the caller to raise
            events.put(("error", exc))

    def _next(self, events: _Events, deadline: float) -> Any:
        """The next item from the worker; raises its error, or LLMError past the deadline."""
        try:
            kind, value = events.get(timeout=max(deadline - time.monotonic(), 0.0))
        except queue.Empty:
            raise LLMError(_timed_out(self.settings.timeout)) from None
        if kind == "error":
            raise value
        return value if kind == "data" else None

    def _body(self, events: _Events, deadline: float) -> Iterator[bytes]:
        size = 0
        while (chunk := self._next(events, deadline)) is not None:
            size += len(chunk)
            if size > MAX_REPLY_BYTES:
                raise LLMError("LLM reply is too long")
            yield chunk


def _read_stream(body: Iterator[bytes], on_delta: Callable[[str], None] | None) -> str:
    parts: list[str] = []
    events = 0
    for data in _sse_data(body):
        if data.strip() == "[DONE]":
            return "".join(parts)
        events += 1
        piece = _content(_load(data), "delta")
        if piece:
            parts.append(piece)
            if on_delta is not None:
                on_delta(piece)
    if not events:
        raise LLMError(_MALFORMED)
    return "".join(parts)


def _sse_data(body: Iterator[bytes]) -> Iterator[str]:
    """The data of each server-sent event: its `data:` lines joined by newlines."""
    buffer = b""
    data: list[str] = []
    for chunk in itertools.chain(body, [b"\n\n"]):  # the blank line ends an unterminated last event
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for raw in lines:
            try:
                line = raw.rstrip(b"\r").decode("utf-8")
            except UnicodeDecodeError:
                raise LLMError(_MALFORMED) from None
            if not line and data:
                yield "\n".join(data)
                data = []
            elif line.startswith("data:"):
                data.append(line[6:] if line.startswith("data: ") else line[5:])


def _load(raw: str | bytes) -> dict[str, Any]:
    """Parse one JSON reply or chunk; raise the server's own error if it sent one."""
    try:
        data = json.loads(raw)
    except ValueError:
        raise LLMError(_MALFORMED) from None
    if not isinstance(data, dict):
        raise LLMError(_MALFORMED)
    if error := data.get("error"):
        message = error.get("message") if isinstance(error, dict) else error
        first_line = (str(message).strip().splitlines() or ["no details"])[0]
        raise LLMError(f"LLM server reported an error: {first_line[:200]}")
    return data


def _content(data: dict[str, Any], key: str) -> str:
    """`choices[0][key].content` ("delta" when streamed, "message" when not); "" if absent."""
    choices = data.get("choices")
    if not isinstance(choices, list) or (key == "message" and not choices):
        raise LLMError(_MALFORMED)
    if not choices:  # e.g. the usage summary some servers stream last
        return ""
    part = choices[0].get(key, {}) if isinstance(choices[0], dict) else None
    if not isinstance(part, dict) or not isinstance(content := part.get("content") or "", str):
        raise LLMError(_MALFORMED)
    return content


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
