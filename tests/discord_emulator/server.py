"""``DiscordEmulator``: a Discord API v10 server on 127.0.0.1 that the real discord.py connects to.

Typical test::

    emu = DiscordEmulator()
    await emu.start()
    restore = emu.patch_discord()          # Route.BASE and DEFAULT_GATEWAY -> the emulator
    guild = emu.add_guild("Lab")
    channel = guild.add_channel("general")
    alice = emu.add_user("alice"); guild.add_member(alice)
    ... connect a discord.Client with token=emu.token (see fixtures.running_client) ...
    record = await emu.invoke_slash(guild, channel, alice, "ask", {"question": "Why?"})
    reply = await record.wait_followups(1)
"""

from __future__ import annotations

import contextlib
from typing import Any, Callable, Iterable, Iterator, Mapping, Self, Sequence

from aiohttp import web

from .flags import (DEFAULT_BOT_PERMISSIONS, PRIVILEGED_INTENTS, ChannelType, Intent, InteractionType, Op)
from .gateway import GatewaySession
from .guild import Guild
from .interactions import (AttachmentSpec, CommandUnavailable, InteractionRecord, OptionBuilder, check_available,
                           find_command, interaction_payload, nest_options)
from .messages import Attachment, Message, message_reference
from .models import Channel, Json, Member, User
from .rest import CoreRoutes, RateLimitRule, make_middleware
from .rest_channels import ChannelRoutes, start_thread
from .rest_interactions import InteractionRoutes
from .state import EmulatorState, RequestRecord

FileSpec = Attachment | tuple[str, bytes] | tuple[str, bytes, str]


class DiscordEmulator(EmulatorState):
    """A fake Discord (REST + gateway + interactions) for end-to-end tests of a discord.py bot.

    Build the world with ``add_user``/``add_guild``/``Guild.add_channel``/``Guild.add_member``,
    drive it with ``post_message``/``invoke_slash``/``click_button``, and read what the bot did
    with ``sent_messages``, ``InteractionRecord`` and ``requests``.
    """

    def __init__(self, *, token: str = "emulator-bot-token", bot_name: str = "ArticleBot", host: str = "127.0.0.1",
                 port: int = 0, heartbeat_interval_ms: int = 41250, interaction_ack_timeout: float = 3.0,
                 allowed_privileged_intents: int = PRIVILEGED_INTENTS, gateway_compression: bool = True,
                 upload_limit: int = 10 * 1024 * 1024) -> None:
        super().__init__(token=token, bot_name=bot_name, heartbeat_interval_ms=heartbeat_interval_ms,
                         interaction_ack_timeout=interaction_ack_timeout,
                         allowed_privileged_intents=allowed_privileged_intents,
                         gateway_compression=gateway_compression, upload_limit=upload_limit)
        self.host, self.port = host, port
        self.rate_limits: list[RateLimitRule] = []
        self._runner: web.AppRunner | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def build_app(self) -> web.Application:
        """The aiohttp application (REST under ``/api/v10``, gateway at ``/``, files at ``/attachments``)."""
        app = web.Application(middlewares=[make_middleware(self)], client_max_size=self.upload_limit * 11)
        app.add_routes([web.get("/", self.gateway.handle)])
        for table in (CoreRoutes(self), ChannelRoutes(self), InteractionRoutes(self)):
            app.add_routes(table.routes())
        return app

    async def start(self) -> Self:
        """Bind ``host`` (a free port unless ``port`` was given) and serve."""
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = int(self._runner.addresses[0][1])
        self.base_url = f"http://{self.host}:{self.port}"
        return self

    async def stop(self) -> None:
        """Close gateway sockets and the server. Close the bot first, or it will try to reconnect."""
        await self.gateway.close(1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def patch_discord(self) -> Callable[[], None]:
        """Point discord.py's ``Route.BASE`` and ``DEFAULT_GATEWAY`` here; returns the restore function."""
        import yarl
        from discord.gateway import DiscordWebSocket
        from discord.http import Route

        old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
        Route.BASE = f"{self.base_url}/api/v10"
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)

        def restore() -> None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway

        return restore

    @contextlib.contextmanager
    def patched(self) -> Iterator[Self]:
        """``with emu.patched(): ...`` — ``patch_discord`` undone on exit."""
        restore = self.patch_discord()
        try:
            yield self
        finally:
            restore()

    # -- building the world ------------------------------------------------------------------

    def add_user(self, name: str, *, global_name: str | None = None, accepts_dms: bool = True) -> User:
        """A new (human) user."""
        user = User(self.next_id(), name, global_name=global_name, accepts_dms=accepts_dms)
        self.users[user.id] = user
        return user

    def add_guild(self, name: str, *, owner: User | None = None,
                  bot_permissions: int = DEFAULT_BOT_PERMISSIONS) -> Guild:
        """A guild the bot is in (with its managed role); dispatches GUILD_CREATE if the bot is connected."""
        owner = owner or self.add_user(f"{name} owner")
        guild = Guild(self, self.next_id(), name, owner)
        guild.add_member(owner)
        guild.add_member(self.bot_user, [guild.add_role(self.bot_user.name, bot_permissions, managed=True)])
        self.guilds.append(guild)
        self.gateway.dispatch("GUILD_CREATE", lambda s: self.guild_create_payload(guild, s), intent=Intent.GUILDS)
        self._notify()
        return guild

    def remove_guild(self, guild: Guild) -> None:
        """The bot leaves (or is removed from) ``guild``: GUILD_DELETE."""
        self.guilds.remove(guild)
        self.gateway.dispatch("GUILD_DELETE", {"id": str(guild.id)}, intent=Intent.GUILDS)
        self._notify()

    def add_thread(self, channel: Channel, name: str, owner: User, *, message: Message | None = None,
                   private: bool = False) -> Channel:
        """A thread started by a user (from ``message`` if given); dispatches THREAD_CREATE."""
        kind = ChannelType.PRIVATE_THREAD if private else ChannelType.PUBLIC_THREAD
        return start_thread(self, channel, name, owner, type=kind, from_message=message)

    # -- driving the bot ---------------------------------------------------------------------

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
                   else (f[0], f[1], f[2] if len(f) > 2 else None) for f in attachments]  # type: ignore[misc]
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
        perms = guild.permissions_for(user) if guild is not None else 0
        check_available(command, guild, perms)
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
            cid = comp.get("custom_id")
            if comp["type"] == 4:
                if cid not in values and comp.get("required", True):
                    raise ValueError(f"modal text input {cid!r} is required")
                return {"type": 4, "custom_id": cid, "value": values.get(cid, "")}
            if cid is not None:
                return {"type": comp["type"], "custom_id": cid, "values": list(values.get(cid, []))}
            return {"type": comp["type"], "id": comp.get("id")}

        data = {"custom_id": record.modal["custom_id"], "components": [answer(c) for c in record.modal["components"]]}
        return await self._send_interaction(InteractionType.MODAL_SUBMIT, record.modal["custom_id"], data,
                                            record.guild, record.channel, author, record.message)

    # -- gateway control ---------------------------------------------------------------------

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT; discord.py reconnects to ``resume_gateway_url`` and RESUMEs."""
        await self.gateway.send_op(Op.RECONNECT, None)

    async def invalidate_session(self, resumable: bool = False) -> None:
        """Send op 9 INVALID_SESSION; with ``resumable=False`` discord.py identifies afresh."""
        if not resumable:
            self.gateway.sessions.clear()
        await self.gateway.send_op(Op.INVALID_SESSION, resumable)

    async def wait_until_connected(self, timeout: float = 10.0) -> GatewaySession:
        """Wait until a session has identified (READY and GUILD_CREATEs queued)."""
        return await self.wait_for(lambda: next(iter(self.gateway.live_sessions), None), timeout,
                                   description="a gateway session")

    @property
    def intents(self) -> int | None:
        """Intents of the latest IDENTIFY (None before any)."""
        return int(self.identifies[-1].get("intents", 0)) if self.identifies else None

    # -- reading what the bot did ------------------------------------------------------------

    def sent_messages(self, channel: Channel | None = None, *, include_deleted: bool = False) -> list[Message]:
        """Messages the bot sent (channel sends and interaction responses, ephemeral ones too), oldest first."""
        return [m for m in self.messages.values()
                if m.author.id == self.bot_user.id and (channel is None or m.channel is channel)
                and (include_deleted or not m.deleted)]

    def requests_to(self, method: str, path_prefix: str = "") -> list[RequestRecord]:
        """Logged requests with ``method`` whose path (relative to /api/v10) starts with ``path_prefix``."""
        return [r for r in self.requests if r.method == method.upper() and r.path.startswith(path_prefix)]

    def rate_limit_next(self, method: str, path_prefix: str, retry_after: float = 0.05, *,
                        is_global: bool = False) -> RateLimitRule:
        """Answer the next matching request (path relative to /api/v10) with one 429."""
        rule = RateLimitRule(method.upper(), path_prefix.removeprefix("/api/v10"), retry_after, is_global)
        self.rate_limits.append(rule)
        return rule

    async def wait_for_message(self, channel: Channel | None = None, *,
                               predicate: Callable[[Message], bool] | None = None, after: Message | int | None = None,
                               timeout: float = 5.0) -> Message:
        """The first completed bot message (in ``channel``, newer than ``after``, matching ``predicate``)."""
        after_id = after.id if isinstance(after, Message) else (after or 0)

        def check() -> Message | None:
            return next((m for m in self.sent_messages(channel)
                         if m.id > after_id and not m.loading and (predicate is None or predicate(m))), None)

        where = f" in #{channel.name}" if channel is not None else ""
        return await self.wait_for(check, timeout, description=f"a bot message{where}")
