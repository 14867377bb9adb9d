"""What some shapes of question need of the sentence that answers them.

A "why" asks for a reason, "what did X say" for words someone said, "how many
pupils" for a number of pupils, "how much did it cost" for money, "how old" for
an age, a year for that year. The first three are ranking evidence; all but the
reason rule sentences out: a sentence without them does not answer, whatever else
it holds.
"""
from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Mapping, Sequence

from index.records import SearchResult
from index.search.query import STOPWORDS

from .ages import AgeAsked
from .contrasts import Contrast
from .count_scope import CountScope
from .counts import (NUMBER_WORDS, asks_headcount, asks_rate, counted_acts, counted_noun, holds_count_of,
                     without_changes)
from .doers import Doer, names_someone
from .answer_types import asked_type, asked_words
from .evidence import Sentence
from .stemming import stem, stems
from .homes import asks_home, asks_place_by_name, names_a_place, tells_home
from .measures import Measures, measure_asked, told_to_the_minute
from .money_asked import asks_money, holds_money, period_asked
from .names_held import asked_subject, counted, holds_name, inner_names, name_pairs, opening_name
from .priced import names_priced, priced_thing, sold_by_name
from .reasons import asks_why, gives_reason
from .roles import GENERIC_ROLES, NOT_SPEAKERS, asked_role, holds_role, untold_role
from .years_asked import asks_last_year, asks_since, since_year, tells_earlier, years_in
from .unnamed import asks_who_or_which, identified_noun, noun_untold, only_unnamed, says_withheld
from .story_switch import superseded
from .said_about import names_speaker, says_nothing_about, speaker_asked, stems_beside, topic_asked
from .times import asks_date, asks_when, asks_year, tells_a_date, tells_a_time, tells_a_year, timed_event

_SAY = re.compile(r"\bwhat (did|does|do|has|had|have) [\w' .-]+ (say|said|tell|told|think|thought|mean)\b|"
                  r"\bwhat was [\w' .-]+ (reaction|response|comment)\b|\bhow did [\w' .-]+ (react|respond)\b", re.I)
# "What did the mayor of Calder say": the speaker asked for by role, whose role must be named.
_SPEAKER_ROLE = re.compile(r"\bwhat (?:did|does|do|has|had|have) the ((?:[a-z-]+ ){0,2}?[a-z-]+)(?: of [\w' -]+?)? "
                           r"(?:say|said|tell|told|think|thought)\b", re.I)
_SAID = re.compile(r"\b(said|says|say|told|tells|according to|stated|argued|argues|added|explained|warned|"
                   r"insisted|admitted|claimed|described|called it|believes|thinks)\b|[\"“”]", re.I)
_EXACTLY = re.compile(r"\b(exactly|precisely|the exact)\b", re.I)
# "Nine people died", "12,400 litres"; not "thousands of litres".
_PRECISE = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                      r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                      r"ninety|hundred|thousand|million|billion)\b", re.I)
_POPULATION = re.compile(r"\b(population|inhabitants|how many (people|residents|inhabitants) (live|lived|living))\b",
                         re.I)
_RESIDENTS = re.compile(r"\b(population|inhabitants|residents|people live|people lived|home to)\b|"
                        # "farmers in this town of 2,300 people"
                        r"\b(town|village|city|island|community|parish|hamlet) of (about |around |some |roughly |"
                        r"nearly |almost |more than |fewer than )?\d[\d,.]*( million)? (people|residents|inhabitants|"
                        r"souls)\b",
                        re.I)
# "exceed five million in population" gives a figure in words.
_FIGURE = re.compile(rf"\d|\b({NUMBER_WORDS})\b", re.I)
# A question naming its unit ("in square kilometres", "how many hectares") wants that unit.
_ASKED_UNIT = re.compile(r"\bin (square )?(kilometres|kilometers|km|miles|metres|meters|feet|hectares|acres|"
                         r"tonnes|tons|kilograms|kg|pounds|dollars|euros|percent)\b", re.I)


class ShapeEvidence:
    """For one question: whether a sentence gives the reason a "why" asks for, reports
    words a "what did X say" asks for, counts what a "how many" counts (each 0 or 1)."""

    def __init__(self, question: str) -> None:
        self.why = asks_why(question)
        self.say = bool(_SAY.search(question))
        self.nouns = counted_noun(question)
        self.rate = asks_rate(question)

    def __call__(self, text: str) -> tuple[float, float, float]:
        return (float(self.why and gives_reason(text)), float(self.say and reports_speech(text)),
                float(bool(self.nouns) and holds_count_of(text, self.nouns, self.rate)))


class Veto:
    """For one question: why a sentence cannot answer it (None when nothing rules it out).

    Given the retrieved passages and the question's names (`names`: stems of the words
    it writes or the passages write as names), a sentence is ruled out when another
    retrieved article names all that its article names of them and more: "who is the
    mayor of Varnholm" is not answered by the mayor of Kelderby when an article names
    Varnholm.
    """

    def __init__(self, question: str, passages: Sequence[SearchResult] = (), names: Sequence[str] = (),
                 openings: Mapping[int, str] | None = None) -> None:
        named_by = _names_by_article(passages, names, counted(question))
        self.outnamed = {article for article, named in named_by.items() if any(named < o for o in named_by.values())}
        self.superseded = superseded(question, passages)
        self.years = years_in(question)
        # An article that opens "... for the 2015 season" is of that year in every passage.
        self.of_the_year = {a for a, text in (openings or {}).items() if all(y in text for y in self.years)}
        # "How many came in 2011" is not told by "the most since ... in 2011"; "which Super
        # Bowl was held in 2003" may be, by "the first since Super Bowl XXXVII in 2003".
        self.marked_year = bool(self.years) and asked_type(question) == "quantity" and \
            not asks_since(question)
        self.earlier = asks_last_year(question)
        self.age = AgeAsked(question, passages)
        self.identified = identified_noun(question)
        self.who_or_which = asks_who_or_which(question)
        self.say = bool(_SAY.search(question))
        self.topic = topic_asked(question)
        self.speaker_named = speaker_asked(question)
        self.contrast = Contrast(question)
        self.nouns = counted_noun(question)
        self.rate = asks_rate(question)
        self.acts = counted_acts(question)
        self.headcount = bool(self.nouns) and asks_headcount(question)
        self.scope = CountScope(question)
        self.money = asks_money(question)
        priced = priced_thing(question)
        # "how much was the rainfall" asks no price
        self.priced = priced if self.money or sold_by_name(priced) else set()
        self.money_period = period_asked(question) if self.money else None
        # "exactly how many": "thousands of litres" will not do
        self.exact = bool(_EXACTLY.search(question)) and asked_type(question) == "quantity"
        self.population = bool(_POPULATION.search(question))
        self.when = asks_when(question)
        self.date = asks_date(question)
        self.year = asks_year(question)
        self.event = timed_event(question)
        self.measure = measure_asked(question)
        self.measures = Measures(question)
        # "What time did the fire start?": an article telling a time by the clock ("at about
        # 2:40pm") does not answer with its "on Sunday evening".
        self.to_the_minute = {p.article_id for p in passages if told_to_the_minute(p.text)} \
            if asked_type(question) == "clock" else set()
        unit = _ASKED_UNIT.search(question)
        self.unit = stem(unit.group(unit.lastindex or 0).split()[-1]) if unit else None
        self.role = asked_role(question)
        self.untold_role = bool(passages) and untold_role(question, (f"{p.title} {p.text}" for p in passages))
        self.question = question
        subject = asked_subject(question)
        self.subject = subject if subject in names else None
        if self.subject:  # read only for a question asked of a name
            self.asked = stems(question)
            self.passage_names = frozenset().union(*(inner_names(p.text) for p in passages))
            self.pairs = frozenset().union(*(name_pairs(p.text) for p in passages))
        self.doer = Doer(question)
        self.place_named = asks_place_by_name(question)
        home = asks_home(question)
        # "where is Ruben Lindqvist from" asks someone's home; "where is the funding from" does not
        self.home = home.kind if home and (stems(home.who) & set(names) or not _DETERMINED.match(home.who)) else None
        speaker = _SPEAKER_ROLE.search(question)
        head = speaker.group(1).lower().split()[-1] if speaker else ""
        # The head noun names the speaker ("the new head teacher": teacher); "the report says" names none.
        self.speaker = {stem(head)} if head and head not in STOPWORDS | GENERIC_ROLES | NOT_SPEAKERS else set()

    def __call__(self, sentence: Sentence) -> str | None:
        passage, text = sentence.passage, sentence.text
        if passage.article_id in self.outnamed:
            return "name"
        if passage.article_id in self.superseded:
            return "superseded"
        if passage.article_id not in self.of_the_year and \
                any(year not in passage.text and year not in (passage.date or "") and year not in passage.title
                    for year in self.years):
            return "year"
        if self.marked_year and all(since_year(text, year) for year in self.years):
            return "year since"
        if self.earlier and not tells_earlier(text, passage.date):
            return "earlier"
        age = self.age(text)
        if age:
            return age
        if self.who_or_which and says_withheld(text):
            return "withheld"
        if self.home and not tells_home(text, self.home, asked_words(self.question)):
            return "home"
        if self.place_named and not names_a_place(text, asked_words(self.question)):
            return "place name"
        if self.identified and only_unnamed(self.identified, self.question, text):
            return "unnamed"
        if self.identified and noun_untold(self.identified, self.question, text):
            return "noun untold"
        if self.say and not reports_speech(text):
            return "said"
        if self.speaker_named and not names_speaker(self.speaker_named, sentence):
            return "named speaker"
        if says_nothing_about(self.topic, sentence):
            return "topic"
        if self.contrast(sentence):
            return "contrast"
        if self.nouns and not holds_count_of(without_changes(text) if self.headcount else text, self.nouns, self.rate,
                                              self.acts):
            return "count"
        scope = self.scope(text) if self.nouns else None
        if scope is not None:
            return scope
        if self.money and not holds_money(text):
            return "money"
        if not names_priced(self.priced, sentence.stems, text):
            return "priced"
        if self.money_period and not self.money_period.search(text):
            return "period"
        if self.exact and not _PRECISE.search(text):
            return "exact figure"
        if self.population and not (_RESIDENTS.search(text) and _FIGURE.search(text)):
            return "population"
        if self.when and not tells_a_time(text):
            return "time"
        if self.event and not self.event & sentence.stems:
            return "event"
        if self.year and not tells_a_year(self.question, text):
            return "year asked"
        if self.date and not tells_a_date(self.question, text):
            return "date"
        if self.measure and not self.measure.search(text):
            return "measure"
        missing = self.measures(text)
        if missing:
            return missing
        if passage.article_id in self.to_the_minute and not told_to_the_minute(text):
            return "vague time"
        if self.unit and self.unit not in sentence.stems:
            return "unit"
        doer = self.doer(sentence)
        if doer:
            return doer
        if self.role and not holds_role(sentence.stems, self.role):
            return "role"
        if self.untold_role:
            return "role untold"
        # "Who is Wierzba's coach?" is not answered by "My coach tells me ...": no one is named.
        if self.role and not names_someone(self.question, text):
            return "role holder"
        if self.subject and self._another_subject(sentence):
            return "another subject"
        # The speaker may be named just before ("..., said the council leader. She added ...").
        if self.speaker and not holds_role(sentence.stems | stems_beside(sentence, after=False), [self.speaker]):
            return "speaker"
        return None

    def _another_subject(self, sentence: Sentence) -> bool:
        """"When was Medwell founded?" is not answered by "Greenleaf was founded in 1974":
        the sentence opens with another name, and neither names the question's subject
        nor is that name one the question uses or the first of the subject's ("Amara" of
        "Amara Nwosu")."""
        opening = opening_name(sentence.text, self.passage_names)
        return opening is not None and opening not in self.asked and self.subject not in sentence.stems and \
            (opening, self.subject) not in self.pairs


_DETERMINED = re.compile(r"(?:the|a|an|this|that|these|those|its|their|our|your|my|some|all)\b", re.I)

# "how old is brandt": the age of one named, a person when the passages give a first name
# before it ("Elias Brandt"); "how old is kestrel bridge" asks of a thing.
@lru_cache(maxsize=2_000)
def _passage_stems(text: str) -> frozenset[str]:
    # Passages are larger than sentences: a cache of their own, kept small.
    return frozenset(stems(text))


def _names_by_article(passages: Sequence[SearchResult], names: Sequence[str],
                      counts: frozenset[str] = frozenset()) -> dict[int, set[str]]:
    """For each retrieved article, which of the names its passages (and title) hold."""
    held: dict[int, set[str]] = {}
    for p in passages:
        found = _passage_stems(f"{p.title} {p.text} {p.date or ''}")
        held.setdefault(p.article_id, set()).update(n for n in names if holds_name(n, found, counts))
    return held


@lru_cache(maxsize=20_000)  # the same sentences come back for question after question
def reports_speech(text: str) -> bool:
    """True when the text reports someone's words: a quote, or "said", "told", "argued"."""
    return bool(_SAID.search(text))


def veto(question: str, sentence: Sentence) -> str | None:
    """Why the sentence cannot answer the question (None when nothing rules it out)."""
    return Veto(question)(sentence)
