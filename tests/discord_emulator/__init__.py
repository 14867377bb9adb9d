"""A Discord API v10 emulator (REST, gateway, interactions) for end-to-end tests of the bot.

The real discord.py client connects to it on 127.0.0.1; see :mod:`.server` for the API and
:mod:`.fixtures` for the pytest fixture and ``running_client``.
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
