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
                         ready_timeout: float = 10.0, fast_ready: bool = True) -> AsyncIterator[ClientT]:
    """Log ``client`` in against ``emu``, connect it, wait for ``on_ready``; close it on exit.

    ``fast_ready`` shortens discord.py's ``guild_ready_timeout`` (2 s of silence after the last
    GUILD_CREATE before ``on_ready``) to 0.05 s, which is what keeps a connect under a second.
    """
    restore = emu.patch_discord()
    if fast_ready:
        client._connection.guild_ready_timeout = 0.05
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
