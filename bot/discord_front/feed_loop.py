"""Polling feeds in the background, RoboDanny's reminders style: the due times live in the
store; the task sleeps until the next one (or until a subscription wakes it), polls on a
worker thread so the event loop keeps answering, and posts new articles to their channels."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

import discord

from bot.feed_desk import LibraryPoll

from .limits import NO_MENTIONS
from .render_feeds import more_posts_text, new_article_post

if TYPE_CHECKING:
    from .client import ArticleBot

log = logging.getLogger(__name__)
# Look at the store at least this often: another process may have subscribed meanwhile.
MAX_NAP = 60.0


class FeedLoop:
    """The bot's feed poller."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.polls = 0

    def start(self) -> None:
        """Start the background task (from setup_hook)."""
        self._task = asyncio.create_task(self._run(), name="feed poller")

    def wake(self) -> None:
        """Look at the due times again now."""
        self._wake.set()

    async def stop(self) -> None:
        """Cancel the task (at close)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        desk = self.bot.brain.feeds
        while True:
            self._wake.clear()
            try:
                for done in await asyncio.to_thread(desk.poll_due):
                    await self.post(done)
                wait = await asyncio.to_thread(desk.seconds_until_due)
            except Exception:  # noqa: BLE001 (the poller must outlive any one failure)
                log.exception("feed polling failed")
                wait = MAX_NAP
            self.polls += 1
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), MAX_NAP if wait is None else min(wait, MAX_NAP))

    async def post(self, done: LibraryPoll) -> None:
        """A short post per new article in the feed's channel, at most a few per feed per poll."""
        limit = self.bot.brain.settings.feed_posts_per_poll
        for report in done.reports:
            news = [e for e in report.events if e.status == "added"]
            channel_id = report.feed.channel_id
            if not news or channel_id is None or limit <= 0:
                continue
            channel = self.bot.get_channel(channel_id)
            if not isinstance(channel, discord.abc.Messageable):
                log.info("feed #%s: channel %s is gone or not a text channel", report.feed.id, channel_id)
                continue
            try:
                for event in news[-limit:]:  # the newest few
                    await channel.send(new_article_post(event, report.feed.title), allowed_mentions=NO_MENTIONS)
                if len(news) > limit:
                    await channel.send(more_posts_text(len(news) - limit, report.feed.title),
                                       allowed_mentions=NO_MENTIONS)
            except discord.HTTPException as error:
                log.warning("feed #%s: cannot post in %s: %s", report.feed.id, channel_id, error)
