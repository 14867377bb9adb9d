"""Reading a server's library: /search, /articles, /article and /stats."""
from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from index.collection import Collection
from index.dates import date_window

from ..limits import NO_MENTIONS
from ..permissions import library_of
from ..render_library import ARTICLES_PER_PAGE, article_embed, articles_page, page_count, search_pages, stats_embed
from ..views import PagerView, PageSource

if TYPE_CHECKING:
    from ..client import ArticleBot

SEARCH_LIMIT = 25


class LibraryCog(commands.Cog):
    """Browse and search the articles of this server."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    async def _deferred(self, interaction: discord.Interaction, *, ephemeral: bool = False) -> Collection:
        """Refuse DMs, defer at once, then open the server's collection off the event loop."""
        name = library_of(interaction.guild_id)
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        return await asyncio.to_thread(self.bot.brain.kb.collection, name)

    async def _send_pages(self, interaction: discord.Interaction, first: discord.Embed, pages: int,
                          source: PageSource) -> None:
        if pages > 1:
            view = PagerView(source, pages, interaction.user.id, self.bot.reporter, timeout=self.bot.pager_timeout)
            view.message = await interaction.followup.send(embed=first, view=view, wait=True,
                                                           allowed_mentions=NO_MENTIONS)
        else:
            await interaction.followup.send(embed=first, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="search", description="Find the passages that contain your words")
    @app_commands.describe(query="Words to look for",
                           since="Only articles from this date on (2026-11-20) or this recent (7d, 2w)",
                           before="Only articles dated before this (2026-11-20, or an age like 30d)")
    async def search(self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 300],
                     since: app_commands.Range[str, 1, 20] | None = None,
                     before: app_commands.Range[str, 1, 20] | None = None) -> None:
        """Keyword hits with highlighted snippets, five to a page."""
        window = date_window(since, before)
        collection = await self._deferred(interaction)
        results = await asyncio.to_thread(collection.search, query, "keyword", SEARCH_LIMIT, window)
        pages = search_pages(query, results)

        async def page(n: int) -> discord.Embed:
            return pages[n]

        await self._send_pages(interaction, pages[0], len(pages), page)

    @app_commands.command(name="articles", description="List the articles of this server's library")
    async def articles(self, interaction: discord.Interaction) -> None:
        """The library, ten articles to a page."""
        collection = await self._deferred(interaction)
        total = (await asyncio.to_thread(collection.stats)).articles
        pages = page_count(total, ARTICLES_PER_PAGE)

        async def page(n: int) -> discord.Embed:
            infos = await asyncio.to_thread(collection.articles, ARTICLES_PER_PAGE, n * ARTICLES_PER_PAGE)
            return articles_page(infos, n, pages, total)

        await self._send_pages(interaction, await page(0), pages, page)

    @app_commands.command(name="article", description="Show one article's details")
    @app_commands.describe(id="The article's number, as /articles and answers show it")
    async def article(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:
        """Title, link, date, chunks and the opening of the text, shown to the asker only."""
        collection = await self._deferred(interaction, ephemeral=True)
        found = await asyncio.to_thread(collection.article, id)
        await interaction.followup.send(embed=article_embed(found), ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="stats", description="How big this server's library is")
    async def stats(self, interaction: discord.Interaction) -> None:
        """Counts and sizes."""
        collection = await self._deferred(interaction)
        stats = await asyncio.to_thread(collection.stats)
        await interaction.followup.send(embed=stats_embed(stats), allowed_mentions=NO_MENTIONS)
