"""Answering a question for one server: off the event loop, in its conversation, with
the answer sent as embeds and 👍/👎 under it; with an LLM, previewed as it streams."""
from __future__ import annotations

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
from .workers import Workers

Sender = Callable[[discord.Embed, "discord.ui.View | None"], Awaitable[discord.Message]]
"""Sends one embed (with the view under the last one) and returns the message."""


def strip_mention(content: str, user_id: int) -> str:
    """The message without the bot's `<@id>` mentions."""
    return re.sub(rf"<@!?{user_id}>", " ", content).strip()


class Asker:
    """Asks the brain for answers and delivers them; shared by /ask and mentions."""

    def __init__(self, brain: Brain, conversations: ConversationStore, feedback: FeedbackDesk,
                 workers: Workers) -> None:
        self.brain = brain
        self.workers = workers
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

        The conversation is brought up to date from the store first (another process may
        have answered in it) and its new turn stored after. With a `preview`, the reply is
        shown as it streams; when this returns the preview has stopped, and its message
        (if any) awaits the answer; on failure it is deleted.
        """
        streaming = {"on_delta": preview.on_delta} if preview is not None else {}

        def turn() -> Answer:
            self.conversations.load(collection, chat)
            answer = self.brain.answers.ask(collection, question, chat.conversation, window=window, **streaming)
            self.conversations.save(collection, chat)
            return answer

        if preview is None:
            async with chat.lock:
                return await self.workers.run(turn)
        answered = False
        try:
            async with chat.lock:
                answer = await self.workers.run(turn)
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
            # Filed here at once: a reply or a click may come before the store has it.
            self.conversations.link(message.id, chat)
            if last:
                await self.feedback.remember(message.id, collection, answer)
            await self.conversations.attach(collection, message.id, chat)
            sent.append(message)
        return sent


async def _edit_into(message: discord.Message, embed: discord.Embed,
                     view: discord.ui.View | None) -> discord.Message | None:
    """`message` turned into `embed` (its text cleared), or None when it was deleted meanwhile."""
    try:
        return await message.edit(content=None, embed=embed, view=view, allowed_mentions=NO_MENTIONS)
    except discord.NotFound:
        return None
