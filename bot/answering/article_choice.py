"""Which articles a question about articles as wholes names ("the article announcing the strike").

An article fits a topic by how much of the topic its title holds, how much its title,
publication and opening sentence hold, and how close its headline is in meaning; the
search rank of its best passage only breaks near-ties, so that of two articles on one
story the one the question describes wins, not the one with the closest passage.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.collection import Collection, passage_text
from index.records import SearchResult
from index.sources.byline import MONTHS, is_byline

from .evidence import sentences_of
from .stemming import question_stems, stems
from .years_asked import years_in
from .semantic import SentenceSimilarity
from .story_switch import same_story

# A passage this close in meaning to a topic is about it, whatever its title says.
ABOUT_COSINE = 0.4
# ...and this close, when it fits far better than any other article.
NEAR_COSINE = 0.3
# The opening sentences (the lede) that stand for an article when a topic is matched against it.
_LEAD_SENTENCES = 1
_CANDIDATES = 10
# The opening and publication count for less than the title: a long opening holds more words.
DESCRIBED_WEIGHT = 0.5


# Words sharing this long a beginning are one word for a reader ("investigation",
# "investigators"): the stemmer joins plurals and verb endings only.
_SHARED_BEGINNING = 8


def _holds(term: str, held: set[str]) -> bool:
    """True when the stems hold the term, or a word beginning as it does."""
    return term in held or (len(term) >= _SHARED_BEGINNING and
                            any(h[:_SHARED_BEGINNING] == term[:_SHARED_BEGINNING] for h in held))


def title_match(topic: str, title: str) -> float:
    """Share of the topic's meaningful terms in an article's title."""
    terms = question_stems(topic)
    held = stems(title)
    return sum(_holds(t, held) for t in terms) / len(terms) if terms else 0.0


@dataclass(frozen=True)
class Fit:
    """How well one article fits a topic."""

    article_id: int
    named: float  # share of the topic's terms in the title
    described: float  # share of them in the title, publication and opening
    cosine: float  # meaning of the topic against the headline
    about: float  # the closest meaning of the topic to the opening or to any passage found
    score: float
    dated: bool = False  # dated in the year or month the topic names
    title: str = ""  # its headline, as the search found it


class ArticleChooser:
    """Ranks a collection's articles by how well they fit a topic."""

    def __init__(self, similarity: SentenceSimilarity) -> None:
        self.similarity = similarity

    def fits(self, library: Collection, topic: str, exclude: Sequence[int] = ()) -> list[Fit]:
        """The articles search finds for `topic`, best fit first."""
        results: dict[int, SearchResult] = {}
        for r in library.search(topic, "hybrid", _CANDIDATES):
            if r.article_id not in exclude and r.article_id not in results:
                results[r.article_id] = r
        if not results:
            return []
        terms = question_stems(topic)
        years = set(years_in(topic))
        months = {f"{i:02d}" for i, name in enumerate(MONTHS, 1) if _names_month(name, topic.lower())}
        leads = {a: _lead(library, a, r) for a, r in results.items()}  # (lead, bylines)
        vector = library.embed_query(topic)
        headlines = self.similarity(vector, [r.title for r in results.values()])
        openings = self.similarity(vector, [lead for lead, _ in leads.values()])
        fits = []
        for (article, r), headline, opening in zip(results.items(), headlines, openings):
            # "lottie prendergast's article": the byline names its writer
            lead, bylines = leads[article]
            held = stems(f"{lead} {r.site or ''} {bylines}")
            described = sum(_holds(t, held) for t in terms) / len(terms) if terms else 0.0
            named = title_match(topic, r.title)
            # Meaning is weighed on the headline: an opening about the same events in other
            # words ("will stop work" for "to strike") is closer to the other article's.
            # "the Northvale Herald's flood story": the site a reader names picks its article.
            site = stems(r.site or "")
            by_site = float(bool(site) and site <= set(terms))
            # "the 2024 report", "the July article": the date a reader names.
            dated = float(bool(years & {(r.date or "")[:4]})) + float(bool(months & {(r.date or "")[5:7]}))
            score = named + DESCRIBED_WEIGHT * described + headline + dated + by_site
            about = max(headline, opening, r.similarity or 0.0)
            fits.append(Fit(article, named, described, headline, about, score, dated > 0, r.title))
        # Search rank (dict order) breaks ties only: sorted() keeps it among equal scores.
        return sorted(fits, key=lambda f: -f.score)

    def best(self, library: Collection, topic: str, count: int, exclude: Sequence[int] = (),
             strict: bool = False) -> list[int]:
        """The `count` articles that fit a topic best. `strict`: only articles whose title,
        or whose publication and opening, hold half the topic ("the Mercury's sentencing
        story"), or that are close to it in meaning, or the one that fits far better than
        any other ("the noisy pub ruling article" for a court ruling on a pub's music)."""
        fits = self.fits(library, topic, exclude)
        return [f.article_id for f in (_strictly(fits) if strict else fits)[:count]]

    def named(self, library: Collection, topic: str, question: str) -> list[int]:
        """The article a question about one article as a whole names: the best fit as
        `best(..., strict=True)` finds it, or, when the question places it in its story,
        the oldest or newest of the story's articles (`by_story_order`); failing both, the
        article whose passage holds every word of the topic ("the olive & ember piece" names
        a restaurant its headline does not)."""
        fits = self.fits(library, topic)
        chosen = [f.article_id for f in _strictly(fits)[:1]] or holding_all(library, topic)
        return by_story_order(library, question, fits, chosen)


def holding_all(library: Collection, topic: str) -> list[int]:
    """The article of the best passage holding every word of the topic, if there is one."""
    terms = question_stems(topic)
    for r in library.search(topic, "hybrid", 3) if terms else []:
        held = stems(r.text)
        if all(_holds(t, held) for t in terms):
            return [r.article_id]
    return []


def _strictly(fits: list[Fit]) -> list[Fit]:
    """The fits `ArticleChooser.best` keeps when strict."""
    ahead = len(fits) > 1 and fits[0].about >= NEAR_COSINE and fits[0].score >= 2 * max(fits[1].score, 0.1)
    return [f for i, f in enumerate(fits) if holds_topic(f) or f.about >= ABOUT_COSINE or f.dated
            or (i == 0 and ahead)]


# "The first Ostrel article", "the update on the fire": which of a story's articles, by date.
_OLDER = re.compile(r"\b(first|original|originally|earlier|earliest|initial|older|oldest)\b", re.I)
_NEWER = re.compile(r"\b(later|latest|second|update|updated|follow-?up|newer|newest|most recent)\b", re.I)


def without_story_order(topic: str) -> str:
    """The topic without the words placing an article in its story ("first", "update"):
    "the first story about the snowstorm" is about the snowstorm, not "First month of ..."."""
    return " ".join(_NEWER.sub(" ", _OLDER.sub(" ", topic)).split())


def by_story_order(library: Collection, question: str, fits: list[Fit], chosen: list[int]) -> list[int]:
    """The article a question picks by its place in a story ("when was the first Ostrel
    article published", "who wrote the update on the fire"): of the articles on the topic
    (`fits`, best first), the oldest or the newest by date; `chosen` when the question names
    no such place or only one dated article is on the topic."""
    older, newer = _OLDER.search(question), _NEWER.search(question)
    if bool(older) == bool(newer) or not chosen:
        return chosen
    # The story's articles are those whose headline is on the topic ("A runner from Dunmore"
    # in an opening does not put the coastal path story on the Dunmore ferry's).
    # ...or that tell the chosen one's story by its own names ("Thornly Heath fire under
    # control" for "the wildfire update").
    first = library.article(chosen[0]).info.title
    on_topic = [f.article_id for f in fits if f.named >= 0.5 or f.cosine >= ABOUT_COSINE or
                f.article_id == chosen[0] or same_story(first, f.title)]
    dated = [info for info in (library.article(a).info for a in on_topic[:3]) if info.date]
    if len(dated) < 2 or chosen[0] not in on_topic[:3]:
        return chosen
    ordered = sorted(dated, key=lambda info: info.date or "")
    return [(ordered[0] if older else ordered[-1]).id]


def holds_topic(fit: Fit) -> bool:
    """True when the article's title, or its publication and opening, hold half the topic."""
    return fit.named >= 0.5 or fit.described >= 0.5


def _names_month(name: str, topic: str) -> bool:
    """True when the topic names the month ("july", "march 3"); "may" and "march" are
    words too, so they count only beside a day ("what may happen" names no month)."""
    with_day = re.search(rf"\b{name} \d{{1,2}}\b|\b\d{{1,2}}(st|nd|rd|th)? {name}\b", topic)
    return bool(with_day) or (name not in ("may", "march") and re.search(rf"\b{name}\b", topic) is not None)


def _lead(library: Collection, article: int, found: SearchResult) -> tuple[str, str]:
    """An article's title and opening sentences (bylines and headings left out), and its bylines."""
    sentences = sentences_of(library.opening(article, 1))
    opening = [s.text for s in sentences if not s.is_furniture]
    bylines = " ".join(s.text for s in sentences if s.is_furniture and is_byline(s.text))
    return passage_text(found.title, " ".join(opening[:_LEAD_SENTENCES])), bylines
