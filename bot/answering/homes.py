"""Where someone is from, was born or is based, and whether a sentence tells it.

"Where is Ruben Lindqvist from" is not answered by where he won ("at the Tillmouth
Pavilion"), nor "where was Nwosu born" by the club he was signed from ("from Kessington
Town"): a home is told by "of Halwick", "from Leeds" or "Leeds-born", a birthplace or a
seat only by "born in", "based in", "Leeds-based" and the like. "What town is the prison
in" asks for a place by name: only a sentence naming one the question does not can tell it.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from index.search.query import STOPWORDS
from index.sources.byline import MONTHS, WEEKDAYS

_MONTHS = "|".join(month.capitalize() for month in MONTHS)
# Asked where someone is from, these words tell it (not the question's own: "the coach of Ruben Lindqvist").
_ORIGIN = re.compile(rf"\b(?:from|of)\s+(?:the\s+)?(?!(?:{_MONTHS})\b)(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)|"
                     r"\b(?P<born>[A-Z]\w+)-born\b")
_WHERE_FROM = re.compile(r"\bwhere\b.*\bfrom\W*$", re.I)
_HOME_ASKED = re.compile(r"^\W*where(?:'s|’s| is| was| are| were) (?P<who>(?:[\w'’-]+ ){0,3}?[\w'’-]+) "
                         r"(?:originally )?from\W*$|"
                         r"^\W*where (?:does|do|did) (?P<who2>(?:[\w'’-]+ ){0,2}?[\w'’-]+) (?:live|grow up)\W*$", re.I)
_SEAT_ASKED = re.compile(r"^\W*where(?:'s|’s| is| was| are| were) (?P<who>(?:[\w'’-]+ ){0,3}?[\w'’-]+) "
                         r"(?:born|based|headquartered)\W*$", re.I)
_BORN_OR_LIVES = re.compile(r"\b(?:born|grew up|raised|live|lives|lived|living|resident|headquartered) "
                            r"(?:in|at|near|on|outside)\b|\bbased (?:in|at|near|outside)\b|\bnative of\b|"
                            r"\bhead office (?:is )?(?:in|at)\b", re.I)
# "Leeds-born", "a Leeds-based firm": a capitalised place, never "first-born" or "cloud-based"
_PLACE_BORN = re.compile(r"\b[A-Z]\w+-(?:born|based)\b")


@dataclass(frozen=True)
class HomeAsked:
    """What a question asks: "home" (where from, where they live) or "seat" (where born or
    based), and of whom (the words it names them by)."""

    kind: str
    who: str


def asks_home(question: str) -> HomeAsked | None:
    """Where someone is from, lives, was born or is based, as the question asks it; None
    for any other question."""
    for kind, pattern in (("home", _HOME_ASKED), ("seat", _SEAT_ASKED)):
        m = pattern.search(question)
        if m:
            return HomeAsked(kind, m.group("who") or m.groupdict().get("who2") or "")
    return None


def tells_home(sentence: str, kind: str, asked: Collection[str] = ()) -> bool:
    """True when a sentence tells the home (or, for a "seat", the birthplace or seat)
    asked about; `asked` are the question's own words in lower case."""
    if _BORN_OR_LIVES.search(sentence) or _PLACE_BORN.search(sentence):
        return True
    return kind == "home" and bool(origins(sentence, asked))


def origins(sentence: str, asked: Collection[str] = ()) -> list[str]:
    """The places a sentence says someone comes from that the question does not name."""
    return [word for m in _ORIGIN.finditer(sentence) for word in (m.group("place") or m.group("born")).split()
            if word.lower() not in asked]


def asks_where_from(question: str) -> bool:
    """True for a "where ... from" question (of anyone or anything)."""
    return _WHERE_FROM.search(question) is not None


# "what town is HMP Brackmoor in", "which county": a place asked by its name
# ("what road closures are planned": the road is no place asked)
_PLACE_KIND = re.compile(r"\b(?:what|which) (?:town|city|village|county|country|region|island|suburb|district|"
                         r"street|road)\b(?! (?:closures?|works|names?|councils?|centres?|halls?|plans?|teams?|"
                         r"officials?|signs?|safety|maps?|layout|traffic|codes?|limits?|rules?|schemes?|network)\b)",
                         re.I)


def asks_place_by_name(question: str) -> bool:
    """True when the question asks which town, city, county or street: only a name tells it."""
    return bool(_PLACE_KIND.search(question))


# a name, an initialism ("the US") or a road's number ("the A671")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+|\b[A-Z]{2,4}\b|\b[A-Z]{1,2}\d+\b")
_NO_PLACES = {*MONTHS, *WEEKDAYS}


def names_a_place(sentence: str, asked: Collection[str]) -> bool:
    """True when the sentence writes a name the question does not, at its start too ("Japan has
    become its biggest export market"); no small word ("The", "It"), month or weekday counts."""
    return any(word not in asked and word not in STOPWORDS and word not in _NO_PLACES
               for word in (m.group(0).lower() for m in _CAPITALISED.finditer(sentence)))
