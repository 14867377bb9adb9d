"""Real OpenAI-compatible chat servers on 127.0.0.1, one behaviour each, for tests.

    with FakeLLMServer("stream", reply="Paris [1].") as server:
        ChatClient(LLMSettings(server.base_url, "m")).stream_chat(messages)
        server.requests[0].prompt  # what the client sent

or, in a test, the `llm_server` fixture: `server = llm_server("hang")`.
Modes (the stream shapes are llama.cpp's server's):
  stream   SSE in several chunks: role-only chunk, content chunks, a chunk with an empty delta
           and `finish_reason` (`finish`: "stop" or "length"), a usage chunk, `data: [DONE]`
           (`delay` seconds before each content chunk; `linger` seconds after the finish chunk)
  ramble   a model that does not stop: one word per chunk every `interval` seconds until the
           request's `max_tokens` words (forever without it), then `finish_reason` "length"
  empty    HTTP 200, `text/event-stream`, and no body at all (llama.cpp when the prompt
           does not fit the model's context)
  json     one non-streamed chat.completion, as servers that ignore `stream` send
  error    HTTP `status` (500) with a JSON error body (`error_body`, OpenAI's shape by default)
  hang     reads the request and never answers
  stall    sends the headers and the first chunk, then nothing
  trickle  sends a content chunk every `interval` seconds, forever
  raw      sends `raw` bytes as the body with `content_type`
`disconnects` records when a hanging, stalled or trickled-to client closed its connection.
"""
from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

import pytest

Mode = Literal["stream", "ramble", "empty", "json", "error", "hang", "stall", "trickle", "raw"]

REPLY = "Paris is the capital of France [1]. It lies on the Seine [2]."
# A question about the fixture articles. Its passages 1 and 3 are the lighthouse article's
# first chunk (the restoration, the staircase) and its second (the lens, the leader).
QUESTION = "How many steps does the lighthouse staircase have?"
# Each claim cites the passage that says it; markers renumbered [3] -> [1], [1] -> [2].
VALID_REPLY = ("The lighthouse's Fresnel lens was cleaned in Edinburgh and turns again [3]. "
               "Its spiral staircase has 97 cast-iron steps [1]. Forty volunteers restored it over three summers [1].")
RENUMBERED = ("The lighthouse's Fresnel lens was cleaned in Edinburgh and turns again [1]. "
              "Its spiral staircase has 97 cast-iron steps [2]. Forty volunteers restored it over three summers [2].")
# [7] points at no passage: it is removed, and its claim, which passage 3 supports, is cited there.
CITES_MISSING_REPLY = "The lens was cleaned in Edinburgh [7]. The spiral staircase has 97 cast-iron steps [1]."
CITES_MISSING_CHECKED = "The lens was cleaned in Edinburgh [1]. The spiral staircase has 97 cast-iron steps [2]."
CITES_NOTHING_REPLY = "The tower is 330 m tall and opened in 1889."
# The example: [2] after a sentence its passage does not say, and a wrong number.
UNSUPPORTED_REPLY = ("If our two countries work together, the lighthouse will guide ships again [3]. "
                     "The volunteers replaced 400 cracked window panes [1].")
# Supported claims cited to the wrong passages: re-pointed to the passages that say them.
MISCITED_REPLY = "The spiral staircase has 97 cast-iron steps [3]. Carys Penhallow leads the group of volunteers [1]."
MISCITED_CHECKED = "The spiral staircase has 97 cast-iron steps [1]. Carys Penhallow leads the group of volunteers [2]."
# One supported sentence and one invented: the invented one goes, with a notice.
PARTLY_SUPPORTED_REPLY = ("The spiral staircase has 97 cast-iron steps [1]. "
                          "The Skerry Point keepers returned in 2019 to run a cafe in the tower [1].")
LONG_REPLY = " ".join("Again, the spiral staircase has 97 cast-iron steps [1]." for _ in range(120))


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it (header names lower-cased)."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, str]]:
        """The chat messages of the request."""
        return list(self.body.get("messages", []))

    @property
    def prompt(self) -> str:
        """Every message's content, joined, to search for what the prompt carried."""
        return "\n".join(str(m.get("content", "")) for m in self.messages)


def sse_event(payload: dict[str, Any] | str) -> bytes:
    """One server-sent event carrying `payload` (JSON-encoded unless a string)."""
    data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return f"data: {data}\n\n".encode()


def _chunk(model: str, delta: dict[str, str], finish: str | None = None) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "finish_reason": finish}
    return {"id": "chatcmpl-test", "object": "chat.completion.chunk", "model": model, "choices": [choice]}


class FakeLLMServer:
    """A threaded HTTP server speaking `/v1/chat/completions`; its attributes may be changed between calls."""

    def __init__(
        self,
        mode: Mode = "stream",
        reply: str = REPLY,
        *,
        piece: int = 8,
        fragment: bool = False,
        status: int = 500,
        interval: float = 0.1,
        raw: bytes = b"",
        content_type: str = "text/event-stream",
        delay: float = 0.0,
        finish: str = "stop",
        linger: float = 0.0,
        error_body: dict[str, Any] | None = None,
    ) -> None:
        self.mode = mode
        self.reply = reply
        self.piece = piece  # characters of reply per streamed chunk
        self.fragment = fragment  # write the stream a few bytes at a time, splitting lines and characters
        self.status = status
        self.interval = interval
        self.raw = raw
        self.content_type = content_type
        self.delay = delay  # seconds before each content chunk of the `stream` mode
        self.finish = finish  # the `stream` mode's finish_reason
        self.linger = linger  # seconds the `stream` mode waits after its finish chunk
        crashed = {"error": {"message": "the model crashed", "type": "server_error"}}
        self.error_body = crashed if error_body is None else error_body
        self.requests: list[RecordedRequest] = []
        self.disconnects: list[float] = []  # time.monotonic() when a waiting handler saw its client leave
        self.stopped = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.01,), daemon=True)

    @property
    def base_url(self) -> str:
        """The URL to configure as LLM_BASE_URL, ending in /v1."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def start(self) -> FakeLLMServer:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hanging handlers, stop serving and close the socket."""
        self.stopped.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stream_events(self) -> list[bytes]:
        """The SSE events the `stream` mode sends for the current reply."""
        model = self.requests[-1].body.get("model", "") if self.requests else ""
        pieces = [self.reply[i : i + self.piece] for i in range(0, len(self.reply), self.piece)]
        return [
            b": keep-alive\n\n",
            sse_event(_chunk(model, {"role": "assistant", "content": ""})),
            *(sse_event(_chunk(model, {"content": p})) for p in pieces),
            sse_event(_chunk(model, {}, finish=self.finish)),
            sse_event({"id": "chatcmpl-test", "choices": [], "usage": {"total_tokens": 42}}),
            sse_event("[DONE]"),
        ]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """Keep test output quiet."""

    def do_POST(self) -> None:
        fake: FakeLLMServer = self.server.fake  # type: ignore[attr-defined]
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        headers = {name.lower(): value for name, value in self.headers.items()}
        fake.requests.append(RecordedRequest("POST", self.path, headers, body))
        try:
            if self.path != "/v1/chat/completions":
                self._send_json(404, {"error": {"message": "not found"}})
            elif fake.mode == "json":
                message = {"role": "assistant", "content": fake.reply}
                choice = {"index": 0, "message": message, "finish_reason": "stop"}
                self._send_json(200, {"object": "chat.completion", "model": body.get("model"), "choices": [choice]})
            elif fake.mode == "error":
                self._send_json(fake.status, fake.error_body)
            elif fake.mode == "hang":
                self._wait_for_stop_or_disconnect(fake)
            else:
                self._stream(fake)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as the timeout tests make it do
        self.close_connection = True

    def _send_json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, fake: FakeLLMServer) -> None:
        self.send_response(200)
        self.send_header("Content-Type", fake.content_type if fake.mode == "raw" else "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        if fake.mode == "raw":
            self._write(fake.raw, fake.fragment)
        elif fake.mode == "empty":
            pass  # headers, then the end of the body
        elif fake.mode == "stream":
            events = fake.stream_events()
            for i, event in enumerate(events):
                if fake.delay and 2 <= i < len(events) - 3 and fake.stopped.wait(fake.delay):
                    return  # stopped mid-stream
                if fake.linger and i == len(events) - 2 and fake.stopped.wait(fake.linger):
                    return
                self._write(event, fake.fragment)
        elif fake.mode == "ramble":
            limit = fake.requests[-1].body.get("max_tokens")
            self._write(fake.stream_events()[1], fragment=False)
            sent = 0
            while (limit is None or sent < limit) and not fake.stopped.wait(fake.interval):
                self._write(sse_event(_chunk("", {"content": f"word{sent} "})), fragment=False)
                sent += 1
            self._write(sse_event(_chunk("", {}, finish="length")) + sse_event("[DONE]"), fragment=False)
        elif fake.mode == "stall":
            self._write(fake.stream_events()[1], fragment=False)
            self._wait_for_stop_or_disconnect(fake)
            return
        else:  # trickle
            while not self._wait_for_stop_or_disconnect(fake, fake.interval):
                self._write(sse_event(_chunk("", {"content": "more "})), fragment=False)
            return
        self.wfile.write(b"0\r\n\r\n")

    def _wait_for_stop_or_disconnect(self, fake: FakeLLMServer, seconds: float | None = None) -> bool:
        """Wait `seconds` (None: until the server stops), noting when the client closes its
        connection; True when it did or the server stopped."""
        until = None if seconds is None else time.monotonic() + seconds
        while not fake.stopped.wait(0.01):
            readable, _, _ = select.select([self.connection], [], [], 0)
            if readable and not self.connection.recv(1, socket.MSG_PEEK):
                fake.disconnects.append(time.monotonic())
                return True
            if until is not None and time.monotonic() >= until:
                return False
        return True

    def _write(self, data: bytes, fragment: bool) -> None:
        """Send `data` as one HTTP chunk, or as 5-byte chunks sent apart when fragmenting."""
        size = 5 if fragment else max(len(data), 1)
        for start in range(0, len(data), size):
            part = data[start : start + size]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            if fragment:
                time.sleep(0.0002)  # so the client's reads see the pieces apart


def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening, so connecting is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def llm_server() -> Iterator[Callable[..., FakeLLMServer]]:
    """A factory of started FakeLLMServers (same arguments), all stopped after the test."""
    servers: list[FakeLLMServer] = []

    def start(mode: Mode = "stream", reply: str = REPLY, **options: Any) -> FakeLLMServer:
        server = FakeLLMServer(mode, reply, **options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
