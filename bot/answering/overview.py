"""Questions about articles as wholes: summaries, what's new, comparisons, who wrote and when.

Each is answered from verbatim, cited sentences of the articles it is about (the
article's opening and its passages that match the question), so the LLM, when
configured, writes the answer from the same passages.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import numpy as np

from index.collection import Collection, passage_text
from index.records import ArticleInfo, DateWindow, SearchResult
from index.sources.byline import display_date

from .abstention import abstention
from .answer_request import AnswerRequest
from .article_choice import (ABOUT_COSINE, ArticleChooser, by_story_order, holding_all, holds_topic,
                             without_story_order)
from .article_details import details_answer
from .comparison import AspectQuotes, aspect_of, at_two_times, changed_aspect, points_back, sides_of, story_words
from .evidence import Sentence, sentences_of
from .overview_kinds import DETAIL_KINDS, kind_of, topic_of
from .quoting import Span, compose
from .recency import window_asked
from .records import Answer
from .semantic import SentenceSimilarity
from .story_switch import same_story

# "and the other one?", "and the one about the deal?", "what about the first one": the last
# question asked again of another article
_ANOTHER = re.compile(r"^\W*(and |so |what about |how about |same for |same with )?(the )?((?P<other>other|another|"
                      r"first|second|older|earlier|newer|later|latest|original) (one|article|story|piece|report)|"
                      r"one (about|on) (?P<about>.+?))\W*$", re.I)


def _same_again(question: str, earlier: str) -> tuple[str, str] | None:
    """The kind of `earlier` and what this question names, when it asks the same again of
    another article; None otherwise."""
    again = _ANOTHER.match(question)
    before = kind_of(earlier) if again and earlier else None
    if before is None or before[0] not in DETAIL_KINDS or again is None:
        return None
    return before[0], (again.group("about") or again.group("other") or "").lower()


# What is left of "when did that come out?", "and who wrote it" (the article just cited) once
# the asking words are gone.
_POINTS_BACK = ("", "same")
WHICH_ARTICLE = ("Which article do you mean? This library holds several: name it (\"who wrote the library "
                 "article?\"), or ask about it first.")
_OTHER = ("other", "another")
_VERSUS = re.compile(r"\b(vs\.?|versus)\b", re.I)
_IN_COMMON = re.compile(r"\b(in common|both|share|similar|similarities)\b", re.I)
# The articles the newest are chosen among (undated ones, counted by the day added, go last).
_NEWEST_POOL = 30


def _points_back_uncited(found: tuple[str, str] | None, cited: Sequence[int]) -> bool:
    """True for a detail question pointing back ("who wrote it?") when no article was just cited."""
    return found is not None and found[0] in DETAIL_KINDS and found[1] in _POINTS_BACK and not cited


def _recency(info: ArticleInfo) -> str:
    return info.date or info.added_at


def _newest_first(infos: Sequence[ArticleInfo]) -> list[ArticleInfo]:
    """Dated articles newest first, then undated ones by the day they were added: the
    day an undated article was added says nothing of when it was news."""
    dated = sorted((i for i in infos if i.date), key=lambda i: i.date or "", reverse=True)
    return dated + sorted((i for i in infos if not i.date), key=lambda i: i.added_at, reverse=True)


class OverviewAnswerer:
    """Gathers the passages an overview question needs and quotes them."""

    def __init__(self, similarity: SentenceSimilarity, top_k: int = 5) -> None:
        self.similarity = similarity
        self.top_k = top_k
        self.chooser = ArticleChooser(similarity)
        self.aspect_quotes = AspectQuotes(similarity)

    def request(self, library: Collection, question: str, window: DateWindow | None = None,
                today: date | None = None, cited: Sequence[int] = (), earlier: str = "") -> AnswerRequest | None:
        """The passages for an overview question (among articles dated in `window`, or in
        the period the question names, "this week", counted to `today`); None when it is not one.
        `cited` are the articles the last answer cited, first quoted first, and `earlier` the
        question it answered: "who wrote that one?" asks about the first of them, "and the
        other one?" after "who wrote the strike story" the same of the story's other article."""
        found = kind_of(question) or _same_again(question, earlier)
        versus = self._versus(library, question) or self._changed_story(library, question, cited) \
            if found is None else []
        if versus:
            found = ("compare", question)
        if found is None:
            return None
        kind, topic = found
        pointed = self._of_cited_story(library, question, topic, cited[0]) if kind in DETAIL_KINDS and cited \
            else None
        if _points_back_uncited(found, cited):  # "who wrote it?" of a library of one
            only = library.articles(limit=2)
            pointed = [only[0].id] if len(only) == 1 else None
        if pointed is not None:
            articles = pointed
        elif kind == "latest" and topic:
            articles = self._newest_on(library, topic)
            if not articles:
                return None
        elif kind == "latest" and cited and _SINCE_FIRST.search(question):
            # "What's new since the first report": the story just cited, its newest article first.
            told = [cited[0], *self._other_on_story(library, cited[0], "")]
            articles = [info.id for info in _newest_first([library.article(a).info for a in told])]
        elif kind == "latest":
            asked = window_asked(question, today) if window is None and today else None
            newest = _newest_first(library.dated(asked or window, _NEWEST_POOL))
            if asked and not newest:  # nothing that recent: the newest there is, with their dates
                newest = _newest_first(library.dated(None, _NEWEST_POOL))
            articles = [info.id for info in newest[:3]]
        elif kind == "compare":
            articles = versus or self._changed_story(library, question, cited) or \
                self._two_articles(library, question, topic)
        else:
            story = without_story_order(topic) or topic or question
            articles = self.chooser.named(library, story, question)
            if not articles:  # no article is about that ("Who wrote Pride and Prejudice?")
                return None
        # A summary reads further into its article than a digest or a comparison does.
        depth = 3 if kind == "summary" else 2
        passages = [p for article in articles for p in library.opening(article, depth)]
        if kind == "compare":
            passages += self._about_aspect(library, question, articles, passages)
        return AnswerRequest(question, passages, np.zeros(0, np.float32), kind=kind,
                             library_empty=not passages and not library.articles(limit=1))

    def points_at_no_article(self, library: Collection, question: str, cited: Sequence[int]) -> bool:
        """True for "who wrote it?" or "when was that published?" when no answer just cited
        an article for it to point at, and the library holds more than one."""
        return _points_back_uncited(kind_of(question), cited) and len(library.articles(limit=2)) > 1

    def _of_cited_story(self, library: Collection, question: str, topic: str, cited: int) -> list[int] | None:
        """The article a detail question points back at: the one just cited ("who wrote
        it?"), the other on its story ("and the other one?") or the first or last of its
        story ("and the first one, when was that out?"); None when it names another."""
        if topic in _POINTS_BACK:
            return [cited]
        if without_story_order(topic) and topic not in _OTHER:
            return None
        fits = self.chooser.fits(library, library.article(cited).info.title)
        if topic in _OTHER:
            on_story = [f.article_id for f in fits if holds_topic(f) or f.about >= ABOUT_COSINE]
            return [a for a in on_story if a != cited][:1] or [cited]
        return by_story_order(library, question, fits, [cited])

    def _newest_on(self, library: Collection, topic: str) -> list[int]:
        """The articles about a topic (holding half its words in the title or opening, or
        the one closest in meaning), newest first, two at most."""
        fits = self.chooser.fits(library, topic)
        on_topic = [f for f in fits if holds_topic(f)] or [f for f in fits[:1] if f.about >= ABOUT_COSINE]
        infos = [library.article(f.article_id).info for f in on_topic]
        return [info.id for info in _newest_first(infos)[:2]]

    def _versus(self, library: Collection, question: str) -> list[int]:
        """The two articles an "X vs Y" question compares when each side names its own
        ("Dufresne vs Rusk: what did each say", "what do blue badge holders get at the
        hospital vs under the hosepipe ban"); none when both name one, or one passage holds
        both ("harriers vs wexley, who won": a match report), or a side names none."""
        _, sides = sides_of(question) if _VERSUS.search(question) else ("", [])
        if len(sides) != 2:
            return []
        # One passage holding both ("Harriers beat Wexley 2-1"): a question about that story.
        if holding_all(library, " ".join(sides)):
            return []
        own = [self.chooser.best(library, side, 1, strict=True) or holding_all(library, side) for side in sides]
        return own[0] + own[1] if own[0] and own[1] and own[0] != own[1] else []

    def _changed_story(self, library: Collection, question: str, cited: Sequence[int] = ()) -> list[int]:
        """The first report and the update of the story a question asks how it changed
        ("how has the estimate for fixing Cliff Road changed"; "how does that compare to the
        first estimate": the story just cited); none when the library holds one article on
        it (then it is a question about that one)."""
        what = changed_aspect(question)
        if what is None:
            return []
        first = cited[0] if cited and points_back(question) else \
            next((f.article_id for f in self.chooser.fits(library, what)), None)
        other = self._other_on_story(library, first, what) if first is not None else []
        return [first, *other] if first is not None and other else []

    def _other_on_story(self, library: Collection, first: int, topic: str) -> list[int]:
        """The other article of the story `first` tells (its first report or its update),
        among the articles on `topic` or on its headline; none when there is none."""
        title = library.article(first).info.title
        fits = [*(self.chooser.fits(library, topic, [first]) if topic else []),
                *self.chooser.fits(library, title, [first])]
        return next(([f.article_id] for f in fits if same_story(title, f.title)), [])

    def _two_articles(self, library: Collection, question: str, topic: str) -> list[int]:
        aspect, sides = sides_of(question)
        if not sides:  # one story at two times, or "the two articles": the aspect names the story
            topic = topic_of(aspect) or topic
        if at_two_times(question):
            topic = story_words(topic) or topic
        chosen: list[int] = []
        if len(sides) == 2:
            for side in sides:
                chosen += self.chooser.best(library, side, 1, chosen)
        elif sides or topic:
            # "How did the authority's explanation change between the two articles", "the two
            # articles on the power cut": the article on it, and the one on the same story
            # (closest to its headline).
            # A name deep in the story ("how did Gerald Amesbury's take change") is found by a search.
            story = sides[0] if sides else topic
            # One story at two times ("how long are the breaks now compared to what crews first
            # said") names it by what it tells, not by a headline ("Runner breaks the record").
            chosen = [] if at_two_times(question) else self.chooser.best(library, story, 1, strict=True)
            chosen = chosen or [r.article_id for r in library.search(story, "hybrid", 1)]
            if chosen:
                chosen += self._other_on_story(library, chosen[0], story) or \
                    self.chooser.best(library, library.article(chosen[0]).info.title, 1, chosen)
        if len(chosen) < 2:  # "what do these two articles have in common?": the newest two
            newest = sorted(library.articles(), key=_recency, reverse=True)
            chosen += [i.id for i in newest if i.id not in chosen][:2 - len(chosen)]
        return chosen

    def _about_aspect(self, library: Collection, question: str, articles: Sequence[int],
                      opening: Sequence[SearchResult]) -> list[SearchResult]:
        """For a comparison of one aspect, each article's passages about it beyond its opening."""
        titles = {p.article_id: p.title for p in opening}
        aspect = aspect_of(question, list(titles.values()))
        if aspect is None:
            return []
        seen = {p.chunk_id for p in opening}
        found: list[SearchResult] = []
        for article in articles:
            for r in library.search(f"{aspect.text} {titles.get(article, '')}", "hybrid", 2 * self.top_k):
                if r.article_id == article and r.chunk_id not in seen:
                    seen.add(r.chunk_id)
                    found.append(r)
        return found

    def answer(self, library: Collection, request: AnswerRequest) -> Answer:
        """Cited sentences for the overview question `request` was made for."""
        by_article: dict[int, list[Sentence]] = {}
        for s in sentences_of(request.passages):
            if len(s.text.split()) >= 4 and not s.is_furniture:
                by_article.setdefault(s.passage.article_id, []).append(s)
        if not by_article:
            return abstention(request.question, request.passages, library_empty=request.library_empty)
        infos = {a: library.article(a).info for a in by_article}
        if request.kind in DETAIL_KINDS:
            return details_answer(request, infos[next(iter(by_article))])
        if request.kind == "summary":
            own = next(iter(by_article.values()))
            central = self._closest(own[1:], request.question_vector, 2)
            return compose(request.question, [_span(s) for s in [own[0], *sorted(central, key=lambda s: s.start)]])
        aspect = aspect_of(request.question, [i.title for i in infos.values()]) if request.kind == "compare" else None
        on_aspect = self.aspect_quotes.spans(library, aspect, by_article) if aspect else {}
        spans, labels = [], []
        for article, own in by_article.items():
            spans.append(on_aspect.get(article) or _span(own[0]))
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
        quoted = {(span.passage.article_id, span.start, span.end) for span in spans}
        for own, other in ((a, b), (b, a)):
            unquoted = [s for s in by_article[own][1:] if (s.passage.article_id, s.start, s.end) not in quoted]
            closest = self._closest(unquoted, library.embed_query(infos[other].title), 1)
            if closest:
                spans.append(_span(closest[0]))
                labels.append(f"In common, from {infos[own].title}:")
        return spans, labels


def _span(s: Sentence) -> Span:
    return Span(s.passage, s.start, s.end)


# "What's new since the first report" names no story: the one the conversation is about.
_SINCE_FIRST = re.compile(r"\bsince the (first|original|earlier|last) (one|report|article|story|piece)\b", re.I)
