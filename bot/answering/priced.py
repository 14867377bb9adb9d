"""The thing whose price a "how much is a ticket to Kelderby Zoo" question asks.

"How much are the VIP packages" is not answered by the tour's ticket price, nor "how much
is a ticket to the zoo" by what its new enclosure cost: a sentence giving a sum answers
only when it names what is priced (or a word a report prices it by: a ticket is an
admission, an entry, a fare).
"""
from __future__ import annotations

import re

from .stemming import stem

_PRICE_OF = re.compile(r"^\W*how much (?:is|are|was|were|(?P<does>does|do|did|will)) "
                       r"(?:a |an |the |one |each |every |their |its )?"
                       r"(?P<thing>(?:[a-z0-9][\w'’-]* ){0,2}?[a-z0-9][\w'’-]*?)"
                       # "how much will the new houses at Hatherley Meadows sell for"
                       r"(?(does)(?: (?:at|in|on|of|from) [\w'’ -]+?)? "
                       r"(?:cost|costs|sell for|sells for|go for|goes for|fetch|be)\b)"
                       r"(?: (?:to|for|at|in|on|into)\b[^?]*)?(?: this \w+| now| these days| new)?\W*$", re.I)
# Words that name no priced thing: "how much is it", "how much was the cost".
_NOT_A_THING = {stem(w) for w in "it that this they them those these he she cost costs price prices fee fees bill "
                                 "total amount sum figure deal money worth one ones thing things lot".split()}
# Words of a doing, not of a thing: "how much is the tax meant to bring in", "how much was the vase sold for".
_NOT_NOUNS = {"meant", "supposed", "set", "due", "likely", "expected", "going", "gonna", "about", "able", "worth",
              "sold", "sell", "fetch", "raise", "be", "it", "they", "he", "she", "we", "you", "i", "them", "that",
              "this"}
# What a report prices a thing by besides its own name.
_PRICED_AS = [{stem(w) for w in group.split()} for group in (
    "ticket tickets admission entry entrance fare fares pass passes",
    "package packages deal deals bundle bundles",
    "membership memberships subscription subscriptions",
)]


def priced_thing(question: str) -> set[str]:
    """The stems a sentence giving the price must name ({"ticket", "admission", ...});
    empty when the question prices nothing named ("how much is it")."""
    m = _PRICE_OF.match(question)
    if not m:
        return set()
    words = m.group("thing").lower().split()
    head = stem(words[-1])
    # "how much are they trying to raise", "how much is the tax meant to bring in": a doing,
    # not a thing priced
    if head in _NOT_A_THING or any(w in _NOT_NOUNS or w.endswith(("ing", "ed")) for w in words):
        return set()
    return {head}.union(*(group for group in _PRICED_AS if head in group))


def sold_by_name(priced: set[str]) -> bool:
    """True when the thing asked is one sold under other names (a ticket, a package, a
    membership): asking its price asks money, with or without a money word."""
    return any(priced & group for group in _PRICED_AS)


def names_priced(priced: set[str], stems: frozenset[str], text: str) -> bool:
    """True when the sentence names the priced thing (by one of its words), or prices what
    it calls "the event", "the project" or "it" (the story's thing, named before)."""
    return not priced or bool(priced & stems) or _STANDS_FOR_IT.match(text) is not None


# "The event cost £18,500 to run", "The project has cost £23.4 million", "It costs £14",
# "Construction cost 412 million euros": the thing asked about, by another name.
_STANDS_FOR_IT = re.compile(r"^\W*(?:(?:the|this|that)(?: whole| entire| total)? (?:event|project|scheme|work|works|"
                            r"programme|program|plan|operation|job|exercise|effort|appeal|campaign|trip|visit|day|"
                            r"night|show|course|service|repairs?|refurb\w*|restoration|rebuild)|it|they|each|"
                            r"(?:the )?(?:construction|building|rebuilding|renovation|restoration|refurbishment|"
                            r"repairs?|work|works|development|installation|clean-up|cleanup)(?: work| works)?"
                            r"(?: (?:of|on) (?:it|them|the \w+))? (?:cost|costs|has cost|had cost|will cost|came to|"
                            r"totalled|totaled))\b", re.I)
