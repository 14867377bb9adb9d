"""Feeds for every front: subscribe, list, unsubscribe, poll what is due in every library
(then apply the retention limits), and say when the next feed falls due."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from index.dates import iso_time
from index.errors import NotFoundError
from index.feeds import Clock, FeedPoller, PollReport, SystemClock
from index.library import KnowledgeBase
from index.records import Feed
from index.retention import prune
from index.sources import UrlFetcher

from .settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LibraryPoll:
    """One library's polled feeds and the articles its retention limits removed afterwards."""

    collection: str
    reports: list[PollReport]
    pruned: int = 0


class FeedDesk:
    """Subscriptions of every collection of a knowledge base, polled with one `FeedPoller`."""

    def __init__(self, kb: KnowledgeBase, fetcher: UrlFetcher, settings: Settings, clock: Clock | None = None) -> None:
        self.kb = kb
        self.clock = clock or SystemClock()
        self.poller = FeedPoller(fetcher, settings.feeds, self.clock)
        self.limits = settings.retention

    def subscribe(self, collection: str, url: str, channel_id: int | None = None) -> tuple[Feed, bool]:
        """Follow a feed (or the feed a page announces) in `collection`; (feed, newly created)."""
        return self.poller.subscribe(self.kb.collection(collection), url, channel_id)

    def feeds(self, collection: str) -> list[Feed]:
        """A library's subscriptions."""
        return self.kb.collection(collection).store.feeds()

    def unsubscribe(self, collection: str, feed_id: int) -> Feed:
        """Stop following a feed (its articles stay); NotFoundError for an unknown id."""
        store = self.kb.collection(collection).store
        feed = store.get_feed(feed_id)
        if feed is None or not store.remove_feed(feed_id):
            raise NotFoundError(f"no feed with id {feed_id} in this library")
        return feed

    def poll_due(self) -> list[LibraryPoll]:
        """Poll every due feed of every library once; prune libraries that changed."""
        now = iso_time(self.clock.now())
        done: list[LibraryPoll] = []
        for name in self.kb.names():
            library = self.kb.collection(name)
            due = library.store.next_feed_check()
            if due is None or due > now:
                continue
            reports = self.poller.poll_due(library)
            pruned = 0
            if any(r.events for r in reports) and self.limits:
                pruned = len(prune(library, self.limits, self.clock.now().date()))
            done.append(LibraryPoll(name, reports, pruned))
        return done

    def seconds_until_due(self) -> float | None:
        """Seconds until the next feed of any library falls due (0 when one is overdue); None without feeds."""
        times = [t for t in (self.kb.collection(n).store.next_feed_check() for n in self.kb.names()) if t]
        if not times:
            return None
        return max(0.0, (datetime.fromisoformat(min(times)) - self.clock.now()).total_seconds())
