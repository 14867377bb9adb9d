"""/help: what the bot does and how to use it."""
from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from ..limits import NO_MENTIONS

if TYPE_CHECKING:
    from ..client import ArticleBot

COMMANDS = (
    ("/ask question", "Answer from this server's articles, citing the passages ([1], [2]…) it quotes."),
    ("@mention", ("Mention me with a question: I answer in a thread; mention me there (or reply to an "
                  "answer) to follow up.")),
    ("/search query", "Passages that contain your words, with the words highlighted."),
    ("/articles · /article id", "The library, and one article's details."),
    ("/stats", "How big the library is."),
    ("/add url|file|text · /remove id", "Change the library (Manage Server permission or the manager role)."),
)


class HelpCog(commands.Cog):
    """Explains the commands."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What I can do")
    async def help(self, interaction: discord.Interaction) -> None:
        """A short guide, shown to the asker only."""
        embed = discord.Embed(title="Ask me about your server's articles", colour=discord.Colour.blurple(),
                              description="Each server has its own library; I only answer from it, and I "
                                          "say so when its articles do not hold the answer. "
                                          "Rate answers with 👍/👎 to help improve me.")
        for name, value in COMMANDS:
            embed.add_field(name=name, value=value, inline=False)
        if interaction.guild_id is None:
            embed.set_footer(text="In direct messages I read no server's library: use me in a server.")
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)
