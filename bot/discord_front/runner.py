"""`python -m bot run`: start the Discord bot and turn start-up failures into one line."""
from __future__ import annotations

import logging
import sys

import aiohttp
import discord

from bot.brain import Brain

from .client import make_bot

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
        bot.run(token, log_handler=None)
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
