"""`python -m bot run`: start the Discord bot, turn start-up failures into one line, and
stop cleanly on SIGTERM or SIGINT."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import threading

import aiohttp
import discord

from bot.brain import Brain

from .client import ArticleBot, make_bot

log = logging.getLogger(__name__)

BAD_TOKEN = ("error: Discord refused DISCORD_TOKEN: copy the bot token again from the developer "
             "portal (Bot > Reset Token) into .env")
NO_INTENT = ("error: MESSAGE_CONTENT_INTENT is on, but the Message Content intent is not enabled for this bot "
             "in the developer portal (Bot > Privileged Gateway Intents); enable it or unset the setting")


def run_discord(brain: Brain) -> int:
    """Run the bot until it is stopped; return the process exit code."""
    token = brain.settings.discord_token
    if not token:
        print("error: DISCORD_TOKEN is not set", file=sys.stderr)
        return 2
    bot = make_bot(brain)
    try:
        asyncio.run(serve(bot, token, brain.settings.shutdown_grace))
    except discord.LoginFailure:
        print(BAD_TOKEN, file=sys.stderr)
        return 2
    except discord.PrivilegedIntentsRequired:
        print(NO_INTENT, file=sys.stderr)
        return 2
    except (discord.GatewayNotFound, discord.ConnectionClosed, aiohttp.ClientError, OSError) as error:
        log.debug("connection failure", exc_info=error)
        print(f"error: cannot reach Discord ({type(error).__name__}: {error})", file=sys.stderr)
        return 1
    return 0


async def serve(bot: ArticleBot, token: str, grace: float) -> None:
    """Run `bot` until it fails or a SIGTERM/SIGINT arrives; then stop taking questions,
    give those in flight up to `grace` seconds, and close the gateway (the caller closes
    the stores). A second signal while stopping stops at once."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    # Signals reach the main thread only (a bot run from another thread is stopped by its caller).
    signals = (signal.SIGTERM, signal.SIGINT) if threading.current_thread() is threading.main_thread() else ()
    for signum in signals:
        loop.add_signal_handler(signum, stop.set)
    try:
        async with bot:
            running = asyncio.create_task(bot.start(token), name="discord client")
            stopped = asyncio.create_task(stop.wait(), name="stop signal")
            await asyncio.wait({running, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if running.done():
                stopped.cancel()
                running.result()  # a login or connection failure: the caller reports it
                return
            log.info("stopping: no new questions")
            stop.clear()
            shutdown = asyncio.create_task(bot.shutdown(grace), name="shutdown")
            again = asyncio.create_task(stop.wait(), name="second stop signal")
            await asyncio.wait({shutdown, again}, return_when=asyncio.FIRST_COMPLETED)
            if not shutdown.done():
                log.warning("stopping now: a second signal")
                shutdown.cancel()
                await bot.close()
            again.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await running
    finally:
        for signum in signals:
            loop.remove_signal_handler(signum)
