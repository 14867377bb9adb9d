"""Following feeds on both engines, against a feed server on 127.0.0.1, with the real fetcher
and an injected clock: RSS and Atom, relative links, redirects, 304s, failures and recovery,
hostile links, malformed feeds, politeness, pausing, summaries, edits and restarts."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from index.errors import InputError
from index.feeds import FeedPoller, FeedSettings, ManualClock
from index.library import KnowledgeBase
from index.sources import UrlFetcher
from tests.conftest import reopen
from tests.feed_server import FeedServer, Route, atom, feed_server, rss  # noqa: F401  (fixture)

BOTH_ENGINES = True
START = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)

FERRY = ["The harbour ferry Marigold returned to service on Monday after a two-year repair of its hull.",
         "Crossings to the island now take forty minutes and run every hour from seven in the morning."]
ORCHARD = ["Volunteers planted ninety apple trees in the community orchard behind the old school.",
           "The trees are heritage varieties grafted by the county's last working nurseryman."]
CHOIR = ["The Elmbridge choir sang carols at the railway station to raise money for the food bank.",
         "They collected just over two thousand pounds in four evenings."]


def day(d: int, month: int = 11) -> datetime:
    return datetime(2026, month, d, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


def make_poller(clock: ManualClock, **settings: float) -> FeedPoller:
    return FeedPoller(UrlFetcher(allow_hosts=["127.0.0.1"]), FeedSettings(**settings),  # type: ignore[arg-type]
                      clock=clock, rng=random.Random(1))


def serve_news(server: FeedServer, etag: str | None = '"v1"') -> str:
    server.article("/ferry.html", "Harbour ferry returns", FERRY, "2026-11-20T09:00:00Z")
    server.article("/orchard.html", "Orchard planted", ORCHARD)
    server.article("/choir.html", "Choir sings for the food bank", CHOIR)
    body = rss("Valley News", [("Choir sings for the food bank", server.url("/choir.html"), day(28)),
                               ("Orchard planted", server.url("/orchard.html"), day(24)),
                               ("Harbour ferry returns", server.url("/ferry.html"), day(20))])
    server.routes["/feed.xml"] = Route(body, etag=etag, modified="Mon, 30 Nov 2026 10:00:00 GMT")
    return server.url("/feed.xml")


def test_rss_entries_become_dated_articles_and_a_second_poll_adds_nothing(
        kb: KnowledgeBase, feed_server: FeedServer, clock: ManualClock) -> None:
    library = kb.collection("news")
    poller = make_poller(clock, host_delay_seconds=0)
    feed, created = poller.subscribe(library, serve_news(feed_server))
    assert created and feed.title == "Valley News" and feed.next_check <= clock.now().isoformat()

    (report,) = poller.poll_due(library)
    assert report.error is None
    assert [(e.status, e.title, e.published) for e in report.events] == [
        ("added", "Harbour ferry returns", "2026-11-20"), ("added", "Orchard planted", "2026-11-24"),
        ("added", "Choir sings for the food bank", "2026-11-28")]
    infos = {i.title: i for i in library.articles()}
    assert infos["Orchard planted"].date == "2026-11-24" and infos["Orchard planted"].date_source == "feed"
    assert infos["Orchard planted"].feed_id == feed.id
    assert report.feed.articles_added == 3 and report.feed.etag == '"v1"'

    assert poller.poll_due(library) == []  # not due yet
    clock.advance(31 * 60)
    (again,) = poller.poll_due(library)
    assert again.events == [] and again.error is None
    sent = feed_server.routes["/feed.xml"].requests[-1]
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == "Mon, 30 Nov 2026 10:00:00 GMT"
    assert len(library.articles()) == 3


def test_a_restart_resumes_and_adds_nothing_twice(kb: KnowledgeBase, feed_server: FeedServer,
                                                  clock: ManualClock) -> None:
    poller = make_poller(clock, host_delay_seconds=0)
    url = serve_news(feed_server, etag=None)
    feed_server.routes["/feed.xml"].modified = None  # no validators: the whole feed comes back each time
    poller.subscribe(kb.collection("news"), url)
    assert len(poller.poll_due(kb.collection("news"))[0].events) == 3
    restarted = reopen(kb)
    try:
        library = restarted.collection("news")
        (feed,) = library.store.feeds()
        assert feed.articles_added == 3 and feed.last_checked is not None
        clock.advance(3600)
        (report,) = make_poller(clock, host_delay_seconds=0).poll_due(library)
        assert report.events == [] and len(library.articles()) == 3
    finally:
        restarted.close()


def test_atom_with_relative_links_and_a_redirected_feed(kb: KnowledgeBase, feed_server: FeedServer,
                                                        clock: ManualClock) -> None:
    library = kb.collection("news")
    feed_server.article("/stories/orchard.html", "Orchard planted", ORCHARD)
    feed_server.routes["/atom.xml"] = Route(atom("Orchard Notes", [("Orchard planted", "stories/orchard.html",
                                                                     day(24))], feed_server.base),
                                            "application/atom+xml")
    feed_server.routes["/old-feed"] = Route(status=301, location="/atom.xml")
    poller = make_poller(clock, host_delay_seconds=0)
    feed, _ = poller.subscribe(library, feed_server.url("/old-feed"))
    assert feed.url == feed_server.url("/atom.xml") and feed.title == "Orchard Notes"
    (report,) = poller.poll_due(library)
    (event,) = report.events
    assert event.url == feed_server.url("/stories/orchard.html") and event.published == "2026-11-24"
    assert "ninety apple trees" in library.article(event.article_id).text


def test_a_page_that_announces_its_feed_can_be_followed(kb: KnowledgeBase, feed_server: FeedServer,
                                                        clock: ManualClock) -> None:
    url = serve_news(feed_server)
    page = ('<html><head><title>Valley News</title><link rel="alternate" type="application/rss+xml" '
            'href="/feed.xml"></head><body><p>Home</p></body></html>')
    feed_server.routes["/"] = Route(page.encode(), "text/html")
    feed, _ = make_poller(clock).subscribe(kb.collection("news"), feed_server.url("/"))
    assert feed.url == url


def test_a_failing_feed_backs_off_recovers_and_pauses_after_repeated_failures(
        kb: KnowledgeBase, feed_server: FeedServer, clock: ManualClock) -> None:
    library = kb.collection("news")
    url = serve_news(feed_server)
    poller = make_poller(clock, host_delay_seconds=0, max_failures=3)
    poller.subscribe(library, url)
    feed_server.routes["/feed.xml"].failures = 1
    (failed,) = poller.poll_due(library)
    assert failed.error == f"HTTP 500 from {url}" and failed.feed.failures == 1 and not failed.feed.paused
    wait = datetime.fromisoformat(failed.feed.next_check) - clock.now()
    assert timedelta(minutes=24) <= wait <= timedelta(minutes=36)  # the interval, jittered
    assert poller.poll_due(library) == []
    clock.advance(wait.total_seconds())
    (recovered,) = poller.poll_due(library)
    assert recovered.error is None and recovered.feed.failures == 0 and len(recovered.events) == 3

    feed_server.routes["/feed.xml"].failures = 10
    waits = []
    for _ in range(3):
        clock.advance(24 * 3600)
        (report,) = poller.poll_due(library)
        waits.append(datetime.fromisoformat(report.feed.next_check) - clock.now())
    assert waits[1] > waits[0] * 1.3  # exponential, whatever the jitter
    assert report.feed.paused
    assert (report.feed.last_error or "").startswith("paused after 3 failures in a row: HTTP 500")
    clock.advance(48 * 3600)
    assert poller.poll_due(library) == []  # paused feeds are not polled
    feed_server.routes["/feed.xml"].failures = 0
    resumed, created = poller.subscribe(library, url)  # subscribing again resumes it
    assert not created and not resumed.paused and resumed.last_error is None


def test_hostile_links_and_a_malformed_feed_never_stop_the_others(
        kb: KnowledgeBase, feed_server: FeedServer, clock: ManualClock) -> None:
    library = kb.collection("news")
    poller = make_poller(clock, host_delay_seconds=0)
    good = serve_news(feed_server)
    hostile_items = [("Metadata", "http://169.254.169.254/latest/meta-data/", day(25)),
                     ("Intranet", "http://10.0.0.7/admin", day(26)),
                     ("Redirects inward", feed_server.url("/inward"), day(27)),
                     ("Orchard planted", feed_server.url("/orchard.html"), day(24))]
    feed_server.routes["/inward"] = Route(status=302, location="http://192.168.1.1/")
    feed_server.routes["/hostile.xml"] = Route(rss("Hostile", hostile_items))
    broken_feed, _ = poller.subscribe(library, feed_server.url("/hostile.xml"))
    feed_server.routes["/later-broken.xml"] = Route(rss("Soon broken", []))
    later, _ = poller.subscribe(library, feed_server.url("/later-broken.xml"))
    poller.subscribe(library, good)
    feed_server.routes["/later-broken.xml"] = Route(b"\x00\x01 this is not xml at all", "application/xml")

    reports = {r.feed.id: r for r in poller.poll_due(library)}
    assert (reports[later.id].error or "").startswith("not an RSS or Atom feed")
    hostile = reports[broken_feed.id]
    assert hostile.error is None and [e.title for e in hostile.events] == ["Orchard planted"]
    assert len(hostile.skipped) == 3 and all("refused address" in s for s in hostile.skipped)
    assert sorted(i.title for i in library.articles()) == [
        "Choir sings for the food bank", "Harbour ferry returns", "Orchard planted"]
    later_feed = library.store.get_feed(later.id)
    assert later_feed is not None and (later_feed.last_error or "").startswith("not an RSS or Atom feed")
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        poller.subscribe(library, feed_server.url("/later-broken.xml"))
    with pytest.raises(InputError, match="refused address"):
        make_poller(clock).subscribe(library, "http://10.9.8.7/feed.xml")


def test_politeness_spaces_requests_to_one_host(kb: KnowledgeBase, feed_server: FeedServer,
                                                clock: ManualClock) -> None:
    library = kb.collection("news")
    poller = make_poller(clock, host_delay_seconds=2.0)
    poller.subscribe(library, serve_news(feed_server))
    clock.slept.clear()
    poller.poll_due(library)  # the feed (just asked when subscribing), then three articles, all on 127.0.0.1
    assert len(clock.slept) == 4 and all(1.9 <= s <= 2.0 for s in clock.slept)


def test_summary_when_the_page_cannot_be_fetched_and_edited_entries_update(
        kb: KnowledgeBase, feed_server: FeedServer, clock: ManualClock) -> None:
    library = kb.collection("news")
    gone = feed_server.url("/gone.html")
    summary = "The night market moves to the quay for the winter, with forty stalls and a brass band on Fridays."
    items = [("Night market moves", gone, day(29))]
    feed_server.routes["/feed.xml"] = Route(rss("Market", items, summaries={gone: summary}))
    poller = make_poller(clock, host_delay_seconds=0)
    poller.subscribe(library, feed_server.url("/feed.xml"))
    (event,) = poller.poll_due(library)[0].events
    article = library.article(event.article_id)
    assert "forty stalls" in article.text and article.info.url == gone and article.info.date == "2026-11-29"

    edited = summary.replace("forty", "fifty")
    feed_server.routes["/feed.xml"] = Route(rss("Market", items, summaries={gone: edited}))
    clock.advance(3600)
    (update,) = poller.poll_due(library)[0].events
    assert update.status == "updated" and update.article_id == event.article_id
    assert "fifty stalls" in library.article(event.article_id).text and len(library.articles()) == 1


def test_feed_state_lives_in_the_store(kb: KnowledgeBase, feed_server: FeedServer, clock: ManualClock) -> None:
    library = kb.collection("news")
    poller = make_poller(clock)
    feed, created = poller.subscribe(library, serve_news(feed_server), channel_id=42)
    again, created_again = poller.subscribe(library, feed.url)
    assert created and not created_again and again.id == feed.id and again.channel_id == 42
    assert [f.id for f in library.store.feeds()] == [feed.id]
    assert library.store.next_feed_check() == feed.next_check
    assert library.store.remove_feed(feed.id) and not library.store.remove_feed(feed.id)
    assert library.store.feeds() == [] and library.store.next_feed_check() is None


def test_migrate_copies_subscriptions_with_their_state(kb: KnowledgeBase, feed_server: FeedServer, clock: ManualClock,
                                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    from index.copying import copy_store

    origin_kb = KnowledgeBase(tmp_path_factory.mktemp("origin"), kb.embedder)
    try:
        origin = origin_kb.collection("news")
        poller = make_poller(clock, host_delay_seconds=0)
        poller.subscribe(origin, serve_news(feed_server))
        poller.poll_due(origin)
        report = copy_store(origin.store, kb.collection("news").store, "news")
        assert report.articles_copied == 3 and report.feeds_copied == 1 and "1 feed," in report.summary()
        (copied,) = kb.collection("news").store.feeds()
        (source,) = origin.store.feeds()
        assert (copied.url, copied.etag, copied.next_check, copied.articles_added) == (
            source.url, '"v1"', source.next_check, 3)
        assert copy_store(origin.store, kb.collection("news").store, "news").feeds_copied == 0
        clock.advance(3600)
        (again,) = poller.poll_due(kb.collection("news"))
        assert again.events == [] and len(kb.collection("news").articles()) == 3
    finally:
        origin_kb.close()
