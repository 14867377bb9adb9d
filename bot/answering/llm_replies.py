"""Reading what an OpenAI-compatible chat server sends back.

A streamed reply is server-sent events of `chat.completion.chunk`s, as llama.cpp,
Ollama, vLLM and OpenAI send them: a role-only first chunk, content deltas, a
chunk with an empty delta and `finish_reason`, perhaps a usage chunk, then
`data: [DONE]`. A reply is complete at its finish reason (or `[DONE]`), and
reading stops there. Every failure is an `LLMError` whose message is one line
fit to show a user; a refusal carries the server's own words.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .citation_markers import strip_markers

NO_ANSWER = "NO_ANSWER"
MALFORMED = "LLM server sent a malformed reply"
EMPTY = "LLM server sent an empty reply (the prompt may exceed the model's context)"
ERROR_BODY_BYTES = 65_536
STOP_SEQUENCES = ("\nQuestion:", "\nPassages:")
"""Where a small model that does not stop starts to invent the next turn; the reply ends before."""
_NO_ANSWER_RE = re.compile(rf"\W*{NO_ANSWER}\b")
_PARTIAL_MARKER = re.compile(r"\[[0-9 \t,;]*$")
_NO_ANSWER_ANYWHERE = re.compile(re.escape(NO_ANSWER), re.IGNORECASE)
_TRAILING_CAPS = re.compile(r"(?<![\w])[A-Z_]+$")


class LLMError(Exception):
    """The LLM gave no usable reply; `str(error)` is one line that is safe to show a user."""


def is_no_answer(reply: str) -> bool:
    """Whether the model said the passages do not hold the answer (tolerating `**NO_ANSWER**.`)."""
    return _NO_ANSWER_RE.match(reply) is not None


def shown_while_streaming(raw: str) -> str:
    """What a front may show of a reply still streaming: no citation markers (not even a
    half-received one; they are shown once checked), nothing that looks like NO_ANSWER,
    stripped; "" when there is nothing worth showing yet."""
    text = strip_markers(_PARTIAL_MARKER.sub("", raw))
    text = _NO_ANSWER_ANYWHERE.sub("", text)
    tail = _TRAILING_CAPS.search(text)
    if tail and NO_ANSWER.startswith(tail.group()):  # maybe the start of NO_ANSWER: wait for more
        text = text[: tail.start()]
    text = text.strip()
    return text if any(c.isalnum() for c in text) else ""


def one_line(text: str, limit: int = 200) -> str:
    """The first non-blank line of `text`, at most `limit` characters; "" if none."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:limit]
    return ""


def load_json(raw: str | bytes) -> dict[str, Any]:
    """Parse one JSON reply or chunk; raise the server's own error if it sent one."""
    try:
        data = json.loads(raw)
    except ValueError:
        raise LLMError(MALFORMED) from None
    if not isinstance(data, dict):
        raise LLMError(MALFORMED)
    if error := data.get("error"):
        message = error.get("message") if isinstance(error, dict) else error
        raise LLMError(f"LLM server reported an error: {one_line(str(message)) or 'no details'}")
    return data


def server_error(status: int, body: bytes, content_type: str) -> LLMError:
    """An HTTP error status with what the server said about it, e.g.
    `LLM server returned HTTP 401: Invalid API key`."""
    said = ""
    text = body.decode("utf-8", "replace")
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        # OpenAI and llama.cpp: {"error": {"message"}}; Ollama: {"error": "..."};
        # FastAPI servers (llama-cpp-python, vLLM): {"detail": "..." or [{"msg"}]}.
        found = data.get("error") or data.get("detail") or data.get("message") or ""
        if isinstance(found, dict):
            found = found.get("message") or ""
        elif isinstance(found, list) and found and isinstance(found[0], dict):
            found = found[0].get("msg") or ""
        said = one_line(str(found))
    elif "html" not in content_type.lower() and data is None:
        said = one_line(text)
    return LLMError(f"LLM server returned HTTP {status}" + (f": {said}" if said else ""))


class EventSplitter:
    """Turns the bytes of an event stream, in pieces of any size, into each event's data."""

    def __init__(self) -> None:
        self._buffer = b""
        self._data: list[str] = []

    def feed(self, chunk: bytes) -> list[str]:
        """The data of every event `chunk` completes: its `data:` lines joined by newlines."""
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        events = []
        for raw in lines:
            try:
                line = raw.rstrip(b"\r").decode("utf-8")
            except UnicodeDecodeError:
                raise LLMError(MALFORMED) from None
            if not line and self._data:
                events.append("\n".join(self._data))
                self._data = []
            elif line.startswith("data:"):
                self._data.append(line[6:] if line.startswith("data: ") else line[5:])
        return events

    def close(self) -> list[str]:
        """The last event, when the stream ended without the blank line that ends it."""
        return self.feed(b"\n\n")


@dataclass
class Reply:
    """A reply as it arrives; `complete` once the server said it is finished."""

    on_delta: Callable[[str], None] | None = None
    parts: list[str] = field(default_factory=list)
    finish_reason: str | None = None
    complete: bool = False
    events: int = 0
    _held: str = ""

    @property
    def text(self) -> str:
        """The reply so far."""
        return "".join(self.parts) + self._held

    def add_event(self, data: str) -> None:
        """Take one streamed chunk's data."""
        if data.strip() == "[DONE]":
            self.complete = True
            return
        self.events += 1
        chunk = load_json(data)
        choice = _choice(chunk)
        if choice is None:  # e.g. the usage summary some servers stream last
            return
        self._add(_text(choice, "delta"))
        self._finish(choice)

    def add_whole(self, body: bytes) -> None:
        """Take a non-streamed `chat.completion`, as servers that ignore `stream` send."""
        choice = _choice(load_json(body))
        if choice is None:
            raise LLMError(MALFORMED)
        self._add(_text(choice, "message"))
        self._finish(choice)
        self.complete = True

    def _add(self, piece: str) -> None:
        if not piece:
            return
        text = self._held + piece
        cut = min((i for s in STOP_SEQUENCES if (i := text.find(s)) >= 0), default=-1)
        if cut >= 0:
            text, self._held = text[:cut], ""
            self.complete, self.finish_reason = True, "stop"
        else:  # hold back what may be the start of a stop sequence
            keep = max((n for s in STOP_SEQUENCES for n in range(1, len(s)) if text.endswith(s[:n])), default=0)
            text, self._held = text[: len(text) - keep], text[len(text) - keep:]
        self._deliver(text)
        said_no = _NO_ANSWER_RE.match(self.text)
        if said_no and said_no.end() < len(self.text):  # "NO_ANSWER" and more: nothing else matters
            self.complete, self.finish_reason = True, self.finish_reason or "stop"

    def _deliver(self, text: str) -> None:
        if text:
            self.parts.append(text)
            if self.on_delta is not None:
                self.on_delta(text)

    def flush(self) -> None:
        """Hand over any text held back while it might have started a stop sequence."""
        held, self._held = self._held, ""
        self._deliver(held)

    def _finish(self, choice: dict[str, Any]) -> None:
        reason = choice.get("finish_reason")
        if isinstance(reason, str) and reason:
            self.finish_reason = self.finish_reason or reason
            self.complete = True


def _choice(data: dict[str, Any]) -> dict[str, Any] | None:
    choices = data.get("choices")
    if not isinstance(choices, list):
        raise LLMError(MALFORMED)
    if not choices:
        return None
    if not isinstance(choices[0], dict):
        raise LLMError(MALFORMED)
    return choices[0]


def _text(choice: dict[str, Any], key: str) -> str:
    """`choice[key].content` ("delta" when streamed, "message" when not); "" if absent."""
    part = choice.get(key, {})
    if not isinstance(part, dict) or not isinstance(content := part.get("content") or "", str):
        raise LLMError(MALFORMED)
    return content


