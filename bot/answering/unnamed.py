"""Sentences that mention what a question asks to identify, or whose age it asks, without
telling it.

"Which zoo did Tashi come from?" is not answered by "he arrived from a zoo in the
Netherlands": the zoo is only ever "a zoo". "How old is Tashi?" is not answered by
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
_NAMED_PHRASE = re.compile(rf"\bwho (?:is|was|were|are) the {_PHRASE}|"
                           rf"\bwhat(?:'s|’s|s| is| was| were| are) the names? of (?:the )?{_PHRASE}|"
                           rf"\bwhat (?:is|was|were|are) (?:the )?{_PHRASE} (?:called|named)\b|"
                           rf"\bwhat (?:is|was|were|are) the {_PHRASE}['’]s? names\b", re.I)
_INDEFINITE = {"a", "an", "another", "one", "some"}


def _indefinite(word: str) -> bool:
    """"a", "some" or a number: "thanked two runners who stopped" names neither."""
    return word in _INDEFINITE or (NUMBER.match(word) is not None and not word[:1].isdigit())


def identified_noun(question: str) -> str | None:
    """The stem of the thing a question asks to identify ("which zoo": zoo)."""
    which = _WHICH.search(question)
    if which:
        noun = which.group("noun")
        return None if noun.lower() in STOPWORDS else stem(noun)
    m = _NAMED_PHRASE.search(question)
    if not m:
        return None
    head = None
    for word in next(g for g in m.groups() if g).lower().split():
        if word in STOPWORDS:
            break
        head = word.strip("'’")
    return stem(head) if head else None


def only_unnamed(noun: str, question: str, sentence: str) -> bool:
    """True when every mention of the noun in the sentence is "a/an/two ..." with no name
    the question lacks beside it, nor an apposition after it ("a bird researcher in 2013",
    not "a zoo, Blijdorp" nor "a Dutch zoo")."""
    words = sentence.split()
    bare = [w.strip(",.;:()\"'“”‘’").lower() for w in words]
    asked = asked_words(question)
    mentions = [i for i, w in enumerate(bare) if stem(w) == noun]
    if not mentions:
        return False
    for i in mentions:
        before = bare[max(0, i - 3):i]
        article = next((j for j in range(len(before) - 1, -1, -1) if _indefinite(before[j])), None)
        if article is None:
            return False
        near = words[i - len(before) + article + 1:i] + words[i + 1:i + 4]
        if any(w[:1].isupper() and w.strip(",.;:()\"'“”‘’").lower() not in asked for w in near):
            return False
        if words[i].endswith(","):
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
