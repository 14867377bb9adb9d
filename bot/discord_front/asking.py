"""Answering a question for one server: off the event loop, in its conversation, with
the answer sent as embeds and 👍/👎 under it; with an LLM, previewed as it streams."""
from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable

import discord

from bot.answering import Answer
from bot.brain import Brain
from index.records import DateWindow

from .conversations import Chat, ConversationStore
from .feedback import FeedbackDesk, feedback_view
from .limits import NO_MENTIONS
from .render import answer_embeds
from .streaming import PREVIEW_INTERVAL, Poster, StreamPreview

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
        self.preview_interval = PREVIEW_INTERVAL

    def preview(self, post: Poster) -> StreamPreview | None:
        """A preview of the answer as it streams, posted with `post`; None without an LLM
        (extractive answers come whole, so there is nothing to preview)."""
        if self.brain.answers.llm is None:
            return None
        return StreamPreview(post, self.preview_interval)

    async def ask(self, collection: str, question: str, chat: Chat, preview: StreamPreview | None = None,
                  window: DateWindow | None = None) -> Answer:
        """Answer in `chat`'s conversation; turns of one conversation never interleave.

        With a `preview`, the reply is shown as it streams; when this returns the preview
        has stopped, and its message (if any) awaits the answer; on failure it is deleted.
        """
        if preview is None:
            async with chat.lock:
                return await asyncio.to_thread(self.brain.answers.ask, collection, question, chat.conversation,
                                               window=window)
        answered = False
        try:
            async with chat.lock:
                answer = await asyncio.to_thread(self.brain.answers.ask, collection, question, chat.conversation,
                                                 on_delta=preview.on_delta, window=window)
            answered = True
        finally:
            await preview.finish(keep=answered)
        return answer

    async def deliver(self, send: Sender, collection: str, answer: Answer, chat: Chat,
                      replace: discord.Message | None = None) -> list[discord.Message]:
        """Send the answer's embeds in order, file each message under `chat` (a reply to
        any of them continues the conversation), put 👍/👎 under the last, and return them.
        The first embed goes into `replace` (a streamed preview) instead, if it still exists."""
        embeds = answer_embeds(answer)
        sent: list[discord.Message] = []
        for i, embed in enumerate(embeds):
            last = i == len(embeds) - 1
            view = feedback_view() if last else None
            message = await _edit_into(replace, embed, view) if i == 0 and replace is not None else None
            if message is None:
                message = await send(embed, view)
            self.conversations.link(message.id, chat)
            if last:
                self.feedback.remember(message.id, collection, answer)
            sent.append(message)
        return sent


async def _edit_into(message: discord.Message, embed: discord.Embed,
                     view: discord.ui.View | None) -> discord.Message | None:
    """`message` turned into `embed` (its text cleared), or None when it was deleted meanwhile."""
    try:
        return await message.edit(content=None, embed=embed, view=view, allowed_mentions=NO_MENTIONS)
    except discord.NotFound:
        return None
