"""Driving the bot like users do: messages, slash commands, autocomplete, buttons, selects, modals.

Every method queues the gateway event(s) and returns once they are on the socket, with the
:class:`InteractionRecord` (or :class:`Message`) that collects what the bot does in answer.
"""

from __future__ import annotations

import contextlib
from typing import Any, Iterable, Mapping, Sequence

from .flags import InteractionType, Permission
from .guild import Guild
from .interactions import (AttachmentSpec, CommandUnavailable, InteractionRecord, OptionBuilder, check_available,
                           find_command, interaction_payload, nest_options)
from .messages import Attachment, Message, message_reference
from .models import Channel, Json, Member, User
from .state import EmulatorState

FileSpec = Attachment | tuple[str, bytes] | tuple[str, bytes, str]
"""A file a user attaches: an emulator Attachment or ``(filename, data[, content_type])``."""


class UserActions(EmulatorState):
    """The part of the emulator's API that plays the users' side."""

    async def post_message(self, channel: Channel, user: User | Member, content: str = "", *,
                           mentions: Iterable[User | Member] = (), reference: Message | None = None,
                           mention_author: bool = True, attachments: Sequence[FileSpec] = (),
                           embeds: list[Json] | None = None) -> Message:
        """``user`` posts in ``channel`` (text channel, thread or ``dm_channel(user)``): MESSAGE_CREATE.

        Each of ``mentions`` missing from ``content`` is prepended as ``<@id>``. A ``reference``
        makes it a reply, which mentions the replied-to author unless ``mention_author`` is false.
        Returns once the event is on the socket.
        """
        author = user.user if isinstance(user, Member) else user
        if channel.guild is not None and author.id not in channel.guild.members:
            raise ValueError(f"{author.name} is not a member of {channel.guild.name}")
        for target in mentions:
            if f"<@{target.id}>" not in content and f"<@!{target.id}>" not in content:
                content = f"<@{target.id}> {content}".rstrip()
        data: Json = {"content": content, "embeds": embeds or []}
        if reference is not None:
            data["message_reference"] = message_reference(reference)
        if not mention_author:
            data["allowed_mentions"] = {"parse": ["users", "roles", "everyone"], "replied_user": False}
        uploads = [(f.filename, f.data, f.content_type) if isinstance(f, Attachment)
                   else (f[0], f[1], f[2] if len(f) > 2 else None) for f in attachments]
        msg = self.create_message(channel, author, data, uploads)
        await self.gateway.flush()
        return msg

    async def _send_interaction(self, kind: int, name: str, data: Json, guild: Guild | None, channel: Channel,
                                user: User, message: Message | None = None) -> InteractionRecord:
        ident, token = self.next_id(), f"itok-{self.next_id():x}"
        payload = interaction_payload(self, id=ident, token=token, type=kind, data=data, guild=guild,
                                      channel=channel, user=user, message=message)
        record = InteractionRecord(self, id=ident, token=token, type=kind, name=name, payload=payload,
                                   guild=guild, channel=channel, user=user, message=message)
        self.interactions[ident] = record
        self.gateway.dispatch("INTERACTION_CREATE", payload)
        await self.gateway.flush()
        return record

    def _command_data(self, guild: Guild | None, channel: Channel, user: User, name: str,
                      options: Mapping[str, Any], focused: str | None) -> Json:
        path = name.split()
        pools = ([self.commands.get(guild.id, [])] if guild else []) + [self.commands.get(None, [])]
        for pool in pools:
            with contextlib.suppress(CommandUnavailable):
                command, defs = find_command(pool, path)
                break
        else:
            synced = [c["name"] for pool in pools for c in pool]
            raise CommandUnavailable(f"no synced command {name!r} here (synced: {synced}); did the bot sync?")
        if guild is not None:
            if user.id not in guild.members or channel.guild is not guild:
                raise ValueError(f"{user.name} cannot use commands in #{channel.name}: not a member of its guild")
            needed = Permission.VIEW_CHANNEL | Permission.USE_APPLICATION_COMMANDS
            if guild.permissions_for(user, channel) & needed != needed:
                raise CommandUnavailable(f"{user.name} lacks USE_APPLICATION_COMMANDS in #{channel.name}")
        check_available(command, guild, guild.permissions_for(user) if guild is not None else 0)
        builder = OptionBuilder(self, guild, channel)
        leaf = builder.build(defs, options, focused)
        data: Json = {"id": command["id"], "name": command["name"], "type": 1,
                      "options": nest_options(path, command.get("options") or [], leaf)}
        if builder.resolved:
            data["resolved"] = builder.resolved
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        return data

    async def invoke_slash(self, guild: Guild | None, channel: Channel | None, user: User | Member, name: str,
                           options: Mapping[str, Any] | None = None, *,
                           attachments: Mapping[str, AttachmentSpec] | None = None) -> InteractionRecord:
        """``user`` runs ``/name`` (``"group sub"`` for subcommands): INTERACTION_CREATE type 2.

        Values are typed by the synced definition (str, int, float, bool, User/Member, Channel,
        Role, or an attachment). ``attachments`` maps attachment options to ``Attachment`` or
        ``(filename, bytes[, content_type])``; their bytes are served by the emulator. Pass
        ``guild=None`` (and ``channel=None`` or the DM channel) for a DM. Raises
        :class:`CommandUnavailable` when the Discord client would not offer the command.
        """
        author = user.user if isinstance(user, Member) else user
        channel = channel or self.dm_channel(author)
        data = self._command_data(guild, channel, author, name, {**(options or {}), **(attachments or {})}, None)
        return await self._send_interaction(InteractionType.APPLICATION_COMMAND, name, data, guild, channel, author)

    async def autocomplete(self, guild: Guild | None, channel: Channel | None, user: User | Member, name: str,
                           options: Mapping[str, Any], focused: str) -> InteractionRecord:
        """Autocomplete request (type 4) for option ``focused``; the answer lands in ``record.choices``."""
        author = user.user if isinstance(user, Member) else user
        channel = channel or self.dm_channel(author)
        data = self._command_data(guild, channel, author, name, options, focused)
        return await self._send_interaction(InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE, name, data, guild,
                                            channel, author)

    async def click_button(self, message: Message, user: User | Member, custom_id: str) -> InteractionRecord:
        """``user`` clicks the button ``custom_id`` on a message the bot sent (type 3)."""
        return await self._component(message, user, custom_id, None)

    async def select(self, message: Message, user: User | Member, custom_id: str,
                     values: Sequence[str]) -> InteractionRecord:
        """``user`` picks ``values`` in the select menu ``custom_id`` (type 3)."""
        return await self._component(message, user, custom_id, list(values))

    async def _component(self, message: Message, user: User | Member, custom_id: str,
                         values: list[str] | None) -> InteractionRecord:
        author = user.user if isinstance(user, Member) else user
        if message.deleted or message.author.id != self.bot_user.id:
            raise ValueError("only live messages sent by the bot have usable components")
        comp = message.component(custom_id)
        if comp.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled")
        if (values is None) != (comp["type"] == 2):
            raise ValueError(f"component {custom_id!r} has type {comp['type']}; use click_button/select accordingly")
        data: Json = {"custom_id": custom_id, "component_type": comp["type"]}
        if comp.get("id") is not None:
            data["id"] = comp["id"]
        if values is not None:
            data["values"] = values
        return await self._send_interaction(InteractionType.MESSAGE_COMPONENT, custom_id, data,
                                            message.channel.guild, message.channel, author, message)

    async def submit_modal(self, record: InteractionRecord, values: Mapping[str, str | list[str]],
                           user: User | Member | None = None) -> InteractionRecord:
        """Submit the modal the bot opened in ``record`` (callback type 9) with ``{custom_id: value}``."""
        if record.modal is None:
            raise ValueError(f"{record!r} did not open a modal")
        author = (user.user if isinstance(user, Member) else user) if user else record.user

        def answer(comp: Json) -> Json:
            if comp["type"] == 1:
                return {"type": 1, "components": [answer(c) for c in comp.get("components", [])]}
            if comp["type"] == 18:
                return {"type": 18, "id": comp.get("id"), "component": answer(comp["component"])}
            cid = str(comp.get("custom_id"))
            if comp["type"] == 4:
                if cid not in values and comp.get("required", True):
                    raise ValueError(f"modal text input {cid!r} is required")
                return {"type": 4, "custom_id": cid, "value": values.get(cid, "")}
            if comp.get("custom_id") is not None:
                return {"type": comp["type"], "custom_id": cid, "values": list(values.get(cid, []))}
            return {"type": comp["type"], "id": comp.get("id")}

        data = {"custom_id": record.modal["custom_id"], "components": [answer(c) for c in record.modal["components"]]}
        return await self._send_interaction(InteractionType.MODAL_SUBMIT, record.modal["custom_id"], data,
                                            record.guild, record.channel, author, record.message)
