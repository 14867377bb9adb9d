"""The Discord bot under stress: long answers within Discord's limits, 429s, a slow brain
that must not block the event loop, unexpected errors, and the runner's start-up failures."""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.answering import Answer, Citation
from bot.brain import Brain
from bot.discord_front import run_discord
from bot.discord_front.errors import GENERIC
from index.sources import from_text
from tests.discord_bot_support import bot_running, custom_ids, embed_of, field_names, make_world, seed
from tests.discord_bot_support import brain, seeded_library  # noqa: F401  (fixtures)
from tests.discord_emulator import DiscordEmulator, Message
from tests.discord_emulator.fixtures import discord_emulator  # noqa: F401

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.timeout(60)]


def assert_within_limits(message: Message) -> None:
    """What Discord allows in one message (the emulator would have answered 400 otherwise)."""
    assert len(message.content) <= 2000 and len(message.embeds) <= 10
    total = 0
    for embed in message.embeds:
        assert len(embed.get("description") or "") <= 4096 and len(embed.get("title") or "") <= 256
        fields = embed.get("fields") or []
        assert len(fields) <= 25
        assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in fields)
        total += sum(len(embed.get(k) or "") for k in ("title", "description"))
        total += len((embed.get("footer") or {}).get("text") or "")
        total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    assert total <= 6000


def huge_answer(question: str) -> Answer:
    """An answer far beyond one message: 12,000 characters, 30 long citations, a long notice."""
    sentences = [f"Finding number {n} of the long report fills a sentence with many careful words about the "
                 f"harbour, the trams and the lighthouse, again and again, to be long [{n}]." for n in range(1, 31)]
    text = " ".join(sentences)
    text = text + " " + " ".join(["This closing remark repeats itself to make the answer very long."] * 120)
    citations = tuple(Citation(n=n, article_id=n, title=f"A very long article title number {n} " + "x" * 300,
                               url=f"https://example.org/articles/{n}", chunk_id=n, quote="Quoted words. " * 110,
                               start=0, end=1540) for n in range(1, 31))
    return Answer(question=question, text=text, citations=citations, abstained=False,
                  notice="The language model could not answer; " + "this notice is long. " * 200)


async def test_a_huge_answer_is_split_into_messages_discord_accepts(
        discord_emulator: DiscordEmulator, brain: Brain, monkeypatch: pytest.MonkeyPatch) -> None:
    emu = discord_emulator
    world = make_world(emu)
    monkeypatch.setattr(brain.answers, "ask",
                        lambda collection, question, conversation=None, **_: huge_answer(question))
    async with bot_running(emu, brain):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                        {"question": "Summarise the long report " + "please " * 130})
        await record.wait_response()
        await emu.wait_for(lambda: any(custom_ids(m) for m in record.followups), 10, description="the last part")
        parts = record.followups
        assert len(parts) >= 3
        assert all(r.status == 200 for r in emu.requests_to("POST", "/webhooks"))
        for part in parts:
            assert_within_limits(part)
        assert [bool(custom_ids(p)) for p in parts] == [False] * (len(parts) - 1) + [True]
        names = [name for p in parts for name in field_names(p)]
        assert [name.split("]")[0] for name in names] == [f"[{n}" for n in range(1, 31)]
        text = " ".join(embed_of(p)["description"] for p in parts if embed_of(p).get("description"))
        assert text.split() == huge_answer("").text.split()
        assert embed_of(parts[0])["title"].endswith("…") and embed_of(parts[0])["footer"]["text"].endswith("…")


async def test_a_long_real_answer_fits(discord_emulator: DiscordEmulator, brain: Brain) -> None:
    emu = discord_emulator
    world = make_world(emu)
    clause = ("the volunteers of the Zephyr canal trust rebuilt the oak lock gates, relined the basin with "
              "puddled clay, repaired the towpath walls and restored the lock keeper's cottage")
    # Sentences just under the 200-token chunks, so that a summary quoting three of them is long.
    sentences = [f"In the {season} of {year}, {clause}, while the engineers of the county surveyed every culvert, "
                 f"every bridge and every overflow weir along the eleven miles of the canal and wrote a report "
                 f"on each one of them for the trust's annual meeting in the town hall of Alderbridge"
                 + ", and the boat clubs, anglers and walkers listened" * 9 + "."
                 for year in range(2015, 2024) for season in ("spring", "autumn")]
    brain.kb.collection(f"guild-{world.guild.id}").add(from_text("The Zephyr canal restoration\n\n"
                                                                 + " ".join(sentences), None))
    async with bot_running(emu, brain):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                        {"question": "Summarize the Zephyr canal restoration article"})
        await emu.wait_for(lambda: any(custom_ids(m) for m in record.followups), 20, description="the answer")
        assert "oak lock gates" in record.followups[0].embed_text
        assert sum(len(m.embed_text) for m in record.followups) > 4000
        for part in record.followups:
            assert_within_limits(part)
        assert all(r.status == 200 for r in emu.requests_to("POST", "/webhooks"))


async def test_a_rate_limited_followup_is_retried_by_discord_py(discord_emulator: DiscordEmulator, brain: Brain,
                                                                seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    async with bot_running(emu, brain):
        rule = emu.rate_limit_next("POST", "/webhooks", retry_after=0.2)
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                        {"question": "How much did the tram line cost?"})
        (answer,) = await record.wait_followups(1, timeout=20)
        assert "412 million" in answer.embed_text
        assert rule.hits == 1
        assert [r.status for r in emu.requests_to("POST", "/webhooks")] == [429, 200]


async def test_a_slow_answer_does_not_block_other_commands(discord_emulator: DiscordEmulator, brain: Brain,
                                                           seeded_library: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    real_ask = brain.answers.ask

    def slow_ask(*args: Any, **kwargs: Any) -> Answer:
        time.sleep(2.0)  # a blocking call: it must run in a worker thread
        return real_ask(*args, **kwargs)

    monkeypatch.setattr(brain.answers, "ask", slow_ask)
    async with bot_running(emu, brain):
        asked = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                       {"question": "How much did the tram line cost?"})
        await asked.wait_response(timeout=1.0)  # deferred at once
        helped = await emu.invoke_slash(world.guild, world.channel, world.admin, "help")
        await helped.wait_original(timeout=1.5)
        assert not asked.followups  # /help was answered while the answer was still being worked out
        (answer,) = await asked.wait_followups(1, timeout=20)
        assert "412 million" in answer.embed_text


async def test_unexpected_errors_say_something_went_wrong_and_log_the_traceback(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    caplog.set_level(logging.INFO, logger="bot.discord_front")
    async with bot_running(emu, brain):
        ok = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                    {"question": "How much did the tram line cost?"})
        (answer,) = await ok.wait_followups(1, timeout=20)

        def broken(*args: Any, **kwargs: Any) -> Answer:
            raise RuntimeError("kaboom-4711 internal detail")

        monkeypatch.setattr(brain.answers, "ask", broken)
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": "Why?"})
        (failure,) = await record.wait_followups(1, timeout=20)
        assert failure.content == GENERIC and "kaboom" not in failure.content and not failure.embeds

        said = await emu.post_message(world.channel, world.alice, "Why?", mentions=[emu.bot_user])
        reply = await emu.wait_for_message(after=said, predicate=lambda m: m.content == GENERIC)
        assert "kaboom" not in reply.content

        collection = brain.kb.collection(f"guild-{world.guild.id}")
        monkeypatch.setattr(collection, "record_feedback", broken)
        click = await emu.click_button(answer, world.alice, "feedback:up")
        ack = await click.wait_original()
        assert ack.ephemeral and ack.content == GENERIC

    failures = [r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info]
    assert len(failures) == 3 and all(r.exc_info and "kaboom-4711" in str(r.exc_info[1]) for r in failures)
    assert "Traceback" in caplog.text and "kaboom-4711 internal detail" in caplog.text


async def test_the_runner_reports_a_bad_token_in_one_line(discord_emulator: DiscordEmulator, brain: Brain,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    emu = discord_emulator
    make_world(emu)
    bad = replace(brain, settings=replace(brain.settings, discord_token="not-the-token"))
    with emu.patched():
        code = await asyncio.to_thread(run_discord, bad)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "DISCORD_TOKEN" in err and "Traceback" not in err
    assert [r.status for r in emu.requests_to("GET", "/users/@me")] == [401]


async def test_the_runner_reports_a_missing_privileged_intent_in_one_line(
        brain: Brain, capsys: pytest.CaptureFixture[str]) -> None:
    async with DiscordEmulator(allowed_privileged_intents=0) as emu:
        make_world(emu)
        wants_content = replace(brain, settings=replace(brain.settings, discord_token=emu.token,
                                                        message_content_intent=True))
        with emu.patched():
            code = await asyncio.to_thread(run_discord, wants_content)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Message Content intent" in err and "Traceback" not in err
