"""End-to-end tests of the Discord emulator with a real discord.py ``commands.Bot``."""

from __future__ import annotations

import asyncio
import io
from typing import Any, Optional

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.discord_emulator import (CallbackType, Channel, ChannelType, CommandUnavailable, DiscordEmulator, Guild,
                                    Intent, MessageFlag, Permission, User)
from tests.discord_emulator.fixtures import discord_emulator, running_client  # noqa: F401

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.timeout(60)]


class VoteView(discord.ui.View):
    """Three buttons: update the message (7), defer then edit (6), reply ephemerally (4)."""

    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Yes", custom_id="vote:yes", style=discord.ButtonStyle.success)
    async def yes(self, interaction: discord.Interaction, button: discord.ui.Button[VoteView]) -> None:
        button.disabled = True
        await interaction.response.edit_message(content="Voted yes", view=self)

    @discord.ui.button(label="Later", custom_id="vote:later")
    async def later(self, interaction: discord.Interaction, button: discord.ui.Button[VoteView]) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content="Reminder set")

    @discord.ui.button(label="Why?", custom_id="vote:why")
    async def why(self, interaction: discord.Interaction, button: discord.ui.Button[VoteView]) -> None:
        await interaction.response.send_message("Because.", ephemeral=True)

    @discord.ui.select(custom_id="vote:pick", options=[discord.SelectOption(label=x) for x in ("a", "b")])
    async def pick(self, interaction: discord.Interaction, select: discord.ui.Select[VoteView]) -> None:
        await interaction.response.send_message(f"picked {select.values}")


class Feedback(discord.ui.Modal, title="Feedback"):
    """A one-field modal."""

    text: discord.ui.TextInput[Feedback] = discord.ui.TextInput(label="Text", custom_id="feedback:text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}", ephemeral=True)


class EchoBot(commands.Bot):
    """A minimal bot exercising the emulator: slash commands, views, modals, on_message, threads."""

    def __init__(self, intents: discord.Intents, guild_id: int | None = None) -> None:
        super().__init__(command_prefix="!", intents=intents)
        self.seen: list[discord.Message] = []
        self.errors: list[discord.NotFound] = []
        self.sync_guild = guild_id
        self._add_commands()

    def _add_commands(self) -> None:
        tree = self.tree

        @tree.command(description="Defer, then follow up")
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send("pong")

        @tree.command(description="Ephemeral deferral")
        async def secret(interaction: discord.Interaction) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await interaction.followup.send("shh", ephemeral=True)
            await interaction.followup.send("second")

        @tree.command(description="Ask a question")
        @app_commands.describe(question="What to ask", top_k="How many", file="A document")
        async def ask(interaction: discord.Interaction, question: str, top_k: int = 3,
                      file: Optional[discord.Attachment] = None) -> None:
            data = (await file.read()).decode() if file else "-"
            where = "dm" if interaction.guild is None else interaction.guild.name
            await interaction.response.send_message(f"q={question} k={top_k} file={data} where={where}")

        @tree.command(description="Vote with buttons")
        async def vote(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Vote now", view=VoteView())

        @tree.command(description="Admins only")
        @app_commands.default_permissions(manage_guild=True)
        async def admin(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(f"admin ok {interaction.permissions.manage_guild}")

        @tree.command(description="Open a modal")
        async def feedback(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(Feedback())

        library = app_commands.Group(name="library", description="Manage the library")

        @library.command(name="add", description="Add a URL")
        async def library_add(interaction: discord.Interaction, url: str) -> None:
            receipt = discord.File(io.BytesIO(b"receipt"), "receipt.txt")
            await interaction.response.send_message(f"added {url}", file=receipt)

        tree.add_command(library)

        @tree.command(description="Pick a topic")
        async def topic(interaction: discord.Interaction, name: str) -> None:
            await interaction.response.send_message(f"topic {name}")

        @topic.autocomplete("name")
        async def topic_complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
            topics = ("rag", "ranking", "retrieval")
            return [app_commands.Choice(name=t, value=t) for t in topics if t.startswith(current)]

        @tree.command(description="Too slow to acknowledge")
        async def slow(interaction: discord.Interaction) -> None:
            await asyncio.sleep(0.3)
            try:
                await interaction.response.send_message("late")
            except discord.NotFound as exc:
                self.errors.append(exc)

    async def setup_hook(self) -> None:
        if self.sync_guild is not None:
            self.tree.copy_global_to(guild=discord.Object(self.sync_guild))
            await self.tree.sync(guild=discord.Object(self.sync_guild))
        await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.seen.append(message)
        if isinstance(message.channel, discord.DMChannel):
            await message.channel.send("I read no server's library in DMs.")
        elif self.user in message.mentions and isinstance(message.channel, discord.TextChannel):
            async with message.channel.typing():
                thread = await message.create_thread(name="Answer")
            await thread.send(f"answering: {message.content}")
            await message.add_reaction("\N{WHITE HEAVY CHECK MARK}")
        elif isinstance(message.channel, discord.Thread):
            await message.reply("in thread", mention_author=False)


def world(emu: DiscordEmulator) -> tuple[Guild, Channel, User]:
    """A guild "Lab" with #general and a member alice."""
    guild = emu.add_guild("Lab")
    channel = guild.add_channel("general")
    alice = emu.add_user("alice")
    guild.add_member(alice)
    return guild, channel, alice


def text_channel(bot: discord.Client, channel: Channel) -> discord.TextChannel:
    """The bot's view of an emulated text channel."""
    found = bot.get_channel(channel.id)
    assert isinstance(found, discord.TextChannel)
    return found


def intents(content: bool = False) -> discord.Intents:
    """Default intents plus members; message content only when asked."""
    value = discord.Intents.default()
    value.message_content = content
    value.members = True
    return value


async def test_login_ready_guild_create_and_heartbeat(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents())) as bot:
        assert bot.user is not None and bot.user.id == emu.bot_user.id
        assert bot.application_id == emu.application_id
        dguild = bot.get_guild(guild.id)
        assert dguild is not None and dguild.name == "Lab"
        assert text_channel(bot, channel).name == "general"
        assert {m.id for m in dguild.members} == {emu.bot_user.id, guild.owner.id, alice.id}
        assert dguild.me.guild_permissions.create_public_threads
        assert emu.intents == bot.intents.value
        assert [r.path for r in emu.requests[:2]] == ["/users/@me", "/oauth2/applications/@me"]
        await emu.wait_for(lambda: bot.latency != float("inf"), 5, description="heartbeat ACK")
        assert emu.gateway.heartbeats >= 1
        new = guild.add_channel("later")
        await emu.wait_for(lambda: dguild.get_channel(new.id), 5, description="CHANNEL_CREATE")


async def test_sync_global_and_guild_commands(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents(), guild_id=guild.id)):
        names = {c["name"] for c in emu.commands[None]}
        assert {"ping", "ask", "vote", "admin"} <= names
        assert {c["name"] for c in emu.commands[guild.id]} == names
        ask = next(c for c in emu.commands[None] if c["name"] == "ask")
        assert [(o["name"], o["type"], o.get("required", False)) for o in ask["options"]] == [
            ("question", 3, True), ("top_k", 4, False), ("file", 11, False)]
        assert emu.requests_to("PUT", f"/applications/{emu.application_id}/guilds/{guild.id}/commands")


async def test_slash_defer_then_followup(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents())):
        record = await emu.invoke_slash(guild, channel, alice, "ping")
        callback = await record.wait_response()
        assert callback.type == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
        (reply,) = await record.wait_followups(1)
        assert reply.content == "pong" and reply is record.original and not reply.loading
        assert emu.sent_messages(channel) == [reply]

        record = await emu.invoke_slash(guild, channel, alice, "secret")
        first, second = await record.wait_followups(2)
        assert first.content == "shh" and first.ephemeral and first is record.original
        assert second.content == "second" and not second.ephemeral


async def test_slash_options_are_typed_and_attachments_served(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents())):
        record = await emu.invoke_slash(guild, channel, alice, "ask", {"question": "why?", "top_k": 5},
                                        attachments={"file": ("notes.txt", b"hello file", "text/plain")})
        reply = await record.wait_original()
        assert reply.content == "q=why? k=5 file=hello file where=Lab"
        assert record.response_type == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE
        options = record.payload["data"]["options"]
        assert [(o["name"], o["type"]) for o in options] == [("question", 3), ("top_k", 4), ("file", 11)]
        assert record.payload["member"]["permissions"] and record.payload["app_permissions"]

        with pytest.raises(ValueError, match="missing required option"):
            await emu.invoke_slash(guild, channel, alice, "ask", {})
        with pytest.raises(ValueError, match="INTEGER"):
            await emu.invoke_slash(guild, channel, alice, "ask", {"question": "q", "top_k": "five"})
        with pytest.raises(CommandUnavailable):
            await emu.invoke_slash(guild, channel, alice, "nope")


async def test_subcommand_with_file_and_autocomplete(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents())):
        record = await emu.invoke_slash(guild, channel, alice, "library add", {"url": "https://example.org/a"})
        reply = await record.wait_original()
        assert reply.content == "added https://example.org/a"
        assert [(a.filename, a.data) for a in reply.attachments] == [("receipt.txt", b"receipt")]
        assert record.payload["data"]["options"][0]["name"] == "add"

        completion = await emu.autocomplete(guild, channel, alice, "topic", {"name": "ra"}, focused="name")
        assert (await completion.wait_response()).type == CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        assert [c["value"] for c in completion.choices or []] == ["rag", "ranking"]


async def test_button_clicks_round_trip(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents())):
        record = await emu.invoke_slash(guild, channel, alice, "vote")
        message = await record.wait_original()
        assert [c["custom_id"] for c in message.walk_components() if "custom_id" in c] == [
            "vote:yes", "vote:later", "vote:why", "vote:pick"]

        why = await emu.click_button(message, alice, "vote:why")
        assert (await why.wait_response()).type == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE
        assert why.original is not None and why.original.content == "Because." and why.original.ephemeral

        later = await emu.click_button(message, alice, "vote:later")
        assert (await later.wait_response()).type == CallbackType.DEFERRED_UPDATE_MESSAGE
        (edit,) = await later.wait_edits(1)
        assert edit.message is message and message.content == "Reminder set"

        picked = await emu.select(message, alice, "vote:pick", ["b"])
        assert (await picked.wait_original()).content == "picked ['b']"

        yes = await emu.click_button(message, alice, "vote:yes")
        assert (await yes.wait_response()).type == CallbackType.UPDATE_MESSAGE
        assert message.content == "Voted yes" and message.component("vote:yes")["disabled"] is True
        with pytest.raises(ValueError, match="disabled"):
            await emu.click_button(message, alice, "vote:yes")


async def test_modal_submit(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents())):
        record = await emu.invoke_slash(guild, channel, alice, "feedback")
        assert (await record.wait_response()).type == CallbackType.MODAL
        submitted = await emu.submit_modal(record, {"feedback:text": "great"})
        reply = await submitted.wait_original()
        assert reply.content == "thanks: great" and reply.flags & MessageFlag.EPHEMERAL


async def test_message_content_intent_and_mention_thread_flow(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents(content=False))) as bot:
        assert emu.intents is not None and not emu.intents & Intent.MESSAGE_CONTENT
        plain = await emu.post_message(channel, alice, "just chatting")
        await emu.wait_for(lambda: len(bot.seen) == 1, 5, description="on_message")
        assert bot.seen[0].id == plain.id and bot.seen[0].content == ""

        asked = await emu.post_message(channel, alice, "what is RAG?", mentions=[emu.bot_user])
        in_thread = await emu.wait_for_message(after=asked)
        thread = in_thread.channel
        assert thread.is_thread and thread.parent is channel and thread.id == asked.id and thread.name == "Answer"
        assert in_thread.content == f"answering: <@{emu.bot_user.id}> what is RAG?"
        assert any(ch is channel for ch, _ in emu.typing)
        await emu.wait_for(lambda: asked.reactions, 5, description="reaction")
        assert bot.get_channel(thread.id) is not None

        follow = await emu.post_message(thread, alice, "and then?")
        reply = await emu.wait_for_message(thread, after=follow)
        assert reply.content == "in thread" and reply.reference is follow
        assert reply.message_reference is not None and reply.message_reference["message_id"] == str(follow.id)
        assert reply.allowed_mentions is not None and reply.allowed_mentions["replied_user"] is False
        assert reply.mentions == []


async def test_content_visible_with_intent(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents(content=True))) as bot:
        await emu.post_message(channel, alice, "just chatting")
        await emu.wait_for(lambda: bot.seen, 5, description="on_message")
        assert bot.seen[0].content == "just chatting"


async def test_dm_message_and_dm_slash_command(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents())) as bot:
        dm = emu.dm_channel(alice)
        sent = await emu.post_message(dm, alice, "hello bot")
        reply = await emu.wait_for_message(dm, after=sent)
        assert reply.content == "I read no server's library in DMs."
        assert bot.seen[-1].content == "hello bot"

        record = await emu.invoke_slash(None, None, alice, "ask", {"question": "dm?"})
        assert (await record.wait_original()).content == "q=dm? k=3 file=- where=dm"
        assert "guild_id" not in record.payload and record.payload["user"]["id"] == str(alice.id)


async def test_default_member_permissions_are_enforced(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    boss = emu.add_user("boss")
    guild.add_member(boss, permissions=Permission.MANAGE_GUILD)
    async with running_client(emu, EchoBot(intents())):
        with pytest.raises(CommandUnavailable, match="permissions"):
            await emu.invoke_slash(guild, channel, alice, "admin")
        record = await emu.invoke_slash(guild, channel, boss, "admin")
        assert (await record.wait_original()).content == "admin ok True"


async def test_rate_limited_route_is_retried(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents())) as bot:
        rule = emu.rate_limit_next("POST", f"/channels/{channel.id}/messages", retry_after=0.05)
        sent = await text_channel(bot, channel).send("after a 429")
        assert rule.hits == 1
        statuses = [r.status for r in emu.requests_to("POST", f"/channels/{channel.id}/messages")]
        assert statuses == [429, 200]
        assert emu.sent_messages(channel)[-1].id == sent.id


async def test_limits_answer_400_like_discord(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents())) as bot:
        dchannel = text_channel(bot, channel)
        cases: list[tuple[dict[str, Any], str]] = [
            ({"content": "x" * 2001}, "In content: Must be 2000 or fewer in length."),
            ({"embed": discord.Embed(description="d" * 4097)}, "In embeds.0.description: Must be 4096 or fewer"),
            ({"embeds": [discord.Embed(description="d" * 4000), discord.Embed(description="d" * 2001)]},
             "Embed size exceeds maximum size of 6000"),
            ({"content": ""}, "Cannot send an empty message"),
        ]
        for kwargs, text in cases:
            with pytest.raises(discord.HTTPException) as info:
                await dchannel.send(**kwargs)
            assert info.value.status == 400 and text in str(info.value), (kwargs, str(info.value))
        # discord.py itself refuses > 10 embeds and > 5 rows in a View, so send those raw.
        rows = [{"type": 1, "components": [{"type": 2, "style": 1, "label": "b", "custom_id": f"c{i}"}]}
                for i in range(6)]
        raw_cases: list[tuple[dict[str, Any], str]] = [
            ({"content": "rows", "components": rows}, "In components: Must be between 1 and 5 in length."),
            ({"embeds": [{"title": str(i)} for i in range(11)]}, "In embeds: Must be 10 or fewer in length."),
        ]
        for payload, text in raw_cases:
            with pytest.raises(discord.HTTPException) as info:
                await bot.http.send_message(channel.id, params=discord.http.MultipartParameters(
                    payload=payload, multipart=None, files=None))
            assert info.value.code == 50035 and text in info.value.text, info.value.text
        assert emu.sent_messages(channel) == []
        ok = await dchannel.send("x" * 2000)
        assert emu.sent_messages(channel)[0].id == ok.id


async def test_ack_deadline_and_thread_without_message(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    emu.interaction_ack_timeout = 0.1
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents())) as bot:
        record = await emu.invoke_slash(guild, channel, alice, "slow")
        await emu.wait_for(lambda: bot.errors, 5, description="late acknowledgement")
        assert bot.errors[0].code == 10062 and not record.acknowledged

        thread = await text_channel(bot, channel).create_thread(name="private notes")
        assert thread.type is discord.ChannelType.private_thread
        (emu_thread,) = channel.threads
        assert emu_thread.type == ChannelType.PRIVATE_THREAD and emu_thread.name == "private notes"
        await emu.wait_for(lambda: bot.get_channel(thread.id), 5, description="THREAD_CREATE")


async def test_reconnect_resumes_and_replays(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents(content=True))) as bot:
        await emu.request_reconnect()
        await emu.post_message(channel, alice, "sent while reconnecting")
        await emu.wait_for(lambda: emu.resumes == 1, 10, description="RESUME")
        await emu.wait_for(lambda: bot.seen, 5, description="replayed MESSAGE_CREATE")
        assert bot.seen[0].content == "sent while reconnecting"
        assert len(emu.identifies) == 1


async def test_invalid_session_makes_the_client_identify_again(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    async with running_client(emu, EchoBot(intents())):
        await emu.invalidate_session(resumable=False)
        await emu.wait_for(lambda: len(emu.identifies) == 2 and emu.gateway.live_sessions, 10,
                           description="a second IDENTIFY")
        record = await emu.invoke_slash(guild, channel, alice, "ping")
        assert (await record.wait_followups(1))[0].content == "pong"
        assert emu.resumes == 0 and len(emu.gateway.live_sessions) == 1


async def test_disallowed_privileged_intent_closes_4014() -> None:
    async with DiscordEmulator(allowed_privileged_intents=0) as emu:
        emu.add_guild("Lab")
        with pytest.raises(discord.PrivilegedIntentsRequired):
            async with running_client(emu, EchoBot(intents(content=True)), ready_timeout=5):
                pass


async def test_edit_delete_fetch_and_dm_refusal(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    guild, channel, alice = world(emu)
    stranger = emu.add_user("stranger")
    async with running_client(emu, EchoBot(intents())) as bot:
        dchannel = text_channel(bot, channel)
        sent = await dchannel.send("draft", embed=discord.Embed(title="T", description="D"),
                                   file=discord.File(io.BytesIO(b"abc"), "a.txt"))
        assert await sent.attachments[0].read() == b"abc"
        await sent.edit(content="final")
        (stored,) = emu.sent_messages(channel)
        assert stored.content == "final" and stored.embed_text == "T\nD" and stored.attachments[0].data == b"abc"
        assert [e["content"] for e in stored.edits] == ["final"] and stored.edited_timestamp
        fetched = await dchannel.fetch_message(sent.id)
        assert fetched.content == "final"
        await sent.delete()
        assert emu.sent_messages(channel) == [] and stored.deleted
        with pytest.raises(discord.NotFound):
            await dchannel.fetch_message(sent.id)
        user = await bot.fetch_user(stranger.id)
        with pytest.raises(discord.Forbidden):
            await user.send("hi")
        emu.upload_limit = 16
        with pytest.raises(discord.HTTPException) as info:
            await dchannel.send(file=discord.File(io.BytesIO(b"x" * 17), "big.bin"))
        assert info.value.status == 413


class ShardListener(discord.AutoShardedClient):
    """A sharded client that keeps the messages it receives with the shard they came on."""

    def __init__(self, **options: Any) -> None:
        super().__init__(intents=intents(content=True), **options)
        self.seen: list[tuple[int | None, str]] = []

    async def on_message(self, message: discord.Message) -> None:
        self.seen.append((message.guild.shard_id if message.guild else None, message.content))


async def test_shards_get_their_own_guilds_and_events(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    emu.shard_count = 2
    guilds = [emu.add_guild(f"Lab {i}", shard=(i, 2)) for i in (0, 1)]
    channels = [g.add_channel("general") for g in guilds]
    alice = emu.add_user("alice")
    for guild in guilds:
        guild.add_member(alice)
    assert [(g.id >> 22) % 2 for g in guilds] == [0, 1]
    first, second = ShardListener(shard_count=2, shard_ids=[0]), ShardListener(shard_count=2, shard_ids=[1])
    async with running_client(emu, first), running_client(emu, second):
        assert [g.id for g in first.guilds] == [guilds[0].id] and [g.id for g in second.guilds] == [guilds[1].id]
        assert sorted(tuple(i["shard"]) for i in emu.identifies) == [(0, 2), (1, 2)]
        for guild, channel in zip(guilds, channels):
            await emu.post_message(channel, alice, f"hello {guild.name}")
        await emu.wait_for(lambda: first.seen and second.seen, 5, description="one message per shard")
        await asyncio.sleep(0.1)
        assert first.seen == [(0, "hello Lab 0")] and second.seen == [(1, "hello Lab 1")]
    # Without shard ids the client asks GET /gateway/bot for the count and runs every shard.
    async with running_client(emu, ShardListener()) as both:
        assert both.shard_count == 2 and {g.id for g in both.guilds} == {g.id for g in guilds}


async def test_identify_with_a_bad_shard_or_none_when_sharding_is_required(
        discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    emu.add_guild("Lab")
    emu.shard_count = 2
    with pytest.raises(discord.ConnectionClosed) as closed:
        async with running_client(emu, discord.Client(intents=intents()), ready_timeout=5):
            pass
    assert closed.value.code == 4011
