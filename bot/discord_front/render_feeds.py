"""Subscriptions, new-article posts and digests as Discord messages."""
from __future__ import annotations

import discord

from bot.answering.digest import Digest, window_words
from index.plurals import counted
from index.feeds import FeedEvent
from index.records import Feed
from index.sources.byline import display_date

from .limits import CONTENT_LIMIT, DESCRIPTION_LIMIT, TITLE_LIMIT, link, one_line, truncate
from .literal import escape
from .render import answer_embeds
from .render_library import COLOUR

FEEDS_LIMIT = 20


def _name(feed: Feed) -> str:
    return escape(truncate(one_line(feed.title or feed.url), 120))


def subscribed_text(feed: Feed, created: bool, channel: str | None) -> str:
    """What /subscribe did, in one line."""
    where = f"; new articles will be posted in {channel}" if channel else ""
    verb = "Now following" if created else "Already following"
    return (f"{verb} feed #{feed.id} **{_name(feed)}** ({link(feed.url) or ''}){where}. "
            "It is checked now and then every so often; /feeds shows how it goes.")


def _state(feed: Feed) -> str:
    checked = f"checked {feed.last_checked[:16].replace('T', ' ')} UTC" if feed.last_checked else "not checked yet"
    state = "⏸ **paused**" if feed.paused else "active"
    line = f"{state} · {checked} · {counted(feed.articles_added, 'article')} added"
    if feed.channel_id:
        line += f" · posts in <#{feed.channel_id}>"
    if feed.last_error:
        line += f"\n⚠ last error: {escape(truncate(one_line(feed.last_error), 300))}"
    return line


def feeds_embed(feeds: list[Feed]) -> discord.Embed:
    """The server's subscriptions with their state and last error."""
    embed = discord.Embed(title="Feeds this server follows", colour=COLOUR)
    if not feeds:
        embed.description = "No feeds yet: a manager can follow one with /subscribe."
        return embed
    lines = [f"**#{f.id}** {_name(f)} · {link(f.url) or ''}\n{_state(f)}" for f in feeds[:FEEDS_LIMIT]]
    if len(feeds) > FEEDS_LIMIT:
        lines.append(f"…and {len(feeds) - FEEDS_LIMIT} more")
    embed.description = truncate("\n\n".join(lines), DESCRIPTION_LIMIT)
    embed.set_footer(text="/unsubscribe ID stops following one (its articles stay)")
    return embed


def unsubscribed_text(feed: Feed) -> str:
    """What /unsubscribe did."""
    return f"Stopped following feed #{feed.id} **{_name(feed)}**; its articles stay in the library."


def new_article_post(event: FeedEvent, feed_title: str | None) -> str:
    """The short post for one new article: title, link and date."""
    when = display_date(event.published)
    verb = "Updated" if event.status == "updated" else "New"
    source = f" from {escape(truncate(one_line(feed_title), 80))}" if feed_title else ""
    text = f"📰 {verb}{source}: **{escape(truncate(one_line(event.title), 200))}**"
    text += f" ({when})" if when else ""
    text += f" · article #{event.article_id}"
    if event.url:
        text += f"\n{link(event.url)}"
    return truncate(text, CONTENT_LIMIT)


def more_posts_text(count: int, feed_title: str | None) -> str:
    """The line that stands for the new articles not posted one by one."""
    source = escape(truncate(one_line(feed_title or "this feed"), 80))
    return f"…and {counted(count, 'more new article')} from {source}: /digest or /articles lists them."


def digest_embeds(digest: Digest) -> list[discord.Embed]:
    """The digest: a heading, the LLM's overview when there is one, and each article's cited lead."""
    heading = truncate(f"What is new {window_words(digest.window)}", TITLE_LIMIT)
    if not digest.articles:
        return [discord.Embed(title=heading, colour=COLOUR, description=digest.leads.text)]
    embeds = answer_embeds(digest.overview) if digest.overview is not None else []
    leads = answer_embeds(digest.leads)
    leads[0].title = truncate(f"{heading}: {counted(len(digest.articles), 'article')}", TITLE_LIMIT)
    return embeds + leads
