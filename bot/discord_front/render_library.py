"""Search hits, article lists, one article's details, stats and add/remove receipts for Discord."""
from __future__ import annotations

import math

import discord

from index.plurals import counted
from index.records import AddResult, Article, ArticleInfo, SearchResult, Stats

from .limits import DESCRIPTION_LIMIT, FIELD_NAME_LIMIT, FIELD_VALUE_LIMIT, TITLE_LIMIT, link, one_line, truncate
from .literal import escape, highlighted, quote_block
from .render import heading

COLOUR = discord.Colour.dark_teal()
SEARCH_PER_PAGE = 5
ARTICLES_PER_PAGE = 10
DETAIL_EXCERPT = 300
_LINE_LIMIT = DESCRIPTION_LIMIT // ARTICLES_PER_PAGE - 10


def page_count(total: int, per_page: int) -> int:
    """How many pages `total` items fill (at least one, which may be empty)."""
    return max(1, math.ceil(total / per_page))


def _title(text: str) -> str:
    return escape(one_line(text) or "Untitled")


def search_pages(query: str, results: list[SearchResult], per_page: int = SEARCH_PER_PAGE) -> list[discord.Embed]:
    """Keyword hits with their highlighted snippets, `per_page` to an embed."""
    title = truncate(f"Search: {heading(query)}", TITLE_LIMIT)
    if not results:
        return [discord.Embed(title=title, colour=COLOUR,
                              description="No article of this server's library contains those words.")]
    pages = page_count(len(results), per_page)
    out = []
    for page in range(pages):
        embed = discord.Embed(title=title, colour=COLOUR)
        for rank, hit in enumerate(results[page * per_page:(page + 1) * per_page], start=page * per_page + 1):
            name = truncate(f"{rank}. {heading(hit.title) or 'Untitled'}", FIELD_NAME_LIMIT)
            where = f"article #{hit.article_id}" + (f" · {link(hit.url)}" if hit.url and len(hit.url) < 400 else "")
            body = (f"*(the title matched)* {escape(one_line(hit.text))}" if hit.matched_title_only
                    else highlighted(one_line(hit.snippet or hit.text), hit.text))
            embed.add_field(name=name, value=truncate(body, FIELD_VALUE_LIMIT - len(where) - 1) + "\n" + where,
                            inline=False)
        embed.set_footer(text=f"Page {page + 1}/{pages} · {counted(len(results), 'match', 'matches')}")
        out.append(embed)
    return out


def articles_page(infos: list[ArticleInfo], page: int, pages: int, total: int) -> discord.Embed:
    """One page of the library's article list (page counts from 0)."""
    embed = discord.Embed(title="Articles in this server's library", colour=COLOUR)
    if not infos:
        embed.description = "The library is empty: a manager can add articles with /add."
    else:
        lines = []
        for a in infos:
            extra = f" · {link(a.url)}" if a.url and len(a.url) < 200 else ""
            line = f"**#{a.id}** {truncate(_title(a.title), 150)} — {counted(a.chunks, 'chunk')}{extra}"
            lines.append(truncate(line, _LINE_LIMIT))
        embed.description = "\n".join(lines)
    embed.set_footer(text=f"Page {page + 1}/{pages} · {counted(total, 'article')} · /article ID shows one")
    return embed


def article_embed(article: Article) -> discord.Embed:
    """An article's details and the opening of its text."""
    a = article.info
    opening = truncate(article.text.strip(), DETAIL_EXCERPT)
    embed = discord.Embed(title=truncate(f"#{a.id} {heading(a.title)}", TITLE_LIMIT), colour=COLOUR,
                          description=quote_block(opening, DESCRIPTION_LIMIT))
    if a.url:
        embed.add_field(name="Link", value=truncate(a.url, FIELD_VALUE_LIMIT), inline=False)
    elif a.source:
        embed.add_field(name="Source", value=truncate(a.source, FIELD_VALUE_LIMIT), inline=False)
    embed.add_field(name="Date", value=a.date or "unknown")
    source = {"feed": "the feed entry", "metadata": "the page's metadata", "dateline": "its dateline",
              "given": "given when added", "added": "none found: the day it was added counts"}.get(a.date_source or "")
    if source:
        embed.add_field(name="Date from", value=source)
    if a.author:
        embed.add_field(name="Author", value=truncate(a.author, FIELD_VALUE_LIMIT))
    embed.add_field(name="Chunks", value=str(a.chunks))
    embed.add_field(name="Characters", value=f"{a.chars:,}")
    embed.add_field(name="Added", value=a.added_at or "unknown")
    return embed


def stats_embed(stats: Stats) -> discord.Embed:
    """Counts and sizes of a server's library."""
    embed = discord.Embed(title=f"This server's library ({stats.collection})", colour=COLOUR)
    embed.add_field(name="Articles", value=str(stats.articles))
    embed.add_field(name="Chunks", value=str(stats.chunks))
    embed.add_field(name="Vectors", value=str(stats.vectors))
    embed.add_field(name="Model", value=truncate(f"{stats.model} ({stats.dimension} dimensions)", FIELD_VALUE_LIMIT),
                    inline=False)
    size = (stats.db_bytes + stats.index_bytes) / 1024
    embed.add_field(name="On disk", value=f"{size:,.0f} KiB")
    if stats.pruned:
        embed.add_field(name="Pruned", value=f"{counted(stats.pruned, 'old article')} (retention limits)")
    return embed


def added_text(result: AddResult) -> str:
    """What /add did, in one line."""
    title = truncate(_title(result.title), 200)
    if result.status == "unchanged":
        return f"Unchanged: **{title}** is already in the library as article #{result.article_id}."
    verb = "Updated" if result.status == "updated" else "Added"
    return f"{verb} **{title}** as article #{result.article_id} ({counted(result.chunks, 'chunk')})."


def removed_text(info: ArticleInfo) -> str:
    """What /remove did, in one line."""
    return f"Removed article #{info.id}: **{truncate(_title(info.title), 200)}** ({counted(info.chunks, 'chunk')})."
