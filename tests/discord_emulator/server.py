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
from typing import Callable, Iterator, Self

from aiohttp import web

from .driver import UserActions
from .flags import DEFAULT_BOT_PERMISSIONS, PRIVILEGED_INTENTS, ChannelType, Intent, Op
from .gateway import GatewaySession
from .guild import Guild
from .messages import Message
from .models import Channel, User
from .rest import CoreRoutes, RateLimitRule, make_middleware
from .rest_channels import ChannelRoutes, start_thread
from .rest_interactions import InteractionRoutes
from .state import RequestRecord


class DiscordEmulator(UserActions):
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
        self.no_commands_scope: set[int] = set()
        """Guild ids where the bot was invited without ``applications.commands``: syncing there is 403."""
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
                  bot_permissions: int = DEFAULT_BOT_PERMISSIONS, shard: tuple[int, int] | None = None) -> Guild:
        """A guild the bot is in (with its managed role); dispatches GUILD_CREATE if the bot is connected.
        ``shard=(i, n)`` picks an id that shard ``i`` of ``n`` serves."""
        owner = owner or self.add_user(f"{name} owner")
        guild_id = self._ids.on_shard(*shard) if shard is not None else self.next_id()
        guild = Guild(self, guild_id, name, owner)
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
