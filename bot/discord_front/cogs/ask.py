"""/ask, and questions asked by mentioning the bot or replying to its answers."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from index.dates import date_window
from index.records import DateWindow

from ..asking import Sender, strip_mention
from ..conversations import Chat
from ..errors import NoLibraryHere
from ..limits import NO_MENTIONS
from ..literal import readable_mentions
from ..permissions import collection_name, library_of
from ..render import thread_name

if TYPE_CHECKING:
    from ..client import ArticleBot

log = logging.getLogger(__name__)


def _view(view: discord.ui.View | None) -> dict[str, Any]:
    return {"view": view} if view is not None else {}


class AskCog(commands.Cog):
    """Answers questions about the server's articles, with citations."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask", description="Ask a question about this server's articles")
    @app_commands.describe(question="What you want to know",
                           since="Only articles from this date on (2026-11-20) or this recent (7d, 2w)",
                           before="Only articles dated before this (2026-11-20, or an age like 30d)")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 1000],
                  since: app_commands.Range[str, 1, 20] | None = None,
                  before: app_commands.Range[str, 1, 20] | None = None) -> None:
        """Answer publicly, continuing the thread's conversation when asked in one."""
        collection = library_of(interaction.guild_id)
        window = date_window(since, before)
        async with self.bot.answering():
            await self._slash_ask(interaction, collection, readable_mentions(question, interaction.guild), window)

    async def _slash_ask(self, interaction: discord.Interaction, collection: str, question: str,
                         window: DateWindow | None) -> None:
        self.bot.ask_cooldown.take(interaction.user.id)
        await interaction.response.defer(thinking=True)
        in_thread = isinstance(interaction.channel, discord.Thread)
        chat = await self.bot.conversations.find_or_start(collection,
                                                          interaction.channel_id if in_thread else None)

        async def post(text: str) -> discord.Message:  # the preview completes the "thinking" message
            return await interaction.followup.send(text, wait=True, allowed_mentions=NO_MENTIONS)

        preview = self.bot.asker.preview(post)
        answer = await self.bot.asker.ask(collection, question, chat, preview, window)

        async def send(embed: discord.Embed, view: discord.ui.View | None) -> discord.Message:
            return await interaction.followup.send(embed=embed, wait=True, allowed_mentions=NO_MENTIONS,
                                                   **_view(view))

        await self.bot.asker.deliver(send, collection, answer, chat, preview.message if preview else None)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer mentions, replies to answers and (with the content intent) messages in
        threads the bot answers in; every failure is reported to the asker."""
        if message.author.bot or self.bot.user is None:
            return
        try:
            await self._on_message(message)
        except Exception as error:  # noqa: BLE001 (the mention path's end: reported like a slash command's)
            await self.bot.reporter.message_failed(message, error)

    async def _on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        assert me is not None
        if message.guild is None:  # a DM: every message there is for the bot
            raise NoLibraryHere()
        mentioned = any(user.id == me.id for user in message.mentions)
        replied = message.reference.message_id if message.reference else None
        channel = message.channel
        collection = collection_name(message.guild.id)
        conversations = self.bot.conversations
        chat = await conversations.find(collection, replied) if replied is not None else None
        reply_to: discord.Message | None = message if chat is not None else None
        if chat is None and isinstance(channel, discord.Thread) and (
                mentioned or self.bot.intents.message_content):
            chat = await conversations.find(collection, channel.id)
        if chat is None and not mentioned:
            return
        question = readable_mentions(strip_mention(message.content, me.id), message.guild, message.mentions)
        if not question:
            if mentioned:
                await message.reply(f"Ask me a question after the mention, e.g. `@{me.name} who won the "
                                    "tournament?`", allowed_mentions=NO_MENTIONS, mention_author=False)
            return
        async with self.bot.answering():
            await self._take(message, question, chat, reply_to)

    async def _take(self, message: discord.Message, question: str, chat: Chat | None,
                    reply_to: discord.Message | None) -> None:
        """A question for the bot: in its conversation, else in a new thread (or as a reply)."""
        assert message.guild is not None
        channel = message.channel
        collection = collection_name(message.guild.id)
        self.bot.ask_cooldown.take(message.author.id)
        where: discord.abc.Messageable = channel
        if chat is None:
            chat, where, reply_to = await self._new_chat(collection, message, question)
        if where is channel:
            await self._answer(message.guild.id, question, chat, where, reply_to)
            return
        try:  # in the thread just started: a failure is reported there, where the answer would be
            await self._answer(message.guild.id, question, chat, where, reply_to)
        except Exception as error:  # noqa: BLE001 (reported like every other failure)
            await self.bot.reporter.channel_failed(where, error)

    async def _new_chat(self, collection: str, message: discord.Message,
                        question: str) -> tuple[Chat, discord.abc.Messageable, discord.Message | None]:
        """A conversation for a fresh mention: in the thread it was asked in, else in a new
        thread started from the question, else (no thread possible) as a reply."""
        channel = message.channel
        if isinstance(channel, discord.Thread):
            return await self.bot.conversations.find_or_start(collection, channel.id), channel, None
        if isinstance(channel, discord.TextChannel) and message.reference is None:
            try:
                thread = await message.create_thread(name=thread_name(question), auto_archive_duration=1440)
            except discord.HTTPException as error:
                log.info("cannot start a thread in #%s (%s); replying in place", channel.name, error)
            else:
                return await self.bot.conversations.find_or_start(collection, thread.id), thread, None
        return Chat(), channel, message

    async def _answer(self, guild_id: int, question: str, chat: Chat, where: discord.abc.Messageable,
                      reply_to: discord.Message | None) -> None:
        collection = collection_name(guild_id)

        def reply(first: bool) -> dict[str, Any]:
            """The first message replies (without pinging the asker) when there is one to reply to."""
            return {"reference": reply_to, "mention_author": False} if first and reply_to is not None else {}

        async def post(text: str) -> discord.Message:
            return await where.send(text, allowed_mentions=NO_MENTIONS, **reply(True))

        preview = self.bot.asker.preview(post)
        async with where.typing():
            answer = await self.bot.asker.ask(collection, question, chat, preview)
        replace = preview.message if preview else None
        first = replace is None

        async def send(embed: discord.Embed, view: discord.ui.View | None) -> discord.Message:
            nonlocal first
            reference, first = reply(first), False
            return await where.send(embed=embed, allowed_mentions=NO_MENTIONS, **reference, **_view(view))

        sender: Sender = send
        await self.bot.asker.deliver(sender, collection, answer, chat, replace)
