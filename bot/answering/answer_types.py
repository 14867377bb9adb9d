"""What kind of thing a question asks for (a count, a measure, a date, a person, a place),
and whether a sentence holds one that the question does not already name."""
from __future__ import annotations

import re
from functools import lru_cache

from index.search.query import STOPWORDS

from .homes import asks_where_from, origins

_WORD = re.compile(r"\w+")
_YEAR_OR_DATE = re.compile(
    r"\b(1[0-9]{3}|20[0-9]{2}|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|century|decade|spring|"
    r"summer|autumn|winter|yesterday|tomorrow|tonight|today|\d{1,2}(:\d{2})?(am|pm)|\d{1,2}:\d{2}|"
    r"1[0-9]{3}s|20[0-9]{2}s)\b", re.I)
# Numbers written as words, one to ninety ("Fourteen cameras").
CARDINALS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|" \
            "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMBER = re.compile(rf"\d|\b(once|twice|thrice|{CARDINALS}|(hundred|thousand|million|billion|dozen)s?)\b", re.I)
_FRACTION = re.compile(r"\b(?:a|one|two|three|four|nine)[- ](?:half|third|quarter|fifth|sixth|tenth)s?\b(?![- ](?:"
                       r"round|time|place|day|year|final|term|floor|series|party))", re.I)
# A capitalised word not opening the sentence (nor a quote that opens it: '"Switching off ...').
_NAME = re.compile(r"(?<!^)(?<!^[\"“‘'(])(?<![.!?]\s)\b[A-Z][a-z]+")


YEAR = r"(1[0-9]{3}|20[0-9]{2})"
_YEAR = re.compile(rf"^{YEAR}$")


def is_year(word: str) -> bool:
    """True for a word that is a year ("1932", "2026")."""
    return bool(_YEAR.match(word))


def is_date_word(word: str) -> bool:
    """True for a word that names a time, not a thing: a year, month, day or season."""
    return bool(_YEAR_OR_DATE.fullmatch(word))


_UNIT = re.compile(r"^(km|kilometres?|kilometers?|metres?|meters?|miles?|feet|foot|inches|yards?|years?|months?|"
                   r"weeks?|days?|hours?|minutes?|seconds?|percent|%|kg|tonnes?|tons?|acres?|hectares?|moves?|"
                   r"degrees?|°C|°F|C|F|celsius|fahrenheit|mph|knots?|decibels?|dB)$", re.I)
# "in Leeds", "on the former Quarrybank golf course"; never "on Sunday" or "in May".
# After "to" only "the" may come between ("went to see Paul" names no place).
_PLACE_WORD = re.compile(r"\b(?:(?P<prep>in|at|on|near|from|outside|beside|off)\s+(?:the\s+)?(?:[a-z][\w-]+\s+){0,2}?|"
                         r"to\s+(?:the\s+)?)"
                         r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                         r"May|June|July|August|September|October|November|December)\b)(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)")
# "What were Brightwell's sales", "what is the population": a figure is a number too.
_QUANTITY = re.compile(r"\bhow (many|much)\b|\bwhat (percentage|number|amount|proportion|temperature|share)\b|"
                       r"^\W*what (is|was|were|are|will be) (the )?[\w' -]*\b(sales|revenues?|profits?|turnover|budget|"
                       r"price|cost|salary|wages?|income|population|attendance|score|fee|fine|fare|margin|majority|"
                       r"turnout|temperature|total|valuation|tally|toll|deficit|surplus|capacity)\b"
                       # the figure is what is asked, not a word of a longer name ("the price rise")
                       r"(?!\s+(rises?|increases?|cap|caps|tags?|hikes?|freeze|cuts?|wars?|lists?|range|index|growth|"
                       r"changes?|drops?|falls?|reasons?|problems?|issues?|row|dispute|debate|plans?|policy|policies)\b)")
_MEASURE = re.compile(r"\bhow (long|old|far|tall|big|high|wide|deep|large|hot|cold|warm|fast|heavy|loud|steep)\b")
_TIME = re.compile(r"\bwhen\b|\bwhat (year|date|day|month|century|decade|time)\b|\bwhich (year|century)\b")
_PERSON = re.compile(r"\bwho\b|\bwhom\b|\bwhose\b")
_WHERE = re.compile(r"\bwhere\b|\bwhat (city|country|place|town|state)\b")
# "What time", "at what hour": a time of day, not a date.
_CLOCK_ASKED = re.compile(r"\b(what|which) (time|hour)\b(?! (period|frame|span|scale|zone|of (the )?year))|"
                          r"\bat what point in the day\b")
_CLOCK = re.compile(r"\b\d{1,2}(:\d{2})?\s*(am|pm|a\.m\.|p\.m\.)|\b(half|quarter) (past|to)\b|"
                    r"\b(at|after|before|until|by|around|about) (one|two|three|four|five|six|seven|eight|nine|ten|"
                    # "by three-quarters of a length", "by two lengths" tell no time of day ("at four-thirty" does)
                    r"eleven|twelve)\b(?!-(?:quarters?|thirds?|halves|fifths?)\b| (?:of|per|people|times|years|"
                    r"months|weeks|days|hours|minutes|seconds|lengths|points|goals|votes|runs|wickets|strokes|shots|"
                    r"places|seats|metres|miles)\b)|"
                    r"\b\d{1,2}[:.][0-5]\d\b(?!\s*(%|per ?cent|points))|"
                    r"\b(dawn|dusk|sunrise|sunset|"
                    r"midnight|noon|midday|morning|afternoon|evening|night|overnight|o'clock)\b", re.I)
# "Which ship", "what company": a thing the question names by its kind wants its name.
_WHICH_NAMED = re.compile(r"\b(which|what) (?!(year|century|decade|date|day|month|time|hour|percentage|number|"
                          r"amount|proportion|city|country|place|town|state|kind|type|sort|way|part|side|is|was|"
                          r"were|are|did|does|do|has|had|have|will|would|can|could|should|may|might|of|to|in|"
                          r"happened|happens|about|else|if|went|made|led|new|ones?|the|exactly|\w+ed|\w+ly)\b)"
                          r"([a-z]+)\b")


@lru_cache(maxsize=50_000)
def _words_of(text: str) -> tuple[str, ...]:
    # The same sentences come back for question after question.
    return tuple(re.findall(r"[\w%]+", text))


@lru_cache(maxsize=1_000)
def asked_words(question: str) -> frozenset[str]:
    """The words of a question, lower-cased."""
    return frozenset(w.lower() for w in _WORD.findall(question))


def _new_words(question: str, sentence: str) -> list[str]:
    """The sentence's words the question does not use: where an answer must be."""
    asked = asked_words(question)
    return [w for w in _words_of(sentence) if w.lower() not in asked]


def asks_for_type(question: str) -> bool:
    """True when the question asks for a count, a measure, a date, a person or a place."""
    q = question.lower()
    return any(p.search(q) for p in (_QUANTITY, _MEASURE, _TIME, _PERSON, _WHERE))


_MONTH = r"((jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|may)"
# A date a reader can put in a diary: "17 May", "May 17", "September 2021", "2019",
# "12/03/2024"; "on Saturday" or "last spring" only place an event near the story's date.
_NAMED_DATE = re.compile(rf"\b(\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?{_MONTH}|({_MONTH})\s+\d{{1,2}}(st|nd|rd|th)?\b|"
                         rf"({_MONTH})\s+(of\s+)?(1[0-9]{{3}}|20[0-9]{{2}})|(1[0-9]{{3}}|20[0-9]{{2}})s?|"
                         rf"\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})\b", re.I)


def without_dates(text: str) -> str:
    """The text with its dates blanked out ("between 30 October and 2 November")."""
    return _NAMED_DATE.sub(" ", text)


@lru_cache(maxsize=4_000)
def _asks(pattern: re.Pattern[str], question: str) -> bool:
    # Asked of every candidate sentence, always of the same question.
    return bool(pattern.search(question.lower()))


def names_a_date(question: str, sentence: str) -> float:
    """1 when a "when" question meets a sentence naming a calendar date (a day of a
    month, a month of a year, a year) that the question does not already name."""
    return float(_asks(_TIME, question) and names_a_new_date(question, sentence))


def names_a_new_date(question: str, sentence: str) -> bool:
    """True when the sentence names a calendar date the question does not already name."""
    asked = question.lower()
    return any(m.group(0).lower() not in asked for m in _NAMED_DATE.finditer(sentence))


def names_a_time(text: str) -> bool:
    """True when the text names a date, a day, a season or a time of day."""
    return bool(_YEAR_OR_DATE.search(text) or _NAMED_DATE.search(text) or _CLOCK.search(text))


def names_the_kind_asked(question: str, sentence: str) -> float:
    """1 when a "which ship" / "what company" question meets a sentence naming something
    (a capitalised word inside it) that the question does not."""
    return float(_asks(_WHICH_NAMED, question) and names_anew(question, sentence))


def names_anew(question: str, sentence: str) -> bool:
    """True when a capitalised word inside the sentence, no month or day (but "May" of
    "Theresa May"), is not in the question."""
    asked = asked_words(question)
    return any(m.group(0).lower() not in asked and
               (not _YEAR_OR_DATE.fullmatch(m.group(0)) or _after_name(sentence[:m.start()]))
               for m in _NAME.finditer(sentence))


# A capitalised word right before: "Theresa May", not "in May" or "On Friday".
_AFTER_NAME = re.compile(r"\b([A-Z][a-z]+) $")


def _after_name(before: str) -> bool:
    m = _AFTER_NAME.search(before)
    return m is not None and m.group(1).lower() not in STOPWORDS


@lru_cache(maxsize=1_000)
def asked_type(question: str) -> str | None:
    """The kind of thing a question asks for, the first that fits."""
    q = question.lower()
    kinds = (("quantity", _QUANTITY), ("measure", _MEASURE), ("clock", _CLOCK_ASKED), ("time", _TIME),
             ("person", _PERSON), ("place", _WHERE))
    return next((kind for kind, pattern in kinds if pattern.search(q)), None)


def answer_type_bonus(question: str, sentence: str) -> float:
    """1 when a sentence holds, among words the question does not use, the kind of
    thing the question asks for (a count, a measure, a date, a name, a place)."""
    kind = asked_type(question)
    if kind is None:
        return 0.0
    if kind == "clock":  # the question's own "evening" tells no time
        asked = asked_words(question)
        return float(any(m.group(0).lower() not in asked for m in _CLOCK.finditer(sentence)))
    if kind in ("person", "place"):
        asked = asked_words(question)
        if kind == "person":
            return float(names_anew(question, sentence))
        # "at the Carrick Corn Exchange" names a place "where was the Carrick Open played" does not,
        # and "a master from Leeds" tells where he is from, not where the tournament was; asked
        # where someone is from, "at the Tillmouth Pavilion" does not tell it
        if asks_where_from(question):
            return float(bool(origins(sentence, asked)))
        return float(any(word.lower() not in asked for m in _PLACE_WORD.finditer(sentence)
                         if m.group("prep") != "from" or "from" in asked for word in m.group("place").split()))
    new = _new_words(question, sentence)
    if kind == "quantity":
        # "loses about a fifth of the water it treats" tells how much
        return float(any(_NUMBER.search(w) and not _YEAR.match(w) for w in new) or bool(_FRACTION.search(sentence)))
    if kind == "measure":
        return float(any(_NUMBER.search(w) and not _YEAR.match(w) and _UNIT.match(nxt)
                         for w, nxt in zip(new, new[1:])))
    return float(any(_YEAR_OR_DATE.fullmatch(w) for w in new))
