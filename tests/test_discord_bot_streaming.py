"""Answers shown as the LLM streams them, end to end: the real discord.py client against the
emulator, the real model, and real OpenAI-compatible servers on 127.0.0.1 that stream slowly.

The bot posts a plain-text preview once text arrives, edits it at most every 1.5 s, and then
turns the same message into the checked answer (embed, sources, 👍/👎).
"""
from __future__ import annotations

import asyncio
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.brain import Brain
from bot.discord_front.errors import GENERIC
from bot.discord_front.streaming import PREVIEW_INTERVAL, preview_text
from index.embedding import MiniLMEmbedder
from tests.discord_bot_support import (  # noqa: F401  (fixtures)
    World,
    bot_running,
    brain,
    custom_ids,
    embed_of,
    field_names,
    make_llm_brain,
    make_world,
    seed,
    seeded_library,
)
from tests.discord_emulator import DiscordEmulator, InteractionRecord, Message
from tests.discord_emulator.fixtures import discord_emulator  # noqa: F401
from tests.llm_servers import (  # noqa: F401 - llm_server is a fixture
    CITES_MISSING_CHECKED,
    CITES_MISSING_REPLY,
    CITES_NOTHING_REPLY,
    QUESTION,
    RENUMBERED,
    VALID_REPLY,
    LONG_REPLY,
    FakeLLMServer,
    llm_server,
)

pytestmark = [pytest.mark.timeout(60)]
E2E = pytest.mark.asyncio(loop_scope="session")

Servers = Callable[..., FakeLLMServer]
MARKER = re.compile(r"\[\s*\d")
SLOW = {"piece": 4, "delay": 0.08}  # ~40 chunks over ~3 s: several preview intervals


@dataclass
class LLMWorld:
    """A server (with its members), an LLM server on 127.0.0.1, and a brain answering with it."""

    world: World
    server: FakeLLMServer
    brain: Brain


@pytest.fixture
def llm_world(discord_emulator: DiscordEmulator, llm_server: Servers, tmp_path: Path, embedder: MiniLMEmbedder,
              seeded_library: Path) -> Iterator[Callable[..., LLMWorld]]:
    """Make a world whose library holds the fixture articles and whose brain asks an LLM
    server started with the arguments given; the brains are closed after the test."""
    made: list[Brain] = []

    def make(*server_args: Any, **server_options: Any) -> LLMWorld:
        world = make_world(discord_emulator)
        server = llm_server(*server_args, **server_options)
        made.append(make_llm_brain(tmp_path / f"data{len(made)}", embedder, server.base_url))
        seed(made[-1], world.guild, seeded_library)
        return LLMWorld(world, server, made[-1])

    yield make
    for one in made:
        one.close()


class EditTimes:
    """When a message's edits happened (loop time, polled every 5 ms), oldest first."""

    def __init__(self, message: Callable[[], Message | None]) -> None:
        self.times: list[float] = []
        self._message = message
        self._task = asyncio.get_running_loop().create_task(self._watch())

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            found = self._message()
            while found is not None and len(self.times) < len(found.edits):
                self.times.append(loop.time())
            await asyncio.sleep(0.005)

    def stop(self) -> None:
        """Stop watching."""
        self._task.cancel()


async def final_answer(emu: DiscordEmulator, record: InteractionRecord) -> Message:
    """The /ask message once it holds the answer's embed."""
    original = await record.wait_original(timeout=20)
    return await emu.wait_for(lambda: original if original.embeds else None, 20, description="the final embed")


def assert_previews(contents: list[str]) -> None:
    """Plain-text previews: no markers, ending in "…", growing, within Discord's limit."""
    assert contents, "no preview was shown"
    for text in contents:
        assert text.endswith("…") and not MARKER.search(text) and len(text) <= 2000, text
        assert "NO_ANSWER" not in text
    shown = [text.removesuffix("…") for text in contents]
    assert all(later.startswith(earlier) for earlier, later in zip(shown, shown[1:])), shown


def assert_no_mentions(payload: dict[str, Any]) -> None:
    assert payload["allowed_mentions"]["parse"] == []


# -- what a preview shows -----------------------------------------------------------------------

def test_a_preview_drops_markers_even_half_received_ones() -> None:
    assert preview_text("The tower is 330 m tall [7]. It opened [1, 2") == "The tower is 330 m tall. It opened…"
    assert preview_text("[1]") == "" and preview_text("") == "" and preview_text("  [") == ""


def test_a_preview_never_shows_no_answer() -> None:
    for raw in ("N", "NO", "NO_", "NO_ANS", "NO_ANSWER", "**NO_ANSWER**", "NO_ANSWER\n"):
        assert preview_text(raw) == "", raw
    assert preview_text("The tower NO_ANSWER is tall") == "The tower  is tall…"
    assert preview_text("It opened in 1889. NO_AN") == "It opened in 1889.…"
    assert preview_text("It is NOT") == "It is NOT…"


def test_a_long_preview_shows_its_tail_within_the_content_limit() -> None:
    raw = " ".join(f"word{n} *x*" for n in range(600))
    shown = preview_text(raw)
    assert len(shown) <= 2000 and shown.startswith("…") and shown.endswith("word599 \\*x\\*…")
    assert preview_text("a *b* c") == "a \\*b\\* c…"


# -- /ask -------------------------------------------------------------------------------------

@E2E
async def test_ask_streams_a_preview_then_the_checked_answer_replaces_it(
        discord_emulator: DiscordEmulator, llm_world: Callable[..., LLMWorld]) -> None:
    emu = discord_emulator
    made = llm_world("stream", VALID_REPLY, **SLOW)
    world, answering = made.world, made.brain
    async with bot_running(emu, answering):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": QUESTION})
        await record.wait_response()
        clock = EditTimes(lambda: record.original)
        try:
            answer = await final_answer(emu, record)
        finally:
            clock.stop()

        # The first follow-up completed the "thinking" message with the first preview; PATCHes
        # edited it, and the last one made it the answer: one message, never a second copy.
        *previews, final = answer.edits
        assert len(previews) >= 2 and all(not p.get("embeds") for p in previews)
        assert_previews([p["content"] for p in previews])
        for payload in answer.edits:
            assert_no_mentions(payload)
        chunks = len(VALID_REPLY) // SLOW["piece"]
        assert len(previews) <= 4 < chunks  # pieces are coalesced, not one edit each
        gaps = [b - a for a, b in itertools.pairwise(clock.times[:len(previews)])]
        assert all(gap >= PREVIEW_INTERVAL - 0.1 for gap in gaps), gaps

        assert not answer.content and final.get("content") in (None, "")
        embed = embed_of(answer)
        assert embed["title"] == QUESTION and embed["description"] == RENUMBERED
        assert [name[:4] for name in field_names(answer)] == ["[1] ", "[2] "]
        assert custom_ids(answer) == ["feedback:up", "feedback:down"]
        assert record.followups == [answer] and emu.sent_messages(world.channel, include_deleted=True) == [answer]

        click = await emu.click_button(answer, world.alice, "feedback:up")
        assert "is recorded" in (await click.wait_original()).content


@E2E
async def test_a_long_answer_previews_its_tail_and_continues_in_a_second_message(
        discord_emulator: DiscordEmulator, llm_world: Callable[..., LLMWorld]) -> None:
    emu = discord_emulator
    made = llm_world("stream", LONG_REPLY, piece=120, delay=0.05)
    world, answering = made.world, made.brain
    async with bot_running(emu, answering):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": QUESTION})
        (first, rest) = await record.wait_followups(2, timeout=20)
        *previews, final = first.edits
        contents = [p["content"] for p in previews]
        assert_previews(contents[:1])
        assert any(c.startswith("…") and len(c) > 1900 for c in contents)  # the tail of a long reply
        assert all(c.endswith("…") and len(c) <= 2000 and not MARKER.search(c) for c in contents)
        assert record.original is not None
        assert final.get("content") in (None, "") and not first.content and first.id == record.original.id
        assert "[1]" in embed_of(first)["description"] and custom_ids(first) == []
        assert custom_ids(rest) == ["feedback:up", "feedback:down"]
        assert emu.sent_messages(world.channel, include_deleted=True) == [first, rest]


@E2E
async def test_a_citation_of_a_missing_passage_is_never_shown(
        discord_emulator: DiscordEmulator, llm_world: Callable[..., LLMWorld]) -> None:
    emu = discord_emulator
    made = llm_world("stream", CITES_MISSING_REPLY, **SLOW)  # "The lens was cleaned in Edinburgh [7]. ..."
    world, answering = made.world, made.brain
    async with bot_running(emu, answering):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": QUESTION})
        answer = await final_answer(emu, record)
        *previews, _ = answer.edits
        assert_previews([p["content"] for p in previews])
        assert all("[7" not in p["content"] and "7]" not in p["content"] for p in previews)
        assert embed_of(answer)["description"] == CITES_MISSING_CHECKED
        assert [name[:4] for name in field_names(answer)] == ["[1] ", "[2] "]


@E2E
async def test_a_failing_llm_falls_back_to_quotes_without_a_stale_preview(
        discord_emulator: DiscordEmulator, llm_world: Callable[..., LLMWorld]) -> None:
    emu = discord_emulator
    made = llm_world("error", status=500)
    world, server, answering = made.world, made.server, made.brain
    async with bot_running(emu, answering):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": QUESTION})
        (answer,) = await record.wait_followups(1, timeout=20)
        embed = embed_of(answer)
        assert "97 cast-iron steps" in embed["description"] and "[1]" in embed["description"]
        assert "HTTP 500" in embed["footer"]["text"] and "quotes the articles directly" in embed["footer"]["text"]
        assert custom_ids(answer) == ["feedback:up", "feedback:down"]
        assert record.edits == [] and not answer.content
        assert emu.sent_messages(world.channel, include_deleted=True) == [answer]

        # A reply that streams but cites nothing: its preview becomes the quoted fallback.
        server.mode, server.reply, server.piece, server.delay = "stream", CITES_NOTHING_REPLY, 4, 0.08
        second = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": QUESTION})
        fallback = await final_answer(emu, second)
        *previews, _ = fallback.edits
        assert_previews([p["content"] for p in previews])
        assert not fallback.content and "cited none of the passages" in embed_of(fallback)["footer"]["text"]
        assert "97 cast-iron steps" in embed_of(fallback)["description"]
        assert emu.sent_messages(world.channel, include_deleted=True) == [answer, fallback]


@E2E
async def test_an_error_after_the_preview_started_removes_the_preview(
        discord_emulator: DiscordEmulator, llm_world: Callable[..., LLMWorld], monkeypatch: pytest.MonkeyPatch) -> None:
    emu = discord_emulator
    made = llm_world("stream", VALID_REPLY, **SLOW)
    world, answering = made.world, made.brain
    real_ask = answering.answers.ask

    def broken(*args: Any, **kwargs: Any) -> Any:
        real_ask(*args, **kwargs)
        raise RuntimeError("kaboom after streaming")

    monkeypatch.setattr(answering.answers, "ask", broken)
    async with bot_running(emu, answering):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": QUESTION})
        failure = await emu.wait_for(lambda: next((m for m in record.followups if m.content == GENERIC), None), 20,
                                     description="the error report")
        assert failure.ephemeral
        preview = record.followups[0]
        assert preview is not failure and preview.deleted and preview.content.endswith("…")
        assert [m for m in emu.sent_messages(world.channel) if not m.ephemeral] == []


# -- mentions ---------------------------------------------------------------------------------

@E2E
async def test_a_mention_in_a_thread_and_a_reply_there_stream_too(
        discord_emulator: DiscordEmulator, llm_world: Callable[..., LLMWorld]) -> None:
    emu = discord_emulator
    made = llm_world("stream", VALID_REPLY, **SLOW)
    world, answering = made.world, made.brain
    thread = emu.add_thread(world.channel, "Lighthouse questions", world.alice)
    async with bot_running(emu, answering):
        asked = await emu.post_message(thread, world.alice, QUESTION, mentions=[emu.bot_user])
        answer = await emu.wait_for_message(thread, after=asked, predicate=lambda m: bool(m.embeds), timeout=20)
        (posted,) = [r.json for r in emu.requests_to("POST", f"/channels/{thread.id}/messages")]
        *edits, final = answer.edits
        assert_previews([posted["content"], *(e["content"] for e in edits)])
        assert len(edits) >= 1 and not posted.get("embeds") and final.get("content") in (None, "")
        for payload in (posted, *answer.edits):
            assert_no_mentions(payload)
        assert embed_of(answer)["description"] == RENUMBERED and not answer.content
        assert custom_ids(answer) == ["feedback:up", "feedback:down"]
        assert emu.sent_messages(thread, include_deleted=True) == [answer] and answer.reference is None

        # Replying to the answer continues the conversation; the preview is the reply.
        follow = await emu.post_message(thread, world.alice, "And when was it built?", reference=answer)
        second = await emu.wait_for_message(thread, after=follow, predicate=lambda m: bool(m.embeds), timeout=20)
        assert second.reference is follow and second.mentions == [] and len(second.edits) >= 2
        assert embed_of(second)["description"] == RENUMBERED
        assert emu.sent_messages(thread, include_deleted=True) == [answer, second]
        assert emu.sent_messages(world.channel) == []


# -- without an LLM ---------------------------------------------------------------------------

@E2E
async def test_without_an_llm_the_first_message_is_already_the_answer(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    async with bot_running(emu, brain):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": QUESTION})
        (answer,) = await record.wait_followups(1, timeout=20)
        (completed,) = answer.edits  # the follow-up that completed the "thinking" message
        assert completed["embeds"] and not completed.get("content")
        assert "97 cast-iron steps" in embed_of(answer)["description"]

        asked = await emu.post_message(world.channel, world.alice, QUESTION, mentions=[emu.bot_user])
        reply = await emu.wait_for_message(after=asked, timeout=20)
        assert reply.embeds and reply.edits == [] and not reply.content
        assert record.edits == [] and emu.requests_to("PATCH") == [] and emu.requests_to("DELETE") == []
