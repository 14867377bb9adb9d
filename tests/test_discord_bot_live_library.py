"""Adding articles to a running bot's library with the CLI (the supported way): the real
bot in the emulator answers from what `python -m index add` wrote, and the bot's own
later save keeps the CLI's vectors."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.brain import Brain
from bot.discord_front.permissions import collection_name
from tests.discord_bot_support import bot_running, embed_of, make_world, seed
from tests.discord_bot_support import brain, seeded_library  # noqa: F401  (fixtures)
from tests.discord_emulator import DiscordEmulator
from tests.discord_emulator.fixtures import discord_emulator  # noqa: F401
from tests.test_index_concurrency import run_cli

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.timeout(300)]

FERRY = """Harbour ferry adds a late crossing

The harbour ferry will run every forty minutes on weekdays from next month, the port
authority said on Monday. A late crossing at 23:10 is added on Fridays and Saturdays.
"""


async def test_the_bot_answers_from_articles_the_cli_added_while_it_runs(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path, tmp_path: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    name = collection_name(world.guild.id)
    ferry = tmp_path / "ferry.txt"
    ferry.write_text(FERRY, encoding="utf-8")
    async with bot_running(emu, brain):
        first = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                       {"question": "How many steps does the lighthouse staircase have?"})
        await first.wait_followups(1, timeout=60)  # the bot's library is open and searched
        added = run_cli(brain.settings.data_dir, "--collection", name, "add", str(ferry), "--json")
        assert added.returncode == 0, added.stderr
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                        {"question": "How often will the harbour ferry run on weekdays?"})
        (answer,) = await record.wait_followups(1, timeout=60)
        assert "every forty minutes" in embed_of(answer)["description"]
        more = await emu.invoke_slash(world.guild, world.channel, world.admin, "add",
                                      {"text": "Chess club moves to the library. The chess club now meets "
                                               "on Tuesdays in the town library's reading room.",
                                       "title": "Chess club moves to the library"})
        await more.wait_followups(1, timeout=60)  # the bot writes the FAISS file after the CLI did
    after = run_cli(brain.settings.data_dir, "--collection", name, "search", "harbour ferry weekdays",
                    "--mode", "vector", "--json")
    assert after.returncode == 0, after.stderr
    assert "rebuild" not in after.stderr and "disagree" not in after.stderr
    assert "forty minutes" in after.stdout
