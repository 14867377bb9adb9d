"""The bot through real discord.py and the emulator at the edges of its life and of a
conversation: a slash-command sync Discord refuses, errors after a thread was started,
mention syntax in a question, and article formatting in answers."""
from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.answering import Answer
from bot.brain import Brain
from bot.discord_front.errors import GENERIC, ShuttingDown
from index.errors import InputError
from index.sources import from_text
from tests.discord_bot_support import bot_running, embed_of, make_world, seed
from tests.discord_bot_support import brain, seeded_library  # noqa: F401  (fixtures)
from tests.discord_emulator import DiscordEmulator
from tests.discord_emulator.fixtures import discord_emulator  # noqa: F401
from tests.discord_markdown import shown

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.timeout(60)]
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("refusal", ["no applications.commands scope", "unknown server"])
async def test_a_refused_command_sync_logs_one_line_and_mentions_still_work(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path, caplog: pytest.LogCaptureFixture,
        refusal: str) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    guild_id = world.guild.id if refusal.startswith("no") else 424242424242424242
    emu.no_commands_scope.add(world.guild.id)
    caplog.set_level(logging.INFO)
    synced_to = replace(brain, settings=replace(brain.settings, test_guild_id=guild_id))
    async with bot_running(emu, synced_to):
        asked = await emu.post_message(world.channel, world.alice, "How much did the tram line cost?",
                                       mentions=[emu.bot_user])
        reply = await emu.wait_for_message(after=asked, timeout=20)
        assert "412 million euros" in embed_of(reply)["description"]
    assert [r.status for r in emu.requests_to("PUT", "/applications")] == [403 if refusal.startswith("no") else 404]
    lines = [r for r in caplog.records if "slash commands" in r.getMessage() and r.levelno >= logging.WARNING]
    assert len(lines) == 1 and lines[0].exc_info is None and "Traceback" not in caplog.text
    said = lines[0].getMessage()
    assert f"server {guild_id}" in said and "applications.commands" in said and "DISCORD_TEST_GUILD_ID" in said
    assert "mentions still work" in said and "\n" not in said


async def test_an_error_after_the_thread_was_started_is_reported_in_the_thread(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    failures = iter([InputError("the library is being rebuilt; ask again in a minute"), RuntimeError("kaboom")])

    def failing(*args: Any, **kwargs: Any) -> Answer:
        raise next(failures)

    monkeypatch.setattr(brain.answers, "ask", failing)
    async with bot_running(emu, brain):
        for expected in ("the library is being rebuilt; ask again in a minute", GENERIC):
            asked = await emu.post_message(world.channel, world.alice, f"Why is that so? ({expected[:10]})",
                                           mentions=[emu.bot_user])
            report = await emu.wait_for_message(after=asked, timeout=20)
            thread = report.channel
            assert thread.is_thread and thread.id == asked.id, "reported in the thread the question started"
            assert report.content == expected and "kaboom" not in report.content
            assert emu.sent_messages(world.channel) == [], "nothing in the parent channel"


async def test_mention_syntax_in_a_question_is_inert_in_the_thread_name_and_title(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    role = world.guild.add_role("Moderators")
    question = f"@everyone and <@&{role.id}>: how much did the tram line cost, @here?"
    async with bot_running(emu, brain):
        asked = await emu.post_message(world.channel, world.alice, question, mentions=[emu.bot_user])
        reply = await emu.wait_for_message(after=asked, timeout=20)
        title = embed_of(reply)["title"]
        for shown_name in (reply.channel.name, title):
            assert "@everyone" not in shown_name and "@here" not in shown_name and "<@&" not in shown_name
        assert reply.channel.name == title == ("@\u200beveryone and @Moderators: how much did the tram line cost, "
                                               "@\u200bhere?")
        slash = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                       {"question": f"<@{world.alice.id}> asks: what did the tram line cost?"})
        (answer,) = await slash.wait_followups(1, timeout=20)
        assert embed_of(answer)["title"] == "@user asks: what did the tram line cost?"  # no member list: no name


async def test_article_formatting_stays_literal_in_a_real_answer(discord_emulator: DiscordEmulator,
                                                                  brain: Brain) -> None:
    emu = discord_emulator
    world = make_world(emu)
    text = ("Harbour ferry timetable\n\nThe ||night ferry|| leaves at *nine* from the __north pier__, "
            "and tickets cost ~~six~~ four euros [see the timetable](https://ferry.example/times).")
    brain.kb.collection(f"guild-{world.guild.id}").add(from_text(text, None))
    async with bot_running(emu, brain):
        slash = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                       {"question": "When does the night ferry leave from the north pier?"})
        (answer,) = await slash.wait_followups(1, timeout=20)
    (field,) = embed_of(answer)["fields"]
    quote = "\n".join(shown(line[2:]) for line in field["value"].split("\n")[1:])
    assert "||night ferry|| leaves at *nine* from the __north pier__" in quote


@pytest.mark.timeout(120)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_a_stop_signal_finishes_answers_in_flight_refuses_new_ones_and_exits_0(
        discord_emulator: DiscordEmulator, seeded_library: Path, tmp_path: Path, signum: int) -> None:
    """`python -m bot run` in its own process: on SIGTERM (docker stop, systemctl stop) or
    SIGINT (Ctrl-C) the answer being worked out is still delivered, a new question is told
    to come back, the gateway is closed, the stores are closed and the exit code is 0."""
    emu = discord_emulator
    world = make_world(emu)
    data = tmp_path / "data"
    shutil.copytree(seeded_library, data / "collections" / f"guild-{world.guild.id}")
    env = {k: v for k, v in os.environ.items() if k not in {"DISCORD_TEST_GUILD_ID", "COLLECTION"}
           and not k.startswith("LLM_")}
    env.update(DISCORD_TOKEN=emu.token, DATA_DIR=str(data), ASK_COOLDOWN_SECONDS="0", SHUTDOWN_GRACE_SECONDS="30",
               PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", OMP_NUM_THREADS="1")
    with (tmp_path / "log").open("wb") as log_file:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.bot_process", emu.base_url, emu.gateway_url, "4", cwd=tmp_path, env=env,
            stdin=asyncio.subprocess.DEVNULL, stdout=log_file, stderr=asyncio.subprocess.STDOUT)
    try:
        await emu.wait_for(lambda: "connected as" in (tmp_path / "log").read_text(encoding="utf-8"), 60,
                           description="the bot to be ready")
        asked = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                       {"question": "How much did the tram line cost?"})
        await asked.wait_response(timeout=10)  # deferred: the answer is being worked out
        process.send_signal(signum)
        await asyncio.sleep(1.0)
        late = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                      {"question": "How many stops does it have?"})
        refusal = await late.wait_original(timeout=10)
        (answer,) = await asked.wait_followups(1, timeout=30)
        code = await asyncio.wait_for(process.wait(), 40)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = (tmp_path / "log").read_text(encoding="utf-8")
    assert code == 0, log
    assert "412 million euros" in embed_of(answer)["description"]
    assert refusal.ephemeral and refusal.content == ShuttingDown().args[0]
    assert not emu.gateway.live_sessions and "Traceback" not in log
    folder = data / "collections" / f"guild-{world.guild.id}"
    assert not (folder / "library.sqlite3-wal").exists(), "the database was closed (its log checkpointed away)"
