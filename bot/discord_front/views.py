"""Previous/next buttons under paged lists (👍/👎 under answers are in `feedback`)."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord

from .errors import ErrorReporter
from .limits import NO_MENTIONS

PageSource = Callable[[int], Awaitable[discord.Embed]]
"""Renders page n (from 0)."""

PAGER_TIMEOUT = 600.0


class PagerView(discord.ui.View):
    """Previous/next buttons that edit the message in place; only the person who ran
    the command turns its pages."""

    def __init__(self, source: PageSource, pages: int, owner_id: int, reporter: ErrorReporter, *,
                 timeout: float = PAGER_TIMEOUT) -> None:
        super().__init__(timeout=timeout)
        self._source = source
        self.pages = pages
        self.page = 0
        self._owner_id = owner_id
        self._reporter = reporter
        self.message: discord.Message | None = None
        self._sync()

    def _sync(self) -> None:
        self.back.disabled = self.page <= 0
        self.forward.disabled = self.page >= self.pages - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Turn pages only for the person who ran the command."""
        if interaction.user.id == self._owner_id:
            return True
        await interaction.response.send_message("Only the person who ran the command can turn these pages; "
                                                "run it yourself to browse.", ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)
        return False

    @discord.ui.button(label="Previous", emoji="\N{BLACK LEFT-POINTING TRIANGLE}", custom_id="pager:previous")
    async def back(self, interaction: discord.Interaction, button: discord.ui.Button[PagerView]) -> None:
        """One page back."""
        await self._turn(interaction, -1)

    @discord.ui.button(label="Next", emoji="\N{BLACK RIGHT-POINTING TRIANGLE}", custom_id="pager:next")
    async def forward(self, interaction: discord.Interaction, button: discord.ui.Button[PagerView]) -> None:
        """One page on."""
        await self._turn(interaction, 1)

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        self.page = min(max(self.page + step, 0), self.pages - 1)
        embed = await self._source(self.page)
        self._sync()
        await interaction.response.edit_message(embed=embed, view=self, allowed_mentions=NO_MENTIONS)

    async def on_timeout(self) -> None:
        """Take the buttons away once they stop working."""
        if self.message is not None:
            try:
                await self.message.edit(view=None, allowed_mentions=NO_MENTIONS)
            except discord.HTTPException:  # deleted, or the interaction token expired
                pass

    async def on_error(self, interaction: discord.Interaction, error: Exception,
                       item: discord.ui.Item[Any]) -> None:
        """Report through the bot's central handler."""
        await self._reporter.interaction_failed(interaction, error)
