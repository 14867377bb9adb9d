"""Following feeds: /subscribe, /feeds, /unsubscribe (managers change, anyone reads), and /digest."""
from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answering.digest import make_digest
from index.dates import date_window

from ..limits import NO_MENTIONS
from ..permissions import library_of, require_manager
from ..render_feeds import digest_embeds, feeds_embed, subscribed_text, unsubscribed_text

if TYPE_CHECKING:
    from ..client import ArticleBot


class FeedsCog(commands.Cog):
    """RSS/Atom subscriptions of this server's library, and digests of what is new."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="subscribe", description="Follow an RSS or Atom feed (or a site that announces one)")
    @app_commands.describe(url="The feed's address, or a page that links to its feed",
                           channel="Where to post a short note for each new article (optional)")
    async def subscribe(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 2000],
                        channel: discord.TextChannel | None = None) -> None:
        """Fetch and check the feed (off the event loop), store the subscription, poll it now."""
        name = library_of(interaction.guild_id)
        require_manager(interaction, self.bot.brain.settings.manager_role)
        self.bot.add_cooldown.take(interaction.user.id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        feed, created = await asyncio.to_thread(self.bot.brain.feeds.subscribe, name, url.strip(),
                                                channel.id if channel else None)
        await interaction.followup.send(subscribed_text(feed, created, channel.mention if channel else None),
                                        ephemeral=True, allowed_mentions=NO_MENTIONS)
        self.bot.feed_loop.wake()

    @app_commands.command(name="feeds", description="The feeds this server follows, with their state")
    async def feeds(self, interaction: discord.Interaction) -> None:
        """Title, URL, last check, articles added and last error of each subscription."""
        name = library_of(interaction.guild_id)
        await interaction.response.defer(thinking=True)
        feeds = await asyncio.to_thread(self.bot.brain.feeds.feeds, name)
        await interaction.followup.send(embed=feeds_embed(feeds), allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="unsubscribe", description="Stop following a feed (its articles stay)")
    @app_commands.describe(id="The feed's number, as /feeds shows it")
    async def unsubscribe(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:
        """Remove one subscription."""
        name = library_of(interaction.guild_id)
        require_manager(interaction, self.bot.brain.settings.manager_role)
        await interaction.response.defer(ephemeral=True, thinking=True)
        feed = await asyncio.to_thread(self.bot.brain.feeds.unsubscribe, name, id)
        await interaction.followup.send(unsubscribed_text(feed), ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="digest", description="What was added or published lately, with a quote from each")
    @app_commands.describe(since="A date (2026-11-20) or an age (7d, 2w); default 7d")
    async def digest(self, interaction: discord.Interaction, since: app_commands.Range[str, 1, 20] = "7d") -> None:
        """The articles of the window, newest first, each with its cited lead sentence."""
        name = library_of(interaction.guild_id)
        window = date_window(since, None)
        await interaction.response.defer(thinking=True)
        digest = await asyncio.to_thread(make_digest, self.bot.brain.answers, name, window)
        for embed in digest_embeds(digest):
            await interaction.followup.send(embed=embed, allowed_mentions=NO_MENTIONS)
