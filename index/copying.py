"""Copying every collection of one storage engine into another, vectors and all, without re-embedding."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .store.base import Backend, BulkImport, Store


@dataclass(frozen=True)
class CopyReport:
    """What copying one collection did."""

    collection: str
    model: str
    articles_copied: int
    articles_present: int
    chunks_copied: int
    feedback_copied: int
    feeds_copied: int = 0

    def summary(self) -> str:
        """One line for a terminal."""
        feeds = f", {self.feeds_copied} feeds" if self.feeds_copied else ""
        return (f"{self.collection}: copied {self.articles_copied} articles ({self.chunks_copied} chunks, "
                f"{self.feedback_copied} feedback rows{feeds}); {self.articles_present} already there")


def copy_store(origin: Store, destination: Store, name: str) -> CopyReport:
    """Copy one collection's articles (under their ids), chunks, vectors and feedback;
    what the destination already holds is left alone."""
    copied = present = chunks = 0
    if isinstance(destination, BulkImport):
        bulk = destination.bulk_import(origin.export_articles(), keep_ids=True, expected_chunks=origin.counts()[1])
        copied, present, chunks = bulk.articles_copied, bulk.articles_present, bulk.chunks_copied
    else:
        for article in origin.export_articles():
            if destination.import_article(article):
                copied, chunks = copied + 1, chunks + len(article.chunks)
            else:
                present += 1
    feedback = destination.import_feedback(origin.feedback())
    return CopyReport(name, origin.model, copied, present, chunks, feedback, copy_feeds(origin, destination))


def copy_feeds(origin: Store, destination: Store) -> int:
    """Copy the subscriptions with their state (validators, due time, errors) under new ids;
    entries already seen come back unchanged on the next poll (deduped by URL and content)."""
    copied = 0
    for feed in origin.feeds():
        made, created = destination.add_feed(feed.url, feed.title, feed.channel_id, feed.created_at)
        if created:
            destination.save_feed(replace(feed, id=made.id))
            copied += 1
    return copied


def copy_collections(source: Backend, target: Backend,
                     on_done: Callable[[CopyReport], None] = lambda report: None) -> list[CopyReport]:
    """Copy every collection of `source` into `target` under the same names and article ids.

    An article whose content (or id, or URL) the target already holds is left alone, so
    running the copy again copies nothing twice. The target must hold each collection
    with the same model, or not at all.
    """
    reports = []
    for name in source.names():
        # The source is read as it is, whatever model embedded it; the target must agree.
        origin = source.open(name, "", 0, accept_other_model=True)
        try:
            destination = target.open(name, origin.model, origin.dimension)
            try:
                report = copy_store(origin, destination, name)
            finally:
                destination.close()
        finally:
            origin.close()
        on_done(report)
        reports.append(report)
    return reports
