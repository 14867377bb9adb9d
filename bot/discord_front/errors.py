"""The one place where errors become what users read; the log keeps the detail.

Slash commands reach it through the tree's `on_error`, page buttons through their
view's `on_error`, 👍/👎 through their callback, and mentions through
`ErrorReporter.message_failed`. Users see a one-line reason for problems they can
fix, and a generic apology for bugs, whose traceback goes to the log only.
"""
from __future__ import annotations

import logging

import discord
from discord import app_commands

from index.errors import KnowledgeBaseError

from .limits import CONTENT_LIMIT, NO_MENTIONS, truncate

log = logging.getLogger(__name__)

GENERIC = "Something went wrong on my side; it has been logged. Please try again later."


class FrontError(Exception):
    """A refusal or problem of the Discord front whose message users may read as it is."""


class NoLibraryHere(FrontError):
    """Asked in a DM, where no server's library is read."""

    def __init__(self) -> None:
        super().__init__("I only read a server's library: in direct messages I cannot see any server's "
                         "articles. Ask me in a channel of your server instead.")


class ShuttingDown(FrontError):
    """A question that arrived while the bot is stopping."""

    def __init__(self) -> None:
        super().__init__("I am restarting and not taking new questions: ask again in a minute.")


class NotAllowed(FrontError):
    """The user lacks the permission or role a command needs."""


class OnCooldown(FrontError):
    """The user must wait before doing this again."""

    def __init__(self, action: str, retry_after: float) -> None:
        self.retry_after = retry_after
        seconds = max(1, int(-(-retry_after // 1)))  # round up: "0 s" would be a lie
        super().__init__(f"You can only {action} so often: try again in {seconds} s.")


def user_message(error: BaseException) -> str | None:
    """What to tell the user about `error`, or None for a bug (then say GENERIC and log it)."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, FrontError):
        return str(error)
    if isinstance(error, KnowledgeBaseError):
        text = str(error).strip().splitlines()
        return text[0] if text else "That did not work."
    if isinstance(error, app_commands.TransformerError):
        return f"{error.value!r} is not a valid value for that option."
    if isinstance(error, app_commands.CheckFailure):
        return "You cannot use this command here."
    return None


def _explain(error: BaseException, where: str) -> str:
    """The user's text; logs known problems briefly and bugs with their traceback."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    text = user_message(error)
    if text is None:
        log.error("Unhandled error in %s", where, exc_info=original)
        return GENERIC
    log.info("%s refused: %s", where, text)
    return text


class ErrorReporter:
    """Tells users what went wrong, from any entry point, in one consistent way."""

    async def interaction_failed(self, interaction: discord.Interaction, error: BaseException) -> None:
        """Answer a failed slash command or button: ephemerally when nothing was sent yet."""
        data: dict[str, object] = dict(interaction.data or {})
        where = (f"/{interaction.command.qualified_name}" if interaction.command
                 else f"button {data.get('custom_id', '?')}")
        text = truncate(_explain(error, where), CONTENT_LIMIT)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            else:
                await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as sending:  # the interaction expired or Discord is down
            log.warning("could not report an error to the user: %s", sending)

    async def channel_failed(self, channel: discord.abc.Messageable, error: BaseException) -> None:
        """Report a failed mention in `channel` (the thread its answer was going to)."""
        text = truncate(_explain(error, "a mention"), CONTENT_LIMIT)
        try:
            await channel.send(text, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as sending:
            log.warning("could not report an error to the user: %s", sending)

    async def message_failed(self, message: discord.Message, error: BaseException) -> None:
        """Answer a failed mention with a reply to it."""
        text = truncate(_explain(error, "a mention"), CONTENT_LIMIT)
        try:
            await message.reply(text, allowed_mentions=NO_MENTIONS, mention_author=False)
        except discord.HTTPException as sending:
            log.warning("could not report an error to the user: %s", sending)


class ReportingTree(app_commands.CommandTree[discord.Client]):
    """The command tree whose `on_error` is the bot's central error handler."""

    def __init__(self, client: discord.Client, *, fallback_to_global: bool = True) -> None:
        super().__init__(client, fallback_to_global=fallback_to_global)
        self.reporter = ErrorReporter()

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError, /) -> None:
        """Every slash command error ends here."""
        await self.reporter.interaction_failed(interaction, error)
