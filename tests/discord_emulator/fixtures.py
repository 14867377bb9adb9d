"""Pytest helpers: an emulator fixture and ``running_client`` to connect a real discord.py client.

Use from a test module (or list ``"tests.discord_emulator.fixtures"`` in ``pytest_plugins``)::

    from tests.discord_emulator.fixtures import discord_emulator, running_client  # noqa: F401

    async def test_hello(discord_emulator):
        bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())
        async with running_client(discord_emulator, bot):
            ...
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import AsyncIterator, TypeVar

import discord
import pytest_asyncio

from .server import DiscordEmulator

ClientT = TypeVar("ClientT", bound=discord.Client)


@contextlib.asynccontextmanager
async def running_client(emu: DiscordEmulator, client: ClientT, *, token: str | None = None,
                         ready_timeout: float = 10.0, fast: bool = True) -> AsyncIterator[ClientT]:
    """Log ``client`` in against ``emu``, connect it, wait for ``on_ready``; close it on exit.

    ``fast`` removes two waits discord.py makes for the real service: 2 s of silence after the
    last GUILD_CREATE before ``on_ready`` (``guild_ready_timeout``, set to 0.05 s) and 5 s before
    every IDENTIFY after the first (``before_identify_hook``). With it a connect takes ~50 ms.
    On exit the client is closed and its gateway socket is gone from the emulator.
    """
    restore = emu.patch_discord()
    if fast:
        client._connection.guild_ready_timeout = 0.05

        async def identify_now(shard_id: int | None, *, initial: bool = False) -> None:
            return None

        client.before_identify_hook = identify_now  # type: ignore[method-assign]
    runner: asyncio.Task[None] | None = None
    try:
        await client.login(token or emu.token)
        runner = asyncio.create_task(client.connect(reconnect=True), name="emulated-discord-client")
        ready = asyncio.create_task(client.wait_until_ready())
        done, _ = await asyncio.wait({runner, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            if runner in done:
                runner.result()
            raise asyncio.TimeoutError(f"client not ready after {ready_timeout}s; emulator errors: {emu.errors}")
        yield client
    finally:
        await client.close()
        if runner is not None:
            with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError, discord.DiscordException):
                await asyncio.wait_for(runner, 5.0)
        with contextlib.suppress(asyncio.TimeoutError):
            await emu.wait_for(lambda: not emu.gateway.live_sessions, 2.0, description="the socket to close")
        restore()


@pytest_asyncio.fixture
async def discord_emulator() -> AsyncIterator[DiscordEmulator]:
    """A started emulator; stopped afterwards, failing the test if it saw a server-side error
    or an unhandled route (``emu.errors``)."""
    emu = DiscordEmulator()
    await emu.start()
    try:
        yield emu
    finally:
        await emu.stop()
    assert not emu.errors, f"emulator errors: {emu.errors}"
