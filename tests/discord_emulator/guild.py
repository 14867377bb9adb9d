"""The emulated guild: roles, members, channels, permission arithmetic, GUILD_CREATE."""

from __future__ import annotations

from typing import Iterable, Protocol

from .flags import ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, ChannelType, Intent, Permission
from .models import Channel, Json, Member, Role, User, iso_now


class Hub(Protocol):
    """What a guild needs from the emulator: ids and live gateway events."""

    def next_id(self) -> int:
        """Mint a snowflake."""
        ...

    def guild_event(self, guild: Guild, event: str, payload: Json, intent: int) -> None:
        """Dispatch ``event`` about ``guild`` to every connected session holding ``intent``."""
        ...


class Guild:
    """A guild (server) with its roles, members and channels."""

    def __init__(self, hub: Hub, guild_id: int, name: str, owner: User) -> None:
        self._hub = hub
        self.id = guild_id
        self.name = name
        self.owner = owner
        self.roles: dict[int, Role] = {guild_id: Role(guild_id, guild_id, "@everyone", DEFAULT_EVERYONE_PERMISSIONS)}
        self.members: dict[int, Member] = {}
        self.channels: dict[int, Channel] = {}
        self.joined_at = iso_now()

    @property
    def everyone(self) -> Role:
        """The @everyone role."""
        return self.roles[self.id]

    @property
    def text_channels(self) -> list[Channel]:
        """Text channels (no threads, no categories)."""
        return [c for c in self.channels.values() if c.type == ChannelType.GUILD_TEXT]

    def add_role(self, name: str, permissions: int = 0, *, managed: bool = False) -> Role:
        """Create a role; dispatches GUILD_ROLE_CREATE when the bot is connected."""
        role = Role(self._hub.next_id(), self.id, name, int(permissions), len(self.roles), managed)
        self.roles[role.id] = role
        self._hub.guild_event(self, "GUILD_ROLE_CREATE", {"guild_id": str(self.id), "role": role.payload()},
                              Intent.GUILDS)
        return role

    def add_member(self, user: User, roles: Iterable[Role] = (), *, permissions: int | None = None,
                   nick: str | None = None) -> Member:
        """Add ``user``; ``permissions`` gives them a role of their own with exactly those bits."""
        member = Member(user, self, list(roles), nick)
        if permissions is not None:
            member.roles.append(self.add_role(f"{user.name} permissions", permissions))
        self.members[user.id] = member
        self._hub.guild_event(self, "GUILD_MEMBER_ADD", {"guild_id": str(self.id), **member.payload()},
                              Intent.GUILD_MEMBERS)
        return member

    def add_channel(self, name: str, *, type: int = ChannelType.GUILD_TEXT, topic: str | None = None,
                    parent: Channel | None = None) -> Channel:
        """Create a channel; dispatches CHANNEL_CREATE when the bot is connected."""
        channel = Channel(self._hub.next_id(), name, type, self, parent, topic, position=len(self.channels))
        self.channels[channel.id] = channel
        self._hub.guild_event(self, "CHANNEL_CREATE", channel.payload(), Intent.GUILDS)
        return channel

    def member(self, user: User | Member) -> Member:
        """The membership of ``user``; raises KeyError when they are not in the guild."""
        return self.members[user.id]

    def permissions_for(self, member: Member | User, channel: Channel | None = None) -> int:
        """Effective permissions, computed the way Discord does (roles, then overwrites)."""
        member = self.member(member)
        if member.user.id == self.owner.id:
            return ALL_PERMISSIONS
        perms = self.everyone.permissions
        for role in member.roles:
            perms |= role.permissions
        if perms & Permission.ADMINISTRATOR:
            return ALL_PERMISSIONS
        source = channel.parent if channel is not None and channel.is_thread else channel
        if source is None:
            return perms
        by_id = {o.id: o for o in source.overwrites}
        if (o := by_id.get(self.id)) is not None:
            perms = (perms & ~o.deny) | o.allow
        allow = deny = 0
        for role in member.roles:
            if (o := by_id.get(role.id)) is not None:
                allow, deny = allow | o.allow, deny | o.deny
        perms = (perms & ~deny) | allow
        if (o := by_id.get(member.id)) is not None:
            perms = (perms & ~o.deny) | o.allow
        return perms

    def payload(self, *, include_members: bool = True, bot_id: int | None = None) -> Json:
        """The GUILD_CREATE object; without GUILD_MEMBERS only the bot's own member is listed."""
        members = [m for m in self.members.values() if include_members or m.id == bot_id]
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "owner_id": str(self.owner.id),
            "unavailable": False,
            "joined_at": self.joined_at,
            "large": False,
            "member_count": len(self.members),
            "members": [m.payload() for m in members],
            "roles": [r.payload() for r in self.roles.values()],
            "channels": [c.payload() for c in self.channels.values() if not c.is_thread],
            "threads": [c.payload() for c in self.channels.values() if c.is_thread and not c.archived],
            "presences": [],
            "voice_states": [],
            "emojis": [],
            "stickers": [],
            "features": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "afk_timeout": 300,
            "preferred_locale": "en-US",
            "application_id": None,
        }

