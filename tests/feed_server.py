"""A web server on 127.0.0.1 for the feed tests: feeds we write ourselves (RSS 2.0, Atom),
their articles, validators (ETag / Last-Modified answered with 304), redirects and failures."""
from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape

import pytest


@dataclass
class Route:
    """What one path answers: a body with its type, or a status (a redirect's Location in `location`).
    `failures` answers 500 that many times first; `etag`/`modified` enable 304 answers."""

    body: bytes = b""
    content_type: str = "application/rss+xml"
    status: int = 200
    location: str | None = None
    etag: str | None = None
    modified: str | None = None
    failures: int = 0
    requests: list[dict[str, str]] = field(default_factory=list)


class FeedServer:
    """Serves `routes[path]`, or plain `pages[path] = (content_type, body)`; every request's
    headers are kept on its route."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.pages: dict[str, tuple[str, bytes]] = {}
        routes, pages = self.routes, self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server's naming
                page = pages.get(self.path)
                route = routes.get(self.path) or (Route(page[1], page[0]) if page else None)
                if route is None:
                    self.send_error(404)
                    return
                route.requests.append({k.lower(): v for k, v in self.headers.items()})
                if route.failures > 0:
                    route.failures -= 1
                    self.send_error(500)
                    return
                if route.location:
                    self.send_response(route.status)
                    self.send_header("Location", route.location)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                fresh = ((route.etag and self.headers.get("If-None-Match") == route.etag)
                         or (route.modified and self.headers.get("If-Modified-Since") == route.modified))
                if fresh:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.modified:
                    self.send_header("Last-Modified", route.modified)
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        return self.base + path

    def article(self, path: str, title: str, paragraphs: list[str], published: str | None = None) -> None:
        """Serve an HTML article (with its publication date in the page's metadata when given)."""
        meta = f'<meta property="article:published_time" content="{published}">' if published else ""
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        html = (f"<html><head><title>{escape(title)}</title>{meta}</head><body><article><h1>{escape(title)}</h1>"
                f"{body}</article></body></html>")
        self.routes[path] = Route(html.encode(), "text/html; charset=utf-8")

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


def rss(title: str, items: Sequence[tuple[str, str, datetime | None]], *, summaries: dict[str, str] | None = None,
        link: str = "/") -> bytes:
    """An RSS 2.0 document: items are (title, link, published)."""
    parts = []
    for item_title, item_link, published in items:
        date = f"<pubDate>{format_datetime(published)}</pubDate>" if published else ""
        summary = (summaries or {}).get(item_link)
        description = f"<description>{escape(summary)}</description>" if summary else ""
        parts.append(f"<item><title>{escape(item_title)}</title><link>{escape(item_link)}</link>"
                     f"<guid>{escape(item_link)}</guid>{date}{description}</item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>{escape(link)}</link><description>test feed</description>{''.join(parts)}</channel></rss>"
            ).encode()


def atom(title: str, entries: list[tuple[str, str, datetime]], base: str) -> bytes:
    """An Atom 1.0 document: entries are (title, link, updated)."""
    parts = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/><id>tag:test,{escape(link)}</id>'
        f"<updated>{when.isoformat()}</updated></entry>" for t, link, when in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>tag:test,{escape(base)}</id>"
            f"<updated>2026-11-30T00:00:00Z</updated>{parts}</feed>").encode()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A feed server for one test."""
    server = FeedServer()
    yield server
    server.close()
