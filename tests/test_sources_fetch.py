"""UrlFetcher and load_url against real HTTP servers bound to 127.0.0.1."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from typing import Any

import pytest
from fpdf import FPDF

from index.errors import FetchError, InputError
from index.sources import UrlFetcher, load_url
from index.sources import fetch as fetch_module
from index.sources.fetch import refusal_reason

ARTICLE = b"""<!doctype html><html><head><meta charset="utf-8">
<title>The Quiet Economics of Library Seed Banks</title>
<meta name="author" content="Bram Oleander">
<meta property="article:published_time" content="2024-02-11">
<link rel="canonical" href="https://seeds.example.net/posts/library-seed-banks">
</head><body><nav>Home | About</nav><article>
<h1>The Quiet Economics of Library Seed Banks</h1>
<p>In the town of Harrowfield the public library lends tomato seeds the way it lends novels. Borrowers take a packet in spring and promise to return seeds saved from the strongest plants in autumn.</p>
<p>The librarians keep a ledger of which varieties come back. After six seasons the ledger shows that a yellow pear tomato called Widow's Lantern returns at twice the rate of any other variety.</p>
<p>Nobody planned this. The variety simply sets seed early, so even careless gardeners have something to return before the first frost closes the season.</p>
</article><footer>Footer text that is not part of the story.</footer></body></html>"""  # noqa: E501


def _pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.set_title("Field Notes on Moss Gardens")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, "Moss prefers shade, patience and a gardener who does not rake.")
    return bytes(pdf.output())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


class _Handler(BaseHTTPRequestHandler):
    stop = threading.Event()

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str | None, length: bool = True) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, status: int, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE, "text/html; charset=UTF-8")
        elif path == "/paper.pdf":
            self._send(200, _pdf_bytes(), "application/pdf")
        elif path == "/notes.md":
            self._send(200, b"intro line\n\n# Compost Heaps\n\nTurn them weekly.\n", "text/markdown")
        elif path == "/latin1.txt":
            self._send(200, "Caf\u00e9 notes\nThe caf\u00e9 opens at dawn.\n".encode("latin-1"),
                       "text/plain; charset=ISO-8859-1")
        elif path == "/echo":
            text = f"{self.headers['Host']}\n{self.headers['User-Agent']}\n"
            self._send(200, text.encode(), "text/plain")
        elif path == "/big-declared":
            self._send(200, b"x" * 5000, "text/plain")
        elif path == "/big-streamed":
            self._send(200, b"y" * 5000, "text/plain", length=False)
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png")
        elif path == "/missing":
            self._send(404, b"not here", "text/plain")
        elif path == "/redirect":
            self._redirect(302, "/article")
        elif path == "/to-metadata":
            self._redirect(302, "http://169.254.169.254/latest/meta-data/")
        elif path == "/to-private":
            self._redirect(307, "http://10.0.0.1/admin")
        elif path == "/loop":
            self._redirect(301, "/loop")
        elif path == "/slow":
            self.stop.wait(3)
            self._send(200, b"too late", "text/plain")
        else:
            self._send(404, b"", "text/plain")


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    _Handler.stop.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Record every outgoing TCP connection the fetcher makes."""
    made: list[tuple[str, int]] = []
    original = socket.create_connection

    def recording(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        made.append(address)
        return original(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recording)
    return made


@pytest.fixture
def local() -> UrlFetcher:
    return UrlFetcher(allow_hosts=["127.0.0.1"], timeout=2.0, max_bytes=2000)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://127.0.0.1:{port}/article", "127.0.0.1 is loopback"),
        ("http://localhost:{port}/article", "127.0.0.1 is loopback (localhost)"),
        ("http://[::1]:{port}/article", "::1 is loopback"),
        ("http://10.0.0.5/", "10.0.0.5 is private"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is cloud metadata"),
        ("http://0.0.0.0:{port}/", "0.0.0.0 is unspecified"),
        ("http://2130706433/", "127.0.0.1 is loopback (2130706433)"),
        ("http://100.64.3.4/", "100.64.3.4 is shared address space (CGNAT)"),
        ("http://[::ffff:10.1.2.3]/", "is private (embedded 10.1.2.3)"),
        ("https://[fd00:ec2::254]/", "fd00:ec2::254 is cloud metadata"),
    ],
)
def test_default_fetcher_refuses_non_public_before_connecting(
    base_url: str, connections: list[tuple[str, int]], url: str, shown: str
) -> None:
    port = base_url.rsplit(":", 1)[1]
    with pytest.raises(FetchError) as caught:
        UrlFetcher().fetch(url.format(port=port))
    message = str(caught.value)
    assert message.startswith("refused address: ") and shown in message
    assert "\n" not in message
    assert connections == []


def test_a_hostname_with_any_private_answer_is_refused(
    monkeypatch: pytest.MonkeyPatch, connections: list[tuple[str, int]]
) -> None:
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, 80)) for ip in ("8.8.8.8", "10.9.8.7")]
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", lambda *a, **k: answers)
    with pytest.raises(FetchError, match=r"refused address: 10\.9\.8\.7 is private \(news\.example\)"):
        UrlFetcher().fetch("http://news.example/story")
    assert connections == []


def test_connection_is_pinned_to_the_checked_address(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.4.4", 443))]
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", lambda *a, **k: answers)
    attempted: list[tuple[str, int]] = []

    def refuse(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        attempted.append(address)
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(socket, "create_connection", refuse)
    with pytest.raises(FetchError, match="cannot connect: news.example port 443"):
        UrlFetcher().fetch("https://news.example/story")
    assert attempted == [("8.8.4.4", 443)]


def test_pinned_request_keeps_host_header_and_user_agent(
    base_url: str, connections: list[tuple[str, int]]
) -> None:
    port = int(base_url.rsplit(":", 1)[1])
    page = UrlFetcher(allow_hosts=["LOCALHOST"]).fetch(f"http://localhost:{port}/echo")
    assert page.body.decode().split("\n")[:2] == [f"localhost:{port}", "article-bot/0.1"]
    assert page.url == f"http://localhost:{port}/echo"
    assert connections == [("127.0.0.1", port)]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_refusal_names_the_setting_that_allows_the_host(base_url: str, host: str) -> None:
    """The refusal says how to allow the host (FETCH_ALLOW_HOSTS, documented only in
    .env.example), and a fetcher given that value gets the page."""
    url = f"{base_url.replace('127.0.0.1', host)}/article"
    with pytest.raises(FetchError) as caught:
        UrlFetcher().fetch(url)
    message = str(caught.value)
    assert message.endswith(f"; set FETCH_ALLOW_HOSTS={host} to allow it"), message
    allowed = message.rpartition("FETCH_ALLOW_HOSTS=")[2].split()[0]
    assert UrlFetcher(allow_hosts=[allowed]).fetch(url).body == ARTICLE


def test_a_cloud_metadata_refusal_offers_no_way_around_it() -> None:
    with pytest.raises(FetchError) as caught:
        UrlFetcher().fetch("http://169.254.169.254/latest/meta-data/")
    assert str(caught.value) == "refused address: 169.254.169.254 is cloud metadata"


def test_allow_listed_fetcher_gets_the_page(base_url: str, local: UrlFetcher) -> None:
    page = local.fetch(f"{base_url}/article")
    assert (page.url, page.content_type, page.charset) == (f"{base_url}/article", "text/html", "utf-8")
    assert page.body == ARTICLE


def test_redirect_to_allowed_page_is_followed(base_url: str, local: UrlFetcher) -> None:
    page = local.fetch(f"{base_url}/redirect")
    assert page.url == f"{base_url}/article"
    assert b"Widow's Lantern" in page.body


@pytest.mark.parametrize(
    ("path", "shown"),
    [("/to-metadata", "169.254.169.254 is cloud metadata"), ("/to-private", "10.0.0.1 is private")],
)
def test_redirect_to_refused_address_stops_before_connecting(
    base_url: str, local: UrlFetcher, connections: list[tuple[str, int]], path: str, shown: str
) -> None:
    with pytest.raises(FetchError, match=f"refused address: {shown}"):
        local.fetch(base_url + path)
    port = int(base_url.rsplit(":", 1)[1])
    assert connections == [("127.0.0.1", port)]


def test_redirect_loop_is_cut_off(base_url: str, local: UrlFetcher) -> None:
    with pytest.raises(FetchError, match="too many redirects: .* more than 5 times"):
        local.fetch(f"{base_url}/loop")


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed"])
def test_body_over_max_bytes_is_refused(base_url: str, local: UrlFetcher, path: str) -> None:
    with pytest.raises(FetchError, match="too large: .* over 2000 bytes"):
        local.fetch(base_url + path)


def test_wrong_content_type_is_named(base_url: str, local: UrlFetcher) -> None:
    with pytest.raises(FetchError, match="unsupported content type image/png"):
        local.fetch(f"{base_url}/image.png")


def test_http_error_status(base_url: str, local: UrlFetcher) -> None:
    with pytest.raises(FetchError, match="HTTP 404 from"):
        local.fetch(f"{base_url}/missing")


def test_slow_server_times_out(base_url: str) -> None:
    fetcher = UrlFetcher(allow_hosts=["127.0.0.1"], timeout=0.5)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out: .* within 0\.5 s"):
        fetcher.fetch(f"{base_url}/slow")
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize("url", ["ftp://example.com/a.txt", "file:///etc/passwd", "example.com/article"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme"):
        UrlFetcher().fetch(url)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("8.8.8.8", None),
        ("2606:4700::1111", None),
        ("::ffff:8.8.8.8", None),
        ("192.168.1.1", "private"),
        ("fe80::1", "link-local"),
        ("224.0.0.251", "multicast"),
        ("240.0.0.1", "reserved"),
        ("::", "unspecified"),
        ("64:ff9b::a00:1", "private (embedded 10.0.0.1)"),
    ],
)
def test_refusal_reason(address: str, reason: str | None) -> None:
    assert refusal_reason(ip_address(address)) == reason


def test_load_url_html_uses_canonical_url(base_url: str, local: UrlFetcher) -> None:
    doc = load_url(f"{base_url}/redirect", local)
    assert doc.source == f"{base_url}/redirect"
    assert doc.url == "https://seeds.example.net/posts/library-seed-banks"
    assert (doc.title, doc.author, doc.date) == (
        "The Quiet Economics of Library Seed Banks", "Bram Oleander", "2024-02-11"
    )
    assert "Widow's Lantern" in doc.text and "Footer text" not in doc.text


def test_load_url_pdf_markdown_and_declared_charset(base_url: str) -> None:
    fetcher = UrlFetcher(allow_hosts=["127.0.0.1"], timeout=2.0)
    pdf = load_url(f"{base_url}/paper.pdf", fetcher)
    assert (pdf.title, pdf.url) == ("Field Notes on Moss Gardens", f"{base_url}/paper.pdf")
    assert "a gardener who does not rake" in pdf.text
    markdown = load_url(f"{base_url}/notes.md", fetcher)
    assert markdown.title == "Compost Heaps"
    latin = load_url(f"{base_url}/latin1.txt", fetcher)
    assert (latin.title, latin.text.split("\n")[1]) == ("Caf\u00e9 notes", "The caf\u00e9 opens at dawn.")


def test_fetch_error_is_an_input_error() -> None:
    with pytest.raises(InputError):
        UrlFetcher().fetch("http://127.0.0.1/")
