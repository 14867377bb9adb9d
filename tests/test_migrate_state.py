"""`migrate` carries over what a bot process must not lose on a restart, not only the articles:
the entries each feed has seen (so a pruned feed article does not come back), the count of
pruned articles, the conversations threads continue, the answers readers can still rate and
who rated them. From a data folder into a real PostgreSQL, through the CLI, twice."""
from __future__ import annotations

import json
import random
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from index.embedding import Embedder
from index.feeds import FeedPoller, FeedSettings, ManualClock
from index.library import KnowledgeBase
from index.retention import RetentionLimits, prune
from index.sources import Document, UrlFetcher
from index.store.memory import RatedAnswerRow
from index.store.postgres import PostgresBackend
from tests.feed_server import FeedServer, feed_server  # noqa: F401  (fixture)
from tests.postgres_server import PostgresServer
from tests.test_feeds import START, serve_news
from tests.test_postgres_engine import index_cli

pytestmark = pytest.mark.usefixtures("one_torch_thread")

ANSWER = RatedAnswerRow("When does the ferry sail?", "It sails every hour from seven. [1]", '[{"n": 1}]')


def poller(clock: ManualClock) -> FeedPoller:
    """The real poller, fetching from the local feed server only."""
    return FeedPoller(UrlFetcher(allow_hosts=["127.0.0.1"]), FeedSettings(host_delay_seconds=0),
                      clock=clock, rng=random.Random(1))


def build_folder(data: Path, embedder: Embedder, feed_url: str, clock: ManualClock) -> None:
    """A data folder whose library follows a feed (one of its articles since pruned), holds a
    hand-added article, two conversations and two rated answers with their votes."""
    with closing(KnowledgeBase(data, embedder)) as folder:
        news = folder.collection("news")
        follower = poller(clock)
        follower.subscribe(news, feed_url)
        assert len(follower.poll_due(news)[0].events) == 3
        news.add(Document(text="The library opens late on Thursdays until nine.", title="Library hours",
                          source="pasted"))
        gone = prune(news, RetentionLimits(max_articles=3), date(2026, 12, 1))
        assert [a.title for a in gone] == ["Harbour ferry returns"]
        memory = news.memory
        memory.link(1001, "thread-a", keep=100)
        memory.link(1002, "thread-a", keep=100)  # a reply to the answer continues the thread
        memory.link(1003, "thread-b", keep=100)
        for n in range(3):
            memory.add_turn("thread-a", json.dumps({"question": f"q{n}"}), keep=10)
        memory.add_turn("thread-b", json.dumps({"question": "other"}), keep=10)
        memory.remember_answer(2001, ANSWER, keep=100)
        memory.remember_answer(2002, ANSWER, keep=100)
        assert memory.add_vote(2001, "alice") and memory.add_vote(2001, "bob")


def test_migrate_copies_feed_entries_pruning_conversations_and_ratings(
        tmp_path: Path, embedder: Embedder, feed_server: FeedServer, postgres: PostgresServer) -> None:
    clock = ManualClock(START)
    feed_url = serve_news(feed_server, etag=None)
    feed_server.routes["/feed.xml"].modified = None  # no validators: every poll reads every entry
    data = tmp_path / "data"
    build_folder(data, embedder, feed_url, clock)
    with closing(KnowledgeBase(data, embedder)) as folder:
        origin = folder.collection("news")
        memory_before = origin.memory.export()
        (old_feed,) = origin.store.feeds()
        entries_before = origin.store.feed_entries(old_feed.id)
        articles_before = origin.articles()
    assert len(entries_before) == 3 and len(memory_before.turns) == 4

    url = postgres.new_database()
    first = index_cli(data, "migrate", "--to", url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "news: copied 3 articles (%d chunks, 0 feedback rows, 1 feed, 3 feed entries, 2 conversations, "
        "2 rated answers, 2 votes, 1 pruned); 0 already there" % sum(a.chunks for a in articles_before)]

    with closing(KnowledgeBase(tmp_path / "unused", embedder, backend=PostgresBackend(url))) as moved:
        news = moved.collection("news")
        assert news.memory.export() == memory_before
        assert news.memory.conversation_of(1002) == "thread-a"
        assert news.memory.rated_answer(2002) == ANSWER
        assert not news.memory.add_vote(2001, "alice"), "alice's vote came along: she cannot vote twice"
        assert news.memory.add_vote(2001, "carol")
        (feed,) = news.store.feeds()
        assert news.store.feed_entries(feed.id) == entries_before
        assert news.store.pruned() == 1
        by_title = {a.title: a for a in news.articles()}
        assert by_title["Orchard planted"].feed_id == feed.id and by_title["Library hours"].feed_id is None

        # The next poll on PostgreSQL reads the whole feed again: nothing is added, the pruned
        # article does not come back, and no article page is fetched a second time.
        fetched = len(feed_server.routes["/orchard.html"].requests)
        clock.advance(3600)
        (report,) = poller(clock).poll_due(news)
        assert report.error is None and report.events == []
        assert sorted(by_title) == sorted(a.title for a in news.articles())
        assert "Harbour ferry returns" not in by_title
        assert len(feed_server.routes["/orchard.html"].requests) == fetched
        news.memory.add_turn("thread-a", json.dumps({"question": "q3"}), keep=10)

    again = index_cli(data, "migrate", "--to", url, "--json")
    assert again.returncode == 0, again.stderr
    (report_again,) = json.loads(again.stdout)
    assert {k: v for k, v in report_again.items() if k.endswith("_copied") and v} == {}
    assert report_again["articles_present"] == 3
    with closing(KnowledgeBase(tmp_path / "unused", embedder, backend=PostgresBackend(url))) as moved:
        memory = moved.collection("news").memory
        assert len(memory.turns("thread-a")) == 4, "the conversation PostgreSQL continued is left alone"
        assert moved.collection("news").store.pruned() == 1
