"""The Discord bot end to end: the real discord.py client, the real model, the emulator.

Every test drives gateway events (slash commands, messages, button clicks) and checks
what the bot sent back over REST.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.brain import Brain
from index.embedding import MiniLMEmbedder
from tests.discord_bot_support import bot_running, custom_ids, embed_of, field_names, make_brain, make_world, seed
from tests.discord_bot_support import brain, seeded_library  # noqa: F401  (fixtures)
from tests.discord_emulator import CallbackType, DiscordEmulator
from tests.discord_emulator.fixtures import discord_emulator  # noqa: F401

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.timeout(60)]
BOTH_ENGINES = True

LIGHTHOUSE_URL = "https://news.example.org/2026/05/skerry-point-lighthouse"


async def test_slash_commands_are_synced_globally(discord_emulator: DiscordEmulator, brain: Brain) -> None:
    emu = discord_emulator
    make_world(emu)
    async with bot_running(emu, brain):
        names = {c["name"] for c in emu.commands[None]}
        assert names == {"ask", "search", "articles", "article", "stats", "add", "remove", "help",
                         "subscribe", "feeds", "unsubscribe", "digest"}
        add = next(c for c in emu.commands[None] if c["name"] == "add")
        assert [(o["name"], o["type"], o.get("required", False)) for o in add["options"]] == [
            ("url", 3, False), ("file", 11, False), ("text", 3, False), ("title", 3, False)]


async def test_slash_commands_are_synced_to_the_test_guild(discord_emulator: DiscordEmulator, tmp_path: Path,
                                                           embedder: MiniLMEmbedder) -> None:
    emu = discord_emulator
    world = make_world(emu)
    guild_brain = make_brain(tmp_path / "data", embedder, test_guild_id=world.guild.id)
    try:
        async with bot_running(emu, guild_brain):
            assert "ask" in {c["name"] for c in emu.commands[world.guild.id]}
            assert not emu.commands.get(None)
            assert emu.requests_to("PUT", f"/applications/{emu.application_id}/guilds/{world.guild.id}/commands")
    finally:
        guild_brain.close()


async def test_ask_defers_then_answers_with_citations_and_feedback_buttons(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    async with bot_running(emu, brain):
        question = "How many steps does the lighthouse staircase have?"
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": question})
        callback = await record.wait_response()
        assert callback.type == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
        (answer,) = await record.wait_followups(1, timeout=20)
        embed = embed_of(answer)
        assert embed["title"] == question
        assert "97 cast-iron steps" in embed["description"] and "[1]" in embed["description"]
        assert field_names(answer)[0].startswith(
            "[1] Volunteers restore Skerry Point lighthouse · news.example.org · 19 May 2026 (")
        assert field_names(answer)[0].endswith(" ago)")  # how old the cited article is
        source = embed["fields"][0]["value"]
        assert f"<{LIGHTHOUSE_URL}>" in source and "\n> " in source and "article #" in source
        assert custom_ids(answer) == ["feedback:up", "feedback:down"]
        assert answer.allowed_mentions is not None and answer.allowed_mentions["parse"] == []
        assert not answer.ephemeral


async def test_ask_abstains_and_shows_the_nearest_sources(discord_emulator: DiscordEmulator, brain: Brain,
                                                          seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    async with bot_running(emu, brain):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                        {"question": "What is the capital of Peru?"})
        (answer,) = await record.wait_followups(1, timeout=20)
        embed = embed_of(answer)
        assert "do not answer" in embed["description"] and "[1]" not in embed["description"]
        names = field_names(answer)
        assert names and not any(name.startswith("[") for name in names)
        titles = {"Harbour city opens its first tram line in forty years",
                  "Teenager wins the Northfield open chess tournament",
                  "Volunteers restore Skerry Point lighthouse",
                  "Bakers in Lindenfeld form a cooperative to buy flour together"}
        assert set(names) <= titles
        assert all("\n> " in f["value"] for f in embed["fields"])


async def test_mention_answers_in_a_new_thread_and_a_follow_up_there_continues(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    async with bot_running(emu, brain) as bot:
        asked = await emu.post_message(world.channel, world.alice, "How much did the tram line cost?",
                                       mentions=[emu.bot_user])
        reply = await emu.wait_for_message(after=asked, timeout=20)
        thread = reply.channel
        assert thread.is_thread and thread.parent is world.channel and thread.id == asked.id
        assert thread.name == "How much did the tram line cost?"
        assert "412 million euros" in embed_of(reply)["description"]
        assert custom_ids(reply) == ["feedback:up", "feedback:down"]

        follow = await emu.post_message(thread, world.alice, "And how many stops does it have?",
                                        mentions=[emu.bot_user])
        second = await emu.wait_for_message(thread, after=follow, timeout=20)
        assert "19 stops" in embed_of(second)["description"]
        chat = bot.conversations.get(thread.id)
        assert chat is not None
        assert [t.question for t in chat.conversation.turns] == [
            "How much did the tram line cost?", "And how many stops does it have?"]
        assert emu.sent_messages(world.channel) == []  # everything went to the thread

        bare = await emu.post_message(world.channel, world.alice, "", mentions=[emu.bot_user])
        hint = await emu.wait_for_message(world.channel, after=bare)
        assert hint.content.startswith("Ask me a question after the mention") and hint.reference is bare


async def test_replies_to_a_slash_answer_and_a_thread_from_it_continue_its_conversation(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    async with bot_running(emu, brain) as bot:
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                        {"question": "How much did the tram line cost?"})
        (answer,) = await record.wait_followups(1, timeout=20)

        # A reply pings the bot, so it sees the text without the message-content intent.
        follow = await emu.post_message(world.channel, world.alice, "And how many stops does it have?",
                                        reference=answer)
        reply = await emu.wait_for_message(world.channel, after=follow, timeout=20)
        assert reply.reference is follow and reply.message_reference is not None
        assert "19 stops" in embed_of(reply)["description"]
        assert reply.allowed_mentions is not None and not reply.allowed_mentions.get("replied_user")
        assert reply.mentions == []  # the reply does not ping the asker

        thread = emu.add_thread(world.channel, "More about the tram", world.alice, message=answer)
        await emu.wait_for(lambda: bot.get_channel(thread.id), 5, description="THREAD_CREATE")
        again = await emu.post_message(thread, world.alice, "What about the second line?", mentions=[emu.bot_user])
        third = await emu.wait_for_message(thread, after=again, timeout=20)
        assert "airport" in embed_of(third)["description"]

        in_thread = await emu.invoke_slash(world.guild, thread, world.alice, "ask",
                                           {"question": "How many passengers a day are expected?"})
        assert "38,000 passengers" in (await in_thread.wait_followups(1, timeout=20))[0].embed_text

        chat = bot.conversations.get(answer.id)
        assert chat is not None and chat is bot.conversations.get(reply.id) is bot.conversations.get(thread.id)
        assert [t.question for t in chat.conversation.turns] == [
            "How much did the tram line cost?", "And how many stops does it have?", "What about the second line?",
            "How many passengers a day are expected?"]


async def test_with_the_content_intent_plain_messages_in_the_bots_thread_continue(
        discord_emulator: DiscordEmulator, tmp_path: Path, embedder: MiniLMEmbedder, seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    content_brain = make_brain(tmp_path / "data", embedder, message_content_intent=True)
    seed(content_brain, world.guild, seeded_library)
    try:
        async with bot_running(emu, content_brain):
            assert emu.intents is not None and emu.intents & (1 << 15)  # MESSAGE_CONTENT was asked for
            chatter = await emu.post_message(world.channel, world.alice, "Who won the chess tournament?")
            asked = await emu.post_message(world.channel, world.alice, "Who won the Northfield Open chess tournament?",
                                           mentions=[emu.bot_user])
            first = await emu.wait_for_message(after=asked, timeout=20)
            thread = first.channel
            assert thread.is_thread and "Amara Lindqvist" in embed_of(first)["description"]

            plain = await emu.post_message(thread, world.alice, "Who did she beat in the final round?")
            second = await emu.wait_for_message(thread, after=plain, timeout=20)
            assert "Eric Dalby" in embed_of(second)["description"]
            # A plain message in the channel itself is not for the bot, even with the intent.
            assert chatter.id < asked.id and emu.sent_messages(world.channel) == []
    finally:
        content_brain.close()


async def test_without_the_content_intent_plain_thread_messages_are_left_alone(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    async with bot_running(emu, brain) as bot:
        asked = await emu.post_message(world.channel, world.alice, "Who won the Northfield Open chess tournament?",
                                       mentions=[emu.bot_user])
        first = await emu.wait_for_message(after=asked, timeout=20)
        thread = first.channel
        await emu.post_message(thread, world.alice, "Who was the runner-up?")  # blank to the bot
        mention = await emu.post_message(thread, world.alice, "Who did she beat in the final round?",
                                         mentions=[emu.bot_user])
        answer = await emu.wait_for_message(thread, after=mention, timeout=20)
        assert "Eric Dalby" in embed_of(answer)["description"]
        chat = bot.conversations.get(thread.id)
        assert chat is not None and [t.question for t in chat.conversation.turns] == [
            "Who won the Northfield Open chess tournament?", "Who did she beat in the final round?"]
        assert [m.id for m in emu.sent_messages(thread)] == [first.id, answer.id]


async def test_direct_messages_read_no_library(discord_emulator: DiscordEmulator, brain: Brain,
                                               seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    async with bot_running(emu, brain):
        dm = emu.dm_channel(world.alice)
        said = await emu.post_message(dm, world.alice, "How much did the tram line cost?")
        reply = await emu.wait_for_message(dm, after=said)
        assert "direct messages" in reply.content and not reply.embeds
        mention = await emu.post_message(dm, world.alice, "tram?", mentions=[emu.bot_user])
        assert "direct messages" in (await emu.wait_for_message(dm, after=mention)).content

        for name, options in (("ask", {"question": "How much did the tram line cost?"}),
                              ("search", {"query": "tram"}), ("articles", {})):
            record = await emu.invoke_slash(None, None, world.alice, name, options)
            refusal = await record.wait_original()
            assert record.response_type == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE
            assert "direct messages" in refusal.content and "412" not in refusal.content
        helped = await emu.invoke_slash(None, None, world.alice, "help")
        guide = await helped.wait_original()
        assert "/ask" in guide.embed_text and "direct messages" in guide.embed_text


async def test_each_server_sees_only_its_own_articles(discord_emulator: DiscordEmulator, brain: Brain,
                                                      seeded_library: Path) -> None:
    emu = discord_emulator
    lab, other = make_world(emu, "Lab"), make_world(emu, "Other")
    seed(brain, lab.guild, seeded_library)
    async with bot_running(emu, brain):
        searched = await emu.invoke_slash(other.guild, other.channel, other.alice, "search", {"query": "tram"})
        (nothing,) = await searched.wait_followups(1, timeout=20)
        assert "No article" in nothing.embed_text
        asked = await emu.invoke_slash(other.guild, other.channel, other.alice, "ask",
                                       {"question": "How much did the tram line cost?"})
        (abstained,) = await asked.wait_followups(1, timeout=20)
        assert "do not answer" in abstained.embed_text and "412" not in abstained.embed_text
        assert "no articles yet" in abstained.embed_text

        added = await emu.invoke_slash(other.guild, other.channel, other.admin, "add", {
            "text": "The Zephyr canal reopened after the lock gates were rebuilt by volunteers.",
            "title": "Zephyr canal"})
        (receipt,) = await added.wait_followups(1, timeout=20)
        assert receipt.content.startswith("Added **Zephyr canal** as article #1")

        in_lab = await emu.invoke_slash(lab.guild, lab.channel, lab.alice, "search", {"query": "Zephyr"})
        assert "No article" in (await in_lab.wait_followups(1, timeout=20))[0].embed_text
        in_other = await emu.invoke_slash(other.guild, other.channel, other.alice, "search", {"query": "Zephyr"})
        assert "**Zephyr**" in (await in_other.wait_followups(1, timeout=20))[0].embed_text
        listed = await emu.invoke_slash(lab.guild, lab.channel, lab.alice, "articles")
        lab_list = (await listed.wait_followups(1, timeout=20))[0].embed_text
        assert "4 articles" in lab_list and "Zephyr" not in lab_list


async def test_feedback_buttons_record_verdicts_that_export_writes(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path, tmp_path: Path) -> None:
    import json

    from bot.feedback_export import export_feedback

    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    async with bot_running(emu, brain, max_rated_answers=1):
        question = "How many steps does the lighthouse staircase have?"
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": question})
        (answer,) = await record.wait_followups(1, timeout=20)
        assert custom_ids(answer) == ["feedback:up", "feedback:down"]

        up = await emu.click_button(answer, world.alice, "feedback:up")
        thanks = await up.wait_original()
        assert thanks.ephemeral and "recorded" in thanks.content
        out = tmp_path / "feedback.jsonl"
        assert export_feedback(brain.kb, out) == 1
        (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert row["question"] == question and row["helpful"] is True and row["user"] == str(world.alice.id)
        assert row["collection"] == f"guild-{world.guild.id}"
        assert row["answer"] == embed_of(answer)["description"].replace("\\", "")
        assert row["citations"][0]["n"] == 1 and row["citations"][0]["url"] == LIGHTHOUSE_URL

        again = await emu.click_button(answer, world.alice, "feedback:down")
        assert "already rated" in (await again.wait_original()).content
        down = await emu.click_button(answer, world.admin, "feedback:down")
        assert (await down.wait_original()).ephemeral
        assert export_feedback(brain.kb, out) == 2
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [(r["helpful"], r["user"]) for r in rows] == [(True, str(world.alice.id)),
                                                             (False, str(world.admin.id))]

        # Only the latest answers are remembered (here: one); older buttons say so.
        newer = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                       {"question": "How much did the tram line cost?"})
        await newer.wait_followups(1, timeout=20)
        stale = await emu.click_button(answer, world.alice, "feedback:up")
        assert "no longer remember" in (await stale.wait_original()).content
        assert export_feedback(brain.kb, out) == 2


async def test_quoted_mentions_never_ping(discord_emulator: DiscordEmulator, brain: Brain) -> None:
    from index.sources import from_text

    emu = discord_emulator
    world = make_world(emu)
    brain.kb.collection(f"guild-{world.guild.id}").add(from_text(
        "Harbour festival fireworks\n\nThe organisers told @everyone that the harbour fireworks start at nine "
        "o'clock on Saturday. Questions about the fireworks permit go to <@123> at the town hall.", None))
    async with bot_running(emu, brain):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                        {"question": "When do the harbour fireworks start?"})
        (answer,) = await record.wait_followups(1, timeout=20)
        asked = await emu.post_message(world.channel, world.alice, "Who handles the fireworks permit? @everyone",
                                       mentions=[emu.bot_user])
        reply = await emu.wait_for_message(after=asked, timeout=20)
        for message in (answer, reply):
            assert "@everyone" in message.embed_text or "<@123>" in message.embed_text
            assert message.allowed_mentions is not None
            assert message.allowed_mentions["parse"] == [] and not message.allowed_mentions.get("users")
            assert message.mentions == [] and not message.mention_everyone
        assert "nine" in answer.embed_text and "<@123>" in reply.embed_text
