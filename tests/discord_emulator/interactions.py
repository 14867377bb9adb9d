"""Interaction records and INTERACTION_CREATE payloads (slash commands, components, modals).

Option values are typed from the command definitions the bot synced, the way the Discord
client types what a user enters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, TypeVar

from .flags import DEFAULT_EVERYONE_PERMISSIONS, ALL_PERMISSIONS, CallbackType, OptionType
from .guild import Guild
from .messages import Attachment, Message
from .models import Channel, Json, Member, Role, User

if TYPE_CHECKING:
    from .state import EmulatorState

T = TypeVar("T")
AttachmentSpec = Attachment | tuple[str, bytes] | tuple[str, bytes, str]
"""An attachment option value: an emulator Attachment or ``(filename, data[, content_type])``."""


class CommandUnavailable(Exception):
    """The Discord client would not let this user run this command (not synced, wrong context,
    or missing ``default_member_permissions``)."""


@dataclass
class InteractionCallback:
    """One ``POST /interactions/{id}/{token}/callback`` the bot made."""

    type: int
    data: Json | None
    message: Message | None = None


@dataclass
class MessageEdit:
    """One edit of an interaction message (``PATCH /webhooks/.../messages/...`` or a type 7 update)."""

    message: Message
    payload: Json


class InteractionRecord:
    """Everything the bot did in answer to one interaction.

    ``original`` is the ``@original`` message: the response message (types 4/5) or, after a
    type 6/7 callback, the message whose component was used. ``followups`` are the messages
    returned by ``POST /webhooks/{app}/{token}``; after a deferral, Discord makes the first
    follow-up complete the "thinking" message, so ``followups[0] is original`` then.
    """

    def __init__(self, emu: EmulatorState, *, id: int, token: str, type: int, name: str, payload: Json,
                 guild: Guild | None, channel: Channel, user: User, message: Message | None = None) -> None:
        self._emu = emu
        self.id, self.token, self.type, self.name = id, token, type, name
        self.payload, self.guild, self.channel, self.user = payload, guild, channel, user
        self.message = message
        self.callbacks: list[InteractionCallback] = []
        self.original: Message | None = None
        self.followups: list[Message] = []
        self.edits: list[MessageEdit] = []
        self.modal: Json | None = None
        self.choices: list[Json] | None = None
        self.created = emu.loop_time()

    @property
    def acknowledged(self) -> bool:
        """Whether the bot answered the callback."""
        return bool(self.callbacks)

    @property
    def response_type(self) -> int | None:
        """The callback type (:class:`CallbackType`), or None before the bot answered."""
        return self.callbacks[0].type if self.callbacks else None

    @property
    def deferred(self) -> bool:
        """Whether the bot deferred (types 5 and 6)."""
        return self.response_type in (CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
                                      CallbackType.DEFERRED_UPDATE_MESSAGE)

    @property
    def messages(self) -> list[Message]:
        """The response and follow-up messages, without duplicates or deleted ones."""
        seen: list[Message] = []
        for msg in ([self.original] if self.original else []) + self.followups:
            if msg not in seen and not msg.deleted:
                seen.append(msg)
        return seen

    def metadata(self) -> Json:
        """``interaction_metadata`` for messages this interaction created."""
        return {"id": str(self.id), "type": self.type, "user": self.user.payload(), "name": self.name,
                "authorizing_integration_owners": self.payload.get("authorizing_integration_owners", {})}

    async def _wait(self, check: Callable[[], T | None], timeout: float, what: str) -> T:
        return await self._emu.wait_for(check, timeout, description=f"interaction {self.name!r}: {what}")

    async def wait_response(self, timeout: float = 5.0) -> InteractionCallback:
        """Wait for the bot's callback."""
        return await self._wait(lambda: self.callbacks[0] if self.callbacks else None, timeout, "callback")

    async def wait_followups(self, n: int = 1, timeout: float = 5.0) -> list[Message]:
        """Wait until the bot sent at least ``n`` follow-ups; returns all of them."""
        return await self._wait(lambda: list(self.followups) if len(self.followups) >= n else None,
                                timeout, f"{n} follow-up(s)")

    async def wait_edits(self, n: int = 1, timeout: float = 5.0) -> list[MessageEdit]:
        """Wait until the bot made at least ``n`` edits; returns all of them."""
        return await self._wait(lambda: list(self.edits) if len(self.edits) >= n else None,
                                timeout, f"{n} edit(s)")

    async def wait_original(self, timeout: float = 5.0) -> Message:
        """Wait until the ``@original`` message exists and is no longer "thinking"."""
        def done() -> Message | None:
            msg = self.original
            return msg if msg is not None and not msg.loading else None
        return await self._wait(done, timeout, "a completed original response")

    def __repr__(self) -> str:
        return (f"<InteractionRecord {self.name!r} type={self.type} response={self.response_type} "
                f"followups={len(self.followups)} edits={len(self.edits)}>")


def find_command(commands: list[Json], path: list[str]) -> tuple[Json, list[Json]]:
    """The command named ``path[0]`` and the option definitions of the (sub)command ``path``."""
    command = next((c for c in commands if c["name"] == path[0] and c.get("type", 1) == 1), None)
    if command is None:
        raise CommandUnavailable(f"no slash command {path[0]!r} is synced (have {[c['name'] for c in commands]})")
    defs = command.get("options") or []
    for part in path[1:]:
        sub = next((o for o in defs if o["name"] == part and o["type"] in (1, 2)), None)
        if sub is None:
            raise CommandUnavailable(f"command {' '.join(path)!r} has no subcommand {part!r}")
        defs = sub.get("options") or []
    return command, defs


def check_available(command: Json, guild: Guild | None, member_permissions: int) -> None:
    """Apply ``contexts``/``dm_permission`` and ``default_member_permissions`` like the client."""
    contexts = command.get("contexts")
    context = 0 if guild is not None else 1
    if contexts is not None and context not in contexts:
        raise CommandUnavailable(f"{command['name']!r} is not available in context {context}")
    if guild is None and command.get("dm_permission") is False:
        raise CommandUnavailable(f"{command['name']!r} is not available in DMs")
    required = command.get("default_member_permissions")
    if guild is not None and required is not None and member_permissions != ALL_PERMISSIONS:
        if int(required) == 0 or int(required) & ~member_permissions:
            raise CommandUnavailable(f"{command['name']!r} needs permissions {required}")


class OptionBuilder:
    """Turns ``{"name": python_value}`` into typed ``data.options`` plus ``resolved``."""

    def __init__(self, emu: EmulatorState, guild: Guild | None, channel: Channel) -> None:
        self._emu, self._guild, self._channel = emu, guild, channel
        self.resolved: dict[str, dict[str, Json]] = {}

    def build(self, defs: list[Json], values: Mapping[str, Any], focused: str | None = None) -> list[Json]:
        """Options in definition order; raises ValueError for unknown, missing or invalid values."""
        unknown = set(values) - {d["name"] for d in defs}
        if unknown:
            raise ValueError(f"unknown option(s) {sorted(unknown)}; defined: {[d['name'] for d in defs]}")
        out: list[Json] = []
        for d in defs:
            if d["name"] not in values:
                if d.get("required") and focused is None:
                    raise ValueError(f"missing required option {d['name']!r}")
                continue
            if d["name"] == focused:
                out.append({"name": d["name"], "type": d["type"], "value": str(values[d["name"]]), "focused": True})
            else:
                out.append({"name": d["name"], "type": d["type"], "value": self._value(d, values[d["name"]])})
        return out

    def _add(self, kind: str, ident: int, data: Json) -> str:
        self.resolved.setdefault(kind, {})[str(ident)] = data
        return str(ident)

    def _value(self, d: Json, value: Any) -> Any:
        kind = OptionType(d["type"])
        if kind in (OptionType.STRING, OptionType.INTEGER, OptionType.NUMBER, OptionType.BOOLEAN):
            return self._scalar(d, kind, value)
        if kind is OptionType.ATTACHMENT:
            att = value if isinstance(value, Attachment) else self._emu.make_attachment(*value)
            return self._add("attachments", att.id, att.payload())
        if isinstance(value, Role) and kind in (OptionType.ROLE, OptionType.MENTIONABLE):
            return self._add("roles", value.id, value.payload())
        if isinstance(value, (User, Member)) and kind in (OptionType.USER, OptionType.MENTIONABLE):
            user = value.user if isinstance(value, Member) else value
            if self._guild is not None and user.id in self._guild.members:
                member = self._guild.members[user.id]
                self._add("members", user.id, member.payload(
                    with_user=False, permissions=self._guild.permissions_for(member, self._channel)))
            return self._add("users", user.id, user.payload())
        if isinstance(value, Channel) and kind is OptionType.CHANNEL:
            data = {**value.payload(), "permissions": str(self._emu.permissions_in(value, self._emu.bot_user))}
            return self._add("channels", value.id, data)
        raise ValueError(f"option {d['name']!r} ({kind.name}) cannot take {value!r}")

    @staticmethod
    def _scalar(d: Json, kind: OptionType, value: Any) -> Any:
        caster: dict[OptionType, type] = {OptionType.STRING: str, OptionType.INTEGER: int,
                                          OptionType.NUMBER: float, OptionType.BOOLEAN: bool}
        expected = caster[kind]
        if kind is OptionType.NUMBER and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise ValueError(f"option {d['name']!r} is {kind.name}, got {value!r}")
        choices = d.get("choices")
        if choices and value not in [c["value"] for c in choices]:
            raise ValueError(f"option {d['name']!r} must be one of {[c['value'] for c in choices]}")
        if isinstance(value, str) and not d.get("min_length", 0) <= len(value) <= d.get("max_length", 6000):
            raise ValueError(f"option {d['name']!r} has a length outside the command's bounds")
        low, high = d.get("min_value"), d.get("max_value")
        if kind in (OptionType.INTEGER, OptionType.NUMBER) and (
                (low is not None and value < low) or (high is not None and value > high)):
            raise ValueError(f"option {d['name']!r} is outside [{low}, {high}]")
        return value


def nest_options(path: list[str], defs_root: list[Json], leaf: list[Json]) -> list[Json]:
    """Wrap leaf options into subcommand (group) options following ``path[1:]``."""
    options = leaf
    kinds = []
    defs = defs_root
    for part in path[1:]:
        sub = next(o for o in defs if o["name"] == part)
        kinds.append(sub["type"])
        defs = sub.get("options") or []
    for part, kind in zip(reversed(path[1:]), reversed(kinds)):
        options = [{"name": part, "type": kind, "options": options}]
    return options


def interaction_payload(emu: EmulatorState, *, id: int, token: str, type: int, data: Json,
                        guild: Guild | None, channel: Channel, user: User, message: Message | None = None) -> Json:
    """The INTERACTION_CREATE ``d`` object."""
    payload: Json = {
        "id": str(id),
        "application_id": str(emu.application_id),
        "type": type,
        "data": data,
        "token": token,
        "version": 1,
        "locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": emu.upload_limit,
        "channel_id": str(channel.id),
        "channel": {**channel.payload(), "permissions": str(emu.permissions_in(channel, user))},
        "app_permissions": str(emu.permissions_in(channel, emu.bot_user) if guild else DEFAULT_EVERYONE_PERMISSIONS),
    }
    if guild is not None:
        member = guild.member(user)
        payload.update(guild_id=str(guild.id), guild_locale="en-US", context=0,
                       guild={"id": str(guild.id), "locale": "en-US", "features": []},
                       member=member.payload(permissions=guild.permissions_for(member, channel)),
                       authorizing_integration_owners={"0": str(guild.id)})
    else:
        payload.update(user=user.payload(), context=1, authorizing_integration_owners={"0": "0"})
    if message is not None:
        payload["message"] = message.payload()
    return payload
