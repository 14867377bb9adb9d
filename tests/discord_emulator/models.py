"""Emulated Discord entities (users, roles, members, channels) and their payloads.

Every entity keeps Python references to its neighbours and renders the JSON that
discord.py expects with ``payload()``. Ids are snowflakes minted by the emulator, so
``created_at`` in discord.py is sane and ids grow monotonically.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .flags import THREAD_TYPES, ChannelType

if TYPE_CHECKING:
    from .guild import Guild
    from .messages import Message

DISCORD_EPOCH_MS = 1420070400000
Json = dict[str, Any]


class SnowflakeFactory:
    """Mints strictly increasing snowflakes from the wall clock."""

    def __init__(self) -> None:
        self._counter = itertools.count()
        self._last = 0

    def __call__(self) -> int:
        """Return a new snowflake, larger than every previous one."""
        stamp = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        value = max(stamp | (next(self._counter) & 0xFFF), self._last + 1)
        self._last = value
        return value

    def on_shard(self, shard_id: int, shard_count: int) -> int:
        """A new snowflake whose guild would be served by ``shard_id`` of ``shard_count``
        (Discord's rule: ``(id >> 22) % shard_count``)."""
        stamp = self() >> 22
        stamp += (shard_id - stamp) % shard_count
        value = max(stamp << 22, self._last + 1)
        self._last = value
        return value


def iso_now() -> str:
    """The current UTC time as Discord formats it."""
    return dt.datetime.now(dt.timezone.utc).isoformat()


@dataclass(eq=False)
class User:
    """A Discord user (a person or the bot)."""

    id: int
    name: str
    bot: bool = False
    global_name: str | None = None
    accepts_dms: bool = True

    @property
    def mention(self) -> str:
        """``<@id>``, the text that mentions this user."""
        return f"<@{self.id}>"

    def payload(self) -> Json:
        """The user object."""
        return {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }


@dataclass(eq=False)
class Role:
    """A guild role. The @everyone role has the guild's id."""

    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 0
    managed: bool = False

    @property
    def mention(self) -> str:
        """``<@&id>``."""
        return f"<@&{self.id}>"

    def payload(self) -> Json:
        """The role object."""
        return {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(int(self.permissions)),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": self.managed,
            "mentionable": False,
            "flags": 0,
        }


@dataclass(eq=False)
class Member:
    """A user's membership of a guild."""

    user: User
    guild: Guild
    roles: list[Role] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=iso_now)

    @property
    def id(self) -> int:
        """The user's id."""
        return self.user.id

    @property
    def permissions(self) -> int:
        """Guild-level permissions (roles, ownership, ADMINISTRATOR)."""
        return self.guild.permissions_for(self)

    def payload(self, *, with_user: bool = True, permissions: int | None = None) -> Json:
        """The guild member object; ``permissions`` is added for interaction payloads."""
        data: Json = {
            "nick": self.nick,
            "avatar": None,
            "roles": [str(r.id) for r in self.roles],
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass(eq=False)
class Overwrite:
    """A channel permission overwrite for a role (type 0) or a member (type 1)."""

    id: int
    type: int
    allow: int = 0
    deny: int = 0

    def payload(self) -> Json:
        """The overwrite object."""
        return {"id": str(self.id), "type": self.type, "allow": str(self.allow), "deny": str(self.deny)}


@dataclass(eq=False)
class Channel:
    """A guild text channel, category, thread, or a DM channel (``guild`` is None)."""

    id: int
    name: str
    type: int = ChannelType.GUILD_TEXT
    guild: Guild | None = None
    parent: Channel | None = None
    topic: str | None = None
    position: int = 0
    overwrites: list[Overwrite] = field(default_factory=list)
    recipient: User | None = None
    owner_id: int | None = None
    archived: bool = False
    locked: bool = False
    auto_archive_duration: int = 1440
    created_at: str = field(default_factory=iso_now)
    messages: list[Message] = field(default_factory=list)
    thread_members: set[int] = field(default_factory=set)

    @property
    def is_thread(self) -> bool:
        """Whether this is a thread."""
        return self.type in THREAD_TYPES

    @property
    def is_dm(self) -> bool:
        """Whether this is a DM channel."""
        return self.type == ChannelType.DM

    @property
    def mention(self) -> str:
        """``<#id>``."""
        return f"<#{self.id}>"

    @property
    def threads(self) -> list[Channel]:
        """Threads whose parent is this channel."""
        if self.guild is None:
            return []
        return [c for c in self.guild.channels.values() if c.parent is self and c.is_thread]

    def set_overwrite(self, target: Role | Member | User, *, allow: int = 0, deny: int = 0) -> None:
        """Set the permission overwrite of a role or a member on this channel."""
        kind = 0 if isinstance(target, Role) else 1
        self.overwrites = [o for o in self.overwrites if o.id != target.id]
        self.overwrites.append(Overwrite(target.id, kind, int(allow), int(deny)))

    def payload(self) -> Json:
        """The channel object (thread objects include ``thread_metadata``)."""
        last = str(self.messages[-1].id) if self.messages else None
        if self.is_dm:
            assert self.recipient is not None
            return {"id": str(self.id), "type": int(self.type), "last_message_id": last,
                    "recipients": [self.recipient.payload()], "flags": 0}
        assert self.guild is not None
        data: Json = {
            "id": str(self.id),
            "type": int(self.type),
            "guild_id": str(self.guild.id),
            "name": self.name,
            "parent_id": str(self.parent.id) if self.parent else None,
            "last_message_id": last,
            "rate_limit_per_user": 0,
            "flags": 0,
            "nsfw": False,
        }
        if self.is_thread:
            data.update(
                owner_id=str(self.owner_id),
                message_count=len(self.messages),
                total_message_sent=len(self.messages),
                member_count=len(self.thread_members),
                thread_metadata={
                    "archived": self.archived,
                    "auto_archive_duration": self.auto_archive_duration,
                    "archive_timestamp": self.created_at,
                    "locked": self.locked,
                    "create_timestamp": self.created_at,
                    "invitable": True,
                },
            )
        else:
            data.update(position=self.position, topic=self.topic, default_auto_archive_duration=1440,
                        permission_overwrites=[o.payload() for o in self.overwrites])
        return data
