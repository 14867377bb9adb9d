"""👍/👎 under answers: buttons that outlive any view, and the recent answers they rate.

The buttons are dynamic items (custom ids `feedback:up` / `feedback:down`), so no view
object is kept per message; the answers themselves, and who rated them, are kept in the
library's store by message id (the newest `max_answers` per library), so a click works
whichever bot process receives it, and after a restart. A click on an answer that was
forgotten says so instead of failing.
"""
from __future__ import annotations

import asyncio
import json
import re
from typing import Any, Protocol, runtime_checkable

import discord

from bot.answering import Answer
from bot.brain import Brain
from index.store.memory import RatedAnswerRow

from .errors import ErrorReporter
from .limits import NO_MENTIONS
from .permissions import library_of

UP, DOWN = "\N{THUMBS UP SIGN}", "\N{THUMBS DOWN SIGN}"
FORGOTTEN = "I no longer remember this answer, so it cannot be rated any more; ask again to rate a new one."


class FeedbackDesk:
    """Remembers the last `max_answers` answers of each library by message id and records
    verdicts on them."""

    def __init__(self, brain: Brain, reporter: ErrorReporter, max_answers: int = 2000) -> None:
        self.brain = brain
        self.reporter = reporter
        self.max_answers = max_answers
        # Answers being stored: a click that arrives meanwhile waits for them.
        self._storing: dict[int, asyncio.Event] = {}

    async def remember(self, message_id: int, collection: str, answer: Answer) -> None:
        """Make the buttons under message `message_id` rate `answer`."""
        row = RatedAnswerRow(answer.question, answer.text, json.dumps([c.to_json() for c in answer.citations]))
        kb = self.brain.kb
        stored = self._storing[message_id] = asyncio.Event()
        try:
            await asyncio.to_thread(lambda: kb.collection(collection).memory.remember_answer(
                message_id, row, self.max_answers))
        finally:
            stored.set()
            del self._storing[message_id]

    async def vote(self, interaction: discord.Interaction, helpful: bool) -> None:
        """Record the clicking user's first verdict and acknowledge it privately."""
        message = interaction.message
        text = FORGOTTEN
        if message is not None and interaction.guild_id is not None:
            collection = library_of(interaction.guild_id)
            for storing in list(self._storing.values()):  # the answer, or newer ones that may prune it
                await storing.wait()
            text = await asyncio.to_thread(self.record, collection, message.id, helpful, str(interaction.user.id))
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    def record(self, collection: str, message_id: int, helpful: bool, user_key: str) -> str:
        """Store one verdict unless the user gave one already; say how it went (blocking:
        call it in a worker thread)."""
        library = self.brain.kb.collection(collection)
        rated = library.memory.rated_answer(message_id)
        if rated is None:
            return FORGOTTEN
        if not library.memory.add_vote(message_id, user_key):
            return "You already rated this answer."
        try:
            library.record_feedback(rated.question, rated.answer, json.loads(rated.citations), helpful,
                                    user_key=user_key)
        except BaseException:
            library.memory.remove_vote(message_id, user_key)
            raise
        return f"Thanks, your {UP if helpful else DOWN} is recorded."


@runtime_checkable
class HasFeedbackDesk(Protocol):
    """A client that rates answers (the ArticleBot)."""

    feedback: FeedbackDesk


class FeedbackButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"feedback:(?P<verdict>up|down)"):
    """👍 or 👎; the answer it rates is looked up from the message it sits under."""

    def __init__(self, helpful: bool) -> None:
        super().__init__(discord.ui.Button(
            emoji=UP if helpful else DOWN, label="Helpful" if helpful else "Not helpful",
            style=discord.ButtonStyle.success if helpful else discord.ButtonStyle.secondary,
            custom_id=f"feedback:{'up' if helpful else 'down'}"))
        self.helpful = helpful

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> FeedbackButton:
        """Rebuild the button from a click."""
        return cls(match["verdict"] == "up")

    async def callback(self, interaction: discord.Interaction) -> None:
        """Record the verdict; failures go to the bot's central error handler."""
        client = interaction.client
        if not isinstance(client, HasFeedbackDesk):
            return
        try:
            await client.feedback.vote(interaction, self.helpful)
        except Exception as error:  # noqa: BLE001 (a button's end: reported like a slash command's)
            await client.feedback.reporter.interaction_failed(interaction, error)


def feedback_view() -> discord.ui.View:
    """The 👍/👎 row; it holds only dynamic items, so discord.py keeps nothing per message."""
    view = discord.ui.View(timeout=None)
    view.add_item(FeedbackButton(True))
    view.add_item(FeedbackButton(False))
    return view
