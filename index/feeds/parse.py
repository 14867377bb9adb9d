"""Reading RSS and Atom with feedparser, and finding the feed a web page announces."""
from __future__ import annotations

import calendar
import hashlib
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
from lxml.etree import LxmlError

from ..errors import InputError

FEED_LINK_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json",
                             "application/rdf+xml", "application/xml", "text/xml"})


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: `key` identifies it across polls, `fingerprint` changes when it is edited."""

    key: str
    link: str | None
    title: str
    published: str | None
    summary: str
    fingerprint: str


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and entries, newest first as the feed lists them."""

    title: str | None
    link: str | None
    entries: list[FeedEntry]


def _day(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).date().isoformat()
    except (OverflowError, ValueError, OSError):
        return None


def _plain(html: str) -> str:
    """The text of an entry's HTML summary, paragraphs kept apart."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except (LxmlError, ValueError):
        return html.strip()
    for block in root.iter("p", "br", "li", "div", "h1", "h2", "h3"):
        block.tail = "\n\n" + (block.tail or "")
    return "\n\n".join(" ".join(part.split()) for part in root.text_content().split("\n\n") if part.strip())


def _web_link(link: str | None, base: str) -> str | None:
    if not link:
        return None
    absolute = urljoin(base, link.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _entry(raw: feedparser.FeedParserDict, base: str) -> FeedEntry | None:
    link = _web_link(raw.get("link"), base)
    title = " ".join(str(raw.get("title") or "").split())
    summary = _plain(str(raw.get("summary") or ""))
    if not link and not summary:
        return None
    key = str(raw.get("id") or link or title)
    # dict.get: feedparser's own get() maps a missing "updated" to "published" with a warning.
    published = _day(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed"))
    edited = str(dict.get(raw, "updated") or dict.get(raw, "published") or "")
    fingerprint = hashlib.sha256("\x1f".join([link or "", title, edited, summary]).encode()).hexdigest()
    return FeedEntry(key[:2000], link, title or (link or "untitled"), published, summary, fingerprint)


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """Parse an RSS or Atom document fetched from `url` (relative links resolve against it).

    InputError when it is not a feed or is too broken to read any entry from.
    """
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    entries = [e for e in (_entry(raw, url) for raw in parsed.entries) if e is not None]
    if not parsed.get("version") and not entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({' '.join(str(problem).split())[:160]})" if problem else ""
        raise InputError(f"not an RSS or Atom feed: {url}{detail}")
    feed = parsed.get("feed", {})
    title = " ".join(str(feed.get("title") or "").split()) or None
    return ParsedFeed(title, _web_link(feed.get("link"), url), entries)


def discover_feed(html: bytes | str, url: str) -> str | None:
    """The first feed a page announces with `<link rel="alternate" type="application/rss+xml" href=...>`."""
    try:
        root = lxml.html.fromstring(html)
    except (LxmlError, ValueError):
        return None
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_LINK_TYPES and link.get("href"):
            return _web_link(link.get("href"), url)
    return None
