"""The gateway websocket: HELLO, IDENTIFY/READY, heartbeats, dispatch with sequence numbers, RESUME.

Sharding as Discord does it: a session that identified with ``shard: [i, n]`` gets the
guilds with ``(guild_id >> 22) % n == i`` and their events; events of no guild (DMs) go
to shard 0 only.

Each socket gets a writer task fed by a queue, so events reach the client in the order the
emulator produced them even when they are produced from synchronous code.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import zlib
from collections import deque
from typing import TYPE_CHECKING, Any, Callable

from aiohttp import WSMsgType, web

from .flags import PRIVILEGED_INTENTS, CloseCode, Intent, Op
from .models import Json

if TYPE_CHECKING:
    from .state import EmulatorState

_log = logging.getLogger(__name__)
Payload = Json | Callable[["GatewaySession"], Json | None]


class Connection:
    """One websocket; frames are written in order by a dedicated task."""

    def __init__(self, ws: web.WebSocketResponse, compress: bool) -> None:
        self.ws = ws
        self._zlib = zlib.compressobj() if compress else None
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._writer = asyncio.create_task(self._write())

    def send(self, op: int, data: Any, *, seq: int | None = None, event: str | None = None) -> None:
        """Queue a frame."""
        self.send_raw(json.dumps({"op": op, "d": data, "s": seq, "t": event}, separators=(",", ":")))

    def send_raw(self, frame: str) -> None:
        """Queue an already serialised frame."""
        self._queue.put_nowait(frame)

    async def _write(self) -> None:
        while True:
            frame = await self._queue.get()
            try:
                if self._zlib is not None:
                    blob = self._zlib.compress(frame.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
                    await self.ws.send_bytes(blob)
                else:
                    await self.ws.send_str(frame)
            except (ConnectionError, RuntimeError):
                _log.debug("gateway socket closed while writing")
            finally:
                self._queue.task_done()

    async def drain(self) -> None:
        """Wait until every queued frame has been written."""
        await self._queue.join()

    async def close(self, code: int, message: str = "") -> None:
        """Flush, then close the socket with ``code``."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.drain(), 2.0)
        self.stop()
        await self.ws.close(code=code, message=message.encode())

    def stop(self) -> None:
        """Stop the writer task (queued frames are dropped)."""
        self._writer.cancel()


class GatewaySession:
    """An identified session; it outlives its socket so RESUME can replay missed events."""

    def __init__(self, identify: Json) -> None:
        self.session_id = secrets.token_hex(16)
        self.identify = identify
        self.intents = int(identify.get("intents") or 0)
        shard = identify.get("shard") or [0, 1]
        self.shard_id, self.shard_count = int(shard[0]), int(shard[1])
        self.seq = 0
        self.connection: Connection | None = None
        self._buffer: deque[tuple[int, str]] = deque(maxlen=5000)

    def has(self, intent: int) -> bool:
        """Whether the session identified with every bit of ``intent``."""
        return self.intents & intent == intent

    def owns(self, guild_id: int | None) -> bool:
        """Whether this session's shard receives the events of ``guild_id`` (None: no guild)."""
        if guild_id is None:
            return self.shard_id == 0
        return (guild_id >> 22) % self.shard_count == self.shard_id

    def dispatch(self, event: str, data: Json) -> None:
        """Number, remember and (when connected) send one DISPATCH."""
        self.seq += 1
        frame = json.dumps({"op": Op.DISPATCH, "d": data, "s": self.seq, "t": event}, separators=(",", ":"))
        self._buffer.append((self.seq, frame))
        if self.connection is not None:
            self.connection.send_raw(frame)

    def replay_after(self, seq: int) -> list[str] | None:
        """Frames after ``seq``, or None when they are no longer buffered."""
        if self._buffer and self._buffer[0][0] > seq + 1:
            return None
        return [frame for s, frame in self._buffer if s > seq]


class Gateway:
    """Accepts gateway websockets for one emulator and fans events out to sessions."""

    def __init__(self, emu: EmulatorState) -> None:
        self._emu = emu
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: set[Connection] = set()
        self.heartbeats = 0
        self.presence_updates: list[Json] = []

    @property
    def live_sessions(self) -> list[GatewaySession]:
        """Sessions that currently have a socket."""
        return [s for s in self.sessions.values() if s.connection is not None]

    def dispatch(self, event: str, payload: Payload, *, intent: int = 0) -> None:
        """Send ``event`` to every session with ``intent``; a callable payload is built per session
        (returning None skips that session)."""
        for session in list(self.sessions.values()):
            if intent and not session.has(intent):
                continue
            data = payload(session) if callable(payload) else payload
            if data is not None and session.owns(_guild_of(event, data)):
                session.dispatch(event, data)

    async def flush(self) -> None:
        """Wait until every queued frame has reached the sockets."""
        for conn in list(self.connections):
            await conn.drain()

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """The websocket endpoint (``DEFAULT_GATEWAY`` and ``resume_gateway_url``)."""
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        conn = Connection(ws, request.query.get("compress") == "zlib-stream" and self._emu.gateway_compression)
        self.connections.add(conn)
        conn.send(Op.HELLO, {"heartbeat_interval": self._emu.heartbeat_interval_ms})
        session: GatewaySession | None = None
        try:
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    if msg.type is WSMsgType.BINARY:
                        await conn.close(CloseCode.DECODE_ERROR, "Error while decoding payload.")
                    break
                try:
                    frame = json.loads(msg.data)
                except ValueError:
                    frame = None
                if not isinstance(frame, dict):
                    await conn.close(CloseCode.DECODE_ERROR, "Error while decoding payload.")
                    break
                try:
                    session = await self._on_frame(conn, session, frame)
                except Exception as exc:  # noqa: BLE001 (an emulator bug must surface in emu.errors)
                    self._emu.errors.append(f"gateway op {frame.get('op')}: {exc!r}")
                    await conn.close(4000, "Unknown error.")
                    break
                if ws.closed:
                    break
        finally:
            if session is not None and session.connection is conn:
                session.connection = None
                # A client closing with 1000/1001 ends its session; Discord would refuse a RESUME.
                if ws.close_code in (1000, 1001):
                    self.sessions.pop(session.session_id, None)
            self.connections.discard(conn)
            conn.stop()
            self._emu._notify()
        return ws

    async def _on_frame(self, conn: Connection, session: GatewaySession | None, frame: Json) -> GatewaySession | None:
        op, raw = frame.get("op"), frame.get("d")
        data: Json = raw if isinstance(raw, dict) else {}
        if op == Op.HEARTBEAT:
            self.heartbeats += 1
            conn.send(Op.HEARTBEAT_ACK, None)
        elif op == Op.IDENTIFY:
            if session is not None:
                await conn.close(CloseCode.ALREADY_AUTHENTICATED, "Already authenticated.")
                return session
            return await self._identify(conn, data)
        elif op == Op.RESUME:
            return await self._resume(conn, data)
        elif session is None:
            await conn.close(CloseCode.NOT_AUTHENTICATED, "Not authenticated.")
        elif op == Op.REQUEST_GUILD_MEMBERS:
            self._send_chunk(session, data)
        elif op in (Op.PRESENCE_UPDATE, Op.VOICE_STATE_UPDATE):
            self.presence_updates.append(data)
        else:
            await conn.close(CloseCode.UNKNOWN_OPCODE, "Unknown opcode.")
        return session

    def _token_ok(self, token: Any) -> bool:
        return isinstance(token, str) and token.removeprefix("Bot ") == self._emu.token

    async def _identify(self, conn: Connection, data: Json) -> GatewaySession | None:
        emu = self._emu
        if not self._token_ok(data.get("token")):
            await conn.close(CloseCode.AUTHENTICATION_FAILED, "Authentication failed.")
            return None
        if "intents" not in data:
            await conn.close(CloseCode.INVALID_INTENTS, "Invalid intent(s).")
            return None
        if int(data["intents"]) & PRIVILEGED_INTENTS & ~emu.allowed_privileged_intents:
            await conn.close(CloseCode.DISALLOWED_INTENTS, "Disallowed intent(s).")
            return None
        shard = data.get("shard")
        if shard is not None and not (isinstance(shard, list) and len(shard) == 2
                                      and 0 <= int(shard[0]) < int(shard[1])):
            await conn.close(CloseCode.INVALID_SHARD, "Invalid shard.")
            return None
        if shard is None and emu.shard_count > 1:
            await conn.close(CloseCode.SHARDING_REQUIRED, "Sharding required.")
            return None
        session = GatewaySession(data)
        emu.identifies.append(data)
        self.sessions[session.session_id] = session
        session.connection = conn
        session.dispatch("READY", {
            "v": 10,
            "user": {**emu.bot_user.payload(), "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in emu.guilds if session.owns(g.id)],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": emu.gateway_url,
            "shard": data.get("shard", [0, 1]),
            "application": {"id": str(emu.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "user_settings": {},
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
        })
        if session.has(Intent.GUILDS):
            for guild in (g for g in emu.guilds if session.owns(g.id)):
                session.dispatch("GUILD_CREATE", emu.guild_create_payload(guild, session))
        emu._notify()
        return session

    async def _resume(self, conn: Connection, data: Json) -> GatewaySession | None:
        if not self._token_ok(data.get("token")):
            await conn.close(CloseCode.AUTHENTICATION_FAILED, "Authentication failed.")
            return None
        session = self.sessions.get(str(data.get("session_id")))
        frames = session.replay_after(int(data.get("seq") or 0)) if session is not None else None
        if session is None or frames is None:
            conn.send(Op.INVALID_SESSION, False)
            return None
        if session.connection is not None and session.connection is not conn:
            await session.connection.close(4000, "Session resumed elsewhere.")
        session.connection = conn
        for frame in frames:
            conn.send_raw(frame)
        session.dispatch("RESUMED", {})
        self._emu.resumes += 1
        self._emu._notify()
        return session

    def _send_chunk(self, session: GatewaySession, data: Json) -> None:
        guild = next((g for g in self._emu.guilds if str(g.id) == str(data.get("guild_id"))), None)
        if guild is None:
            return
        members = list(guild.members.values())
        if data.get("user_ids"):
            wanted = {int(u) for u in data["user_ids"]}
            members = [m for m in members if m.id in wanted]
        elif data.get("query"):
            members = [m for m in members if m.user.name.lower().startswith(str(data["query"]).lower())]
        if data.get("limit"):
            members = members[: int(data["limit"])]
        session.dispatch("GUILD_MEMBERS_CHUNK", {
            "guild_id": str(guild.id), "members": [m.payload() for m in members],
            "chunk_index": 0, "chunk_count": 1, "not_found": [], "nonce": data.get("nonce"),
        })

    async def send_op(self, op: int, data: Any) -> None:
        """Send a non-dispatch opcode (RECONNECT, INVALID_SESSION…) to every socket."""
        for conn in list(self.connections):
            conn.send(op, data)
        await self.flush()

    async def close(self, code: int = 1001) -> None:
        """Close every socket (sessions stay resumable)."""
        for conn in list(self.connections):
            await conn.close(code, "Emulator going away.")


_GUILD_EVENTS = frozenset({"GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE"})


def _guild_of(event: str, data: Json) -> int | None:
    """The guild an event belongs to (its shard receives it), or None."""
    raw = data.get("id") if event in _GUILD_EVENTS else data.get("guild_id")
    return int(raw) if raw is not None else None
