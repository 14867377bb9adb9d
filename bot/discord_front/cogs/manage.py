"""Changing a server's library: /add and /remove, for managers only."""
from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from index.collection import Collection
from index.errors import InputError
from index.limits import check_bytes
from index.records import AddResult, ArticleInfo
from index.sources import Document, from_text, load_bytes, load_url, titled

from ..limits import NO_MENTIONS
from ..permissions import library_of, require_manager
from ..render_library import added_text, removed_text

if TYPE_CHECKING:
    from ..client import ArticleBot


class ManageCog(commands.Cog):
    """Add and remove articles (Manage Server permission or the manager role)."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    def _library(self, interaction: discord.Interaction) -> str:
        name = library_of(interaction.guild_id)
        require_manager(interaction, self.bot.brain.settings.manager_role)
        return name

    @app_commands.command(name="add", description="Add an article from a link, a file or pasted text")
    @app_commands.describe(url="A web page or PDF to fetch", file="A .txt, .md, .html or .pdf file",
                           text="The article's text, pasted", title="A title (else taken from the article)")
    async def add(self, interaction: discord.Interaction, url: str | None = None,
                  file: discord.Attachment | None = None, text: app_commands.Range[str, 1, 6000] | None = None,
                  title: app_commands.Range[str, 1, 150] | None = None) -> None:
        """Load, extract (off the event loop) and add one article; report what happened."""
        name = self._library(interaction)
        given = [x for x in (url, file, text) if x]
        if len(given) != 1:
            raise InputError("give exactly one of url, file or text")
        if file is not None:  # refused before downloading it
            try:
                check_bytes(file.size, html=file.filename.lower().endswith((".html", ".htm")))
            except InputError as error:
                raise InputError(f"{file.filename}: {error}") from None
        self.bot.add_cooldown.take(interaction.user.id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        doc = await self._document(url, file, text, title)
        result = await self.bot.workers.run(self._add, name, doc)
        await interaction.followup.send(added_text(result), ephemeral=True, allowed_mentions=NO_MENTIONS)

    async def _document(self, url: str | None, file: discord.Attachment | None, text: str | None,
                        title: str | None) -> Document:
        if url:
            doc = await self.bot.workers.run(load_url, url.strip(), self.bot.brain.fetcher)
        elif file is not None:
            data = await file.read()
            doc = await self.bot.workers.run(load_bytes, data, file.filename, file.filename)
        else:
            doc = await self.bot.workers.run(from_text, text or "", title)
        return titled(doc, title)

    def _add(self, name: str, doc: Document) -> AddResult:
        collection: Collection = self.bot.brain.kb.collection(name)
        return collection.add(doc)

    @app_commands.command(name="remove", description="Remove an article from this server's library")
    @app_commands.describe(id="The article's number, as /articles shows it")
    async def remove(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:
        """Remove one article and say which."""
        name = self._library(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        removed = await self.bot.workers.run(self._remove, name, id)
        await interaction.followup.send(removed_text(removed), ephemeral=True, allowed_mentions=NO_MENTIONS)

    def _remove(self, name: str, article_id: int) -> ArticleInfo:
        return self.bot.brain.kb.collection(name).remove(article_id)
