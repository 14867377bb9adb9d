"""Copying every collection of one storage engine into another, vectors and all, without re-embedding.

Besides the articles, a collection's store holds what a bot process must not lose on a
restart: feed subscriptions with the entries they have seen (else a pruned feed article
would come back on the next poll), the conversations threads continue, the answers
readers can still rate and who rated them. All of it is copied.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .plurals import counted
from .store.base import Backend, BulkImport, CopiedArticle, Store


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
    feed_entries_copied: int = 0
    conversations_copied: int = 0
    rated_answers_copied: int = 0
    votes_copied: int = 0
    pruned_copied: int = 0

    def summary(self) -> str:
        """One line for a terminal (what was not there to copy is left out)."""
        extras = "".join(f", {counted(count, noun, plural)}" for count, noun, plural in (
            (self.feeds_copied, "feed", None), (self.feed_entries_copied, "feed entry", "feed entries"),
            (self.conversations_copied, "conversation", None), (self.rated_answers_copied, "rated answer", None),
            (self.votes_copied, "vote", None), (self.pruned_copied, "pruned", "pruned")) if count)
        return (f"{self.collection}: copied {counted(self.articles_copied, 'article')} "
                f"({counted(self.chunks_copied, 'chunk')}, {counted(self.feedback_copied, 'feedback row')}{extras}); "
                f"{self.articles_present} already there")


def copy_store(origin: Store, destination: Store, name: str) -> CopyReport:
    """Copy one collection's subscriptions, articles (under their ids), chunks, vectors, the
    entries its feeds have seen, feedback, conversations, rated answers and votes; what the
    destination already holds is left alone."""
    feeds, feed_ids = copy_feeds(origin, destination)
    copied = present = chunks = 0
    articles = (_with_feed_ids(article, feed_ids) for article in origin.export_articles())
    if isinstance(destination, BulkImport):
        bulk = destination.bulk_import(articles, keep_ids=True, expected_chunks=origin.counts()[1])
        copied, present, chunks = bulk.articles_copied, bulk.articles_present, bulk.chunks_copied
    else:
        for article in articles:
            if destination.import_article(article):
                copied, chunks = copied + 1, chunks + len(article.chunks)
            else:
                present += 1
    # After the articles: an entry points at the article it became.
    entries = copy_feed_entries(origin, destination, feed_ids)
    feedback = destination.import_feedback(origin.feedback())
    memory = destination.memory.import_copy(origin.memory.export())
    pruned = max(0, origin.pruned() - destination.pruned())
    if pruned:
        destination.add_pruned(pruned)
    return CopyReport(name, origin.model, copied, present, chunks, feedback, feeds, entries,
                      memory.conversations, memory.rated_answers, memory.votes, pruned)


def _with_feed_ids(copied: CopiedArticle, ids: dict[int, int]) -> CopiedArticle:
    """The article pointing at its feed's id in the destination. A feed since unsubscribed
    keeps its old id: the article still counts as a feed article for retention."""
    old = copied.article.feed_id
    if old is None or old not in ids:
        return copied
    return replace(copied, article=replace(copied.article, feed_id=ids[old]))


def copy_feeds(origin: Store, destination: Store) -> tuple[int, dict[int, int]]:
    """Copy the subscriptions with their state (validators, due time, errors) under new ids;
    return how many were copied and the destination's id for each origin feed id."""
    copied = 0
    ids: dict[int, int] = {}
    for feed in origin.feeds():
        made, created = destination.add_feed(feed.url, feed.title, feed.channel_id, feed.created_at)
        ids[feed.id] = made.id
        if created:
            destination.save_feed(replace(feed, id=made.id))
            copied += 1
    return copied, ids


def copy_feed_entries(origin: Store, destination: Store, ids: dict[int, int]) -> int:
    """Copy the entries each feed has seen, so that none is fetched or added again; return how many."""
    copied = 0
    for old, new in ids.items():
        for key, fingerprint, article_id, seen_at in origin.feed_entries(old):
            if destination.feed_entry(new, key) is None:
                destination.put_feed_entry(new, key, fingerprint, article_id, seen_at)
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
