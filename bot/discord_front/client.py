"""The bot: a `commands.Bot` wired to the brain, with slash commands synced at start-up."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.brain import Brain
from bot.settings import Settings

from .asking import Asker
from .cogs import AskCog, FeedsCog, HelpCog, LibraryCog, ManageCog
from .conversations import ConversationStore
from .cooldowns import Cooldown
from .errors import ErrorReporter, ReportingTree, ShuttingDown
from .feed_loop import FeedLoop
from .feedback import FeedbackButton, FeedbackDesk
from .limits import NO_MENTIONS
from .views import PAGER_TIMEOUT
from .workers import Workers

log = logging.getLogger(__name__)


def build_intents(settings: Settings) -> discord.Intents:
    """Default intents; message content only when the settings ask for it (it is privileged)."""
    intents = discord.Intents.default()
    intents.message_content = settings.message_content_intent
    return intents


def sync_failure(error: discord.HTTPException, guild_id: int | None) -> str:
    """One line saying that the slash commands could not be synced, and what to fix."""
    said = f"Discord said {error.status} {error.text or type(error).__name__}".rstrip()
    if guild_id is None:
        return (f"could not sync the slash commands globally ({said}); they will be missing until the next "
                "start; mentions still work")
    if error.status in (403, 404):
        return (f"could not sync the slash commands to server {guild_id} ({said}): check DISCORD_TEST_GUILD_ID, "
                "and invite the bot there with the applications.commands scope (OAuth2 URL with scopes "
                "bot and applications.commands), or unset DISCORD_TEST_GUILD_ID to sync globally; "
                "mentions still work")
    return f"could not sync the slash commands to server {guild_id} ({said}); mentions still work"


class ArticleBot(commands.Bot):
    """Answers questions about each server's own articles; everything comes from `brain`."""

    def __init__(self, brain: Brain, *, max_conversations: int = 500, max_rated_answers: int = 2000,
                 warm_up: bool = True, poll_feeds: bool = True, **options: Any) -> None:
        super().__init__(command_prefix=commands.when_mentioned, intents=build_intents(brain.settings),
                         help_command=None, tree_cls=ReportingTree, allowed_mentions=NO_MENTIONS, **options)
        self.brain = brain
        self.conversations = ConversationStore(max_conversations, lambda name: brain.kb.collection(name).memory)
        self.feedback = FeedbackDesk(brain, self.reporter, max_rated_answers)
        self.ask_cooldown = Cooldown("ask", brain.settings.ask_cooldown)
        self.add_cooldown = Cooldown("add articles", brain.settings.add_cooldown)
        self.workers = Workers()
        self.asker = Asker(brain, self.conversations, self.feedback, self.workers)
        self.pager_timeout = PAGER_TIMEOUT
        self._warm_up = warm_up
        self._background: set[asyncio.Task[None]] = set()
        self.stopping = False
        self._answering: set[asyncio.Task[object]] = set()
        self.feed_loop = FeedLoop(self)
        self._poll_feeds = poll_feeds

    @contextlib.asynccontextmanager
    async def answering(self) -> AsyncIterator[None]:
        """Around the work of one question: refused (ShuttingDown) once the bot is stopping,
        else counted, so that `shutdown` can let it finish."""
        if self.stopping:
            raise ShuttingDown()
        task = asyncio.current_task()
        assert task is not None
        self._answering.add(task)
        try:
            yield
        finally:
            self._answering.discard(task)

    async def shutdown(self, grace: float) -> None:
        """Stop taking questions, give those in flight `grace` seconds, then close the gateway."""
        self.stopping = True
        if self._answering:
            log.info("stopping: waiting up to %.0f s for %d answers in flight", grace, len(self._answering))
            _, late = await asyncio.wait(set(self._answering), timeout=grace)
            if late:
                log.warning("stopping: %d answers did not finish within %.0f s", len(late), grace)
        await self.close()

    @property
    def reporter(self) -> ErrorReporter:
        """The central error handler (it lives on the command tree)."""
        tree = self.tree
        assert isinstance(tree, ReportingTree)
        return tree.reporter

    async def setup_hook(self) -> None:
        """Add the cogs and the 👍/👎 buttons, sync the slash commands, load the model."""
        self.workers.start()
        for cog in (AskCog(self), LibraryCog(self), ManageCog(self), FeedsCog(self), HelpCog(self)):
            await self.add_cog(cog)
        self.add_dynamic_items(FeedbackButton)
        try:
            synced = await self.sync_commands()
        except discord.HTTPException as error:  # the bot still answers mentions: keep running
            log.error("%s", sync_failure(error, self.brain.settings.test_guild_id))
        else:
            log.info("synced %d slash commands", len(synced))
        if self._warm_up:
            task = asyncio.create_task(self._load_model(), name="load the embedding model")
            self._background.add(task)
            task.add_done_callback(self._background.discard)
        if self._poll_feeds:
            self.feed_loop.start()

    async def _load_model(self) -> None:
        """Load the model in a worker thread now, so that the first question is not slow."""
        try:
            await self.workers.run(self.brain.kb.embedder.embed, ["warm up"])
        except Exception as error:  # noqa: BLE001 (the first question will load it, or say what failed)
            log.warning("could not load the embedding model at start-up: %s", error)

    async def sync_commands(self) -> list[app_commands.AppCommand]:
        """Sync to the test server when DISCORD_TEST_GUILD_ID is set (instant), else globally."""
        guild_id = self.brain.settings.test_guild_id
        if guild_id is None:
            return await self.tree.sync()
        guild = discord.Object(id=guild_id)
        self.tree.copy_global_to(guild=guild)
        return await self.tree.sync(guild=guild)

    async def close(self) -> None:
        """Stop polling feeds, close the connection, then release the worker threads."""
        try:
            await self.feed_loop.stop()
            await super().close()
        finally:
            self.workers.close()

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: the ask cog handles mentions and replies."""

    async def on_ready(self) -> None:
        """Log who we are and where."""
        shards = f" on shards {list(self.shards)} of {self.shard_count}" if isinstance(self, ShardedArticleBot) else ""
        log.info("connected as %s to %d servers%s", self.user, len(self.guilds), shards)


class ShardedArticleBot(ArticleBot, commands.AutoShardedBot):
    """The bot running some of the gateway shards (SHARD_IDS of SHARD_COUNT) in this
    process; other processes run the rest against the same database."""


def make_bot(brain: Brain, **options: Any) -> ArticleBot:
    """The bot the settings ask for: one connection, or the shards SHARD_COUNT/SHARD_IDS name."""
    settings = brain.settings
    if settings.shard_count is None:
        return ArticleBot(brain, **options)
    shard_ids = list(settings.shard_ids) if settings.shard_ids is not None else None
    return ShardedArticleBot(brain, shard_count=settings.shard_count, shard_ids=shard_ids, **options)
