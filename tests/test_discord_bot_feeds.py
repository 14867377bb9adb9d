"""Feeds through the real discord.py client against the emulator: /subscribe (managers only),
a background poll that posts new articles (a few at most) to the chosen channel, /feeds with
a failing feed's error, /digest, /ask and /search with since, and /unsubscribe."""
from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.feed_desk import FeedDesk
from index.embedding import MiniLMEmbedder
from index.feeds import FeedPoller, FeedSettings, ManualClock
from tests.discord_bot_support import bot_running, embed_of, field_names, make_brain, make_world
from tests.discord_emulator import DiscordEmulator, Message
from tests.discord_emulator.fixtures import discord_emulator  # noqa: F401
from tests.feed_server import FeedServer, Route, feed_server, rss  # noqa: F401

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.timeout(120)]

NOW = datetime.now(timezone.utc).replace(microsecond=0)
STORIES = {
    "/tide.html": ("Tide mill grinds again", ["The restored tide mill at Saltmarsh ground its first flour in ninety "
                                              "years on Saturday, powered by the falling tide.",
                                              "Visitors can buy the stoneground flour at the mill shop."]),
    "/ferry.html": ("Harbour ferry returns", ["The harbour ferry Marigold returned to service after a two-year "
                                              "repair of its hull.",
                                              "Crossings take forty minutes and run every hour from seven."]),
    "/quarry.html": ("Old quarry becomes a lake", ["The flooded Blackstone quarry was opened as a swimming lake "
                                                   "with lifeguards on summer weekends.",
                                                   "The county paid nine hundred thousand pounds for the works."]),
}


async def until(check: Callable[[], object], timeout: float = 30.0) -> None:
    """Wait for a condition that changes outside the emulator (the poller's thread)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


def serve(server: FeedServer) -> str:
    for path, (title, paragraphs) in STORIES.items():
        server.article(path, title, paragraphs)
    items = [("Tide mill grinds again", server.url("/tide.html"), NOW - timedelta(days=1)),
             ("Harbour ferry returns", server.url("/ferry.html"), NOW - timedelta(days=3)),
             ("Old quarry becomes a lake", server.url("/quarry.html"), datetime(2017, 7, 6, tzinfo=timezone.utc))]
    server.routes["/feed.xml"] = Route(rss("Saltmarsh Gazette", items), etag='"one"')
    return server.url("/feed.xml")


async def test_subscribe_poll_posts_feeds_digest_ask_since_unsubscribe(
        discord_emulator: DiscordEmulator, tmp_path: Path, embedder: MiniLMEmbedder,
        feed_server: FeedServer) -> None:
    emu = discord_emulator
    world = make_world(emu, "Feeds")
    news = world.guild.add_channel("news")
    brain = make_brain(tmp_path / "data", embedder, feed_posts_per_poll=2)
    clock = ManualClock(NOW)
    desk = FeedDesk(brain.kb, brain.fetcher, brain.settings, clock)
    desk.poller = FeedPoller(brain.fetcher, FeedSettings(host_delay_seconds=0), clock, random.Random(3))
    brain.__dict__["feeds"] = desk  # the brain's feed desk, on a clock the test moves
    url = serve(feed_server)
    try:
        async with bot_running(emu, brain) as bot:
            refused = await emu.invoke_slash(world.guild, world.channel, world.alice, "subscribe", {"url": url})
            assert "Manage Server" in (await refused.wait_original()).content

            record = await emu.invoke_slash(world.guild, world.channel, world.admin, "subscribe",
                                            {"url": url, "channel": news})
            receipt = await record.wait_original(timeout=20)
            assert receipt.ephemeral and "Now following feed #1 **Saltmarsh Gazette**" in receipt.content

            # The background poll adds the three articles and posts the newest two, then one line for the rest.
            posts = [await emu.wait_for_message(news, timeout=60)]
            posts.append(await emu.wait_for_message(news, after=posts[0], timeout=20))
            posts.append(await emu.wait_for_message(news, after=posts[1], timeout=20))
            assert posts[0].content.startswith("📰 New from Saltmarsh Gazette: **Harbour ferry returns**")
            assert posts[1].content.startswith("📰 New from Saltmarsh Gazette: **Tide mill grinds again**")
            assert f"<{feed_server.url('/tide.html')}>" in posts[1].content
            assert posts[2].content.startswith("…and 1 more new article from Saltmarsh Gazette")
            assert all(p.allowed_mentions is not None and p.allowed_mentions["parse"] == [] for p in posts)
            assert len(brain.kb.collection(f"guild-{world.guild.id}").articles()) == 3

            listing = await emu.invoke_slash(world.guild, world.channel, world.alice, "feeds")
            shown = embed_of(await listing.wait_original(timeout=20))["description"]
            assert "**#1** Saltmarsh Gazette" in shown and "3 articles added" in shown and f"<#{news.id}>" in shown

            # The feed starts failing: the next poll records the error, and /feeds shows it.
            feed_server.routes["/feed.xml"].failures = 5
            polls = bot.feed_loop.polls
            clock.advance(31 * 60)
            bot.feed_loop.wake()
            await until(lambda: bot.feed_loop.polls > polls and desk.feeds(f"guild-{world.guild.id}")[0].failures)
            listing = await emu.invoke_slash(world.guild, world.channel, world.alice, "feeds")
            shown = embed_of(await listing.wait_original(timeout=20))["description"]
            assert "last error: HTTP 500" in shown

            digest = await emu.invoke_slash(world.guild, world.channel, world.alice, "digest", {"since": "7d"})
            (first, *_) = await digest.wait_followups(1, timeout=60)
            lead = embed_of(first)
            assert lead["title"] == f"What is new since {(NOW.date() - timedelta(days=7)).day}" \
                f" {(NOW.date() - timedelta(days=7)):%B %Y}: 3 articles"  # the 2017 article was added today
            assert lead["description"].index("Tide mill") < lead["description"].index("Harbour ferry")

            question = "What did the county pay for the works at the quarry?"
            plain = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": question})
            (answer,) = await plain.wait_followups(1, timeout=60)
            assert "nine hundred thousand" in embed_of(answer)["description"]
            assert any("2017" in name and "years ago" in name for name in field_names(answer))
            recent = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                            {"question": question, "since": "30d"})
            (answer,) = await recent.wait_followups(1, timeout=60)
            assert "nine hundred thousand" not in embed_of(answer)["description"]

            search = await emu.invoke_slash(world.guild, world.channel, world.alice, "search",
                                            {"query": "quarry lake", "since": "2020-01-01"})
            assert "No article" in embed_of(await search.wait_original(timeout=20))["description"]

            gone = await emu.invoke_slash(world.guild, world.channel, world.admin, "unsubscribe", {"id": 1})
            assert "Stopped following feed #1" in (await gone.wait_original(timeout=20)).content
            listing = await emu.invoke_slash(world.guild, world.channel, world.alice, "feeds")
            assert "No feeds yet" in embed_of(await listing.wait_original(timeout=20))["description"]
            bad = await emu.invoke_slash(world.guild, world.channel, world.admin, "unsubscribe", {"id": 7})
            assert "no feed with id 7" in (await bad.wait_original(timeout=20)).content
    finally:
        brain.close()


async def test_a_page_without_a_feed_gives_a_clear_error(discord_emulator: DiscordEmulator, tmp_path: Path,
                                                         embedder: MiniLMEmbedder, feed_server: FeedServer) -> None:
    emu = discord_emulator
    world = make_world(emu, "NoFeed")
    feed_server.article("/plain.html", "Just a page", ["Nothing to follow here, only a paragraph of text."])
    brain = make_brain(tmp_path / "data", embedder)
    try:
        async with bot_running(emu, brain):
            record = await emu.invoke_slash(world.guild, world.channel, world.admin, "subscribe",
                                            {"url": feed_server.url("/plain.html")})
            reply: Message = await record.wait_original(timeout=20)
            assert "the page announces none" in reply.content
            private = await emu.invoke_slash(world.guild, world.channel, world.admin, "subscribe",
                                             {"url": "http://10.0.0.5/feed.xml"})
            assert "refused address" in (await private.wait_original(timeout=20)).content
    finally:
        brain.close()
