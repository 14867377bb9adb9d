"""What "how old" needs of the sentence that answers it: an age.

"Alun Pritchard, 67, found it", "at the age of 35" and "turned 40" tell a person's age; a
thing's may be told by when it was made ("built in 1911") or how long before something else
("eight years before"), but a year alone never tells a person's ("when he died in 1911"), nor
does the age of someone else the sentence names.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.records import SearchResult
from index.search.query import STOPWORDS

from .counts import NUMBER_WORDS
from .unnamed import age_of_another
from .years_asked import years_in

_HOW_OLD = re.compile(r"\bhow old\b|\bwhat age\b|\bwhat is the age of\b", re.I)
# "Alun Pritchard, 67, found it": a news report's age between commas.
_AGE = re.compile(rf"\b\d+\s*(-|\s)?(years?|yrs?)(-|\s)?(old)?\b|\b({NUMBER_WORDS})-years?-old\b|"
                  rf"\b(aged?|age of)\s+(\d+|{NUMBER_WORDS})\b|, \d{{1,3}},|"
                  r"\b(teen|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", re.I)
# "How old was he when he died", "how old were they": a person's age, which a year alone does
# not tell ("when he died in 1911"); "at the age of 35", "was 26", "turned 40" do.
_PERSON_AGE_ASKED = re.compile(r"\bhow old (is|was|were|are) (he|she|they)\b|"
                               r"\bwhen (he|she|they) (died|was|were|retired|joined|started|won|became|married|left)\b",
                               re.I)
_AGE_TOLD = re.compile(rf"\b(at|was|were|is|are|turned|turns|turning) (\d{{1,3}}|(?!one\b){NUMBER_WORDS})\b"
                       r"(?![:.,]?\d)(?!\s*(am|pm|a\.m|p\.m|%|percent|per cent|o'clock|years? ago|of)\b)", re.I)
# A thing's age is often told by when it was made ("built in 1911", a year) or how long
# before something else ("eight years before").
_YEARS_BEFORE = re.compile(r"(?<!\bin )(?<!\bwithin )(?<!\bover )(?<!\bevery )(?<!\bnext )(?<!\blast )"
                           r"(?<!\bpast )\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
                           r"thirty|forty|fifty|a hundred)\s+years\b(?! ago)", re.I)

_HOW_OLD_NAMED = re.compile(r"\b(?:how old|what age) (?:is|was) ([a-z][\w'’-]+)(?: ([a-z][\w'’-]+))?\W*$", re.I)


def _asks_age_of_person(question: str, passages: Sequence[SearchResult]) -> bool:
    """True when the question asks the age of one name that a passage writes after a first name,
    or of a full name a passage writes as a person's ("Graham Tulley, who", "Mr Tulley")."""
    m = _HOW_OLD_NAMED.search(question)
    if not m or m.group(1).lower() in STOPWORDS:
        return False
    if m.group(2):
        # ("McDonald" is written so whatever the case it was typed in)
        first, last = (re.escape(w) for w in m.groups())
        full = re.compile(rf"\b(?i:{first} {last}),? (?:\d+,? )?(?:who|said|says|told)\b|"
                          rf"\b(?:Mr|Mrs|Ms|Miss|Dr) (?i:{last})\b")
    else:
        full = re.compile(rf"\b[A-Z][a-z]+ (?i:{re.escape(m.group(1))})\b")
    return any(full.search(p.text) for p in passages)


class AgeAsked:
    """For one question: why a sentence cannot tell the age it asks (None when it can, or
    when the question asks no age)."""

    def __init__(self, question: str, passages: Sequence[SearchResult] = ()) -> None:
        self.question = question
        self.asked = bool(_HOW_OLD.search(question))
        self.person = self.asked and (bool(_PERSON_AGE_ASKED.search(question))
                                      or _asks_age_of_person(question, passages))

    def __call__(self, text: str) -> str | None:
        if not self.asked:
            return None
        if not (_AGE.search(text) or _AGE_TOLD.search(text) or
                not self.person and (years_in(text) or _YEARS_BEFORE.search(text))):
            return "age"
        if age_of_another(self.question, text):
            return "age of another"
        return None
