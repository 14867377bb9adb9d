"""Several bot processes on one store: shards that each serve their own servers, and a
conversation or a rating that another process (a restarted one, or the one a server's
shard moved to) continues, because conversations and rated answers live in the store.

Each "process" is a real discord.py client with its own brain and its own connection to
the storage engine (a pool on PostgreSQL, files on SQLite); they share only the model.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.brain import Brain
from bot.discord_front.client import ShardedArticleBot
from index.embedding import MiniLMEmbedder
from index.store.backends import SQLiteBackend
from index.store.base import Backend
from tests.discord_bot_support import bot_running, custom_ids, embed_of, make_brain, make_world, seed
from tests.discord_bot_support import seeded_library  # noqa: F401  (fixture)
from tests.discord_emulator import DiscordEmulator
from tests.discord_emulator.fixtures import discord_emulator  # noqa: F401

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.timeout(90)]
BOTH_ENGINES = True

FIRST = "How much did the tram line cost?"
FOLLOW_UP = "And how many stops does it have?"  # "it" is only clear from the first question


@pytest.fixture
def same_store(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[[], Backend]]:
    """Opens the one store every process of a test shares: the data folder, or one database."""
    if engine == "sqlite":
        yield lambda: SQLiteBackend(tmp_path / "data")
        return
    from index.store.postgres import PostgresBackend

    url = request.getfixturevalue("postgres").new_database()
    yield lambda: PostgresBackend(url)


def process(same_store: Callable[[], Backend], tmp_path: Path, embedder: MiniLMEmbedder, **settings: object) -> Brain:
    """The brain of one bot process: its own connection to the shared store."""
    return make_brain(tmp_path / "data", embedder, same_store(), **settings)


async def test_a_restarted_process_continues_the_thread_and_its_ratings(
        discord_emulator: DiscordEmulator, same_store: Callable[[], Backend], tmp_path: Path,
        embedder: MiniLMEmbedder, seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    first = process(same_store, tmp_path, embedder)
    seed(first, world.guild, seeded_library)
    try:
        async with bot_running(emu, first):
            asked = await emu.post_message(world.channel, world.alice, FIRST, mentions=[emu.bot_user])
            answer = await emu.wait_for_message(after=asked, timeout=20)
            thread = answer.channel
            assert "412 million euros" in embed_of(answer)["description"]
            up = await emu.click_button(answer, world.alice, "feedback:up")
            assert "recorded" in (await up.wait_original()).content
    finally:
        first.close()

    second = process(same_store, tmp_path, embedder)  # the process after a restart: nothing in memory
    try:
        async with bot_running(emu, second) as bot:
            follow = await emu.post_message(thread, world.alice, FOLLOW_UP, mentions=[emu.bot_user])
            reply = await emu.wait_for_message(thread, after=follow, timeout=20)
            chat = bot.conversations.get(thread.id)
            assert "19 stops" in embed_of(reply)["description"]
            assert chat is not None and [t.question for t in chat.conversation.turns] == [FIRST, FOLLOW_UP]

            # The answer the first process sent can still be rated, once per reader.
            again = await emu.click_button(answer, world.alice, "feedback:down")
            assert "already rated" in (await again.wait_original()).content
            other = await emu.click_button(answer, world.admin, "feedback:down")
            assert "recorded" in (await other.wait_original()).content
            # A reply to the first process's answer continues the same conversation.
            replied = await emu.post_message(thread, world.alice, "And when does it open?", reference=answer)
            third = await emu.wait_for_message(thread, after=replied, timeout=20)
            assert custom_ids(third) == ["feedback:up", "feedback:down"]
            assert bot.conversations.get(answer.id) is chat and len(chat.conversation.turns) == 3
        verdicts = [(row[3], row[4]) for row in second.kb.collection(f"guild-{world.guild.id}").store.feedback()]
        assert verdicts == [(1, str(world.alice.id)), (0, str(world.admin.id))]
    finally:
        second.close()


async def test_two_shard_processes_share_one_database(
        discord_emulator: DiscordEmulator, engine: str, same_store: Callable[[], Backend], tmp_path: Path,
        embedder: MiniLMEmbedder, seeded_library: Path) -> None:
    if engine != "postgresql":
        pytest.skip("several processes share PostgreSQL; the data folder is for one process")
    emu = discord_emulator
    emu.shard_count = 2
    worlds = [make_world(emu, f"Lab{i}", shard=(i, 2)) for i in (0, 1)]
    brains = [process(same_store, tmp_path, embedder, shard_count=2, shard_ids=(i,)) for i in (0, 1)]
    for brain, world in zip(brains, worlds):
        seed(brain, world.guild, seeded_library)
    try:
        async with bot_running(emu, brains[0]) as shard0, bot_running(emu, brains[1]) as shard1:
            assert isinstance(shard0, ShardedArticleBot) and isinstance(shard1, ShardedArticleBot)
            assert [g.id for g in shard0.guilds] == [worlds[0].guild.id]
            assert [g.id for g in shard1.guilds] == [worlds[1].guild.id]
            assert sorted(tuple(i["shard"]) for i in emu.identifies) == [(0, 2), (1, 2)]
            threads = []
            for world in worlds:  # each server is answered by its own shard's process
                asked = await emu.post_message(world.channel, world.alice, FIRST, mentions=[emu.bot_user])
                answer = await emu.wait_for_message(after=asked, timeout=20)
                assert "412 million euros" in embed_of(answer)["description"]
                threads.append(answer.channel)
            assert shard0.conversations.get(threads[0].id) and not shard0.conversations.get(threads[1].id)
            assert shard1.conversations.get(threads[1].id) and not shard1.conversations.get(threads[0].id)

            # An article one process adds is searched by the other at once (a shared database).
            added = await emu.invoke_slash(worlds[0].guild, worlds[0].channel, worlds[0].admin, "add", {
                "text": "The Northfield ferry now sails every forty minutes on weekdays, the harbour board said.",
                "title": "Ferry timetable"})
            assert "Ferry timetable" in (await added.wait_followups(1, timeout=20))[0].content
            found = brains[1].kb.collection(f"guild-{worlds[0].guild.id}").search("ferry weekdays", "keyword")
            assert found and found[0].title == "Ferry timetable"

        # Shard 0's process stops; a process that now runs both shards takes its servers over
        # and continues shard 0's thread from the database.
        takeover = process(same_store, tmp_path, embedder, shard_count=2, shard_ids=(0, 1))
        try:
            async with bot_running(emu, takeover) as both:
                assert {g.id for g in both.guilds} == {w.guild.id for w in worlds}
                follow = await emu.post_message(threads[0], worlds[0].alice, FOLLOW_UP, mentions=[emu.bot_user])
                reply = await emu.wait_for_message(threads[0], after=follow, timeout=20)
                assert "19 stops" in embed_of(reply)["description"]
        finally:
            takeover.close()
    finally:
        for brain in brains:
            brain.close()
