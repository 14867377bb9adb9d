"""Questions during an import, through the real discord.py client and the emulator:
members' /ask answers arrive while an admin's /add of a long article is still embedding.

Counted, not timed: every answer must come before the add's report. Before questions
went first at the model, they came after it (the import held the model to the end).
"""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.brain import Brain
from bot.discord_front.workers import WORKER_THREADS
from index.embedding import Embedder
from tests.discord_bot_support import bot_running, brain, make_world, seed, seeded_library  # noqa: F401  (fixtures)
from tests.discord_emulator import DiscordEmulator
from tests.discord_emulator.fixtures import discord_emulator  # noqa: F401
from tests.long_article import survey_log

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.timeout(300)]

QUESTIONS = ["How many steps does the lighthouse staircase have?", "Who won the chess tournament?",
             "When did the tram line open?", "What do the bakers buy together?"]


async def test_questions_are_answered_while_an_import_runs(discord_emulator: DiscordEmulator, brain: Brain,
                                                           seeded_library: Path, embedder: Embedder) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    members = []
    for i in range(8):
        member = emu.add_user(f"member{i}")
        world.guild.add_member(member)
        members.append(member)
    article = survey_log(embedder.count_tokens, 240)  # ~32 import steps
    async with bot_running(emu, brain):
        add = await emu.invoke_slash(world.guild, world.channel, world.admin, "add", {},
                                     attachments={"file": ("survey-log.txt", article.encode(), "text/plain")})
        await add.wait_response()
        await asyncio.sleep(1.0)  # the import is chunking or embedding by now
        assert not add.followups, "the import finished before the questions came: make it longer"
        asks = [await emu.invoke_slash(world.guild, world.channel, member, "ask", {"question": q})
                for member, q in zip(members, QUESTIONS * 2)]
        answers = await asyncio.gather(*(a.wait_followups(1, timeout=240) for a in asks))
        assert not add.followups, "the answers waited for the import to finish"
        (report,) = await add.wait_followups(1, timeout=240)
    assert "Added" in (report.content or "") and "chunks" in (report.content or "")
    assert all(a[0].embeds for a in answers)


async def test_the_bot_s_worker_threads_exist_before_the_first_question(discord_emulator: DiscordEmulator,
                                                                         brain: Brain) -> None:
    """Starting a pool thread inside `submit` held the event loop on a busy machine: the
    bot's pool starts all its threads at start-up, and closing the bot stops them."""
    make_world(discord_emulator)
    async with bot_running(discord_emulator, brain) as bot:
        assert bot.workers.started == WORKER_THREADS
    assert bot.workers.started == 0
