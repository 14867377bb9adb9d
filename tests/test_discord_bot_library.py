"""The Discord bot's library commands end to end: /add (text, url, file), /remove,
permissions, cooldowns, /search and /articles paging, /article, /stats."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bot.brain import Brain
from index.embedding import MiniLMEmbedder
from index.sources import from_text
from tests.discord_bot_support import (MANAGER_ROLE, Pages, bot_running, custom_ids, embed_of, make_brain, make_world,
                                       seed)
from tests.discord_bot_support import brain, seeded_library, web_pages  # noqa: F401  (fixtures)
from tests.discord_emulator import CallbackType, DiscordEmulator, InteractionRecord, Message
from tests.discord_emulator.fixtures import discord_emulator  # noqa: F401

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.timeout(60)]


async def reply_of(record: InteractionRecord) -> Message:
    """The one message that answered an interaction (after a deferral or directly)."""
    return await record.wait_original(timeout=20)


def pdf_bytes(title: str, text: str) -> bytes:
    """A one-page PDF with a title in its metadata."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


ARTICLE_HTML = """<html><head><title>Night ferry returns | Island Post</title></head><body><article>
<h1>Night ferry returns</h1><p>The night ferry between Port Alder and the outer islands returns in June
after a {gap} pause, the island council announced.</p><p>Tickets cost four euros and bicycles travel free.</p>
</article></body></html>"""


async def test_add_from_text_url_and_files_reports_added_unchanged_updated(
        discord_emulator: DiscordEmulator, brain: Brain, web_pages: Pages) -> None:
    emu = discord_emulator
    world = make_world(emu)
    async with bot_running(emu, brain):
        async def add(**options: Any) -> str:
            files = {"file": options.pop("file")} if "file" in options else None
            record = await emu.invoke_slash(world.guild, world.channel, world.admin, "add", options,
                                            attachments=files)
            callback = await record.wait_response()
            assert callback.type == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
            message = await reply_of(record)
            assert message.ephemeral
            return message.content

        text = "The Zephyr canal reopened after volunteers rebuilt its lock gates over two winters."
        assert await add(text=text, title="Zephyr canal") == "Added **Zephyr canal** as article #1 (1 chunk)."
        assert await add(text=text, title="Zephyr canal") == (
            "Unchanged: **Zephyr canal** is already in the library as article #1.")
        assert await add(text=text, title="Zephyr canal digest") == (  # the same text under a new title: renamed
            "Updated **Zephyr canal digest** as article #1 (1 chunk).")

        web_pages.pages["/ferry.html"] = ("text/html; charset=utf-8", ARTICLE_HTML.format(gap="two-year").encode())
        url = f"{web_pages.base}/ferry.html"
        assert (await add(url=url)).startswith("Added **Night ferry returns** as article #2")
        web_pages.pages["/ferry.html"] = ("text/html; charset=utf-8", ARTICLE_HTML.format(gap="three-year").encode())
        assert (await add(url=url)).startswith("Updated **Night ferry returns** as article #2")

        notes = b"# Allotment waiting list\n\nThe allotment society has 64 families on its waiting list.\n"
        assert (await add(file=("allotments.md", notes))).startswith("Added **Allotment waiting list** as article #3")
        pdf = pdf_bytes("Library opening hours", "The town library now opens at eight on Saturdays.")
        assert (await add(file=("hours.pdf", pdf))).startswith("Added **Library opening hours** as article #4")
        assert "unsupported file type .docx" in await add(file=("report.docx", b"PK\x03\x04 not a text"))

        both = await emu.invoke_slash(world.guild, world.channel, world.admin, "add", {"url": url, "text": text})
        refusal = await reply_of(both)
        assert both.response_type == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE and refusal.ephemeral
        assert refusal.content == "give exactly one of url, file or text"

        refused = await add(url="http://10.0.0.1/internal")
        assert "10.0.0.1" in refused and "Traceback" not in refused

        searched = await emu.invoke_slash(world.guild, world.channel, world.alice, "search", {"query": "ferry"})
        assert "**ferry**" in (await reply_of(searched)).embed_text
        by_title = await emu.invoke_slash(world.guild, world.channel, world.alice, "search", {"query": "digest"})
        shown = (await reply_of(by_title)).embed_text
        assert "Zephyr canal digest" in shown and "*(the title matched)*" in shown  # the passage never says it
        asked = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask",
                                       {"question": "How many families are on the allotment waiting list?"})
        assert "64 families" in (await reply_of(asked)).embed_text


async def test_add_and_remove_need_manage_server_or_the_manager_role(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    librarian = emu.add_user("librarian")
    world.guild.add_member(librarian, roles=[world.guild.add_role(MANAGER_ROLE)])
    async with bot_running(emu, brain):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "add",
                                        {"text": "Not allowed to add this article at all, sorry."})
        refusal = await reply_of(record)
        assert record.response_type == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE and refusal.ephemeral
        assert refusal.content == ("Only members with the Manage Server permission or the **Librarian** role "
                                   "can change this server's library.")
        removal = await emu.invoke_slash(world.guild, world.channel, world.alice, "remove", {"id": 1})
        assert "Manage Server" in (await reply_of(removal)).content

        allowed = await emu.invoke_slash(world.guild, world.channel, librarian, "add",
                                         {"text": "The librarian may add this article about opening hours.",
                                          "title": "Opening hours"})
        assert (await reply_of(allowed)).content == "Added **Opening hours** as article #5 (1 chunk)."
        removed = await emu.invoke_slash(world.guild, world.channel, world.admin, "remove", {"id": 1})
        assert (await reply_of(removed)).content == (
            "Removed article #1: **Bakers in Lindenfeld form a cooperative to buy flour together** (4 chunks).")
        gone = await emu.invoke_slash(world.guild, world.channel, world.admin, "remove", {"id": 1})
        message = await reply_of(gone)
        assert message.ephemeral and message.content.startswith("no article with id 1")
        stats = await emu.invoke_slash(world.guild, world.channel, world.alice, "stats")
        assert "Articles\n4" in (await reply_of(stats)).embed_text


async def test_cooldowns_refuse_with_the_time_to_wait(discord_emulator: DiscordEmulator, tmp_path: Path,
                                                      embedder: MiniLMEmbedder, seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    slow = make_brain(tmp_path / "data", embedder, ask_cooldown=30.0, add_cooldown=60.0)
    seed(slow, world.guild, seeded_library)
    try:
        async with bot_running(emu, slow):
            question = {"question": "How much did the tram line cost?"}
            first = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", question)
            assert "412 million" in (await reply_of(first)).embed_text
            again = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", question)
            refusal = await reply_of(again)
            assert again.response_type == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE and refusal.ephemeral
            assert re.fullmatch(r"You can only ask so often: try again in (29|30) s\.", refusal.content)
            said = await emu.post_message(world.channel, world.alice, "How much did the tram line cost?",
                                          mentions=[emu.bot_user])
            reply = await emu.wait_for_message(world.channel, after=said)
            assert "try again in" in reply.content and reply.reference is said

            other = await emu.invoke_slash(world.guild, world.channel, world.admin, "ask", question)
            assert "412 million" in (await reply_of(other)).embed_text  # one user's cooldown only

            text = {"text": "A short article about the harbour's new crane."}
            assert (await reply_of(await emu.invoke_slash(world.guild, world.channel, world.admin, "add", text))
                    ).content.startswith("Added")
            late = await reply_of(await emu.invoke_slash(world.guild, world.channel, world.admin, "add", text))
            assert re.fullmatch(r"You can only add articles so often: try again in (59|60) s\.", late.content)
    finally:
        slow.close()


def lantern_article(paragraphs: int = 12) -> str:
    """A long article whose every paragraph (a chunk each) mentions lanterns."""
    body = [f"Lantern night, part {i}: the lantern makers of the old town lit {i * 10} paper lanterns along "
            f"the river. " + "The crowd walked slowly along the embankment while the bands played. " * 14
            for i in range(1, paragraphs + 1)]
    return "The lantern festival\n\n" + "\n\n".join(body)


async def test_search_pages_turn_with_buttons_for_their_owner_only(
        discord_emulator: DiscordEmulator, brain: Brain, seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    result = brain.kb.collection(f"guild-{world.guild.id}").add(from_text(lantern_article(), None))
    assert result.chunks >= 11
    async with bot_running(emu, brain):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "search", {"query": "lantern"})
        assert (await record.wait_response()).type == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
        page = await reply_of(record)
        embed = embed_of(page)
        assert [f["name"][:2] for f in embed["fields"]] == ["1.", "2.", "3.", "4.", "5."]
        assert "**lantern" in embed["fields"][0]["value"].lower() and "article #5" in embed["fields"][0]["value"]
        found = re.search(r"· (\d+) matches", embed["footer"]["text"])
        assert found is not None
        total = int(found.group(1))
        pages = -(-total // 5)
        assert total >= 11 and embed["footer"]["text"].startswith(f"Page 1/{pages}")
        assert custom_ids(page) == ["pager:previous", "pager:next"]
        assert page.component("pager:previous")["disabled"] is True

        turned = await emu.click_button(page, world.alice, "pager:next")
        assert (await turned.wait_response()).type == CallbackType.UPDATE_MESSAGE
        assert embed_of(page)["fields"][0]["name"].startswith("6.")
        assert embed_of(page)["footer"]["text"].startswith(f"Page 2/{pages}")
        assert page.component("pager:previous")["disabled"] is False

        stranger = await emu.click_button(page, world.admin, "pager:next")
        warning = await stranger.wait_original()
        assert warning.ephemeral and "Only the person who ran the command" in warning.content
        assert embed_of(page)["footer"]["text"].startswith(f"Page 2/{pages}")

        for _ in range(pages - 2):
            await (await emu.click_button(page, world.alice, "pager:next")).wait_response()
        assert embed_of(page)["footer"]["text"].startswith(f"Page {pages}/{pages}")
        assert page.component("pager:next")["disabled"] is True
        back = await emu.click_button(page, world.alice, "pager:previous")
        await back.wait_response()
        assert embed_of(page)["footer"]["text"].startswith(f"Page {pages - 1}/{pages}")
        assert all(edit["allowed_mentions"]["parse"] == [] for edit in page.edits)


async def test_page_buttons_go_away_when_they_time_out(discord_emulator: DiscordEmulator, brain: Brain,
                                                       seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    brain.kb.collection(f"guild-{world.guild.id}").add(from_text(lantern_article(), None))
    async with bot_running(emu, brain) as bot:
        bot.pager_timeout = 0.3
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "search", {"query": "lantern"})
        page = await reply_of(record)
        assert custom_ids(page) == ["pager:previous", "pager:next"]
        await emu.wait_for(lambda: not page.components, 5, description="the buttons to be removed")
        assert embed_of(page)["footer"]["text"].startswith("Page 1/")  # the page itself stays


async def test_articles_pages_article_details_and_stats(discord_emulator: DiscordEmulator, brain: Brain,
                                                        seeded_library: Path) -> None:
    emu = discord_emulator
    world = make_world(emu)
    seed(brain, world.guild, seeded_library)
    brain.kb.collection(f"guild-{world.guild.id}").add_many(
        [from_text(f"Council notice number {i}: the bins are collected on day {i} of the month.", f"Notice {i}")
         for i in range(5, 13)])
    async with bot_running(emu, brain):
        record = await emu.invoke_slash(world.guild, world.channel, world.alice, "articles")
        listing = await reply_of(record)
        lines = embed_of(listing)["description"].split("\n")
        assert len(lines) == 10 and lines[0].startswith("**#1** Bakers in Lindenfeld")
        assert "<https://news.example.org/2026/05/skerry-point-lighthouse>" in lines[3]
        assert embed_of(listing)["footer"]["text"].startswith("Page 1/2 · 12 articles")
        await (await emu.click_button(listing, world.alice, "pager:next")).wait_response()
        assert embed_of(listing)["description"].split("\n") == ["**#11** Notice 11 — 1 chunk",
                                                                 "**#12** Notice 12 — 1 chunk"]

        details = await emu.invoke_slash(world.guild, world.channel, world.alice, "article", {"id": 4})
        assert (await details.wait_response()).type == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
        shown = await reply_of(details)
        embed = embed_of(shown)
        assert shown.ephemeral and embed["title"] == "#4 Volunteers restore Skerry Point lighthouse"
        fields = {f["name"]: f["value"] for f in embed["fields"]}
        assert fields["Link"] == "https://news.example.org/2026/05/skerry-point-lighthouse"
        assert fields["Date"] == "2026-05-19" and fields["Author"] == "Owen Tremayne" and fields["Chunks"] == "3"
        assert embed["description"].startswith("> ") and "forty volunteers" in embed["description"]
        assert len(embed["description"]) <= 320

        missing = await emu.invoke_slash(world.guild, world.channel, world.alice, "article", {"id": 999})
        error = await reply_of(missing)
        assert error.ephemeral and error.content.startswith("no article with id 999")
        assert "Traceback" not in error.content

        stats = await emu.invoke_slash(world.guild, world.channel, world.alice, "stats")
        text = (await reply_of(stats)).embed_text
        assert "Articles\n12" in text and "Chunks\n" in text and "all-MiniLM-L6-v2" in text
        assert f"This server's library (guild-{world.guild.id})" in text  # what --guild picks in a terminal
