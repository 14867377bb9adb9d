"""The emulator's world: entities, messages, commands, logs, and the rules shared by REST,
gateway and the driving API (message creation, content redaction, waiting)."""

from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, TypeVar
from urllib.parse import quote

from .flags import (DEFAULT_EVERYONE_PERMISSIONS, ChannelType, InteractionType, Intent, MessageFlag,
                    Permission)
from .gateway import Gateway, GatewaySession
from .guild import Guild
from .interactions import InteractionRecord
from .limits import ApiError, check_message_payload, check_not_empty, invalid_form_body
from .messages import Attachment, Message, parse_mentions
from .models import Channel, Json, SnowflakeFactory, User, iso_now

T = TypeVar("T")
Upload = tuple[str, bytes, "str | None"]


@dataclass
class RequestRecord:
    """One HTTP request the bot made (``path`` is relative to ``/api/v10``)."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[str] = field(default_factory=list)
    status: int = 0


class EmulatorState:
    """Everything the emulator knows; :class:`DiscordEmulator` adds the server and test API."""

    def __init__(self, *, token: str, bot_name: str, heartbeat_interval_ms: int, interaction_ack_timeout: float,
                 allowed_privileged_intents: int, gateway_compression: bool, upload_limit: int) -> None:
        self.token = token
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.interaction_ack_timeout = interaction_ack_timeout
        self.allowed_privileged_intents = allowed_privileged_intents
        self.gateway_compression = gateway_compression
        self.upload_limit = upload_limit
        self._ids = SnowflakeFactory()
        self.bot_user = User(self.next_id(), bot_name, bot=True)
        self.application_id = self.bot_user.id
        self.app_owner = User(self.next_id(), "app-owner")
        self.users: dict[int, User] = {u.id: u for u in (self.bot_user, self.app_owner)}
        self.guilds: list[Guild] = []
        self.dm_channels: dict[int, Channel] = {}
        self.messages: dict[int, Message] = {}
        self.attachments: dict[int, Attachment] = {}
        self.commands: dict[int | None, list[Json]] = {}
        self.interactions: dict[int, InteractionRecord] = {}
        self.requests: list[RequestRecord] = []
        self.errors: list[str] = []
        self.typing: list[tuple[Channel, float]] = []
        self.identifies: list[Json] = []
        # What GET /gateway/bot recommends; above 1, an IDENTIFY without a shard is refused (4011).
        self.shard_count = 1
        self.resumes = 0
        self.base_url = ""
        self.gateway = Gateway(self)
        self._waiters: list[asyncio.Future[None]] = []
        self.poll_interval = 0.01

    @property
    def gateway_url(self) -> str:
        """``ws://127.0.0.1:PORT/``: DEFAULT_GATEWAY and READY's ``resume_gateway_url``."""
        return self.base_url.replace("http://", "ws://", 1) + "/"

    # -- ids, lookups, permissions ---------------------------------------------------------

    def next_id(self) -> int:
        """Mint a snowflake."""
        return self._ids()

    def loop_time(self) -> float:
        """The running loop's clock."""
        return asyncio.get_running_loop().time()

    def guild(self, guild_id: int) -> Guild:
        """The guild with ``guild_id``; raises ApiError 404 (Unknown Guild)."""
        for guild in self.guilds:
            if guild.id == guild_id:
                return guild
        raise ApiError(404, 10004, "Unknown Guild")

    def channel(self, channel_id: int) -> Channel:
        """Any guild channel, thread or DM channel; raises ApiError 404 (Unknown Channel)."""
        for guild in self.guilds:
            if channel_id in guild.channels:
                return guild.channels[channel_id]
        for dm in self.dm_channels.values():
            if dm.id == channel_id:
                return dm
        raise ApiError(404, 10003, "Unknown Channel")

    def message(self, channel: Channel, message_id: int) -> Message:
        """A visible message of ``channel``; raises ApiError 404 (Unknown Message)."""
        msg = self.messages.get(message_id)
        if msg is None or msg.channel is not channel or msg.deleted or msg.ephemeral:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    def dm_channel(self, user: User) -> Channel:
        """The DM channel between the bot and ``user`` (created on first use)."""
        if user.id not in self.dm_channels:
            self.dm_channels[user.id] = Channel(self.next_id(), "", ChannelType.DM, recipient=user)
        return self.dm_channels[user.id]

    def permissions_in(self, channel: Channel, user: User) -> int:
        """``user``'s effective permissions in ``channel`` (0 when not a member)."""
        if channel.guild is None:
            return DEFAULT_EVERYONE_PERMISSIONS
        if user.id not in channel.guild.members:
            return 0
        return channel.guild.permissions_for(user, channel)

    def require(self, channel: Channel, *perms: int) -> None:
        """Raise Discord's 403 unless the bot has every permission in ``channel``."""
        have = self.permissions_in(channel, self.bot_user)
        if channel.guild is not None and not have & Permission.VIEW_CHANNEL:
            raise ApiError(403, 50001, "Missing Access")
        for perm in perms:
            if have & perm != perm:
                raise ApiError(403, 50013, "Missing Permissions")

    def make_attachment(self, filename: str, data: bytes, content_type: str | None = None) -> Attachment:
        """Store bytes and return an attachment served at ``GET /attachments/{id}/{filename}``."""
        att = Attachment(self.next_id(), filename, data, content_type)
        att.url = f"{self.base_url}/attachments/{att.id}/{quote(filename)}"
        self.attachments[att.id] = att
        return att

    # -- gateway helpers ---------------------------------------------------------------------

    def guild_event(self, guild: Guild, event: str, payload: Json, intent: int) -> None:
        """Dispatch a guild event, once the guild exists for the bot."""
        if guild in self.guilds:
            self.gateway.dispatch(event, payload, intent=intent)
            self._notify()

    def guild_create_payload(self, guild: Guild, session: GatewaySession) -> Json:
        """GUILD_CREATE for ``session`` (members need the GUILD_MEMBERS intent, as on Discord)."""
        return guild.payload(include_members=session.has(Intent.GUILD_MEMBERS), bot_id=self.bot_user.id)

    def sees_content(self, msg: Message, has_content_intent: bool) -> bool:
        """Discord's message-content rule: intent, DM, the bot's own message, or a mention."""
        return (has_content_intent or msg.channel.is_dm or msg.author.id == self.bot_user.id
                or any(u.id == self.bot_user.id for u in msg.mentions))

    def dispatch_message(self, event: str, msg: Message) -> None:
        """MESSAGE_CREATE/UPDATE to sessions with the message intents, content redacted per session."""
        if msg.ephemeral:
            return
        intent = Intent.DIRECT_MESSAGES if msg.channel.is_dm else Intent.GUILD_MESSAGES
        self.gateway.dispatch(event, lambda s: msg.payload(
            redact=not self.sees_content(msg, s.has(Intent.MESSAGE_CONTENT))), intent=intent)
        self._notify()

    # -- messages ----------------------------------------------------------------------------

    def create_message(self, channel: Channel, author: User, data: Json, uploads: Iterable[Upload] = (), *,
                       extra_flags: int = 0, interaction: InteractionRecord | None = None,
                       allow_empty: bool = False) -> Message:
        """Validate ``data`` like Discord, store the message and dispatch MESSAGE_CREATE."""
        msg = Message(self.next_id(), channel, author)
        msg.apply(data, list(uploads), self.make_attachment, extra_flags=extra_flags)
        self._validate(msg, allow_empty)
        self._resolve_reference(msg, data.get("message_reference"))
        self._resolve_mentions(msg, data.get("allowed_mentions"))
        if interaction is not None:
            msg.webhook_id = msg.application_id = self.application_id
            msg.interaction_metadata = interaction.metadata()
            msg.type = 20 if interaction.type == InteractionType.APPLICATION_COMMAND else 0
        channel.messages.append(msg)
        self.messages[msg.id] = msg
        self.dispatch_message("MESSAGE_CREATE", msg)
        return msg

    def edit_message(self, msg: Message, data: Json, uploads: Iterable[Upload] = (), *, extra_flags: int = 0) -> None:
        """Apply an edit atomically (a rejected edit leaves the message untouched)."""
        trial = copy.copy(msg)
        trial.apply(data, list(uploads), self.make_attachment, extra_flags=extra_flags)
        trial.flags &= ~MessageFlag.LOADING
        self._validate(trial, allow_empty=False)
        if "allowed_mentions" in data or "content" in data:
            self._resolve_mentions(trial, trial.allowed_mentions)
        trial.edited_timestamp = iso_now()
        trial.edits = msg.edits + [data]
        msg.__dict__.update(trial.__dict__)
        self.dispatch_message("MESSAGE_UPDATE", msg)

    def delete_message(self, msg: Message) -> None:
        """Mark deleted and dispatch MESSAGE_DELETE."""
        msg.deleted = True
        if not msg.ephemeral:
            data: Json = {"id": str(msg.id), "channel_id": str(msg.channel.id)}
            if msg.channel.guild is not None:
                data["guild_id"] = str(msg.channel.guild.id)
            intent = Intent.DIRECT_MESSAGES if msg.channel.is_dm else Intent.GUILD_MESSAGES
            self.gateway.dispatch("MESSAGE_DELETE", data, intent=intent)
        self._notify()

    @staticmethod
    def _validate(msg: Message, allow_empty: bool) -> None:
        check_message_payload({"content": msg.content, "embeds": msg.embeds, "components": msg.components,
                               "flags": msg.flags})
        if not allow_empty:
            check_not_empty(msg.content, msg.embeds, msg.components, len(msg.attachments))

    def _resolve_reference(self, msg: Message, ref: Json | None) -> None:
        if not ref or ref.get("message_id") is None:
            return
        target = self.messages.get(int(ref["message_id"]))
        if target is None or target.deleted:
            if ref.get("fail_if_not_exists", True):
                raise invalid_form_body([(("message_reference",), "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                                          "Unknown message")])
            return
        msg.reference, msg.type = target, 19
        msg.message_reference = {"type": 0, "message_id": str(target.id), "channel_id": str(target.channel.id),
                                 **({"guild_id": str(target.channel.guild.id)} if target.channel.guild else {})}

    def _resolve_mentions(self, msg: Message, allowed: Json | None) -> None:
        user_ids, role_ids, everyone = parse_mentions(msg.content)
        if allowed is not None:
            parse = allowed.get("parse") or []
            if "users" not in parse:
                user_ids = [u for u in user_ids if str(u) in {str(x) for x in allowed.get("users") or []}]
            if "roles" not in parse:
                role_ids = [r for r in role_ids if str(r) in {str(x) for x in allowed.get("roles") or []}]
            everyone = everyone and "everyone" in parse
        users = [self.users[u] for u in user_ids if u in self.users]
        replied = msg.reference.author if msg.reference is not None else None
        if replied is not None and (allowed is None or allowed.get("replied_user", False)) and replied not in users:
            users.append(replied)
        msg.mentions, msg.mention_role_ids, msg.mention_everyone = users, role_ids, everyone

    # -- waiting -----------------------------------------------------------------------------

    def _notify(self) -> None:
        """Wake every ``wait_for``; called after anything observable changed."""
        waiters, self._waiters = self._waiters, []
        for fut in waiters:
            if not fut.done():
                fut.set_result(None)

    async def wait_for(self, check: Callable[[], T | None], timeout: float = 5.0, *,
                       description: str = "condition") -> T:
        """Re-evaluate ``check()`` after every change until it returns a truthy value, and return it.

        On timeout raises ``asyncio.TimeoutError`` naming ``description`` and listing the last
        requests the bot made, which usually shows what went wrong.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = check()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = "\n".join(f"  {r.method} {r.path} -> {r.status} {str(r.json)[:160]}"
                                   for r in self.requests[-8:])
                raise asyncio.TimeoutError(f"timed out after {timeout}s waiting for {description}; "
                                           f"last requests:\n{recent or '  (none)'}\nerrors: {self.errors}")
            fut: asyncio.Future[None] = loop.create_future()
            self._waiters.append(fut)
            # Also poll: predicates may watch client-side state the emulator is never told about.
            try:
                await asyncio.wait_for(fut, min(remaining, self.poll_interval))
            except asyncio.TimeoutError:
                pass
