"""Shared pieces of the Discord bot's end-to-end tests: a brain on the real model, a
library seeded with our four articles, a world of users in the emulator, a web server."""
from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from bot.answering import AnswerService, RetrievalSettings
from bot.answering.citation_support import SupportChecker
from bot.answering.llm_answerer import LLMAnswerer
from bot.answering.llm_client import ChatClient, LLMSettings
from bot.brain import Brain
from bot.discord_front import ArticleBot
from bot.discord_front.permissions import collection_name
from bot.settings import Settings
from index.embedding import Embedder, MiniLMEmbedder
from index.copying import copy_store
from index.library import KnowledgeBase
from index.store.backends import SQLiteBackend
from index.store.base import Backend
from index.sources import Document, UrlFetcher
from tests.discord_emulator import Channel, DiscordEmulator, Guild, Message, Permission, User
from tests.discord_emulator.fixtures import running_client
from tests.feed_server import FeedServer

MANAGER_ROLE = "Librarian"


def make_settings(data_dir: Path, **changes: Any) -> Settings:
    """Test settings: no cooldowns, local fetching allowed, a manager role; override any field."""
    base = Settings(data_dir=data_dir, collection="default", discord_token=None, test_guild_id=None,
                    manager_role=MANAGER_ROLE, ask_cooldown=0.0, add_cooldown=0.0, top_k=5,
                    message_content_intent=False, llm=None, fetch_allow_hosts=("127.0.0.1",), log_level="INFO")
    return replace(base, **changes)


def make_brain(data_dir: Path, embedder: Embedder, backend: Backend | None = None, **changes: Any) -> Brain:
    """A Brain over a knowledge base in `data_dir` (or on `backend`), on the real model, without an LLM."""
    settings = make_settings(data_dir, **changes)
    kb = KnowledgeBase(data_dir, embedder, backend=backend)
    answers = AnswerService(kb, retrieval=RetrievalSettings(top_k=settings.top_k))
    return Brain(settings, kb, answers, UrlFetcher(allow_hosts=settings.fetch_allow_hosts))


def make_llm_brain(data_dir: Path, embedder: MiniLMEmbedder, base_url: str, *, timeout: float = 10.0,
                   **changes: Any) -> Brain:
    """Like `make_brain`, with an LLM answerer asking the chat server at `base_url`."""
    llm_settings = LLMSettings(base_url, "test-model", "sk-test", timeout)
    settings = make_settings(data_dir, llm=llm_settings, **changes)
    kb = KnowledgeBase(data_dir, embedder)
    answers = AnswerService(kb, retrieval=RetrievalSettings(top_k=settings.top_k),
                            llm=LLMAnswerer(ChatClient(llm_settings), SupportChecker(embedder.embed)))
    return Brain(settings, kb, answers, UrlFetcher(allow_hosts=settings.fetch_allow_hosts))


@pytest.fixture
def brain(tmp_path: Path, embedder: MiniLMEmbedder, make_backend: Callable[[], Backend | None]) -> Iterator[Brain]:
    """A brain with no cooldowns over an empty library on the engine under test."""
    made = make_brain(tmp_path / "data", embedder, make_backend())
    yield made
    made.close()


@pytest.fixture(scope="session")
def seeded_library(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder,
                   fixture_docs: list[Document]) -> Path:
    """A collection folder holding the four fixture articles, embedded once per session."""
    root = tmp_path_factory.mktemp("seeded")
    kb = KnowledgeBase(root, embedder)
    kb.collection("template").add_many(fixture_docs)
    kb.close()
    return root / "collections" / "template"


def seed(brain: Brain, guild: Guild, template: Path) -> None:
    """Give `guild` a copy of the seeded library (before the collection is opened): its
    folder on SQLite, its rows (copied as `migrate` copies them) on PostgreSQL."""
    name = collection_name(guild.id)
    if isinstance(brain.kb.backend, SQLiteBackend):
        shutil.copytree(template, brain.kb.backend.root / name)
        return
    origin = SQLiteBackend(template.parent.parent).open(template.name, "", 0, accept_other_model=True)
    target = brain.kb.backend.open(name, origin.model, origin.dimension)
    copy_store(origin, target, name)
    origin.close()
    target.close()


@dataclass
class World:
    """One server with #general, a plain member, an admin and the bot."""

    emu: DiscordEmulator
    guild: Guild
    channel: Channel
    alice: User
    admin: User


def make_world(emu: DiscordEmulator, name: str = "Lab") -> World:
    """A guild with #general, alice (a member) and an admin (Manage Server)."""
    guild = emu.add_guild(name)
    channel = guild.add_channel("general")
    alice = emu.add_user(f"alice-{name.lower()}")
    guild.add_member(alice)
    admin = emu.add_user(f"admin-{name.lower()}")
    guild.add_member(admin, permissions=Permission.MANAGE_GUILD)
    return World(emu, guild, channel, alice, admin)


@contextlib.asynccontextmanager
async def bot_running(emu: DiscordEmulator, brain: Brain, **options: Any) -> AsyncIterator[ArticleBot]:
    """The real ArticleBot connected to the emulator (commands synced); closed on exit."""
    bot = ArticleBot(brain, **options)
    async with running_client(emu, bot) as client:
        yield client


def embed_of(message: Message, index: int = 0) -> dict[str, Any]:
    """One embed of a message the bot sent."""
    assert message.embeds, f"no embeds in {message.content!r}"
    return message.embeds[index]


def field_names(message: Message) -> list[str]:
    """Names of every field of every embed of a message."""
    return [f["name"] for e in message.embeds for f in e.get("fields") or []]


def custom_ids(message: Message) -> list[str]:
    """The custom ids of a message's buttons."""
    return [c["custom_id"] for c in message.walk_components() if "custom_id" in c]


class Pages(FeedServer):
    """A tiny web server on 127.0.0.1 serving `pages[path] = (content_type, body)`."""


@pytest.fixture
def web_pages() -> Iterator[Pages]:
    """A local web server for /add url."""
    pages = Pages()
    yield pages
    pages.close()
