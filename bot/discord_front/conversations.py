"""Conversations of threads and answer messages: kept in the store (so that any bot
process, or this one after a restart, continues them) with the recently used ones
cached here, each with the lock that keeps its turns in order."""
from __future__ import annotations

import asyncio
import uuid
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.answering import Conversation
from bot.answering.conversation import Turn
from index.store.memory import Memory

# Keys (threads, answer messages) the store keeps per library; older ones are forgotten.
STORED_KEYS = 20_000


@dataclass(eq=False)
class Chat:
    """One conversation, its id in the store, and the lock that keeps its turns in order."""

    conversation: Conversation = field(default_factory=Conversation)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    id: str = field(default_factory=lambda: uuid.uuid4().hex)


class ConversationStore:
    """Maps a thread id or an answer message id to its Chat. The least recently used keys
    are dropped from the cache beyond `max_keys`; with `memory_of` (a library's store)
    every key and turn is also stored, and a key missing here is looked up there."""

    def __init__(self, max_keys: int = 500, memory_of: Callable[[str], Memory] | None = None,
                 stored_keys: int = STORED_KEYS) -> None:
        self.max_keys = max_keys
        self.memory_of = memory_of
        self.stored_keys = stored_keys
        self._chats: OrderedDict[int, Chat] = OrderedDict()
        self._by_id: weakref.WeakValueDictionary[str, Chat] = weakref.WeakValueDictionary()

    def __len__(self) -> int:
        return len(self._chats)

    def __contains__(self, key: int) -> bool:
        return key in self._chats

    def get(self, key: int) -> Chat | None:
        """The cached chat under `key` (now the most recently used), or None."""
        chat = self._chats.get(key)
        if chat is not None:
            self._chats.move_to_end(key)
        return chat

    def link(self, key: int, chat: Chat) -> None:
        """Cache `chat` under `key` too (a thread, or a message that answered in it)."""
        self._chats[key] = chat
        self._chats.move_to_end(key)
        self._by_id[chat.id] = chat
        while len(self._chats) > self.max_keys:
            self._chats.popitem(last=False)

    def get_or_start(self, key: int | None) -> Chat:
        """The cached chat under `key`, else a new one cached under it (not when `key` is None)."""
        chat = self.get(key) if key is not None else None
        if chat is None:
            chat = Chat()
            if key is not None:
                self.link(key, chat)
        return chat

    async def find(self, collection: str, key: int) -> Chat | None:
        """The chat under `key`: cached, else as the store has it (another process may have
        started it), else None."""
        chat = self.get(key)
        if chat is not None or self.memory_of is None:
            return chat
        memory_of = self.memory_of
        conversation = await asyncio.to_thread(lambda: memory_of(collection).conversation_of(key))
        if conversation is None:
            return None
        chat = self._by_id.get(conversation) or Chat(id=conversation)
        self.link(key, chat)
        return chat

    async def find_or_start(self, collection: str, key: int | None) -> Chat:
        """The chat under `key`, else a new one filed under it (not filed when `key` is None)."""
        chat = await self.find(collection, key) if key is not None else None
        if chat is None:
            chat = Chat()
            if key is not None:
                await self.attach(collection, key, chat)
        return chat

    async def attach(self, collection: str, key: int, chat: Chat) -> None:
        """File `chat` under `key`, here and in the store."""
        self.link(key, chat)
        memory_of = self.memory_of
        if memory_of is not None:
            await asyncio.to_thread(lambda: memory_of(collection).link(key, chat.id, self.stored_keys))

    def load(self, collection: str, chat: Chat) -> None:
        """Bring the chat's turns up to date from the store (blocking: call it in a worker
        thread, holding the chat's lock)."""
        if self.memory_of is not None:
            turns = [Turn.from_json(t) for t in self.memory_of(collection).turns(chat.id)]
            chat.conversation.turns.clear()
            chat.conversation.turns.extend(turns)

    def save(self, collection: str, chat: Chat) -> None:
        """Store the chat's latest turn (blocking, like `load`)."""
        turns = chat.conversation.turns
        if self.memory_of is not None and turns:
            self.memory_of(collection).add_turn(chat.id, turns[-1].to_json(), turns.maxlen or len(turns))
