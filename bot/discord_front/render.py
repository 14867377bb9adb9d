"""Answers as Discord embeds: the text with its [n] markers, then each source's title,
link and quoted passage; long answers continue in further embeds, one per message."""
from __future__ import annotations

import discord

from bot.answering import Answer, Citation
from index.records import SearchResult

from .limits import (EMBED_TOTAL_LIMIT, FIELD_NAME_LIMIT, FIELD_VALUE_LIMIT, FIELDS_LIMIT, THREAD_NAME_LIMIT,
                     TITLE_LIMIT, link, one_line, truncate)
from .literal import escaped_parts, no_mentions, quote_block

ANSWER_COLOUR = discord.Colour.blurple()
ABSTAIN_COLOUR = discord.Colour.light_grey()
# Title (256) + footer (500) + description must stay under the 6,000 an embed may hold.
DESCRIPTION_BUDGET = 4000
NOTICE_BUDGET = 500
NEAREST_EXCERPT = 240
_MAX_URL_IN_FIELD = 400

Field = tuple[str, str]


def _where(article_id: int, url: str | None) -> str:
    """`article #3 · <https://…>` (the link left out when absurdly long)."""
    shown = link(url) if url and len(url) <= _MAX_URL_IN_FIELD else None
    return f"article #{article_id}" + (f" · {shown}" if shown else "")


def citation_field(citation: Citation) -> Field:
    """`[n] Title` over the article's link and the quoted passage."""
    byline = f" · {heading(citation.byline)}" if citation.byline else ""
    name = truncate(f"[{citation.n}] {heading(citation.title) or 'Untitled'}{byline}", FIELD_NAME_LIMIT)
    where = _where(citation.article_id, citation.url)
    return name, f"{where}\n{quote_block(citation.quote, FIELD_VALUE_LIMIT - len(where) - 1)}"


def nearest_field(source: SearchResult) -> Field:
    """A nearest source of an abstention: its title, link and the passage's opening."""
    name = truncate(heading(source.title) or "Untitled", FIELD_NAME_LIMIT)
    where = _where(source.article_id, source.url)
    excerpt = truncate(source.text.strip(), NEAREST_EXCERPT)
    return name, f"{where}\n{quote_block(excerpt, FIELD_VALUE_LIMIT - len(where) - 1)}"


def answer_fields(answer: Answer) -> list[Field]:
    """One field per citation, or per nearest source when the answer abstained."""
    if answer.citations:
        return [citation_field(c) for c in answer.citations]
    return [nearest_field(s) for s in answer.sources]


def answer_embeds(answer: Answer) -> list[discord.Embed]:
    """The answer as embeds that each fit one message: the first has the question as its
    title, the answer (or its first part) and any notice; sources follow as fields."""
    colour = ABSTAIN_COLOUR if answer.abstained else ANSWER_COLOUR
    parts = escaped_parts(answer.text, DESCRIPTION_BUDGET) or ["…"]
    embeds = [discord.Embed(description=part, colour=colour) for part in parts]
    first = embeds[0]
    first.title = truncate(heading(answer.question), TITLE_LIMIT) or None
    if answer.notice:
        first.set_footer(text=truncate(f"Note: {one_line(answer.notice)}", NOTICE_BUDGET))
    section = "Nearest sources" if answer.abstained else "Sources"
    current = embeds[-1]
    for name, value in answer_fields(answer):
        if len(current.fields) >= FIELDS_LIMIT or len(current) + len(name) + len(value) > EMBED_TOTAL_LIMIT:
            current = discord.Embed(title=f"{section} (continued)", colour=colour)
            embeds.append(current)
        current.add_field(name=name, value=value, inline=False)
    return embeds


def heading(text: str) -> str:
    """Text for a title, a field name or a thread name, where Discord shows mention syntax raw:
    on one line, with mentions made inert and readable."""
    return no_mentions(one_line(text))


def thread_name(question: str) -> str:
    """A thread title made from a question (1–100 characters)."""
    return truncate(heading(question), THREAD_NAME_LIMIT - 10) or "Question"
