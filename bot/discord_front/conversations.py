"""Conversations of threads and answer messages, in a bounded least-recently-used map."""
from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass, field

from bot.answering import Conversation


@dataclass(eq=False)
class Chat:
    """One conversation and the lock that keeps its turns in order."""

    conversation: Conversation = field(default_factory=Conversation)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class ConversationStore:
    """Maps a thread id or an answer message id to its Chat; the least recently used
    keys are forgotten beyond `max_keys`."""

    def __init__(self, max_keys: int = 500) -> None:
        self.max_keys = max_keys
        self._chats: OrderedDict[int, Chat] = OrderedDict()

    def __len__(self) -> int:
        return len(self._chats)

    def __contains__(self, key: int) -> bool:
        return key in self._chats

    def get(self, key: int) -> Chat | None:
        """The chat under `key` (now the most recently used), or None."""
        chat = self._chats.get(key)
        if chat is not None:
            self._chats.move_to_end(key)
        return chat

    def link(self, key: int, chat: Chat) -> None:
        """File `chat` under `key` too (a thread, or a message that answered in it)."""
        self._chats[key] = chat
        self._chats.move_to_end(key)
        while len(self._chats) > self.max_keys:
            self._chats.popitem(last=False)

    def get_or_start(self, key: int | None) -> Chat:
        """The chat under `key`, else a new one filed under it (not filed when `key` is None)."""
        chat = self.get(key) if key is not None else None
        if chat is None:
            chat = Chat()
            if key is not None:
                self.link(key, chat)
        return chat
