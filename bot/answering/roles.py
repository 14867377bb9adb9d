"""The role or figure a question asks for, and whether a sentence names it.

"Who is the mayor of Varnholm" needs a sentence naming a mayor, "who's the boss" one
naming a chief executive or an owner, "what was Dunmere Aggregates' profit" one naming
its profit (or earnings): a sentence naming someone else's role does not answer.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from index.search.query import STOPWORDS

from .stemming import stem, stems

# "Who is the mayor of Varnholm", "who is Harlow Vale's captain", "what is Kettlewick's
# annual revenue": the role or the figure asked for must be named where it is answered
# (or its verb: "owner" by "owns", "founder" by "founded").
_WHO_IS = r"^\W*who(?: is| was| are| were| will be|'s|’s)"
_NAMED_ROLES = r"(mayor|chair|chairman|chairwoman|head|headteacher|principal|manager|coach|captain|director|" \
               r"leader|president|chief|boss|owner|landlord|landlady|founder|editor|minister|secretary|governor|" \
               r"sheriff|warden|treasurer|judge|curator|vicar)"
_ROLE = re.compile(rf"{_WHO_IS} the (?:[\w-]+ ){{0,2}}?([a-z][\w-]+) (?:of|at|for|in)\b|"
                   rf"{_WHO_IS} (?:the )?(?:[\w-]+ ){{0,3}}[\w-]+(?:'s|’s|s') (?:[\w-]+ )?([a-z][\w-]+)"
                   r"(?: (?:in|at|on|for|during) [\w' -]+)?\W*$|"
                   # "what's the mayor of grady called": a person's role, asked by name
                   rf"^\W*what(?: is| was|'s|’s) the (?:[\w-]+ )?{_NAMED_ROLES} "
                   r"(?:of|at|for|in)\b[^?]*\b(?:called|named)\W*$|"
                   # "what was the name of the transport minister who commented"
                   rf"^\W*what(?: is| was|'s|’s) the names? of the (?:[\w-]+ )?{_NAMED_ROLES} "
                   r"(?:who|that|of|at|for|in)\b", re.I)
# A figure of someone's, asked for by name: "what was Dunmere Aggregates' profit".
_FIGURE = re.compile(r"^\W*what (?:is|was|are|were) (?:the )?(?:[\w-]+ ){0,3}[\w-]+(?:'s|’s|s') (?:[\w-]+ )?"
                     r"(profits?|revenues?|sales|turnover|wages?|salary|salaries|budget|debts?|earnings|income)\b|"
                     r"\bhow much (profits?|revenues?|sales|turnover|debts?|income)\b", re.I)
_SAME_FIGURE: dict[str, set[str]] = {}
for _group in (("revenue", "sales", "turnover"), ("wage", "salary", "pay", "earn", "earns"),
               ("profit", "earnings"), ("income", "earn", "earns")):
    for _word in _group:
        _SAME_FIGURE.setdefault(stem(_word), set()).update(stem(v) for v in _group)
# What "says" things without being a person quoted: "what does the report say".
NOT_SPEAKERS = {"report", "article", "story", "study", "piece", "law", "rule", "rules", "sign", "letter", "statement",
                 "data", "figures", "survey", "poll", "ruling", "judgment", "document", "plan", "bill"}
# Heads a sentence answers without naming ("who won" answers "who was the winner"), and
# words describing rather than naming a role ("responsible", "known").
GENERIC_ROLES = {"winner", "winners", "person", "people", "man", "woman", "one", "first", "last", "best", "name",
                  "leader", "head", "member", "members", "part", "example", "two", "three", "known", "control",
                  "figure", "party", "charge", "favour", "favor", "blame", "player", "players",
                  # Kin are told in many ways ("married", "his sister's son"); SQuAD shows it.
                  "father", "mother", "brother", "sister", "husband", "wife", "son", "daughter", "parent", "parents",
                  "grandfather", "grandmother", "uncle", "aunt", "nephew", "niece", "cousin", "child", "children"}
_NOT_A_NOUN = re.compile(r"(ible|able|ial|ous|ful|ive|ent|ant|ed|en|ing|ic|al|ahead)$")
# Roles with an adjective's ending.
_ROLE_NOUNS = {"president", "vice-president", "superintendent", "agent", "accountant", "consultant", "attendant",
               "lieutenant", "sergeant", "general", "official", "principal", "correspondent", "assistant", "tenant",
               "defendant", "claimant", "applicant", "student", "resident", "opponent", "regent", "executive"}


# Roles that go by other names ("the boss" of a firm is its chief executive).
_BOSS = ("boss", "chief executive", "ceo", "managing director", "chairman", "chairwoman", "chair", "owner", "founder",
         "head", "president")
_SAME_ROLE = {"boss": _BOSS, "ceo": _BOSS, "chief": _BOSS}


def asked_role(question: str) -> list[set[str]]:
    """The role or figure a question asks for: the names it goes by (each a set of stems,
    "vice-chair" two), one of which an answer must hold; none when it asks for neither."""
    m = _ROLE.search(question)
    if m:
        role = next(g for g in m.groups() if g).lower()
        adjective = bool(_NOT_A_NOUN.search(role)) and role not in _ROLE_NOUNS
        generic = role in GENERIC_ROLES or role in STOPWORDS or adjective
        if role in _SAME_ROLE:
            return [{stem(part) for part in name.split()} for name in _SAME_ROLE[role]]
        # "vice-chair": each part must be there.
        return [] if generic else [{stem(part) for part in role.split("-") if part}]
    figure = _FIGURE.search(question)
    if figure:
        word = stem(figure.group(1) or figure.group(2))
        return [{name} for name in _SAME_FIGURE.get(word, set()) | {word}]
    return []


def holds_role(sentence_stems: frozenset[str], roles: list[set[str]]) -> bool:
    """True when the sentence names one of the roles (every part of it), or a word it is
    made from ("founded" for "founder")."""
    def named(r: str) -> bool:
        root = r[:-2] if r.endswith(("er", "or")) and len(r) >= 5 else None
        return r in sentence_stems or (root is not None and any(s.startswith(root) for s in sentence_stems))
    return any(all(map(named, parts)) for parts in roles)


# Roles and kin too loosely told for a sentence to need the word ("led by", "his late
# wife") that a story still names somewhere when it tells them; the stems that do.
_TOLD_SOMEWHERE = {"leader": ("lead",), "head": ("head",), "wife": ("wif", "wive", "marr", "spous", "partner"),
                   "husband": ("husband", "marr", "spous", "partner"), "father": ("father", "parent"),
                   "mother": ("mother", "parent"), "brother": ("brother", "sibling"), "sister": ("sister", "sibling"),
                   "son": ("son", "child"), "daughter": ("daughter", "child"), "grandfather": ("grand",),
                   "grandmother": ("grand",), "uncle": ("uncle",), "aunt": ("aunt",), "nephew": ("nephew",),
                   "niece": ("niece",), "cousin": ("cousin",)}
_NAME_OF = re.compile(r"^\W*what(?: is| was|'s|’s) the names? of (?:[\w-]+ ){0,3}[\w-]+(?:'s|’s|s') ([a-z]+)\W*$", re.I)


def untold_role(question: str, passages: Iterable[str]) -> bool:
    """True when the question asks who someone's leader, wife or son is and nothing the
    passages say names such a one: "who is the leader of Wendle Borough Council" is not
    answered by what the council said."""
    m = _ROLE.search(question) or _NAME_OF.search(question)
    role = next((g for g in m.groups() if g), "").lower() if m else ""
    told = _TOLD_SOMEWHERE.get(role)
    return told is not None and not any(s.startswith(told) for text in passages for s in stems(text))
