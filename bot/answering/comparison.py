"""Comparisons of two articles: which phrases name the articles, and what is compared.

"compare the Storm Idris and the library articles" compares the articles as wholes (each
is quoted from its lead); "compare the vote for the strike with the vote on the deal",
"how did the pay offer change between A and B" or "compare the break rules before and
after the deal" compare one aspect, and each article is quoted where it speaks of it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.collection import Collection, passage_text
from index.sources.byline import MONTHS

from .counts import counted_noun, holds_count_of
from .evidence import Sentence, term_weights
from .stemming import question_stems, stem, stems
from .measures import asks_how_long, tells_how_long
from .names_held import inner_names
from .overview_kinds import TWO_TIMES, topic_of
from .money_asked import holds_money
from .quoting import Span
from .said_about import continues_speech
from .semantic import SentenceSimilarity
from .times import asks_when, tells_a_time

_SIDES = re.compile(r"\s+(?:compared (?:with|to)|and|with|vs\.?|versus|to|(?:is |are )?different (?:from|to|than)|"
                    r"stacks? up (?:against|with)|side by side with)\s+", re.I)
_OR = re.compile(r"\s+or\s+", re.I)
# A colon, a dash or a comma before what is asked of the two sides
_TOLD_APART = re.compile(r"\s*(?::\s|—|–|\s-\s|,\s*(?=(?:which|what|how)\b))\s*", re.I)
# "which is bigger money, the broadband project or the warehouse"
_ASKED_FIRST = re.compile(r"^\W*((?:which|what)\b[^,]{0,40}),\s*", re.I)
_EITHER = re.compile(r"\s(?:vs\.?|versus|or|and)\s", re.I)
# "what the union wanted vs what they got", "compare what was promised with what happened"
_WHAT_THEN_WHAT = re.compile(r"\bwhat\b[^?]*\b(?:(?:vs\.?|versus) what|(?:with|to) what\b"
                             # not "what the tram article says with what the bus article says"
                             r"(?![^?]*\b(?:articles?|story|stories|pieces?|reports?)\b))", re.I)
_TWO_TIMES = re.compile(TWO_TIMES, re.I)
# "contrast the petitions in the school and bus stories": what is compared, then the two articles
_ASPECT_IN = re.compile(r"\b(?:compare|contrast)\s+(?:the\s+)?(?P<aspect>[\w'’ -]+?)\s+in\s+(?:the\s+)?"
                        r"(?!(?:two|both)\b)(?P<sides>.+?)\s+(?:articles|stories|reports|pieces)\b", re.I)
# "before and after the deal" names one thing at two times, not two things.
_ONE_SIDE = re.compile(r"\bbefore and after\b", re.I)
# "after the fire and after the inquiry", "at the first meeting and at the second": two times of one story.
_AT_A_TIME = re.compile(r"\b(?:(?:right|just|soon|shortly|straight|immediately) )?(?:after|before|following|during|"
                        r"since|when|at the time of|at the (?:first|second|start|end))\b", re.I)
# "the two articles on the power cut" names the story; "the two Ostrel articles about the
# cause of the fire" names the articles, then what is compared in them.
_TWO_ON = re.compile(r"\b(?:two|both) (?:articles|stories|reports|pieces) (?:about|on|over|regarding|concerning)\b",
                     re.I)
# "... say about the cost", "... differ on pay": what the articles on a story are compared on.
_SAY_ABOUT = re.compile(r"\b(?:say|says|said|differ|compare|agree)\s+(?:about|on|over|regarding)\s+(?:the\s+)?"
                        r"(?P<aspect>.+)$", re.I)
_ARTICLES_ABOUT = re.compile(r"\b(?:two|both) (?:\S+ ){1,4}(?:articles|stories|reports|pieces) "
                             r"(?:about|on|over|regarding|concerning) (?:the )?(?P<aspect>.+)$", re.I)
# "how did the pay offer change between A and B": what is compared comes before "between";
# "between the two Carrowmere stories" and "in both Carrowmere articles" name one story's articles.
_BETWEEN = re.compile(r"\b(?:between|(?:change|changed|shift|shifted|evolve) (?P<from>from))\b", re.I)
# "what has lowe said about the square compared with the library": what is compared is
# what someone said; the two sides follow "about".
_SAID_ABOUT = re.compile(r"\b(?:say|said|says|think|thinks|thought)\s+about\s+", re.I)
_TWO_STORIES = re.compile(r"\b(?:between|in) (?:the )?(?:two|both) (?P<story>.+?) ?"
                          r"(?:articles|stories|reports|pieces)\b", re.I)
# Words of a comparison that name neither an article nor what is compared in them.
_COMPARING = {stem(w) for w in "change changed changes before after between then now earlier later first second each "
                               "differ different difference same compared original originally initially".split()}
_TOLD = {stem(w) for w in "say said saying says think thought tell told believe believed".split()}
# Words naming a time, not an article: "between september and october", "then and now".
_TIMES = {stem(w) for w in MONTHS} | {stem(w) for w in "jan feb mar apr jun jul aug sep sept oct nov dec now then "
                                                       "today before after earlier later first second original".split()}


def story_words(topic: str) -> str:
    """A comparison's topic without the words that only frame it ("breaks first compared
    to later" -> "breaks"): what is left names the story."""
    return " ".join(w for w in topic.split() if stem(w.lower()) not in _COMPARING | _TOLD)


def at_two_times(question: str) -> bool:
    """True when a question compares one story at two times by when it was told ("how many
    flights were cancelled at first and how many by the end"), naming no article."""
    return _TWO_TIMES.search(question) is not None


# "How has the estimate for fixing Cliff Road changed", "what's changed with the bus route":
# a comparison when the story was told twice.
_CHANGED = re.compile(r"^\W*(?:how|what) (?:has|have|had) (?P<what>[^?]+?) (?:changed|shifted|moved|developed)\b"
                      r"(?![^?]*\b(?:between|from)\b)|"
                      r"^\W*what(?:'s|’s| has) changed (?:about|with|on|in|for) (?P<what2>[^?]+)|"
                      # after an answer: "how does that compare to the first estimate"
                      r"^\W*how (?:does|do|did) (?P<back>that|it|this|these|those) compare (?:to|with) "
                      r"(?P<what3>[^?]+)",
                      re.I)


def changed_aspect(question: str) -> str | None:
    """What a question asks how it has changed ("how has the pay offer to the crews
    changed" -> "the pay offer to the crews"); None when it asks no such thing."""
    m = _CHANGED.search(question)
    return (m.group("what") or m.group("what2") or m.group("what3")) if m else None


def points_back(question: str) -> bool:
    """True when a question about change points at what was just said ("how does that compare ...")."""
    m = _CHANGED.search(question)
    return bool(m and m.group("back"))


def sides_of(question: str) -> tuple[str, list[str]]:
    """(what is compared, the phrases naming each article): "how did the pay offer change
    between the strike and the deal" -> ("how did the pay offer change", ["strike", "deal"]);
    of two sides, what both share is compared ("the vote for the strike with the vote on
    the deal" -> "vote"); before and after something, what comes before ("the break rules
    before and after the deal" -> "the break rules"). One story at two times ("the
    headcount then and now", "the plans in sept vs now", "between september and october",
    "what she said after the fire and after the inquiry") names no articles."""
    changed = changed_aspect(question)
    if changed:  # one story at two times, naming no article
        return changed, []
    two_on = _TWO_ON.search(question)
    if two_on:  # "the two articles on the power cut": the story, compared whole, or as to what follows
        said = _SAY_ABOUT.search(question, two_on.end())
        if said:
            return said.group("aspect"), [topic_of(question[:said.start()])]
        return "", [topic_of(question)]
    about = _ARTICLES_ABOUT.search(question)
    if about:
        return about.group("aspect"), [topic_of(question[:about.start("aspect")])]
    two_stories = _TWO_STORIES.search(question)
    if two_stories:
        story = topic_of(two_stories.group("story"))  # "the two most recent stories" names none
        return question[:two_stories.start()], [story] if story else []
    aspect_in = _ASPECT_IN.search(question)
    if aspect_in and _SIDES.search(aspect_in.group("sides")):
        return aspect_in.group("aspect"), _named(_SIDES.split(aspect_in.group("sides")))
    # "what the union wanted vs what it got", "how many at first and how many by the end": one story, two times
    if _WHAT_THEN_WHAT.search(question) or at_two_times(question):
        return question, []
    one_side = _ONE_SIDE.search(question)
    if one_side:
        return question[:one_side.start()], [topic_of(question)] if topic_of(question) else []
    between = _BETWEEN.search(question)
    aspect, rest = ("", question)
    if between:  # what comes before "between", or before "from" after "how did it change"
        aspect, rest = question[:between.start("from") if between.group("from") else between.start()], \
            question[between.end():]
    said = _SAID_ABOUT.search(rest) if not between else None
    talked_of = _named(_SIDES.split(rest[said.end():])) if said else []
    if said and len(talked_of) == 2 and not any(map(_names_a_time, talked_of)):
        return rest[:said.start()] + " said", talked_of  # two things talked about, not one at two times
    # "the bus cut vs the job losses: which hits more people", "more homes affected: the
    # power cuts or the broadband": what is compared told apart from the two sides
    told, apart = _TOLD_APART.search(rest), ""
    if told and _EITHER.search(rest[:told.start()]):
        apart, rest = rest[told.end():], rest[:told.start()]
    elif told and told.group(0).strip() == ":" and _EITHER.search(rest[told.end():]):
        apart, rest = rest[:told.start()], rest[told.end():]
    elif (lead := _ASKED_FIRST.match(rest)) and _EITHER.search(rest[lead.end():]):
        apart, rest = lead.group(1), rest[lead.end():]
    # "the broadband project or the warehouse"; "the stay or go vote with the election" is split at "with"
    parts = _SIDES.split(rest) if _SIDES.search(rest) else _OR.split(rest)
    sides = _named(parts)
    if len(sides) == 2 and any(map(_names_a_time, sides)):
        return " ".join(w for w in question.split() if stem(w.lower().strip("?!.,")) not in _TIMES), []
    times = [_AT_A_TIME.search(part) for part in parts] if len(parts) == 2 else []
    if times and times[0] and times[1] and times[1].start() == 0:
        return aspect + parts[0][:times[0].start()], []
    if not between and len(sides) == 2:
        aspect = " ".join(w for w in sides[0].split() if stem(w) in stems(sides[1]))
        # "the turnout of the 2023 ballot with the turnout in april": one story at two times,
        # the other side naming it
        timed = [all(stem(w) in _TIMES | stems(aspect) for w in side.split()) for side in sides]
        if any(timed):
            story = sides[timed.index(False)] if not all(timed) else aspect
            return aspect, [" ".join(w for w in story.split() if stem(w) not in _TIMES)]
    elif not between and sides:
        aspect = sides[0]
    return (f"{aspect} {apart}".strip() if apart else aspect), sides


# "which is bigger money": a sum is compared with a sum; "which hits more people", "the
# headcount then and now": a figure with a figure.
_MONEY_ASKED = re.compile(r"\b(money|costs?|costing|costlier|cheaper|dearer|expensive|prices?|spend|spent|budget|"
                          r"funding)\b", re.I)
_FIGURE_ASKED = re.compile(r"\b(more|most|fewer|bigger|biggest|larger|smaller|how many|how much|number|count|"
                           r"headcount|figures?|crowd|size)\b", re.I)
_FIGURE_GIVEN = 0.5


def _named(parts: list[str]) -> list[str]:
    """What each part of a comparison names (parts that name nothing left out)."""
    return [side for side in map(topic_of, parts) if side]


def _names_a_time(side: str) -> bool:
    """True when a side of a comparison is only a time ("september", "then", "now")."""
    return all(stem(w) in _TIMES for w in side.lower().split())


@dataclass(frozen=True)
class Aspect:
    """What a comparison compares: its words, their stems that no article's title holds, and
    whether it asks for a sum of money, a duration, a figure or a time ("money", "duration",
    "figure", "time" or "")."""

    text: str
    terms: tuple[str, ...]
    wants: str = ""
    counted: frozenset[str] = frozenset()

    def given(self, text: str) -> bool:
        """Whether the text gives the sum or figure the aspect asks for."""
        if self.wants == "money":
            return holds_money(text)
        if self.wants == "duration":
            return tells_how_long(text)
        if self.wants == "figure" and self.counted:  # "how many flights": a count of flights
            return holds_count_of(text, set(self.counted))
        if self.wants == "time":
            return tells_a_time(text)
        return self.wants == "figure" and _FIGURE.search(text) is not None


def aspect_of(question: str, titles: Sequence[str]) -> Aspect | None:
    """The aspect a comparison compares; None when it compares the articles as wholes
    ("compare the two tram articles": every term is in a title)."""
    named = set().union(*(stems(t) for t in titles)) if titles else set()
    compared = sides_of(question)[0]
    text = topic_of(compared)
    wants = "money" if _MONEY_ASKED.search(compared) else "duration" if asks_how_long(compared) else \
        "figure" if _FIGURE_ASKED.search(compared) else "time" if asks_when(compared) else ""
    # "What they originally said ... vs what they're saying now": the saying frames the two
    # times; what was said is compared ("they're" leaves a stray "re").
    framing = _TOLD if at_two_times(question) else set()
    asked = tuple(t for t in question_stems(text) if t not in _COMPARING and t not in framing and len(t) > 2)
    counted = frozenset(counted_noun(compared))
    # What is counted is asked for, though a headline says it too ("214 flights", "348 flights").
    terms = tuple(t for t in asked if t not in named or t in counted)
    # "How did the pay offer change between March and May" and "the two articles about the
    # cause of the fire" name what they compare, though a headline says "pay offer" or "fire" too.
    if not terms and (_BETWEEN.search(question) and not _TWO_STORIES.search(question)
                      or _ARTICLES_ABOUT.search(question) or _ASPECT_IN.search(question)):
        terms = asked
    return Aspect(text, terms, wants, counted) if terms else None


class AspectQuotes:
    """Each article's sentence about the aspect compared, found alike in both."""

    def __init__(self, similarity: SentenceSimilarity) -> None:
        self.similarity = similarity

    def spans(self, library: Collection, aspect: Aspect, by_article: dict[int, list[Sentence]]) -> dict[int, Span]:
        """The span to quote from each article: first the article that speaks of the
        aspect most plainly, then in the other the sentence on it that is most like that one."""
        vector = library.embed_query(aspect.text)
        scores = {a: self._scores(vector, aspect, own) for a, own in by_article.items()}
        anchor = max(scores, key=lambda a: max(scores[a]))
        best = {anchor: by_article[anchor][_top(scores[anchor])]}
        everything = [s for own in by_article.values() for s in own]
        # Parallel sentences share the anchor's rarer words ("rise", "percent"), not the
        # names and topic words that run through both articles (their headlines).
        headlines = set().union(*(stems(own[0].passage.title) for own in by_article.values()))
        names = inner_names(best[anchor].text)  # "the B4417 Cliff Road between Selcombe and Hallow Point"
        weights = term_weights([t for t in question_stems(best[anchor].text) if t not in headlines and t not in names
                                and t not in _COMPARING],
                               everything)
        total = sum(weights.values()) or 1.0
        # A figure is compared with a figure ("a rise of 3.5 percent" with "a rise of 5.2 percent"),
        # a duration with a duration ("at least 48 hours" with "five days after"), a count with
        # a count of the same ("214 flights" with "348 flights").
        parallel = aspect.given if aspect.wants in ("duration", "time") or aspect.counted else \
            lambda text: _FIGURE.search(text) is not None
        figure = parallel(best[anchor].text)
        for article, own in by_article.items():
            if article != anchor:
                like = [sum(w for t, w in weights.items() if t in s.stems) / total
                        + _PARALLEL_FIGURE * (figure and parallel(s.text)) for s in own]
                best[article] = own[_top([x + y for x, y in zip(scores[article], like)])]
        return {a: _with_quote_after(best[a], by_article[a]) for a in by_article}

    def _scores(self, vector: np.ndarray, aspect: Aspect, own: list[Sentence]) -> list[float]:
        """Share of the aspect's terms in each sentence (but those of its own title), plus meaning."""
        title = stems(own[0].passage.title)
        terms = [t for t in aspect.terms if t not in title or t in aspect.counted] or list(aspect.terms)
        cosines = self.similarity(vector, [passage_text(s.passage.title, s.text) for s in own])
        return [sum(t in s.stems for t in terms) / len(terms) + c + _FIGURE_GIVEN * aspect.given(s.text)
                for s, c in zip(own, cosines)]


# A figure, not a year or a day of the month.
_FIGURE = re.compile(r"[£$€]?\d+(?:[.,]\d+)*(?!\d)(?<!\b1\d\d\d)(?<!\b20\d\d)"
                     rf"(?! (?:{'|'.join(month[:3] for month in MONTHS)}))", re.I)
_PARALLEL_FIGURE = 0.25


def _top(scores: list[float]) -> int:
    """The index of the best score (the earliest sentence among equals)."""
    return max(range(len(scores)), key=lambda i: (scores[i], -i))


def _with_quote_after(s: Sentence, own: list[Sentence]) -> Span:
    """The sentence, and the quote right after it that the same speaker goes on with."""
    after = [o for o in own if o.passage.chunk_id == s.passage.chunk_id and o.start >= s.end
             and not s.passage.text[s.end - s.passage.start:o.start - s.passage.start].strip()]
    end = after[0].end if after and continues_speech(s.text, after[0].text) else s.end
    return Span(s.passage, s.start, end)
