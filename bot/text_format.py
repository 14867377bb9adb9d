"""Answers, search results and article lists as plain text for a terminal."""
from __future__ import annotations

import textwrap

from index.records import ArticleInfo, SearchResult

from .answering import Answer
from .answering.digest import Digest, window_words


def format_answer(answer: Answer, width: int = 100) -> str:
    """The answer, any notice, then its sources (or the nearest ones for an abstention)."""
    lines = [textwrap.fill(answer.text, width)]
    if answer.notice:
        lines += ["", f"note: {answer.notice}"]
    if answer.citations:
        lines += ["", "Sources:"]
        for c in answer.citations:
            where = f" <{c.url}>" if c.url else ""
            byline = f" · {c.byline}" if c.byline else ""
            lines.append(f"[{c.n}] {c.title}{byline} (article #{c.article_id}, chars {c.start}-{c.end}){where}")
            lines.append(textwrap.fill(f"“{c.quote}”", width, initial_indent="    ", subsequent_indent="    "))
    elif answer.sources:
        lines += ["", "Nearest sources:"]
        for s in answer.sources:
            where = f" <{s.url}>" if s.url else ""
            lines.append(f"- {s.title} (article #{s.article_id}){where}")
    return "\n".join(lines)


def format_results(results: list[SearchResult], width: int = 100) -> str:
    """Search hits, numbered, with their highlighted snippets."""
    if not results:
        return "No matches."
    lines = []
    for rank, r in enumerate(results, start=1):
        lines.append(f"{rank}. {r.title} (article #{r.article_id})")
        body = (r.snippet or r.text[:240]).replace("\n", " ")
        lines.append(textwrap.fill(body, width, initial_indent="   ", subsequent_indent="   "))
    return "\n".join(lines)


def format_articles(articles: list[ArticleInfo]) -> str:
    """One line per article."""
    if not articles:
        return "The library is empty: add an article first."
    return "\n".join(f"#{a.id} {a.title} ({a.chunks} chunks{', ' + a.url if a.url else ''})" for a in articles)


def counted(count: int, noun: str) -> str:
    """`1 article`, `3 articles`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def format_digest(digest: Digest, width: int = 100) -> str:
    """The LLM's overview (when there is one), then each article's cited lead, newest first."""
    if not digest.articles:
        return digest.leads.text
    lines = [f"What is new {window_words(digest.window)}: {counted(len(digest.articles), 'article')}", ""]
    if digest.overview is not None:
        lines += [format_answer(digest.overview, width), ""]
    lines.append(format_answer(digest.leads, width))
    return "\n".join(lines)
