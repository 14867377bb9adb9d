"""A Discord API v10 emulator (REST, gateway, interactions) for end-to-end tests of the bot.

The real discord.py client connects to it on 127.0.0.1. In short::

    from tests.discord_emulator import DiscordEmulator, Permission
    from tests.discord_emulator.fixtures import discord_emulator, running_client  # noqa: F401

    async def test_ask(discord_emulator: DiscordEmulator) -> None:      # fixture: started, stopped
        emu = discord_emulator
        guild = emu.add_guild("Lab")                                    # bot is a member already
        channel = guild.add_channel("general")
        alice = emu.add_user("alice"); guild.add_member(alice)
        admin = emu.add_user("admin"); guild.add_member(admin, permissions=Permission.MANAGE_GUILD)
        async with running_client(emu, make_bot()) as bot:              # login, READY, on_ready
            record = await emu.invoke_slash(guild, channel, alice, "ask", {"question": "Why?"},
                                            attachments={"file": ("a.pdf", pdf_bytes)})
            await record.wait_response()                                # callback (type 5 = defer)
            (answer,) = await record.wait_followups(1)                  # or record.wait_original()
            click = await emu.click_button(answer, alice, "sources")    # component, type 3
            said = await emu.post_message(channel, alice, "hi", mentions=[emu.bot_user])
            reply = await emu.wait_for_message(after=said)              # may be in a new thread
            assert reply.content and emu.sent_messages(channel)

Reading what the bot did: ``emu.sent_messages(channel)`` (:class:`Message`: content, embeds,
components, attachments, flags, allowed_mentions, message_reference, edits, reactions),
``InteractionRecord`` (callbacks, original, followups, edits, modal, choices), ``emu.requests``
(method, path, json, status), ``emu.typing``, ``emu.commands`` (what ``tree.sync()`` stored),
``emu.identifies`` / ``emu.intents``. Error injection: ``emu.rate_limit_next(method, prefix)``;
Discord's limits answer 400 with Discord's error JSON; ``emu.interaction_ack_timeout`` (3 s).
Pytest marks: tests using the fixture need ``pytest.mark.asyncio(loop_scope="session")``,
the fixtures' loop scope in pyproject.
"""

from .flags import (ALL_PERMISSIONS, DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, PRIVILEGED_INTENTS,
                    CallbackType, ChannelType, ComponentType, Intent, InteractionType, MessageFlag, OptionType,
                    Permission)
from .guild import Guild
from .interactions import CommandUnavailable, InteractionCallback, InteractionRecord, MessageEdit
from .limits import ApiError
from .messages import Attachment, Message
from .models import Channel, Member, Role, User
from .rest import RateLimitRule
from .server import DiscordEmulator
from .state import RequestRecord

__all__ = [
    "ALL_PERMISSIONS", "DEFAULT_BOT_PERMISSIONS", "DEFAULT_EVERYONE_PERMISSIONS", "PRIVILEGED_INTENTS",
    "ApiError", "Attachment", "CallbackType", "Channel", "ChannelType", "CommandUnavailable", "ComponentType",
    "DiscordEmulator", "Guild", "Intent", "InteractionCallback", "InteractionRecord", "InteractionType", "Member",
    "Message", "MessageEdit", "MessageFlag", "OptionType", "Permission", "RateLimitRule", "RequestRecord", "Role",
    "User",
]
