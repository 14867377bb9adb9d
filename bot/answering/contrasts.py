"""A question that pins one value of a kind, and sentences that give another.

"How many flights were cancelled on Thursday" is not answered by a sentence about
Wednesday's flights, "the margin in District 1" not by District 3's, "objects from
east Africa" not by objects from West Africa, "the women's final" not by the men's, "the
semi-final" not by the quarter-final, "the first round" not by the second. A
sentence naming another value of the kind the question pins, and not the question's,
tells of something else.
"""
from __future__ import annotations

import re

from index.sources.byline import MONTHS, WEEKDAYS

from index.search.query import STOPWORDS

from .answer_types import is_year
from .evidence import Sentence

# Sides of a map, each under its other spellings ("northern", "south-west", "south west").
_SIDE_WORDS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}
_SIDES = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")
# "the women's final" is not the men's; each under its other forms ("womens", "woman").
_SEX_WORDS = {"mens": "men", "man": "men", "womens": "women", "woman": "women", "boy": "boys", "girl": "girls"}
# "the semi-final" is not the quarter-final (a "quarter" alone may be a fourth of a game).
_ROUNDS = re.compile(r"\b(semi|quarter)[- ]?finals?\b|\b(semis)\b", re.I)
# "the first round" is not the second round ("round one", "1st round" are the first); a numbered
# round is a kind of its own (a first-round bye says nothing against the semi-final).
_NTH_ROUND = re.compile(r"\b(?:(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)[- ]round|"
                        r"round (one|two|three|four|five|[1-5])\b)\b", re.I)
_ROUND_NAMES = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth", "one": "first",
                "two": "second", "three": "third", "four": "fourth", "five": "fifth", "1": "first", "2": "second",
                "3": "third", "4": "fourth", "5": "fifth"}
_KINDS = (frozenset(WEEKDAYS), frozenset(MONTHS) - {"may", "march"}, frozenset(_SIDES), frozenset({"men", "women"}),
          frozenset({"boys", "girls"}), frozenset({"semifinal", "quarterfinal"}),
          frozenset({"firstround", "secondround", "thirdround", "fourthround", "fifthround"}))
_WORD = re.compile(r"[\w-]+")
_COMPASS_PAIR = re.compile(r"\b(north|south)[\s-]+(east|west)(ern)?\b", re.I)
# "District 3", "Route 14", "Gate 22": a capitalised name with its number (not "In 2022").
_NUMBERED = re.compile(r"\b([A-Z][a-z]+) (\d{1,4})\b(?![.,]\d)")
# Words that pick one of several like things ("the national pass rate", "the previous
# record"), each with the words a sentence may say it by; a sentence with none of them
# tells of another one.
_QUALIFIERS = {
    "national": {"national", "nationally", "nationwide", "country", "countrywide"},
    "international": {"international", "abroad", "overseas", "foreign", "worldwide"},
    "previous": {"previous", "previously", "old", "last", "earlier", "former", "before", "prior"},
    "former": {"former", "formerly", "ex", "previous", "until", "once", "old"},
    "average": {"average", "averaged", "mean", "typical", "median"},
    "median": {"median", "average", "typical", "mean"},
    "overall": {"overall", "total", "altogether", "all"},
    "independent": {"independent"},
    "earliest": {"earliest", "oldest", "first", "elder", "eldest"},
    "oldest": {"oldest", "earliest", "first", "elder", "eldest"},
}
# "the second night", "the third round": one of a series; "who came second" asks the place.
_NTH = re.compile(r"\bthe (second|third|fourth|fifth) (night|day|week|month|year|round|time|attempt|visit|trial|vote|"
                  r"phase|stage|leg|match|game|race|meeting)\b", re.I)


def _words(text: str) -> set[str]:
    """The text's words, lower-cased, map sides spelt one way ("south-west", "northern")."""
    text = _COMPASS_PAIR.sub(lambda m: m.group(1) + m.group(2), text.lower())
    text = _ROUNDS.sub(lambda m: f"{(m.group(1) or 'semi').lower()}final", text)
    text = _NTH_ROUND.sub(lambda m: f"{_ROUND_NAMES.get(m.group(1) or m.group(2), m.group(1) or m.group(2))}round",
                          text)
    return {_SIDE_WORDS.get(w, _SEX_WORDS.get(w, w)) for w in _WORD.findall(text)}


def _numbered(text: str) -> dict[str, str]:
    """The text's numbered names, lower-cased ("district" -> "3"); years and small words are no names."""
    return {name.lower(): number for name, number in _NUMBERED.findall(text)
            if name.lower() not in STOPWORDS and not is_year(number)}


class Contrast:
    """For one question: whether a sentence gives another value of a kind the question pins."""

    def __init__(self, question: str) -> None:
        words = _words(question)
        self.pinned = [(kind, words & kind) for kind in _KINDS if len(words & kind) == 1]
        # Readers type names in lower case: "district 1" pins District 1.
        self.numbered = _numbered(question.title())
        self.qualifiers = [_QUALIFIERS[w] for w in words if w in _QUALIFIERS] + \
            [{m.group(1).lower()} for m in _NTH.finditer(question)]

    def __call__(self, sentence: Sentence) -> bool:
        """True when the sentence names another value of a pinned kind and not the question's."""
        if not self.pinned and not self.numbered and not self.qualifiers:
            return False
        words = _words(sentence.text)
        if any(not (ways & words) for ways in self.qualifiers):
            return True
        if any(not (asked & words) and (kind - asked) & words for kind, asked in self.pinned):
            return True
        return self._another_number(sentence.text)

    def _another_number(self, text: str) -> bool:
        """True when the text numbers a name the question numbers, but differently, and never as asked."""
        given = _numbered(text)
        return any(name in self.numbered and number != self.numbered[name] and
                   not re.search(rf"\b{name} {self.numbered[name]}\b", text, re.I) for name, number in given.items())
