"""REST plumbing (body parsing, auth, request log, one-shot 429s, Discord error JSON) and the
routes for users, the application, commands, guilds and attachments."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware
from multidict import MultiDictProxy

from .flags import Intent
from .limits import ApiError, Problem, invalid_form_body
from .models import Json
from .state import RequestRecord

if TYPE_CHECKING:
    from .server import DiscordEmulator

API = "/api/v10"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")
Upload = tuple[str, bytes, "str | None"]
JSON_KEY: web.RequestKey[Any] = web.RequestKey("discord_emulator_json", object)
UPLOADS_KEY: web.RequestKey[list[Upload]] = web.RequestKey("discord_emulator_uploads", list)


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with ``Content-Type: application/json`` exactly; discord.py treats anything else as text."""
    return web.Response(status=status, body=json.dumps(data).encode(),
                        headers={"Content-Type": "application/json", **(headers or {})})


def no_content() -> web.Response:
    """204."""
    return web.Response(status=204)


def body(request: web.Request) -> Json:
    """The JSON body (or multipart ``payload_json``) parsed by the middleware; ``{}`` when absent."""
    data = request.get(JSON_KEY)
    return data if isinstance(data, dict) else {}


def uploads(request: web.Request) -> list[Upload]:
    """Multipart files as ``(filename, bytes, content_type)``, in ``files[n]`` order."""
    return list(request.get(UPLOADS_KEY, []))


@dataclass
class RateLimitRule:
    """A pending one-shot 429 (``hits`` counts how often it fired)."""

    method: str
    path_prefix: str
    retry_after: float
    is_global: bool = False
    remaining: int = 1
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        """Whether this rule applies to a request (path relative to ``/api/v10``)."""
        return self.remaining > 0 and method == self.method.upper() and path.startswith(self.path_prefix)

    def response(self) -> web.Response:
        """The 429 Discord sends (``Via`` present, or discord.py assumes a Cloudflare ban)."""
        self.remaining -= 1
        self.hits += 1
        headers = {
            "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + self.retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{self.retry_after:.3f}",
            "X-RateLimit-Bucket": f"emulator-{abs(hash(self.path_prefix)):x}",
            "X-RateLimit-Scope": "global" if self.is_global else "user",
            "Retry-After": str(max(1, round(self.retry_after))),
            "Via": "1.1 discord-emulator",
        }
        if self.is_global:
            headers["X-RateLimit-Global"] = "true"
        return json_response({"message": "You are being rate limited.", "retry_after": self.retry_after,
                              "global": self.is_global}, 429, headers)


async def _read_body(request: web.Request) -> None:
    ctype = request.content_type
    if ctype == "application/json":
        raw = await request.read()
        request[JSON_KEY] = json.loads(raw) if raw else None
    elif ctype == "multipart/form-data":
        form: MultiDictProxy[Any] = await request.post()
        request[JSON_KEY] = json.loads(form["payload_json"]) if "payload_json" in form else None
        files = [(k, v) for k, v in form.items() if isinstance(v, web.FileField)]
        files.sort(key=lambda kv: int(re.sub(r"\D", "", kv[0]) or 0))
        uploaded: list[Upload] = [(f.filename, f.file.read(), f.content_type) for _, f in files]
        request[UPLOADS_KEY] = uploaded


def make_middleware(emu: DiscordEmulator) -> Middleware:
    """Logs requests, fires pending 429s, checks the bot token and renders errors as Discord does."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API + "/"):
            return await handler(request)
        path = request.path[len(API):]
        record = RequestRecord(request.method, path, dict(request.query), None)
        emu.requests.append(record)
        try:
            await _read_body(request)
            record.json = request.get(JSON_KEY)
            record.files = [name for name, _, _ in uploads(request)]
            response = await _guarded(emu, request, handler, path)
        except ApiError as exc:
            response = json_response(exc.body, exc.status)
        except web.HTTPException as exc:
            if exc.status == 404 or exc.status == 405:
                emu.errors.append(f"unhandled route {request.method} {path}")
            response = json_response({"message": f"{exc.status}: {exc.reason}", "code": 0}, exc.status)
        except Exception as exc:  # noqa: BLE001 (a bug in the emulator must fail the test, not hang it)
            emu.errors.append(f"{request.method} {path}: {exc!r}")
            response = json_response({"message": "500: Internal Server Error", "code": 0}, 500)
        record.status = response.status
        emu._notify()
        return response

    return middleware


async def _guarded(emu: DiscordEmulator, request: web.Request, handler: Handler, path: str) -> web.StreamResponse:
    for rule in emu.rate_limits:
        if rule.matches(request.method, path):
            return rule.response()
    if not path.startswith(("/webhooks/", "/interactions/")):
        if request.headers.get("Authorization") != f"Bot {emu.token}":
            raise ApiError(401, 0, "401: Unauthorized")
    if any(len(data) > emu.upload_limit for _, data, _ in uploads(request)):
        raise ApiError(413, 40005, "Request entity too large")
    return await handler(request)


def _command_problems(commands: list[Json]) -> list[Problem]:
    out: list[Problem] = []
    for i, cmd in enumerate(commands):
        name = str(cmd.get("name", ""))
        if cmd.get("type", 1) == 1 and not (_COMMAND_NAME.match(name) and name.lower() == name):
            out.append(((i, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"))
        if cmd.get("type", 1) == 1 and not 1 <= len(cmd.get("description", "")) <= 100:
            out.append(((i, "description"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
        if len(cmd.get("options") or []) > 25:
            out.append(((i, "options"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
        for j, opt in enumerate(cmd.get("options") or []):
            if not 1 <= len(opt.get("description", "")) <= 100:
                out.append(((i, "options", j, "description"), "BASE_TYPE_BAD_LENGTH",
                            "Must be between 1 and 100 in length."))
            if len(opt.get("choices") or []) > 25:
                out.append(((i, "options", j, "choices"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
    return out


class CoreRoutes:
    """Users, application, gateway info, commands, guilds, DM channels, attachment downloads."""

    def __init__(self, emu: DiscordEmulator) -> None:
        self._emu = emu

    def routes(self) -> list[web.RouteDef]:
        """The route table."""
        return [
            web.get(API + "/users/@me", self.me),
            web.get(API + "/users/{user_id:\\d+}", self.user),
            web.post(API + "/users/@me/channels", self.create_dm),
            web.delete(API + "/users/@me/guilds/{guild_id}", self.leave_guild),
            web.get(API + "/oauth2/applications/@me", self.application),
            web.get(API + "/applications/@me", self.application),
            web.get(API + "/gateway", self.gateway),
            web.get(API + "/gateway/bot", self.gateway),
            web.get(API + "/applications/{app_id}/commands", self.get_commands),
            web.put(API + "/applications/{app_id}/commands", self.put_commands),
            web.get(API + "/applications/{app_id}/guilds/{guild_id}/commands", self.get_commands),
            web.put(API + "/applications/{app_id}/guilds/{guild_id}/commands", self.put_commands),
            web.get(API + "/guilds/{guild_id}", self.get_guild),
            web.get(API + "/guilds/{guild_id}/channels", self.guild_channels),
            web.get(API + "/guilds/{guild_id}/roles", self.guild_roles),
            web.get(API + "/guilds/{guild_id}/members/{user_id}", self.guild_member),
            web.get("/attachments/{att_id}/{filename}", self.download),
        ]

    async def me(self, request: web.Request) -> web.Response:
        """``GET /users/@me`` (login)."""
        return json_response({**self._emu.bot_user.payload(), "verified": True, "mfa_enabled": False, "flags": 0})

    async def user(self, request: web.Request) -> web.Response:
        """``GET /users/{id}``."""
        user = self._emu.users.get(int(request.match_info["user_id"]))
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return json_response(user.payload())

    async def create_dm(self, request: web.Request) -> web.Response:
        """``POST /users/@me/channels``."""
        user = self._emu.users.get(int(body(request).get("recipient_id", 0)))
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return json_response(self._emu.dm_channel(user).payload())

    async def leave_guild(self, request: web.Request) -> web.Response:
        """``DELETE /users/@me/guilds/{id}``."""
        self._emu.remove_guild(self._emu.guild(int(request.match_info["guild_id"])))
        return no_content()

    async def application(self, request: web.Request) -> web.Response:
        """``GET /oauth2/applications/@me`` (login)."""
        emu = self._emu
        return json_response({
            "id": str(emu.application_id), "name": emu.bot_user.name, "description": "", "icon": None,
            "bot_public": False, "bot_require_code_grant": False, "owner": emu.app_owner.payload(),
            "verify_key": "0" * 64, "flags": _application_flags(emu.allowed_privileged_intents), "team": None,
            "bot": emu.bot_user.payload(), "summary": "", "redirect_uris": [], "interactions_endpoint_url": None,
        })

    async def gateway(self, request: web.Request) -> web.Response:
        """``GET /gateway`` and ``/gateway/bot`` (AutoShardedClient only)."""
        limits = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": self._emu.gateway_url.rstrip("/"), "shards": self._emu.shard_count,
                              "session_start_limit": limits})

    def _scope(self, request: web.Request) -> int | None:
        if int(request.match_info["app_id"]) != self._emu.application_id:
            raise ApiError(404, 10002, "Unknown Application")
        guild_id = request.match_info.get("guild_id")
        if guild_id and int(guild_id) in self._emu.no_commands_scope:
            raise ApiError(403, 50001, "Missing Access")
        return self._emu.guild(int(guild_id)).id if guild_id else None

    async def get_commands(self, request: web.Request) -> web.Response:
        """``GET .../commands``."""
        return json_response(self._emu.commands.get(self._scope(request), []))

    async def put_commands(self, request: web.Request) -> web.Response:
        """``PUT .../commands`` (``tree.sync()``): replaces the set, keeping ids of unchanged names."""
        scope = self._scope(request)
        raw = request.get(JSON_KEY)
        if not isinstance(raw, list):
            raise invalid_form_body([((), "ARRAY_TYPE_CONVERT", "Only iterables may be used in a ListType")])
        if len(raw) > 100:
            raise invalid_form_body([((), "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")])
        if problems := _command_problems(raw):
            raise invalid_form_body(problems)
        old = {(c["name"], c.get("type", 1)): c["id"] for c in self._emu.commands.get(scope, [])}
        stored = []
        for cmd in raw:
            ident = old.get((cmd["name"], cmd.get("type", 1))) or str(self._emu.next_id())
            stored.append({**cmd, "id": ident, "application_id": str(self._emu.application_id),
                           "version": str(self._emu.next_id()), "type": cmd.get("type", 1),
                           **({"guild_id": str(scope)} if scope else {})})
        self._emu.commands[scope] = stored
        return json_response(stored)

    async def get_guild(self, request: web.Request) -> web.Response:
        """``GET /guilds/{id}``."""
        guild = self._emu.guild(int(request.match_info["guild_id"]))
        data = guild.payload(include_members=False)
        for key in ("members", "channels", "threads", "presences", "voice_states", "joined_at", "large"):
            data.pop(key, None)
        data.update(approximate_member_count=len(guild.members), approximate_presence_count=0)
        return json_response(data)

    async def guild_channels(self, request: web.Request) -> web.Response:
        """``GET /guilds/{id}/channels``."""
        guild = self._emu.guild(int(request.match_info["guild_id"]))
        return json_response([c.payload() for c in guild.channels.values() if not c.is_thread])

    async def guild_roles(self, request: web.Request) -> web.Response:
        """``GET /guilds/{id}/roles``."""
        guild = self._emu.guild(int(request.match_info["guild_id"]))
        return json_response([r.payload() for r in guild.roles.values()])

    async def guild_member(self, request: web.Request) -> web.Response:
        """``GET /guilds/{id}/members/{user_id}``."""
        guild = self._emu.guild(int(request.match_info["guild_id"]))
        member = guild.members.get(int(request.match_info["user_id"]))
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        return json_response(member.payload())

    async def download(self, request: web.Request) -> web.Response:
        """``GET /attachments/{id}/{filename}``: the bytes of an attachment (the CDN's job)."""
        att = self._emu.attachments.get(int(request.match_info["att_id"]))
        if att is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=att.data, content_type=att.content_type or "application/octet-stream")


def _application_flags(allowed: int) -> int:
    # An unverified app toggles privileged intents as GATEWAY_*_LIMITED flags (bits 15 and 19).
    flags = 0
    if allowed & Intent.GUILD_MEMBERS:
        flags |= 1 << 15
    if allowed & Intent.MESSAGE_CONTENT:
        flags |= 1 << 19
    return flags
