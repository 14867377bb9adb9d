"""Questions about articles as wholes: summaries, what's new, comparisons, who wrote and when.

Each is answered from verbatim, cited sentences of the articles it is about (the
article's opening and its passages that match the question), so the LLM, when
configured, writes the answer from the same passages.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from index.collection import Collection, passage_text
from index.records import ArticleInfo, DateWindow
from index.sources.byline import display_date

from .abstention import abstention
from .answer_request import AnswerRequest
from .article_details import details_answer
from .evidence import Sentence, question_stems, sentences_of, stems
from .question_shapes import years_in
from .quoting import Span, compose
from .records import Answer
from .semantic import SentenceSimilarity

_KINDS = (
    ("author", re.compile(r"\bwho (wrote|authored|penned|reported|is the (author|writer|reporter) of)\b|"
                          r"\b(author|writer|byline) of\b|\bwritten by (whom|who)\b|\bwho('s| is) the author\b|"
                          r"\bwho (did|conducted) the (interview|story|piece|report|article)\b|\bwho interviewed\b",
                          re.I)),
    ("published", re.compile(r"\bwhen (was|were|did)\b.*\b(published|posted)\b|"
                             r"\bwhen (was|did)\b.*\b(article|story|piece|report|interview)\b.*"
                             r"\b(written|come out|appear)\b|"
                             r"\b(publication|publish|posting) date\b|\bwhat (date|day) was\b.*\b(published|posted)\b|"
                             r"\bhow (old|recent) is (the|this|that)\b.*\b(article|story|piece)\b", re.I)),
    ("summary", re.compile(r"\b(summari[sz]e|summary|sum up|overview of|recap|tl;?dr|rundown|gist|in short)\b|"
                           r"\bwhat('s| is| was) (the|this|that) (article|story|piece|report) about\b|"
                           r"\bwhat (is|was) the \w+(\s\w+)? (article|story|piece|report) about\b", re.I)),
    ("compare", re.compile(r"\b(compare|comparison|in common|similarities|differences|differ|contrast)\b", re.I)),
    ("latest", re.compile(r"\b(new|news|newest|latest|recent|most recent|lately)\b", re.I)),
)
_ASKING_WORDS = re.compile(
    r"\b(who|wrote|authored|penned|reported|author|writer|byline|when|was|were|did|published|posted|written|"
    r"come out|came out|appear|publication|date|summari[sz]e|summary|sum up|overview|recap|tl;?dr|rundown|"
    r"please|give|me|a|an|the|of|on|about|article|articles|story|stories|piece|report|what|is|this|that|"
    r"compare|comparison|in common|similarities|differences|differ|contrast|do|these|two|have|between|"
    r"and|with|vs|versus|new|news|newest|latest|recent|most|lately|anything|any|tell|show|which|my|one|"
    r"gist|brief|short|in short|can|you|i|it|here|today|this week|are|there|s)\b|[?!.,'’]", re.I)
_SIDES = re.compile(r"\s+(?:and|with|vs\.?|versus|to)\s+", re.I)
# A passage this close in meaning to a topic is about it, whatever its title says.
_ABOUT_COSINE = 0.4
_IN_COMMON = re.compile(r"\b(in common|both|share|similar|similarities)\b", re.I)


def kind_of(question: str) -> tuple[str, str] | None:
    """(kind, what it is about) for an overview question, else None."""
    for kind, pattern in _KINDS:
        if pattern.search(question):
            topic = " ".join(_ASKING_WORDS.sub(" ", question).split())
            # "What's the latest on the tram?" asks about the tram, not for a digest.
            if kind == "latest" and topic:
                return None
            return kind, topic
    return None


def _recency(info: ArticleInfo) -> str:
    return info.date or info.added_at


def _title_match(topic: str, title: str) -> float:
    """Share of the topic's meaningful terms in an article's title."""
    terms = question_stems(topic)
    return sum(t in stems(title) for t in terms) / len(terms) if terms else 0.0


class OverviewAnswerer:
    """Gathers the passages an overview question needs and quotes them."""

    def __init__(self, similarity: SentenceSimilarity, top_k: int = 5) -> None:
        self.similarity = similarity
        self.top_k = top_k

    def request(self, library: Collection, question: str, window: DateWindow | None = None) -> AnswerRequest | None:
        """The passages for an overview question (among articles dated in `window`); None when it is not one."""
        found = kind_of(question)
        if found is None:
            return None
        kind, topic = found
        if kind == "latest":
            articles = [info.id for info in library.dated(window, 3)]
        elif kind == "compare":
            articles = self._two_articles(library, question)
        else:
            articles = self._best_articles(library, topic or question, 1, strict=True)
            if not articles:  # no article is about that ("Who wrote Pride and Prejudice?")
                return None
        # A summary reads further into its article than a digest or a comparison does.
        depth = 3 if kind == "summary" else 2
        passages = [p for article in articles for p in library.opening(article, depth)]
        return AnswerRequest(question, passages, np.zeros(0, np.float32), kind=kind,
                             library_empty=not passages and not library.articles(limit=1))

    def _best_articles(self, library: Collection, topic: str, count: int, exclude: Sequence[int] = (),
                       strict: bool = False) -> list[int]:
        """The articles a topic names: by how much of it their title holds (and a year
        it names, their date), then by search rank. `strict`: only articles whose title
        holds half the topic or whose passage is close to it in meaning."""
        results = library.search(topic, "hybrid", 10)
        years = set(years_in(topic))
        ranked: dict[int, float] = {}
        for rank, r in enumerate(results):
            if r.article_id in exclude or r.article_id in ranked:
                continue
            named = _title_match(topic, r.title)
            if strict and named < 0.5 and (r.similarity or 0.0) < _ABOUT_COSINE:
                continue
            ranked[r.article_id] = named + float(bool(years & {(r.date or "")[:4]})) + 1 / (2 + rank)
        return sorted(ranked, key=lambda a: -ranked[a])[:count]

    def _two_articles(self, library: Collection, question: str) -> list[int]:
        sides = [" ".join(_ASKING_WORDS.sub(" ", side).split()) for side in _SIDES.split(question)]
        sides = [side for side in sides if side]
        chosen: list[int] = []
        if len(sides) == 2:
            for side in sides:
                chosen += self._best_articles(library, side, 1, chosen)
        elif sides:
            chosen = self._best_articles(library, sides[0], 2)
        if len(chosen) < 2:  # "what do these two articles have in common?": the newest two
            newest = sorted(library.articles(), key=_recency, reverse=True)
            chosen += [i.id for i in newest if i.id not in chosen][:2 - len(chosen)]
        return chosen

    def answer(self, library: Collection, request: AnswerRequest) -> Answer:
        """Cited sentences for the overview question `request` was made for."""
        by_article: dict[int, list[Sentence]] = {}
        for s in sentences_of(request.passages):
            if len(s.text.split()) >= 4 and not s.is_furniture:
                by_article.setdefault(s.passage.article_id, []).append(s)
        if not by_article:
            return abstention(request.question, request.passages, library_empty=request.library_empty)
        infos = {a: library.article(a).info for a in by_article}
        if request.kind in ("author", "published"):
            return details_answer(request, infos[next(iter(by_article))])
        if request.kind == "summary":
            own = next(iter(by_article.values()))
            central = self._closest(own[1:], request.question_vector, 2)
            return compose(request.question, [_span(s) for s in [own[0], *sorted(central, key=lambda s: s.start)]])
        spans, labels = [], []
        for article, own in by_article.items():
            spans.append(_span(own[0]))
            when = display_date(infos[article].date)
            labels.append(f"{infos[article].title}" + (f" ({when})" if when else "") + ":")
        if request.kind == "compare" and _IN_COMMON.search(request.question) and len(by_article) == 2:
            spans, labels = self._shared(library, by_article, infos, spans, labels)
        return compose(request.question, spans, labels)

    def _closest(self, sentences: list[Sentence], vector: np.ndarray, count: int) -> list[Sentence]:
        if not sentences:
            return []
        cosines = self.similarity(vector, [passage_text(s.passage.title, s.text) for s in sentences])
        return [sentences[i] for i in np.argsort(-np.asarray(cosines))[:count]]

    def _shared(self, library: Collection, by_article: dict[int, list[Sentence]], infos: dict[int, ArticleInfo],
                spans: list[Span], labels: list[str]) -> tuple[list[Span], list[str]]:
        """Each article's lead, then its sentence closest to the other article's title."""
        a, b = by_article
        for own, other in ((a, b), (b, a)):
            closest = self._closest(by_article[own][1:], library.embed_query(infos[other].title), 1)
            if closest:
                spans.append(_span(closest[0]))
                labels.append(f"In common, from {infos[own].title}:")
        return spans, labels


def _span(s: Sentence) -> Span:
    return Span(s.passage, s.start, s.end)
