"""Counts as users read them: one chunk, two chunks, wherever a count is printed."""
from __future__ import annotations

from bot.discord_front.render_library import added_text, articles_page, removed_text
from bot.text_format import format_articles, format_stats
from index.copying import CopyReport
from index.feed_cli import feed_line
from index.plurals import counted
from index.records import AddResult, ArticleInfo, Feed, Stats


def info(chunks: int) -> ArticleInfo:
    return ArticleInfo(id=4, title="Ferry", source="pasted", url=None, date=None, author=None, chunks=chunks,
                       chars=40, added_at="2026-12-01T10:00:00+00:00")


def test_counted_is_singular_for_one_only() -> None:
    assert [counted(n, "chunk") for n in (0, 1, 2)] == ["0 chunks", "1 chunk", "2 chunks"]
    assert [counted(n, "feed entry", "feed entries") for n in (1, 3)] == ["1 feed entry", "3 feed entries"]


def test_one_chunk_one_article_one_vector() -> None:
    assert AddResult("added", 4, 1, "Ferry").summary() == "added: #4 Ferry (1 chunk)"
    assert AddResult("unchanged", 4, 2, "Ferry").summary() == "unchanged: #4 Ferry (2 chunks)"
    assert format_articles([info(1)]) == "#4 Ferry (1 chunk)"
    assert format_stats(Stats("news", 1, 1, 1, "m", 384, 0, 0, pruned=1)) == (
        "library 'news': 1 article, 1 chunk, 1 vector (m), 1 pruned by the retention limits")
    report = CopyReport("news", "m", articles_copied=1, articles_present=0, chunks_copied=1, feedback_copied=1,
                        feeds_copied=1, feed_entries_copied=1, votes_copied=1)
    assert report.summary() == ("news: copied 1 article (1 chunk, 1 feedback row, 1 feed, 1 feed entry, 1 vote); "
                                "0 already there")


def test_discord_and_feed_lines_count_the_same_way() -> None:
    assert added_text(AddResult("added", 4, 1, "Ferry")) == "Added **Ferry** as article #4 (1 chunk)."
    assert removed_text(info(1)) == "Removed article #4: **Ferry** (1 chunk)."
    page = articles_page([info(1)], 0, 1, 1)
    assert page.description is not None and "— 1 chunk" in page.description
    assert page.footer.text == "Page 1/1 · 1 article · /article ID shows one"
    feed = Feed(id=2, url="https://news.example/feed.xml", title="News", channel_id=None,
                created_at="2026-12-01T10:00:00+00:00", next_check="2026-12-01T10:30:00+00:00", articles_added=1)
    assert "— 1 article added, " in feed_line(feed)
