"""Emulated messages and attachments, with the payloads discord.py parses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .flags import MessageFlag
from .models import Channel, Json, User, iso_now

_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")

EDITABLE_FLAGS = int(MessageFlag.SUPPRESS_EMBEDS | MessageFlag.SUPPRESS_NOTIFICATIONS | MessageFlag.IS_COMPONENTS_V2)
"""Flags a sender may set on a channel message or an edit."""


@dataclass(eq=False)
class Attachment:
    """A file attached to a message; the emulator serves ``data`` at ``url``."""

    id: int
    filename: str
    data: bytes
    content_type: str | None = None
    url: str = ""
    description: str | None = None

    @property
    def size(self) -> int:
        """Size in bytes."""
        return len(self.data)

    def payload(self) -> Json:
        """The attachment object."""
        data: Json = {
            "id": str(self.id),
            "filename": self.filename,
            "size": self.size,
            "url": self.url,
            "proxy_url": self.url,
            "content_type": self.content_type,
        }
        if self.description is not None:
            data["description"] = self.description
        return data


AttachmentFactory = Callable[[str, bytes, "str | None"], Attachment]
"""``(filename, data, content_type) -> Attachment``: mints an id and a served URL."""


@dataclass(eq=False)
class Message:
    """A message in a channel, sent by a user or by the bot (then ``author.bot`` is true).

    ``edits`` holds the raw JSON of every edit the bot made, oldest first; the other
    fields always show the current state.
    """

    id: int
    channel: Channel
    author: User
    content: str = ""
    embeds: list[Json] = field(default_factory=list)
    components: list[Json] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    flags: int = 0
    type: int = 0
    mentions: list[User] = field(default_factory=list)
    mention_role_ids: list[int] = field(default_factory=list)
    mention_everyone: bool = False
    reference: Message | None = None
    message_reference: Json | None = None
    allowed_mentions: Json | None = None
    tts: bool = False
    webhook_id: int | None = None
    application_id: int | None = None
    interaction_metadata: Json | None = None
    timestamp: str = field(default_factory=iso_now)
    edited_timestamp: str | None = None
    deleted: bool = False
    edits: list[Json] = field(default_factory=list)
    reactions: list[str] = field(default_factory=list)
    thread: Channel | None = None

    @property
    def ephemeral(self) -> bool:
        """Whether only the invoking user can see it (interaction responses only)."""
        return bool(self.flags & MessageFlag.EPHEMERAL)

    @property
    def loading(self) -> bool:
        """Whether this is a deferred "is thinking…" response nobody has completed yet."""
        return bool(self.flags & MessageFlag.LOADING)

    @property
    def embed_text(self) -> str:
        """Titles, descriptions, field names/values and footers of all embeds, joined."""
        parts: list[str] = []
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            for f in embed.get("fields") or []:
                parts += [f.get("name") or "", f.get("value") or ""]
            parts.append((embed.get("footer") or {}).get("text") or "")
        return "\n".join(p for p in parts if p)

    def walk_components(self) -> Iterator[Json]:
        """Every component of the message, depth first (rows, containers, buttons, selects…)."""
        yield from walk_components(self.components)

    def component(self, custom_id: str) -> Json:
        """The component with ``custom_id``; raises LookupError when the message has none."""
        for comp in self.walk_components():
            if comp.get("custom_id") == custom_id:
                return comp
        ids = [c["custom_id"] for c in self.walk_components() if "custom_id" in c]
        raise LookupError(f"message {self.id} has no component {custom_id!r} (has {ids})")

    def apply(self, data: Json, uploads: list[tuple[str, bytes, str | None]], make: AttachmentFactory,
              *, extra_flags: int = 0) -> None:
        """Apply the fields of a create/edit payload (``uploads`` are the multipart files, in order)."""
        for key in ("content", "embeds", "components", "allowed_mentions", "tts"):
            if key in data:
                value = data[key]
                setattr(self, key, value if value is not None else ("" if key == "content" else []))
        if self.embeds is None:
            self.embeds = []
        if "flags" in data and data["flags"] is not None:
            self.flags = (self.flags & ~EDITABLE_FLAGS) | (int(data["flags"]) & (EDITABLE_FLAGS | extra_flags))
        self._apply_attachments(data, uploads, make)

    def _apply_attachments(self, data: Json, uploads: list[tuple[str, bytes, str | None]],
                           make: AttachmentFactory) -> None:
        created = [make(name, blob, ctype) for name, blob, ctype in uploads]
        if "attachments" not in data or data["attachments"] is None:
            self.attachments = self.attachments + created
            return
        existing = {a.id: a for a in self.attachments}
        kept: list[Attachment] = []
        for entry in data["attachments"]:
            ident = int(entry["id"])
            if ident in existing:
                kept.append(existing[ident])
            elif 0 <= ident < len(created):
                created[ident].description = entry.get("description")
                kept.append(created[ident])
        self.attachments = kept + [a for a in created if a not in kept]

    def payload(self, *, redact: bool = False) -> Json:
        """The message object; ``redact`` blanks what the message-content intent guards."""
        ch = self.channel
        data: Json = {
            "id": str(self.id),
            "channel_id": str(ch.id),
            "author": self.author.payload(),
            "content": "" if redact else self.content,
            "timestamp": self.timestamp,
            "edited_timestamp": self.edited_timestamp,
            "tts": self.tts,
            "mention_everyone": self.mention_everyone,
            "mentions": [u.payload() for u in self.mentions],
            "mention_roles": [str(r) for r in self.mention_role_ids],
            "attachments": [] if redact else [a.payload() for a in self.attachments],
            "embeds": [] if redact else self.embeds,
            "components": [] if redact else self.components,
            "pinned": False,
            "type": self.type,
            "flags": self.flags,
            "reactions": [],
        }
        if ch.guild is not None:
            data["guild_id"] = str(ch.guild.id)
            if (member := ch.guild.members.get(self.author.id)) is not None:
                data["member"] = member.payload(with_user=False)
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
        if self.application_id is not None:
            data["application_id"] = str(self.application_id)
        if self.interaction_metadata is not None:
            data["interaction_metadata"] = self.interaction_metadata
        if self.message_reference is not None:
            data["message_reference"] = self.message_reference
            ref = self.reference
            data["referenced_message"] = None if ref is None or ref.deleted else ref.payload(redact=redact)
        if self.thread is not None:
            data["thread"] = self.thread.payload()
        return data


def walk_components(components: list[Json]) -> Iterator[Json]:
    """Depth-first walk over a component tree (classic action rows and components v2)."""
    for comp in components:
        yield comp
        yield from walk_components(comp.get("components") or [])
        for key in ("accessory", "component"):
            if isinstance(comp.get(key), dict):
                yield from walk_components([comp[key]])


def parse_mentions(content: str) -> tuple[list[int], list[int], bool]:
    """User ids, role ids and whether @everyone/@here is mentioned in ``content``."""
    users = [int(m) for m in _USER_MENTION.findall(content)]
    roles = [int(m) for m in _ROLE_MENTION.findall(content)]
    return list(dict.fromkeys(users)), list(dict.fromkeys(roles)), "@everyone" in content or "@here" in content


def message_reference(target: Message) -> Json:
    """The ``message_reference`` object pointing at ``target``."""
    ref: Json = {"type": 0, "message_id": str(target.id), "channel_id": str(target.channel.id)}
    if target.channel.guild is not None:
        ref["guild_id"] = str(target.channel.guild.id)
    return ref

