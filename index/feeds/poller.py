"""Following feeds: subscribe (a feed, or a page that announces one), and poll due feeds,
adding each new or edited entry as an article. Every URL goes through the safe fetcher."""
from __future__ import annotations

import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta

from ..collection import Collection
from ..dates import iso_time
from ..errors import InputError, KnowledgeBaseError, RefusedAddressError
from ..plurals import counted
from ..records import Feed
from ..sources import Document, UrlFetcher, from_text, load_url
from ..sources.fetch import FEED_CONTENT_TYPES, FetchedPage
from .clock import Clock, SystemClock
from .parse import FeedEntry, ParsedFeed, discover_feed, parse_feed
from .politeness import HostPacer

log = logging.getLogger(__name__)
_HTML = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class FeedSettings:
    """How feeds are polled (FEED_* settings)."""

    interval_minutes: float = 30.0
    host_delay_seconds: float = 1.0
    max_failures: int = 8
    max_backoff_hours: float = 24.0
    max_entries: int = 200

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> FeedSettings:
        """Read FEED_INTERVAL_MINUTES, FEED_HOST_DELAY_SECONDS, FEED_MAX_FAILURES,
        FEED_MAX_BACKOFF_HOURS and FEED_MAX_ENTRIES (empty: the default)."""
        values: dict[str, float | int] = {}
        for key, field, kind in (("FEED_INTERVAL_MINUTES", "interval_minutes", float),
                                 ("FEED_HOST_DELAY_SECONDS", "host_delay_seconds", float),
                                 ("FEED_MAX_FAILURES", "max_failures", int),
                                 ("FEED_MAX_BACKOFF_HOURS", "max_backoff_hours", float),
                                 ("FEED_MAX_ENTRIES", "max_entries", int)):
            raw = env.get(key, "").strip()
            if raw:
                try:
                    values[field] = kind(raw)
                except ValueError:
                    raise InputError(f"{key} must be a number, not {raw!r}") from None
                if values[field] < 0:
                    raise InputError(f"{key} must not be negative")
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FeedEvent:
    """An article a poll added or updated."""

    feed_id: int
    status: str
    article_id: int
    title: str
    url: str | None
    published: str | None
    channel_id: int | None = None

    def to_json(self) -> dict[str, object]:
        """The `feed poll --json` line."""
        return {"feed_id": self.feed_id, "status": self.status, "article_id": self.article_id,
                "title": self.title, "url": self.url, "published": self.published}


@dataclass(frozen=True)
class PollReport:
    """One feed's poll: its state afterwards, the articles it changed, what went wrong."""

    feed: Feed
    events: list[FeedEvent]
    error: str | None = None
    skipped: tuple[str, ...] = ()


class FeedPoller:
    """Subscribes and polls; the clock and the random jitter are injected for tests."""

    def __init__(self, fetcher: UrlFetcher, settings: FeedSettings = FeedSettings(), clock: Clock | None = None,
                 rng: random.Random | None = None) -> None:
        self.fetcher = fetcher
        self.settings = settings
        self.clock = clock or SystemClock()
        self.rng = rng or random.Random()
        self.pacer = HostPacer(self.clock, settings.host_delay_seconds)

    def _now(self) -> str:
        return iso_time(self.clock.now())

    def _fetch(self, url: str, headers: dict[str, str] | None = None) -> FetchedPage:
        self.pacer.wait_turn(url)
        return self.fetcher.fetch(url, headers=headers, also_accept=FEED_CONTENT_TYPES)

    def subscribe(self, library: Collection, url: str, channel_id: int | None = None) -> tuple[Feed, bool]:
        """Follow the feed at `url`, or the one the page at `url` announces; (feed, created).

        Subscribing again to a feed resumes it when paused (and sets its channel when given)."""
        page = self._fetch(url.strip())
        if page.content_type in _HTML:
            found = discover_feed(page.body, page.url)
            if found is None:
                raise InputError(f"no RSS or Atom feed at {url}: the page announces none")
            page = self._fetch(found)
        parsed = parse_feed(page.body, page.url)
        feed, created = library.store.add_feed(page.url, parsed.title, channel_id, self._now())
        if not created and (feed.paused or feed.failures or channel_id is not None):
            feed = replace(feed, paused=False, failures=0, last_error=None, next_check=self._now(),
                           channel_id=channel_id if channel_id is not None else feed.channel_id)
            library.store.save_feed(feed)
        return feed, created

    def poll_due(self, library: Collection) -> list[PollReport]:
        """Poll every feed of `library` that is due; one failing feed never stops the others."""
        return [self.poll(library, feed) for feed in library.store.due_feeds(self._now())]

    def poll(self, library: Collection, feed: Feed) -> PollReport:
        """Check one feed (conditionally), add its new entries, and schedule its next check."""
        checked = self._now()
        headers = {k: v for k, v in (("If-None-Match", feed.etag), ("If-Modified-Since", feed.last_modified)) if v}
        try:
            page = self._fetch(feed.url, headers)
            if page.status == 304:
                events: list[FeedEvent] = []
                skipped: list[str] = []
                parsed = None
            else:
                parsed = parse_feed(page.body, page.url)
                events, skipped = self._entries(library, feed, parsed)
        except KnowledgeBaseError as error:
            return self._failed(library, feed, checked, str(error))
        except Exception as error:  # noqa: BLE001 (a hostile feed must never stop the others)
            log.exception("feed #%s (%s) failed unexpectedly", feed.id, feed.url)
            return self._failed(library, feed, checked, f"unexpected error: {type(error).__name__}")
        after = replace(feed, title=(parsed.title if parsed and parsed.title else feed.title), last_checked=checked,
                        next_check=self._later(self.settings.interval_minutes * 60), failures=0, last_error=None,
                        etag=page.etag or feed.etag, last_modified=page.last_modified or feed.last_modified,
                        articles_added=feed.articles_added + sum(e.status == "added" for e in events))
        library.store.save_feed(after)
        return PollReport(after, events, None, tuple(skipped))

    def _later(self, seconds: float) -> str:
        return iso_time(self.clock.now() + timedelta(seconds=seconds))

    def _failed(self, library: Collection, feed: Feed, checked: str, error: str) -> PollReport:
        """Back off exponentially (with jitter) and pause after too many failures in a row."""
        failures = feed.failures + 1
        base = self.settings.interval_minutes * 60 * 2 ** min(failures - 1, 20)
        delay = min(base, self.settings.max_backoff_hours * 3600) * self.rng.uniform(0.8, 1.2)
        paused = failures >= self.settings.max_failures > 0
        shown = f"paused after {counted(failures, 'failure')} in a row: {error}" if paused else error
        after = replace(feed, failures=failures, last_error=shown[:500], paused=paused, last_checked=checked,
                        next_check=self._later(delay))
        library.store.save_feed(after)
        log.info("feed #%s failed (%d in a row): %s", feed.id, failures, error)
        return PollReport(after, [], shown)

    def _entries(self, library: Collection, feed: Feed, parsed: ParsedFeed) -> tuple[list[FeedEvent], list[str]]:
        """Add each entry not seen before (or edited since), oldest first."""
        events: list[FeedEvent] = []
        skipped: list[str] = []
        for entry in reversed(parsed.entries[:self.settings.max_entries]):
            seen = library.store.feed_entry(feed.id, entry.key)
            if seen is not None and seen[0] == entry.fingerprint:
                continue
            try:
                doc = self._document(feed, entry)
            except RefusedAddressError as error:
                # A hostile link: remembered, so that it is not retried on every poll.
                library.store.put_feed_entry(feed.id, entry.key, entry.fingerprint, None, self._now())
                skipped.append(f"{entry.link}: {error}")
                continue
            except InputError as error:
                skipped.append(f"{entry.link or entry.title}: {error}")  # tried again next poll
                continue
            result = library.add(doc)
            library.store.put_feed_entry(feed.id, entry.key, entry.fingerprint, result.article_id, self._now())
            if result.status != "unchanged":
                events.append(FeedEvent(feed.id, result.status, result.article_id, result.title,
                                        doc.url, doc.date, feed.channel_id))
        return events, skipped

    def _document(self, feed: Feed, entry: FeedEntry) -> Document:
        """The entry's page, extracted; its summary when the page cannot be fetched."""
        doc: Document | None = None
        if entry.link:
            try:
                self.pacer.wait_turn(entry.link)
                doc = load_url(entry.link, self.fetcher)
            except RefusedAddressError:
                raise
            except InputError as error:
                if not entry.summary:
                    raise
                log.info("feed #%s: %s unreadable (%s); using the entry's summary", feed.id, entry.link, error)
        if doc is None:
            if not entry.summary:
                raise InputError("the entry has neither a link nor a summary")
            doc = replace(from_text(entry.summary, entry.title, source=entry.link or feed.url), url=entry.link)
        if entry.published:
            doc = replace(doc, date=entry.published, date_source="feed")
        return replace(doc, title=entry.title or doc.title, feed_id=feed.id)
