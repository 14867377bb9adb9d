"""Feeds, digests and retention from the console and the command lines: a scripted console
session (/subscribe, /feeds, /search --since, /digest, /unsubscribe, /stats), the retention
limits pruning the oldest feed articles (never hand-added ones unless asked), and
`python -m bot digest --since 7d --json` in its own process."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from bot.brain import Brain
from bot.console import Console
from index.embedding import Embedder
from index.feeds import FeedSettings
from index.library import KnowledgeBase
from index.retention import RetentionLimits, prune
from index.sources import Document, from_text
from tests.discord_bot_support import make_brain
from tests.feed_server import FeedServer, Route, feed_server, rss  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
def today() -> date:
    """Today in UTC, read when a test runs (a suite running past midnight sees the new day)."""
    return datetime.now(timezone.utc).date()


def serve(server: FeedServer) -> str:
    server.article("/kiln.html", "Pottery kiln fired", ["The village pottery fired its wood kiln for the first "
                                                        "time in a decade, with two hundred pots inside."])
    server.article("/bells.html", "Church bells rehung", ["The six bells of St Anne's were rehung in a new oak "
                                                          "frame after a year of fundraising."])
    items = [("Pottery kiln fired", server.url("/kiln.html"), datetime.now(timezone.utc) - timedelta(days=2)),
             ("Church bells rehung", server.url("/bells.html"), datetime(2019, 3, 1, tzinfo=timezone.utc))]
    server.routes["/feed.xml"] = Route(rss("Village Voice", items))
    return server.url("/feed.xml")


def session(brain: Brain, *lines: str) -> str:
    out = io.StringIO()
    console = Console(brain, "village", stdin=io.StringIO(""), stdout=out, live=False)
    for line in lines:
        console.handle(line)
    return out.getvalue()


def test_the_console_follows_a_feed(tmp_path: Path, embedder: Embedder, feed_server: FeedServer) -> None:
    brain = make_brain(tmp_path / "data", embedder, feeds=FeedSettings(host_delay_seconds=0))
    try:
        url = serve(feed_server)
        text = session(brain, f"/subscribe {url}", "/feeds", "/search kiln bells --since 2025-01-01",
                       "/digest 7d", "/unsubscribe 1", "/feeds", "/unsubscribe x", "/search bells --since soon")
        assert "following: #1 Village Voice" in text
        assert "[feed #1] added: #1 Church bells rehung" in text and "[feed #1] added: #2 Pottery kiln fired" in text
        assert "2 articles added" in text and "last checked 20" in text
        assert "1. Pottery kiln fired" in text and "Church bells rehung (article #1)" not in text
        assert "What is new since" in text and "two hundred pots" in text
        assert "unsubscribed: feed #1 Village Voice (its articles stay)" in text
        assert "no feeds; /subscribe URL follows one" in text and "usage: /unsubscribe ID" in text
        assert "cannot read 'soon' as a date" in text
    finally:
        brain.close()


def test_retention_prunes_the_oldest_feed_articles_and_keeps_hand_added_ones(kb: KnowledgeBase) -> None:
    library = kb.collection("bounded")
    docs = [Document(text=f"Feed story number {i} about the harbour and its boats, told at length.",
                     title=f"Story {i}", source=f"s{i}", url=f"https://news.example/{i}",
                     date=(today() - timedelta(days=10 * i)).isoformat(), date_source="feed", feed_id=1)
            for i in range(6)]
    hand = from_text("A note added by hand long ago about the harbour boats.", "Old note")
    library.add_many([*docs, hand])
    old = library.articles()[-1]
    assert old.feed_id is None
    gone = prune(library, RetentionLimits(max_age_days=25), today())
    assert [a.title for a in gone] == ["Story 5", "Story 4", "Story 3"]
    gone = prune(library, RetentionLimits(max_articles=2), today())
    assert [a.title for a in gone] == ["Story 2", "Story 1"]
    assert sorted(a.title for a in library.articles()) == ["Old note", "Story 0"]
    assert library.stats().pruned == 5 and library.stats().chunks == library.stats().vectors
    assert library.search("harbour boats", "hybrid", 10) and all(
        r.title in ("Old note", "Story 0") for r in library.search("harbour boats", "hybrid", 10))
    assert prune(library, RetentionLimits(max_articles=0), today())[0].title == "Story 0"
    gone = prune(library, RetentionLimits(max_articles=0, include_hand_added=True), today())
    assert [a.title for a in gone] == ["Old note"] and library.articles() == []


def test_bot_digest_json_in_its_own_process(tmp_path: Path, embedder: Embedder) -> None:
    kb = KnowledgeBase(tmp_path / "data", embedder)
    library = kb.collection("default")
    library.add(Document(text="The lifeboat crew rescued two kayakers off Gull Point on Tuesday evening.",
                         title="Kayakers rescued", source="k", date=(today() - timedelta(days=1)).isoformat()))
    library.add(Document(text="The town hall clock was first wound in 1888 by the mayor.", title="Clock history",
                         source="c", date="1999-01-01"))
    library.add(from_text("The allotment show gave first prize to a marrow of record weight.", "Allotment show"))
    kb.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LLM_", "DISCORD"))}
    env.update(DATA_DIR=str(tmp_path / "data"), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", OMP_NUM_THREADS="1")
    done = subprocess.run([sys.executable, "-m", "bot", "digest", "--since", "7d", "--json"], cwd=tmp_path,
                          env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    digest = json.loads(done.stdout)
    assert digest["since"] == (today() - timedelta(days=7)).isoformat()
    # Newest first; the 1999 article was added today, so it is in the window too, last.
    assert [a["title"] for a in digest["articles"]] == ["Allotment show", "Kayakers rescued", "Clock history"]
    assert digest["articles"][0]["date_source"] == "added"
    assert digest["articles"][1]["lead"]["quote"].startswith("The lifeboat crew rescued two kayakers")
    assert digest["overview"] is None
    bad = subprocess.run([sys.executable, "-m", "bot", "digest", "--since", "someday"], cwd=tmp_path,
                         env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=180)
    assert bad.returncode == 2 and "cannot read 'someday' as a date" in bad.stderr
