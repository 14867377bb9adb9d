"""A question that pins one value of a kind, and sentences that give another.

"How many flights were cancelled on Thursday" is not answered by a sentence about
Wednesday's flights, "the margin in District 1" not by District 3's, "objects from
east Africa" not by objects from West Africa. A sentence naming another value of
the kind the question pins, and not the question's, tells of something else.
"""
from __future__ import annotations

import re

from index.sources.byline import MONTHS

from .evidence import Sentence

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SIDES = ("north", "south", "east", "west", "northern", "southern", "eastern", "western", "north-east",
          "north-west", "south-east", "south-west", "northeast", "northwest", "southeast", "southwest")
_KINDS = (frozenset(_DAYS), frozenset(MONTHS) - {"may", "march"}, frozenset(_SIDES))
_WORD = re.compile(r"[\w-]+")
# "District 3", "Route 14", "Gate 22": a capitalised name with its number.
_NUMBERED = re.compile(r"\b([A-Z][a-z]+) (\d{1,4})\b(?![.,]\d)")


# Words that pick one of several like things ("the national pass rate", "the previous
# record", "the second night"): a sentence without the word tells of another one.
_QUALIFIERS = frozenset("national international previous former average median overall independent".split())
# "the second night", "the third round": one of a series; "who came second" asks the place.
_NTH = re.compile(r"\bthe (second|third|fourth|fifth) (night|day|week|month|year|round|time|attempt|visit|trial|vote|"
                  r"phase|stage|leg|match|game|race|meeting)\b", re.I)


class Contrast:
    """For one question: whether a sentence gives another value of a kind the question pins."""

    def __init__(self, question: str) -> None:
        words = {w.lower() for w in _WORD.findall(question)}
        self.pinned = [(kind, words & kind) for kind in _KINDS if len(words & kind) == 1]
        self.numbered = {name.lower(): number for name, number in _NUMBERED.findall(question.title())}
        self.qualifiers = (words & _QUALIFIERS) | {m.group(1).lower() for m in _NTH.finditer(question)}

    def __call__(self, sentence: Sentence) -> bool:
        """True when the sentence names another value of a pinned kind and not the question's."""
        if not self.pinned and not self.numbered and not self.qualifiers:
            return False
        words = {w.lower() for w in _WORD.findall(sentence.text)}
        if self.qualifiers - words:
            return True
        if any(not (asked & words) and (kind - asked) & words for kind, asked in self.pinned):
            return True
        given = _NUMBERED.findall(sentence.text)
        return any(name.lower() in self.numbered and number != self.numbered[name.lower()]
                   and (name, self.numbered[name.lower()]) not in given for name, number in given)
