"""Who and what a count goes by: people under any of their names ("how many fans" is told by
"the attendance was 3,905", "how many sailors" by "14 crew"), things under a wider name ("how
many cars" by "21,000 vehicles"), and words after a number that count something else.
"""
from __future__ import annotations

import re

from .stemming import stem

# People are counted under many names: "how many fans" is answered by "the attendance was
# 3,905", "how many sailors" by "14 crew"; "how many people" by a count of any of them, but
# "how many nurses" not by "200 staff".
_PEOPLE_GROUPS = [{stem(w) for w in group.split()} for group in (
    "fans spectators visitors supporters attendees crowd attendance audience guests viewers onlookers turnout",
    "residents inhabitants citizens households tenants homeowners families",
    "crew crews sailors seamen",
    "players competitors entrants athletes runners participants",
    "workers employees staff jobs workforce",
    "passengers riders commuters travellers",
    "soldiers troops",
    "students pupils children kids",
    "protesters demonstrators marchers",
    "members volunteers signatures signatories",
    "customers shoppers users owners readers",
)]
# A council's vote counts its councillors ("how many councillors backed it": "31 votes to 22"),
# not the other way round.
ALSO_COUNTED_AS = {stem(w): stem("votes")
                    for w in "councillors senators delegates representatives legislators".split()}
# Things counted under a wider name: "how many cars" by "21,000 vehicles".
THING_GROUPS = [{stem(w) for w in group.split()} for group in (
    "vehicles cars lorries trucks vans motorists",
    "homes houses households properties dwellings flats",
    "jobs posts roles positions",
    "planes aircraft jets airliners",
    # "how many pharmacies will close": "close 85 of its stores"
    "shops stores branches outlets pharmacies chemists supermarkets",
    # "how many speeding fines" or "speeding tickets": "1,340 fixed penalty notices"
    "fines penalties tickets notices",
    # "how many callouts has the team had": "called out 47 times"
    "callouts times",
)]
ANYONE = {stem(w) for w in "people persons individuals adults men women voters victims survivors".split()}
WORKERS = next(group for group in _PEOPLE_GROUPS if stem("workers") in group)
_GROWN = {stem(w) for w in "adults men women".split()}
_YOUNG = {stem(w) for w in "students pupils children kids babies teenagers".split()}
PEOPLE = ANYONE.union(*_PEOPLE_GROUPS)


# People named by what they do ("patients", "climbers", "residents").
_DOER = re.compile(r"(ers|ors|ists|ians|ants|ents)$")
_NOT_PEOPLE = {stem(w) for w in "comments numbers members letters orders centres meters metres components "
                                 "documents payments events parents".split()} - {stem("members"), stem("parents")}


def named_by_doing(word: str) -> bool:
    """True for people named by what they do ("drivers", "patients"; not "letters")."""
    return _DOER.search(word.lower()) is not None and stem(word) not in _NOT_PEOPLE


def people_like(nouns: set[str]) -> set[str]:
    """The words a count of these people may go by ("how many adults" not by "children")."""
    if nouns & _GROWN:
        return PEOPLE - _YOUNG
    if nouns & ANYONE:
        return PEOPLE
    return set(nouns).union(*(group for group in _PEOPLE_GROUPS if nouns & group))


_BEFORE_NOUN = {"such", "more", "new", "other", "extra", "additional", "separate", "further"}


def counts_things(after: list[str]) -> bool:
    """True when the words after a number name what it counts, and that is no people
    ("230 such requests", "12 votes"): residents named elsewhere are not what it counts."""
    # ("2,000 UK companies": a name before the noun is no noun)
    word = next((w.lower() for w in after if w.lower() not in _BEFORE_NOUN and not w.isupper()), "")
    people = stem(word) in PEOPLE or named_by_doing(word)
    return word.isalpha() and word.endswith("s") and not word.endswith("ss") and not people


def people_of_that_kind(nouns: set[str], after: list[str]) -> bool:
    """"140 library workers" counts librarians: a word made from the noun, then people."""
    counted = [stem(w) for w in after]
    return any(len(n) >= 6 and c.startswith(n[:len(n) - 3]) and any(p in PEOPLE for p in counted[j + 1:])
               for n in nouns for j, c in enumerate(counted))
