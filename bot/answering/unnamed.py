"""Sentences that mention what a question asks to identify, or whose age it asks, without
telling it.

"Which zoo did Tashi come from?" is not answered by "he arrived from a zoo in the
Netherlands": the zoo is only ever "a zoo"; "who is TixHarbour's chief executive" not by
"he would write to TixHarbour's chief executive asking ...". "How old is Tashi?" is not answered by
"mother Sundari, aged six, and father Tashi": the age there is another's.
"""
from __future__ import annotations

import re

from index.search.query import STOPWORDS

from .counts import NUMBER, NUMBER_WORDS
from .evidence import asked_words, stem
from .names_held import inner_names

# "which zoo in the Netherlands": zoo; "who was the bird researcher that recorded it",
# "whats the name of the breeding centre", "what is the students' satellite called" and
# "what are the rescued climbers' names": the last word before a small word.
_WHICH = re.compile(rf"\bwhich (?:(?:\d+|{NUMBER_WORDS}) )?(?P<noun>[a-z][\w-]*)", re.I)
_PHRASE = r"((?:[a-z][\w'’-]* ){0,3}[a-z][\w'’-]*)"
_NAMED_PHRASE = re.compile(rf"\bwho(?:'s|’s| is| was| were| are) (?:the |[\w-]+['’]s ){_PHRASE}|"
                           rf"\bwhat(?:'s|’s|s| is| was| were| are) the names? of (?:the )?{_PHRASE}|"
                           rf"\bwhat (?:is|was|were|are) (?:the )?{_PHRASE} (?:called|named)\b|"
                           rf"\bwhat (?:is|was|were|are) the {_PHRASE}['’]s? names\b", re.I)
_INDEFINITE = {"a", "an", "another", "one", "some"}
_DEFINITE = {"the", "its", "their", "his", "her"}


def _indefinite(word: str) -> bool:
    """"a", "some" or a number: "thanked two runners who stopped" names neither."""
    word = word.lower()
    return word in _INDEFINITE or (NUMBER.match(word) is not None and not word[:1].isdigit())


def _definite(word: str) -> bool:
    """"the", "its" or a possessive ("TixHarbour's chief executive")."""
    return word.lower() in _DEFINITE or word.endswith(("'s", "’s"))


def identified_noun(question: str) -> tuple[str, bool] | None:
    """The stem of the thing a question asks to identify ("which zoo": zoo), and whether
    "the zoo" leaves it untold too: "who is the coach" asks for a name, "which floor"
    may be answered by "the third floor"."""
    which = _WHICH.search(question)
    if which:
        noun = which.group("noun")
        return None if noun.lower() in STOPWORDS else (stem(noun), False)
    m = _NAMED_PHRASE.search(question)
    if not m:
        return None
    head = None
    for word in next(g for g in m.groups() if g).lower().split():
        # "the trophy featured on the logo": a participle after it ends the thing named
        if word in STOPWORDS or (head and len(word) > 5 and word.endswith(("ed", "ing"))):
            break
        head = word.strip("'’")
    return (stem(head), True) if head else None


def _bare(word: str) -> str:
    """The word in lower case without punctuation nor a possessive "'s"."""
    return re.sub(r"['’]s$", "", word.strip(",.;:()\"'“”‘’")).lower()


def _names(word: str, asked: frozenset[str]) -> bool:
    return word[:1].isupper() and _bare(word) not in asked


def _before(words: list[str], i: int, j: int) -> list[str]:
    """The words before a mention at `i` (its determiner at `j`) that may name it: those
    between, and before "the coach" the clause's ("Ida Marsh has been the coach", "Greta
    Lindahl, the manager"), not another item of a list ("Adaeze Nwankwor-Bello, and the
    city's Lord Mayor"), nor anyone before "two runners"."""
    if not _definite(words[j]):
        return words[j + 1:i]
    before = words[max(0, i - 5):i]
    cut = max((k for k, w in enumerate(before[:-1]) if w.endswith(",")), default=-1)
    # The name right before ", the manager" is in apposition; one before ", and the" is not.
    apposition = cut >= 0 and cut + 1 < len(before) and _definite(before[cut + 1])
    return before if apposition else before[cut + 1:]


def only_unnamed(asked_for: tuple[str, bool], question: str, sentence: str) -> bool:
    """True when every mention of the thing asked for is "a ..." or "two ..." (or, when
    `asked_for` says so, "the ..." or "its ..."), with no name the question lacks beside
    it and no apposition after it: "a bird researcher in 2013", "anything the driver
    did"; not "a zoo, Blijdorp", "a Dutch zoo", "the manager, Greta Lindahl" nor "Ida
    Marsh has been the coach"."""
    noun, definite_too = asked_for
    words = sentence.split()
    asked = asked_words(question)
    mentions = [i for i, w in enumerate(words) if stem(_bare(w)) == noun]
    if not mentions:
        return False
    for i in mentions:
        j = next((j for j in range(i - 1, max(-1, i - 4), -1)
                  if _indefinite(words[j]) or (definite_too and _definite(words[j]))), None)
        if j is None or words[i].endswith(","):
            return False
        if any(_names(w, asked) for w in _before(words, i, j) + words[i + 1:i + 6]):
            return False
    return True


# An age and the word it is told of: "81-year-old Desmond" (after), "Sundari, aged six,"
# and "Alun Pritchard, 67," (before).
_AGE_BEFORE_NAME = re.compile(r"\b\w+-year-old ([A-Z][\w'’-]+)")
_AGE_AFTER_NAME = re.compile(r"\b([A-Z][\w'’-]+),? (?:aged \w+|\d{1,3}),")
_BORN_IN = re.compile(r"\bborn\b[^.]{0,30}\b(1[0-9]{3}|20[0-9]{2})\b")


def age_of_another(question: str, sentence: str) -> bool:
    """True when the question asks of a name the sentence writes, every age the sentence
    tells is told of another name, and no one's year of birth is given ("how old is the
    oldest runner" asks of no name: "81-year-old Desmond" may answer it)."""
    asked = {stem(w) for w in asked_words(question)}
    if _BORN_IN.search(sentence) or not inner_names(sentence) & asked:
        return False
    told = [stem(m.group(1)) for pattern in (_AGE_BEFORE_NAME, _AGE_AFTER_NAME) for m in pattern.finditer(sentence)]
    return bool(told) and all(name not in asked for name in told)
