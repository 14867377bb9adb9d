"""Article text, questions and titles shown literally on Discord: no formatting, masked
link, spoiler or mention from an article ever comes alive (a property over any text),
and mention syntax in thread names and embed titles is inert."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.answering import Answer, Citation
from bot.discord_front.literal import escape, highlighted, no_mentions, quote_block
from bot.discord_front.render import answer_embeds, thread_name
from bot.discord_front.render_library import article_embed, search_pages
from index.records import Article, ArticleInfo, SearchResult
from tests.discord_markdown import LiveMarkdown, shown

HOSTILE = [
    # An address cut short at '>' leaves another behind it, followed by a role mention.
    "https://example.org/x_y*z>https://example.org/x_y*z<@&1234567890123456789>",
    "A sentence with ||a spoiler|| and *bold* and __underline__, then later [a masked link](https://evil.example/x).",
    "[first](https://a.example) ~~gone~~ `code` [second](https://b.example/p_q_r)",
    "> a quote\n# a heading\n-# subtext\n- a bullet\n 3. a numbered line\n>>> the rest",
    "Ping <@123456789012345678>, <@&123456789012345678> and <#123456789012345678> and <t:1700000000:R>.",
    "Backslashes \\*stay\\* and \\\\ too, at https://example.org/a_b*c*?d=e_f|g plus a*b_c.",
]
# Article-like text: words, Markdown's characters, digits at line starts, addresses.
_PIECES = st.sampled_from(["*", "**", "_", "__", "~~", "||", "`", "```", "[", "]", "(", ")", "](", "<", ">", "#",
                           "-", "+", "1.", "\\", "\n", " ", "@everyone", "<@&1234567890123456789>",
                           "https://example.org/x_y*z", "http://a.example", "[t](https://e.example/p)"])
ARTICLE_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40).map("".join)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_article_text_is_shown_as_written(text: str) -> None:
    assert shown(escape(text)) == text


def test_the_reader_catches_what_discord_utils_escape_markdown_leaves_live() -> None:
    """The strict reader is not trivially satisfied: discord.py's own escaping leaves the
    second masked link of a line live, and this reader says so."""
    import discord

    with pytest.raises(LiveMarkdown):
        shown(discord.utils.escape_markdown("*bold* [a](https://a.example) and [c](https://c.example)"))


@settings(max_examples=400, deadline=None)
@given(ARTICLE_TEXT)
@example("*bold* ||spoiler|| then [text](https://example.org/x)")
def test_any_article_text_renders_literally(text: str) -> None:
    assert shown(escape(text)) == text


@settings(max_examples=200, deadline=None)
@given(ARTICLE_TEXT)
def test_quoted_passages_render_literally_in_answers_and_article_details(text: str) -> None:
    """Every place an article's words reach an embed: citation quotes, the opening of /article."""
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    quoted = quote_block(text, 100_000)
    assert [shown(line[2:]).strip() for line in quoted.split("\n") if line != ">"] == lines
    citation = Citation(n=1, article_id=1, title="T", url=None, chunk_id=1, quote=text or "x", start=0, end=1)
    answer = Answer("q", "An answer [1]", (citation,), abstained=False)
    (value,) = [f.value or "" for e in answer_embeds(answer) for f in e.fields]
    for line in value.split("\n")[1:]:  # under the `article #1` line
        shown(line[2:] if line.startswith("> ") else line.lstrip(">"))
    info = ArticleInfo(id=1, title="T", source="pasted", url=None, date=None, author=None, chunks=1, chars=9,
                       added_at="now")
    description = article_embed(Article(info, text or "x")).description or ""
    for line in description.split("\n"):
        shown((line[2:] if line.startswith("> ") else line.lstrip(">")).rstrip("…"))


@settings(max_examples=200, deadline=None)
@given(ARTICLE_TEXT)
def test_answer_text_renders_literally(text: str) -> None:
    """Also when a long answer is split over several embeds, each of which Discord reads alone."""
    text = text if text.strip() else "x"
    for answer in (text, " ".join([text] * 150)):
        parts = [e.description or "" for e in answer_embeds(Answer("q", answer, (), abstained=False))]
        assert " ".join(" ".join(shown(part).split()) for part in parts) == " ".join(answer.split())


def test_search_snippets_keep_their_highlights_and_nothing_else() -> None:
    passage = "The *tram* opened [see](https://e.example) ||early||."
    snippet = "The *tram* **opened** [see](https://e.example) ||early||."
    rendered = highlighted(snippet, passage)
    bold, _, rest = rendered.partition("**opened**")
    assert shown(bold) + "opened" + shown(rest) == passage
    # A passage holding `**` itself: the markers cannot be trusted, so the passage is shown plainly.
    tricky = "Profits **rose** by a third."
    assert shown(highlighted("Profits **rose** by a third.", tricky)) == tricky
    hit = SearchResult(article_id=1, title="@everyone <@&12345678901234567>", chunk_id=1, text=passage, start=0,
                       end=9, score=1.0, snippet=snippet)
    (page,) = search_pages("<@123456789012345678> tram", [hit])
    assert page.title == "Search: @user tram" and (page.fields[0].name or "") == "1. @\u200beveryone @role"


@pytest.mark.parametrize(("raw", "neutral"), [
    ("@everyone look", "@\u200beveryone look"),
    ("hi @here", "hi @\u200bhere"),
    ("ask <@&123456789012345678> and <@!123456789012345678>", "ask @role and @user"),
    ("in <#123456789012345678>", "in #channel"),
    ("mail me@hereford.example", "mail me@hereford.example"),
])
def test_mentions_in_thread_names_and_titles_are_inert(raw: str, neutral: str) -> None:
    assert no_mentions(raw) == neutral
    assert thread_name(raw) == neutral
    assert answer_embeds(Answer(raw, "x", (), abstained=False))[0].title == neutral
