"""👍/👎 under answers: buttons that outlive any view, and the recent answers they rate.

The buttons are dynamic items (custom ids `feedback:up` / `feedback:down`), so no view
object is kept per message; the answers themselves are remembered by message id in a
bounded least-recently-used map. A click on an answer that was forgotten (or sent
before a restart) says so instead of failing.
"""
from __future__ import annotations

import asyncio
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import discord

from bot.answering import Answer
from bot.brain import Brain

from .errors import ErrorReporter
from .limits import NO_MENTIONS

UP, DOWN = "\N{THUMBS UP SIGN}", "\N{THUMBS DOWN SIGN}"
FORGOTTEN = "I no longer remember this answer, so it cannot be rated any more; ask again to rate a new one."


@dataclass(eq=False)
class RatedAnswer:
    """An answer that can be rated, and who already did."""

    collection: str
    answer: Answer
    voters: set[int] = field(default_factory=set)


class FeedbackDesk:
    """Remembers the last `max_answers` answers by message id and records verdicts on them."""

    def __init__(self, brain: Brain, reporter: ErrorReporter, max_answers: int = 2000) -> None:
        self.brain = brain
        self.reporter = reporter
        self.max_answers = max_answers
        self._answers: OrderedDict[int, RatedAnswer] = OrderedDict()

    def remember(self, message_id: int, collection: str, answer: Answer) -> None:
        """Make the buttons under message `message_id` rate `answer`."""
        self._answers[message_id] = RatedAnswer(collection, answer)
        self._answers.move_to_end(message_id)
        while len(self._answers) > self.max_answers:
            self._answers.popitem(last=False)

    async def vote(self, interaction: discord.Interaction, helpful: bool) -> None:
        """Record the clicking user's first verdict and acknowledge it privately."""
        message = interaction.message
        rated = self._answers.get(message.id) if message is not None else None
        user = interaction.user
        if rated is None:
            text = FORGOTTEN
        elif user.id in rated.voters:
            text = "You already rated this answer."
        else:
            rated.voters.add(user.id)
            try:
                await asyncio.to_thread(self.record, rated, helpful, str(user.id))
            except BaseException:
                rated.voters.discard(user.id)
                raise
            text = f"Thanks, your {UP if helpful else DOWN} is recorded."
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    def record(self, rated: RatedAnswer, helpful: bool, user_key: str) -> None:
        """Store one verdict (blocking: call it in a worker thread)."""
        answer = rated.answer
        self.brain.kb.collection(rated.collection).record_feedback(
            answer.question, answer.text, [c.to_json() for c in answer.citations], helpful, user_key=user_key)


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
