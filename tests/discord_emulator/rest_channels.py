"""REST routes for channels: messages, edits, deletes, reactions, typing, threads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from .flags import ChannelType, Intent, Permission
from .limits import ApiError, check_thread_name, invalid_form_body
from .messages import Message
from .models import Channel, Json, User
from .rest import API, body, json_response, no_content, uploads

if TYPE_CHECKING:
    from .server import DiscordEmulator
    from .state import EmulatorState


def start_thread(emu: EmulatorState, parent: Channel, name: Any, owner: User, *,
                 type: int = ChannelType.PUBLIC_THREAD, from_message: Message | None = None,
                 auto_archive_duration: int = 1440) -> Channel:
    """Create a thread (id = the starter message's id, as on Discord) and dispatch THREAD_CREATE."""
    if parent.guild is None or parent.is_thread:
        raise ApiError(400, 50024, "Cannot execute action on this channel type")
    check_thread_name(name)
    if from_message is not None and from_message.thread is not None:
        raise ApiError(400, 160004, "A thread has already been created for this message")
    thread = Channel(from_message.id if from_message else emu.next_id(), name, type, parent.guild, parent,
                     owner_id=owner.id, auto_archive_duration=auto_archive_duration)
    thread.thread_members.add(owner.id)
    parent.guild.channels[thread.id] = thread
    if from_message is not None:
        from_message.thread = thread
    emu.gateway.dispatch("THREAD_CREATE", lambda s: {**thread_payload(emu, thread), "newly_created": True},
                         intent=Intent.GUILDS)
    emu._notify()
    return thread


def thread_payload(emu: EmulatorState, thread: Channel) -> Json:
    """A thread object, with ``member`` when the bot has joined it."""
    data = thread.payload()
    if emu.bot_user.id in thread.thread_members:
        data["member"] = {"id": str(thread.id), "user_id": str(emu.bot_user.id), "join_timestamp": thread.created_at,
                          "flags": 0}
    return data


class ChannelRoutes:
    """``/channels/...`` routes used by a text bot."""

    def __init__(self, emu: DiscordEmulator) -> None:
        self._emu = emu

    def routes(self) -> list[web.RouteDef]:
        """The route table."""
        ch, msg = API + "/channels/{channel_id}", API + "/channels/{channel_id}/messages/{message_id}"
        return [
            web.get(ch, self.get_channel),
            web.patch(ch, self.edit_channel),
            web.get(ch + "/messages", self.history),
            web.post(ch + "/messages", self.send),
            web.get(msg, self.get_message),
            web.patch(msg, self.edit),
            web.delete(msg, self.delete),
            web.put(msg + "/reactions/{emoji}/@me", self.react),
            web.delete(msg + "/reactions/{emoji}/@me", self.unreact),
            web.post(ch + "/typing", self.typing),
            web.post(msg + "/threads", self.thread_from_message),
            web.post(ch + "/threads", self.thread_without_message),
            web.put(ch + "/thread-members/@me", self.join_thread),
            web.delete(ch + "/thread-members/@me", self.leave_thread),
            web.get(API + "/guilds/{guild_id}/threads/active", self.active_threads),
        ]

    def _channel(self, request: web.Request) -> Channel:
        return self._emu.channel(int(request.match_info["channel_id"]))

    def _message(self, request: web.Request) -> tuple[Channel, Message]:
        channel = self._channel(request)
        return channel, self._emu.message(channel, int(request.match_info["message_id"]))

    def _visible(self, msg: Message) -> Json:
        # REST follows the application's intent toggle, not what the socket asked for.
        emu = self._emu
        portal_toggle = bool(emu.allowed_privileged_intents & Intent.MESSAGE_CONTENT)
        return msg.payload(redact=not emu.sees_content(msg, portal_toggle))

    async def get_channel(self, request: web.Request) -> web.Response:
        """``GET /channels/{id}``."""
        channel = self._channel(request)
        self._emu.require(channel)
        return json_response(thread_payload(self._emu, channel) if channel.is_thread else channel.payload())

    async def edit_channel(self, request: web.Request) -> web.Response:
        """``PATCH /channels/{id}``: name/topic, and archived/locked for threads."""
        channel, data = self._channel(request), body(request)
        self._emu.require(channel, Permission.MANAGE_THREADS if channel.is_thread else Permission.MANAGE_CHANNELS)
        if "name" in data:
            if channel.is_thread:
                check_thread_name(data["name"])
            channel.name = data["name"]
        for key in ("topic", "archived", "locked", "auto_archive_duration"):
            if key in data:
                setattr(channel, key, data[key])
        event = "THREAD_UPDATE" if channel.is_thread else "CHANNEL_UPDATE"
        self._emu.gateway.dispatch(event, channel.payload(), intent=Intent.GUILDS)
        return json_response(channel.payload())

    async def history(self, request: web.Request) -> web.Response:
        """``GET /channels/{id}/messages`` (newest first; ``before``/``after``/``around``/``limit``)."""
        channel = self._channel(request)
        self._emu.require(channel, Permission.READ_MESSAGE_HISTORY)
        q = request.query
        msgs = [m for m in channel.messages if not m.deleted and not m.ephemeral]
        limit = min(int(q.get("limit", 50)), 100)
        if "before" in q:
            msgs = [m for m in msgs if m.id < int(q["before"])][-limit:]
        elif "after" in q:
            msgs = [m for m in msgs if m.id > int(q["after"])][:limit]
        elif "around" in q:
            pivot = int(q["around"])
            older = [m for m in msgs if m.id < pivot][-(limit // 2):] if limit > 1 else []
            msgs = older + [m for m in msgs if m.id >= pivot][:limit - len(older)]
        else:
            msgs = msgs[-limit:]
        return json_response([self._visible(m) for m in reversed(msgs)])

    async def send(self, request: web.Request) -> web.Response:
        """``POST /channels/{id}/messages``."""
        emu, channel, data = self._emu, self._channel(request), body(request)
        if channel.is_dm:
            recipient = channel.recipient
            shares = any(recipient is not None and recipient.id in g.members for g in emu.guilds)
            if recipient is None or not recipient.accepts_dms or not shares:
                raise ApiError(403, 50007, "Cannot send messages to this user")
        else:
            needed = Permission.SEND_MESSAGES_IN_THREADS if channel.is_thread else Permission.SEND_MESSAGES
            extra = Permission.ATTACH_FILES if uploads(request) else 0
            emu.require(channel, needed | extra)
            if channel.is_thread and (channel.archived or channel.locked):
                raise ApiError(400, 50083, "Thread is archived")
        msg = emu.create_message(channel, emu.bot_user, data, uploads(request))
        return json_response(msg.payload())

    async def get_message(self, request: web.Request) -> web.Response:
        """``GET /channels/{id}/messages/{id}`` (used to resolve references)."""
        channel, msg = self._message(request)
        self._emu.require(channel, Permission.READ_MESSAGE_HISTORY)
        return json_response(self._visible(msg))

    async def edit(self, request: web.Request) -> web.Response:
        """``PATCH /channels/{id}/messages/{id}``: only the bot's own messages."""
        _, msg = self._message(request)
        if msg.author.id != self._emu.bot_user.id:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        self._emu.edit_message(msg, body(request), uploads(request))
        return json_response(msg.payload())

    async def delete(self, request: web.Request) -> web.Response:
        """``DELETE /channels/{id}/messages/{id}``."""
        channel, msg = self._message(request)
        if msg.author.id != self._emu.bot_user.id:
            self._emu.require(channel, Permission.MANAGE_MESSAGES)
        self._emu.delete_message(msg)
        return no_content()

    async def react(self, request: web.Request) -> web.Response:
        """``PUT .../reactions/{emoji}/@me``: recorded on ``Message.reactions``."""
        channel, msg = self._message(request)
        self._emu.require(channel, Permission.ADD_REACTIONS | Permission.READ_MESSAGE_HISTORY)
        if request.match_info["emoji"] not in msg.reactions:
            msg.reactions.append(request.match_info["emoji"])
        return no_content()

    async def unreact(self, request: web.Request) -> web.Response:
        """``DELETE .../reactions/{emoji}/@me``."""
        _, msg = self._message(request)
        if request.match_info["emoji"] in msg.reactions:
            msg.reactions.remove(request.match_info["emoji"])
        return no_content()

    async def typing(self, request: web.Request) -> web.Response:
        """``POST /channels/{id}/typing``: recorded in ``emu.typing``."""
        channel = self._channel(request)
        if not channel.is_dm:
            needed = Permission.SEND_MESSAGES_IN_THREADS if channel.is_thread else Permission.SEND_MESSAGES
            self._emu.require(channel, needed)
        self._emu.typing.append((channel, self._emu.loop_time()))
        return no_content()

    async def thread_from_message(self, request: web.Request) -> web.Response:
        """``POST /channels/{id}/messages/{id}/threads``."""
        channel, msg = self._message(request)
        data = body(request)
        self._emu.require(channel, Permission.CREATE_PUBLIC_THREADS)
        announcement = channel.type == ChannelType.GUILD_ANNOUNCEMENT
        kind = ChannelType.ANNOUNCEMENT_THREAD if announcement else ChannelType.PUBLIC_THREAD
        thread = start_thread(self._emu, channel, data.get("name"), self._emu.bot_user, type=kind,
                              from_message=msg, auto_archive_duration=int(data.get("auto_archive_duration") or 1440))
        return json_response(thread_payload(self._emu, thread), 201)

    async def thread_without_message(self, request: web.Request) -> web.Response:
        """``POST /channels/{id}/threads`` (forum channels take a starter ``message``)."""
        emu, channel, data = self._emu, self._channel(request), body(request)
        forum = channel.type == ChannelType.GUILD_FORUM
        kind = ChannelType.PUBLIC_THREAD if forum else int(data.get("type") or ChannelType.PRIVATE_THREAD)
        emu.require(channel, Permission.CREATE_PRIVATE_THREADS if kind == ChannelType.PRIVATE_THREAD
                    else Permission.CREATE_PUBLIC_THREADS)
        if forum and not isinstance(data.get("message"), dict):
            raise invalid_form_body([(("message",), "BASE_TYPE_REQUIRED", "This field is required")])
        thread = start_thread(emu, channel, data.get("name"), emu.bot_user, type=kind,
                              auto_archive_duration=int(data.get("auto_archive_duration") or 1440))
        result = thread_payload(emu, thread)
        if forum:
            starter = emu.create_message(thread, emu.bot_user, data["message"], uploads(request))
            result["message"] = starter.payload()
        return json_response(result, 201)

    async def join_thread(self, request: web.Request) -> web.Response:
        """``PUT /channels/{id}/thread-members/@me``."""
        self._channel(request).thread_members.add(self._emu.bot_user.id)
        return no_content()

    async def leave_thread(self, request: web.Request) -> web.Response:
        """``DELETE /channels/{id}/thread-members/@me``."""
        self._channel(request).thread_members.discard(self._emu.bot_user.id)
        return no_content()

    async def active_threads(self, request: web.Request) -> web.Response:
        """``GET /guilds/{id}/threads/active``."""
        guild = self._emu.guild(int(request.match_info["guild_id"]))
        threads = [c for c in guild.channels.values() if c.is_thread and not c.archived]
        return json_response({"threads": [t.payload() for t in threads], "members": []})

