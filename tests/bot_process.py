"""`python -m bot run` in a process of its own, pointed at an emulator on 127.0.0.1, for
tests that send it signals: `python -m tests.bot_process BASE_URL GATEWAY_URL SLOW_SECONDS`.
Answers take SLOW_SECONDS longer, so that a test can stop the bot while one is in flight."""
from __future__ import annotations

import sys
import time
from typing import Any

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.answering import AnswerService
from bot.cli import main


def run(base_url: str, gateway_url: str, slow: float) -> int:
    """Run the real entry point against the emulator."""
    Route.BASE = f"{base_url}/api/v10"
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    ask = AnswerService.ask

    def slow_ask(self: AnswerService, *args: Any, **kwargs: Any) -> Any:
        time.sleep(slow)
        return ask(self, *args, **kwargs)

    AnswerService.ask = slow_ask  # type: ignore[method-assign]
    return main(["run"])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2], float(sys.argv[3])))
