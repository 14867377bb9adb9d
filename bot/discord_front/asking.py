"""Answering a question for one server: off the event loop, in its conversation, with
the answer sent as embeds and 👍/👎 under it."""
from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable

import discord

from bot.answering import Answer
from bot.brain import Brain

from .conversations import Chat, ConversationStore
from .feedback import FeedbackDesk, feedback_view
from .render import answer_embeds

Sender = Callable[[discord.Embed, "discord.ui.View | None"], Awaitable[discord.Message]]
"""Sends one embed (with the view under the last one) and returns the message."""


def strip_mention(content: str, user_id: int) -> str:
    """The message without the bot's `<@id>` mentions."""
    return re.sub(rf"<@!?{user_id}>", " ", content).strip()


class Asker:
    """Asks the brain for answers and delivers them; shared by /ask and mentions."""

    def __init__(self, brain: Brain, conversations: ConversationStore, feedback: FeedbackDesk) -> None:
        self.brain = brain
        self.conversations = conversations
        self.feedback = feedback

    async def ask(self, collection: str, question: str, chat: Chat) -> Answer:
        """Answer in `chat`'s conversation; turns of one conversation never interleave."""
        async with chat.lock:
            return await asyncio.to_thread(self.brain.answers.ask, collection, question, chat.conversation)

    async def deliver(self, send: Sender, collection: str, answer: Answer, chat: Chat) -> list[discord.Message]:
        """Send the answer's embeds in order, file each message under `chat` (a reply to
        any of them continues the conversation), put 👍/👎 under the last, and return them."""
        embeds = answer_embeds(answer)
        sent: list[discord.Message] = []
        for i, embed in enumerate(embeds):
            last = i == len(embeds) - 1
            message = await send(embed, feedback_view() if last else None)
            self.conversations.link(message.id, chat)
            if last:
                self.feedback.remember(message.id, collection, answer)
            sent.append(message)
        return sent
