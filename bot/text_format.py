"""Answers, search results and article lists as plain text for a terminal."""
from __future__ import annotations

import re
import textwrap

from index.plurals import counted
from index.records import Article, ArticleInfo, SearchResult, Stats

from .answering import Answer
from .answering.digest import Digest, window_words


_ITEM_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def _one_line(text: str) -> str:
    """The text with each run of whitespace (a paragraph break too) one space."""
    return " ".join(text.split())


def format_answer(answer: Answer, width: int = 100) -> str:
    """The answer, any notice, then its sources (or the nearest ones for an abstention)."""
    # A digest's or a comparison's items stand on lines of their own; a quote running over a
    # paragraph break ("\n\n") goes on in its line.
    lines = [textwrap.fill(_one_line(line), width) for line in _ITEM_BREAK.split(answer.text)]
    if answer.notice:
        lines += ["", f"note: {answer.notice}"]
    if answer.citations:
        lines += ["", "Sources:"]
        for c in answer.citations:
            where = f" <{c.url}>" if c.url else ""
            byline = f" · {c.byline}" if c.byline else ""
            lines.append(f"[{c.n}] {c.title}{byline} (article #{c.article_id}, chars {c.start}-{c.end}){where}")
            lines.append(textwrap.fill(f"“{_one_line(c.quote)}”", width, initial_indent="    ",
                                       subsequent_indent="    "))
    elif answer.sources:
        lines += ["", "Nearest sources:"]
        for s in answer.sources:
            where = f" <{s.url}>" if s.url else ""
            lines.append(f"- {s.title} (article #{s.article_id}){where}")
    return "\n".join(lines)


# The engine marks a snippet's matches **so**; a terminal shows them in bold instead.
_MARKED = re.compile(r"\*\*(.+?)\*\*")
TERMINAL_BOLD = ("\033[1m", "\033[0m")


def format_results(results: list[SearchResult], width: int = 100, bold: tuple[str, str] = ("**", "**")) -> str:
    """Search hits, numbered, with their snippets' matches between the `bold` marks."""
    if not results:
        return "No matches."
    lines = []
    for rank, r in enumerate(results, start=1):
        lines.append(f"{rank}. {r.title} (article #{r.article_id})")
        body = _MARKED.sub(lambda m: f"{bold[0]}{m.group(1)}{bold[1]}", (r.snippet or r.text[:240]).replace("\n", " "))
        if r.matched_title_only:
            body = f"(the title matched) {r.text[:240]}".replace("\n", " ")
        lines.append(textwrap.fill(body, width, initial_indent="   ", subsequent_indent="   "))
    return "\n".join(lines)


def format_article(article: Article, width: int = 100) -> str:
    """An article's details, then its whole text."""
    return "\n".join([*_details(article.info), "", *_paragraphs(article.text, width)])


def format_span(article: Article, start: int, end: int, width: int = 100, around: int = 400) -> str:
    """The text around chars `start`-`end` of an article (a citation's span), the span
    itself between »« marks, so that a reader can check what an answer quoted."""
    text = article.text
    if start >= len(text):
        return f"#{article.info.id} {article.info.title} has {len(text):,} characters: no chars {start}-{end}"
    end = min(end, len(text))
    before, after = max(0, start - around), min(len(text), end + around)
    shown = ("…" if before else "") + text[before:start] + "»" + text[start:end] + "«" + text[end:after] + (
        "…" if after < len(text) else "")
    return "\n".join([f"#{article.info.id} {article.info.title}, chars {start}-{end}:", "",
                      *_paragraphs(shown, width)])


def _details(a: ArticleInfo) -> list[str]:
    lines = [f"#{a.id} {a.title}"]
    if a.url or a.source != "pasted":
        lines.append(f"from: {a.url or a.source}")
    facts = [f"{a.chars:,} characters", counted(a.chunks, "chunk"), f"added {a.added_at}"]
    if a.date:
        facts.insert(0, f"dated {a.date}")
    if a.author:
        facts.insert(0, f"by {a.author}")
    return [*lines, " · ".join(facts)]


def _paragraphs(text: str, width: int) -> list[str]:
    return [textwrap.fill(p, width) if p.strip() else "" for p in text.split("\n")]


def format_stats(stats: Stats) -> str:
    """Counts and sizes, naming the library (the collection) they are of."""
    pruned = f", {stats.pruned} pruned by the retention limits" if stats.pruned else ""
    return (f"library '{stats.collection}': {counted(stats.articles, 'article')}, {counted(stats.chunks, 'chunk')}, "
            f"{counted(stats.vectors, 'vector')} ({stats.model}){pruned}")


def format_articles(articles: list[ArticleInfo]) -> str:
    """One line per article."""
    if not articles:
        return "The library is empty: add an article first."
    return "\n".join(a.summary() for a in articles)


def format_digest(digest: Digest, width: int = 100) -> str:
    """The LLM's overview (when there is one), then each article's cited lead, newest first."""
    if not digest.articles:
        return digest.leads.text
    lines = [f"What is new {window_words(digest.window)}: {counted(len(digest.articles), 'article')}", ""]
    if digest.overview is not None:
        lines += [format_answer(digest.overview, width), ""]
    lines.append(format_answer(digest.leads, width))
    return "\n".join(lines)
