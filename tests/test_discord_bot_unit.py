"""Pure logic of the Discord front: splitting and rendering within Discord's limits,
cooldowns, the conversation store, error messages, uploads; and `python -m bot run`."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.answering import Answer, Citation
from bot.discord_front import build_intents
from bot.discord_front.asking import strip_mention
from bot.discord_front.conversations import ConversationStore
from bot.discord_front.cooldowns import Cooldown
from bot.discord_front.errors import NoLibraryHere, NotAllowed, OnCooldown, user_message
from bot.discord_front.limits import split_text, truncate
from bot.discord_front.literal import highlighted, quote_block
from bot.discord_front.permissions import collection_name, is_manager, library_of
from bot.discord_front.render import answer_embeds, thread_name
from bot.discord_front.render_library import added_text, articles_page, page_count, search_pages
from index.errors import FetchError, InputError, NotFoundError
from index.records import AddResult, ArticleInfo, SearchResult
from index.sources import load_bytes
from tests.discord_bot_support import make_settings

ROOT = Path(__file__).resolve().parents[1]


def embed_size(embed: discord.Embed) -> int:
    """Characters Discord counts towards an embed's 6,000."""
    return len(embed)


def check_limits(embed: discord.Embed) -> None:
    assert len(embed.description or "") <= 4096 and len(embed.title or "") <= 256
    assert len(embed.fields) <= 25 and embed_size(embed) <= 6000
    assert all(0 < len(f.name or "") <= 256 and 0 < len(f.value or "") <= 1024 for f in embed.fields)


# -- text helpers --------------------------------------------------------------------------------

def test_split_text_keeps_every_word_and_prefers_sentence_ends() -> None:
    text = " ".join(f"Sentence number {i} says something." for i in range(400))
    pieces = split_text(text, 500)
    assert all(len(p) <= 500 for p in pieces) and len(pieces) > 20
    assert " ".join(pieces).split() == text.split()
    assert all(p.endswith(".") for p in pieces)


def test_split_text_cuts_a_giant_word_and_leaves_short_text_alone() -> None:
    assert split_text("short", 10) == ["short"]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert split_text("", 10) == []
    with pytest.raises(ValueError):
        split_text("a", 0)


def test_truncate_quote_block_and_highlights() -> None:
    assert truncate("abcdef", 6) == "abcdef" and truncate("abcdefgh", 6) == "abcde…"
    assert quote_block("first line\n\nsecond *line*", 100) == "> first line\n> second \\*line\\*"
    assert len(quote_block("word " * 500, 200)) <= 200
    assert highlighted("the **tram** runs_late", "the tram runs_late") == "the **tram** runs\\_late"
    assert highlighted("unbalanced **tram", "unbalanced tram") == "unbalanced tram"


def test_thread_names_fit_and_never_end_empty() -> None:
    assert thread_name("  How much\n did it cost? ") == "How much did it cost?"
    assert len(thread_name("why " * 100)) <= 100 and thread_name("   ") == "Question"


# -- answers -----------------------------------------------------------------------------------

def citation(n: int, quote: str = "The line has 19 stops.", title: str = "Tram", url: str | None = None) -> Citation:
    return Citation(n=n, article_id=n, title=title, url=url, chunk_id=n, quote=quote, start=0, end=len(quote))


def test_a_short_answer_is_one_embed_with_sources_as_fields() -> None:
    answer = Answer("How many stops?", "The line has 19 stops. [1]",
                    (citation(1, url="https://example.org/tram"),), abstained=False)
    (embed,) = answer_embeds(answer)
    assert embed.title == "How many stops?" and embed.description == "The line has 19 stops. [1]"
    (field,) = embed.fields
    assert field.name == "[1] Tram"
    assert field.value == "article #1 · <https://example.org/tram>\n> The line has 19 stops."
    assert embed.footer.text is None


def test_an_abstention_lists_the_nearest_sources_and_its_notice() -> None:
    near = SearchResult(article_id=7, title="Chess", chunk_id=3, text="Lindqvist won. " * 40, start=0, end=600,
                        score=0.1)
    answer = Answer("Capital of Peru?", "The articles in this library do not answer that.", (), abstained=True,
                    sources=(near,), notice="The language model was unreachable.")
    (embed,) = answer_embeds(answer)
    assert embed.colour == discord.Colour.light_grey()
    value = embed.fields[0].value or ""
    assert embed.fields[0].name == "Chess" and value.startswith("article #7\n> Lindqvist won.")
    assert len(value) < 300 and embed.footer.text == "Note: The language model was unreachable."


def test_a_huge_answer_splits_into_embeds_that_each_fit_one_message() -> None:
    text = " ".join(f"Finding {n} is described at length in the report [{n}]." for n in range(1, 31)) * 30
    citations = tuple(citation(n, quote="A long quoted passage. " * 80, title="T" * 400,
                               url=f"https://example.org/{n}") for n in range(1, 31))
    answer = Answer("Q" * 500, text, citations, abstained=False, notice="note " * 1000)
    embeds = answer_embeds(answer)
    assert len(embeds) >= 4
    for embed in embeds:
        check_limits(embed)
    assert " ".join(e.description or "" for e in embeds).split() == text.split()
    names = [f.name or "" for e in embeds for f in e.fields]
    assert [name.split("]")[0] for name in names] == [f"[{n}" for n in range(1, 31)]
    assert embeds[-1].title == "Sources (continued)"
    assert len(embeds[0].title or "") == 256 and (embeds[0].footer.text or "").endswith("…")


def test_answer_markdown_is_escaped_but_markers_stay() -> None:
    answer = Answer("q", "Use *stars* and __under__ [1]", (citation(1),), abstained=False)
    assert answer_embeds(answer)[0].description == "Use \\*stars\\* and \\_\\_under\\_\\_ [1]"


# -- library rendering --------------------------------------------------------------------------

def hit(n: int) -> SearchResult:
    return SearchResult(article_id=n, title=f"Article {n}", chunk_id=n, text="t", start=0, end=1, score=1.0,
                        snippet=f"the **tram** number {n}")


def test_search_pages_hold_five_hits_each_with_highlights() -> None:
    pages = search_pages("tram", [hit(n) for n in range(1, 13)])
    assert len(pages) == 3 and [len(p.fields) for p in pages] == [5, 5, 2]
    assert pages[1].fields[0].name == "6. Article 6" and "**tram**" in (pages[1].fields[0].value or "")
    assert pages[2].footer.text == "Page 3/3 · 12 matches"
    (empty,) = search_pages("zzz", [])
    assert "No article" in (empty.description or "")


def test_article_pages_and_receipts() -> None:
    info = ArticleInfo(id=3, title="Tram *line*", source="pasted", url="https://example.org/t", date=None,
                       author=None, chunks=1, chars=10, added_at="now")
    page = articles_page([info], 0, 1, 1)
    assert page.description == "**#3** Tram \\*line\\* — 1 chunk · <https://example.org/t>"
    assert "empty" in (articles_page([], 0, 1, 0).description or "")
    assert page_count(0, 10) == 1 and page_count(21, 10) == 3
    assert added_text(AddResult("added", 3, 4, "Tram")) == "Added **Tram** as article #3 (4 chunks)."
    assert added_text(AddResult("updated", 3, 1, "Tram")) == "Updated **Tram** as article #3 (1 chunk)."
    assert added_text(AddResult("unchanged", 3, 4, "Tram")).startswith("Unchanged: **Tram**")


# -- cooldowns, conversations, permissions, errors ----------------------------------------------------

class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_cooldown_refuses_until_the_time_is_up_per_user() -> None:
    clock = Clock()
    cooldown = Cooldown("ask", 10.0, clock=clock)
    cooldown.take(1)
    clock.now += 7.2
    with pytest.raises(OnCooldown) as refused:
        cooldown.take(1)
    assert str(refused.value) == "You can only ask so often: try again in 3 s."
    cooldown.take(2)  # another user is not affected
    clock.now += 2.8
    cooldown.take(1)
    assert cooldown.retry_after(1) == pytest.approx(10.0)


def test_cooldown_of_zero_never_refuses_and_memory_is_bounded() -> None:
    clock = Clock()
    free = Cooldown("ask", 0.0, clock=clock)
    free.take(1)
    free.take(1)
    bounded = Cooldown("ask", 60.0, clock=clock, max_users=3)
    for user in range(10):
        bounded.take(user)
    assert len(bounded._last) == 3 and bounded.retry_after(9) > 0 and bounded.retry_after(0) == 0


def test_conversation_store_is_a_bounded_lru() -> None:
    store = ConversationStore(max_keys=3)
    first = store.get_or_start(1)
    store.link(10, first)  # the answer message of thread 1
    store.get_or_start(2)
    assert store.get(1) is first  # 1 is now the most recent
    store.get_or_start(3)
    assert 10 not in store and store.get(1) is first and len(store) == 3
    assert store.get_or_start(None) is not store.get_or_start(None)
    assert len(store) == 3


def test_collections_permissions_and_mentions() -> None:
    assert collection_name(42) == "guild-42" and library_of(42) == "guild-42"
    with pytest.raises(NoLibraryHere):
        library_of(None)
    user = discord.Object(id=1)
    assert is_manager(user, discord.Permissions(manage_guild=True), None)  # type: ignore[arg-type]
    assert is_manager(user, discord.Permissions(administrator=True), "Librarian")  # type: ignore[arg-type]
    assert not is_manager(user, discord.Permissions(send_messages=True), "Librarian")  # type: ignore[arg-type]
    assert strip_mention("<@5> how old <@!5> is she? <@6>", 5) == "how old   is she? <@6>"


def test_user_messages_for_known_errors_and_none_for_bugs() -> None:
    assert user_message(NotFoundError("no article with id 9 in this library")) == (
        "no article with id 9 in this library")
    assert user_message(FetchError("refused address: 10.0.0.1 is private\nmore")) == (
        "refused address: 10.0.0.1 is private")
    assert user_message(NotAllowed("Only managers.")) == "Only managers."
    assert "try again in 5 s" in (user_message(OnCooldown("ask", 4.1)) or "")
    assert user_message(RuntimeError("boom")) is None
    assert user_message(app_commands.CheckFailure()) == "You cannot use this command here."


def test_intents_ask_for_message_content_only_when_configured(tmp_path: Path) -> None:
    assert not build_intents(make_settings(tmp_path)).message_content
    intents = build_intents(make_settings(tmp_path, message_content_intent=True))
    assert intents.message_content and intents.guild_messages and intents.dm_messages and not intents.members


# -- uploads ---------------------------------------------------------------------------------------

def test_load_bytes_dispatches_on_the_file_name() -> None:
    text = load_bytes(b"Ferry news\nThe ferry runs again.\n", "notes.txt", "notes.txt")
    assert (text.title, text.source) == ("Ferry news", "notes.txt")
    md = load_bytes(b"intro\n\n# Ferry times\n\nBoats leave hourly.", "Times.MD", "Times.MD")
    assert md.title == "Ferry times"
    html = load_bytes(b"<html><head><title>Ferry</title></head><body><article><p>The ferry runs again "
                      b"after a long pause, the council said on Monday.</p></article></body></html>",
                      "page.html", "page.html")
    assert "ferry runs again" in html.text
    with pytest.raises(InputError, match=r"unsupported file type \.docx"):
        load_bytes(b"PK", "report.docx", "report.docx")
    with pytest.raises(InputError, match="unreadable PDF"):
        load_bytes(b"not a pdf", "broken.pdf", "broken.pdf")


def test_load_bytes_reads_a_pdf() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Opening hours")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, "The library opens at eight on Saturdays.")
    doc = load_bytes(bytes(pdf.output()), "hours.pdf", "hours.pdf")
    assert doc.title == "Opening hours" and "eight on Saturdays" in doc.text


# -- the runner ------------------------------------------------------------------------------------

def test_python_m_bot_run_without_a_token_prints_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DISCORD_TOKEN", "DISCORD_TEST_GUILD_ID"}}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-m", "bot", "run"], check=False, cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "DISCORD_TOKEN" in done.stderr and "Traceback" not in done.stderr


def test_masked_links_in_articles_are_shown_not_followed() -> None:
    answer = Answer("q", "Read [the report](https://evil.example/x) now [1]", (citation(1),), abstained=False)
    assert "\\[the report](https://evil.example/x)" in (answer_embeds(answer)[0].description or "")
