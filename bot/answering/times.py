"""What a "when" question needs of the sentence that answers it: some time.

"When did the library shut?" is not answered by "the online service kept growing and the
doors stayed shut": a date ("in January 2023"), a time of day, a season, a span ("fourteen
months after it closed", "by the end of the year") or an event it happened during, after
or when ("after the storm") may answer; a sentence with none of them cannot. The dates,
days, seasons and times of day are `answer_types.names_a_time`'s; the rest are `_SPAN`'s.
"""
from __future__ import annotations

import re

from .answer_types import names_a_new_date, names_a_time
from .stemming import stem

# "When", "since when", "so when", "what year did", "which day is"; not the "when" of a clause
# ("what did she tell the police when she rang?", "when the alarm went off, where did they go?")
# nor "which day centres", "what year groups".
_WHEN_ASKED = re.compile(r"^\W*(?:(?:so|and|but|ok|okay|then|also|um|hmm|right)\W+)*"
                         r"(?:since |by |until |till |from |as of )?when\b"
                         r"(?![^?]*,\s*(?:who|what|where|which|how|why)\b)|"
                         r"\b(?:what|which) (?:year|date|day|month|century|decade|season)"
                         r"(?:\W*$|\s+(?:is|was|were|are|did|does|do|will|would|has|had|have|can|could|should)\b)",
                         re.I)
# Words that place an event in time without naming a date: a span, an event it happened
# during, after or when, a part of the year, a match or a life.
_SPAN = re.compile(r"\b(ago|since|until|till|during|after|afterwards|before|following|later|earlier|once|when|while|"
                   r"soon|shortly|recently|now|immediately|straight away|annual|annually|daily|weekly|fortnightly|"
                   r"monthly|yearly|years?|months?|weeks?|weekends?|days?|nights?|hours?|minutes?|decades?|"
                   r"centuries|next|last|this (?:year|month|week|term|season)|end of|start of|beginning of|middle of|"
                   r"Christmas|Easter|New Year|Halloween|Ramadan|Eid|Diwali|Hanukkah|Thanksgiving|half-term|"
                   r"bank holiday|holidays?|terms?|semesters?|seasons?|quarter|half|half-time|full-time|"
                   r"stoppage time|extra time|injury time|aged?|as a (?:child|boy|girl|student|teenager|baby)|"
                   r"AD \d+|\d+ ?BC|BCE|CE|era|period)\b", re.I)


def asks_when(question: str) -> bool:
    """True when the question asks when something happened (or will)."""
    return bool(_WHEN_ASKED.search(question))


def tells_a_time(text: str) -> bool:
    """True when the text places something in time: a date, a time of day, a span or an
    event before or after it."""
    return names_a_time(text) or bool(_SPAN.search(text))


# "on what date exactly will the road reopen": a day of a month, not "for at least six weeks".
_DATE_ASKED = re.compile(r"\b(?:on )?(?:what|which) (?:exact )?date\b|\bwhat date exactly\b", re.I)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def asks_date(question: str) -> bool:
    """True when the question asks for a date ("on what date", "which date")."""
    return _DATE_ASKED.search(question) is not None


def tells_a_date(question: str, text: str) -> bool:
    """True when the text names a date (or a day of the week) the question does not."""
    return names_a_new_date(question, text) or _WEEKDAY.search(text) is not None


# "what year was the ride built": a year, one counted from another ("last year", "three years
# ago") or an event it came after or before ("after the war"), never "last summer".
_YEAR_ASKED = re.compile(r"\b(?:what|which) year\b(?! groups?\b)", re.I)
_A_YEAR = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})s?\b|\b(?:last|this|next|that|the same|the following|the previous) "
                     r"year\b|\byears? (?:ago|later|earlier|before|after)\b|"
                     r"\b(?:after|before|during|following) the \w+", re.I)


def asks_year(question: str) -> bool:
    """True when the question asks in what year something happened."""
    return _YEAR_ASKED.search(question) is not None


def tells_a_year(question: str, text: str) -> bool:
    """True when the text names a year the question does not, one counted from another or an
    event it came before or after."""
    return any(m.group(0).lower() not in question.lower() for m in _A_YEAR.finditer(text))


# "When did the quarry first open" times its opening: a sentence that tells of no opening
# ("the court quashed the quarry's extension on Wednesday") dates something else. Only events
# a report names in so many words; "when does the ban start" may be told by "takes effect".
_TIMED_EVENTS = {stem(asked): frozenset(stem(w) for w in told.split()) for asked, told in (
    ("open", "open reopen"), ("close", "close reopen"), ("reopen", "reopen open close"),
    ("build", "build open complete"), ("founded", "founded establish set open"),
    ("launch", "launch unveil release"), ("approve", "approve pass licence license authorise"), ("replace", "replace"),
    ("demolish", "demolish demolition pull knock raze"), ("retire", "retire step stand"),
    ("resign", "resign quit step stand"), ("elect", "elect vote win"), ("appoint", "appoint name hire join take"),
)}
# "the woman who founded the charity": a relative clause's verb is not the one asked about
_CLAUSE_VERB = re.compile(r"\b(?:who|that|which)\s+(?:(?:has|have|had|was|were|is|are)\s+)?[a-z]+", re.I)


def timed_event(question: str) -> frozenset[str]:
    """The stems a sentence must hold to tell when a "when" question's event happened
    ("when did the quarry first open": an opening); none for other events or questions."""
    if not (asks_when(question) or asks_year(question) or asks_date(question)):
        return frozenset()
    asked = _CLAUSE_VERB.sub(" ", question.lower())
    # ("when does building start", "when do the new opening hours start": a noun in -ing names no event)
    return frozenset().union(*(_TIMED_EVENTS.get(stem(w), frozenset()) for w in re.findall(r"[a-z]+", asked)
                               if not w.endswith("ing")))
