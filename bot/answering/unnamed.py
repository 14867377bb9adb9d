"""Sentences that mention what a question asks to identify, or whose age it asks, without
telling it.

"Which zoo did Tashi come from?" is not answered by "he arrived from a zoo in the
Netherlands": the zoo is only ever "a zoo"; "who is TixHarbour's chief executive" not by
"he would write to TixHarbour's chief executive asking ...". "How old is Tashi?" is not answered by
"mother Sundari, aged six, and father Tashi": the age there is another's.
"""
from __future__ import annotations

import re
from functools import lru_cache

from index.search.query import STOPWORDS

from .counts import NUMBER, NUMBER_WORDS
from .answer_types import YEAR, asked_words, is_date_word
from .stemming import stem, stems
from .names_held import inner_names

# "which zoo in the Netherlands": zoo; "who was the bird researcher that recorded it",
# "whats the name of the breeding centre", "what is the students' satellite called" and
# "what are the rescued climbers' names": the last word before a small word.
_WHICH = re.compile(r"^\W*(?:(?:and|so|but|in|at|on|from|for|to|with|by|of) )?which "
                    rf"(?:(?:\d+|(?!one\b){NUMBER_WORDS}) )?(?P<noun>[a-z][\w-]*)", re.I)
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
        return None if noun.lower() in STOPWORDS or noun.lower() in ("one", "ones") else (stem(noun), False)
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
    """True for a capitalised word the question lacks that names something (not "Monday")."""
    bare = _bare(word)
    # "(Śródmieście)," is a name in brackets: the case is read past the punctuation
    return word.strip(",.;:()\"'“”‘’")[:1].isupper() and bare not in asked and not is_date_word(bare)


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


def _after(words: list[str], i: int) -> list[str]:
    """The words after "the ..." to the end of its clause, and the one after a comma
    closing it: "head of the fire service is Dawn Mills", "owner for twenty years, Jim Hart"
    ("a breeding centre in Perthshire and set free by the River Wendle" is told by no name)."""
    end = next((k for k in range(i + 1, min(len(words), i + 16)) if words[k][-1:] in ",;:.!?"), None)
    if end is None:
        return words[i + 1:i + 16]
    return words[i + 1:end + 2] if words[end].endswith(",") else words[i + 1:end + 1]


_COPULA = {"is", "was", "are", "were", "became", "becomes", "remains", "been"}


def _named_before(words: list[str], j: int, asked: frozenset[str]) -> bool:
    """True when what the determiner at `j` starts is said of a name before it: "Saltire
    Vale, a company based in the town", "in 1987, a year after", "Dr Brockway, who has led
    the team for a decade, is the medical director"."""
    if j == 0:
        return False
    before = words[j - 1]
    if before.endswith(",") and (_names(before, asked) or before[:1].isdigit()):
        return True
    return before.lower() in _COPULA and any(_names(w, asked) for w in words[:j - 1])


# People a place does not name: "a man from Westerhope" is still unnamed ("a zoo in
# Rotterdam" tells which zoo).
_PERSONS = {stem(w) for w in "man woman person boy girl teenager youth suspect driver victim passenger rider "
                             "cyclist walker motorist pedestrian".split()}
_PLACE_WORDS = {"from", "in", "at", "near", "of", "outside"}


def _not_places(words: list[str]) -> list[str]:
    """The words without the capitalised ones naming a place ("from Hollin Green")."""
    out, placed = [], False
    for word in words:
        placed = (placed and word[:1].isupper()) or (word.lower() in _PLACE_WORDS)
        if not (placed and word[:1].isupper()):
            out.append(word)
        placed = placed and not word.endswith(",")  # "from Hollin Green, Tom Hale,": a name after it
    return out


def only_unnamed(asked_for: tuple[str, bool], question: str, sentence: str) -> bool:
    """True when every mention of the thing asked for is "a ..." or "two ..." (or, when
    `asked_for` says so, "the ..." or "its ...") that no name beside it tells: "a bird
    researcher in 2013", "anything the driver did"; not "a zoo, Blijdorp", "a Dutch zoo",
    "the manager, Greta Lindahl" nor "Ida Marsh has been the coach"."""
    noun, definite_too = asked_for
    words = sentence.split()
    asked = asked_words(question)
    mentions = [i for i, w in enumerate(words) if stem(_bare(w)) == noun]
    if not mentions:
        return False
    for i in mentions:
        j = next((j for j in range(i - 1, max(-1, i - 4), -1)
                  if _indefinite(words[j]) or (definite_too and _definite(words[j]))), None)
        # "a zoo, Blijdorp," and "a rare bird, a hoopoe" are told after the comma; "a 68-year-old
        # man, was hit" is not
        named_after = words[i].endswith(",") and i + 1 < len(words) and \
            (_names(words[i + 1], asked) or words[i + 1].lower() in _INDEFINITE | _DEFINITE)
        if j is None or named_after or _named_before(words, j, asked):
            return False
        after = _after(words, i) if _definite(words[j]) else words[i + 1:i + 6]
        if noun in _PERSONS:
            after = _not_places(after)
        if any(_names(w, asked) for w in _before(words, i, j) + after):
            return False
    return True


def noun_untold(asked_for: tuple[str, bool], question: str, sentence: str) -> bool:
    """True when a "which" question's sentence never mentions the thing asked for, names
    nothing the question does not and holds no number: "which party does Owen Paskell
    lead" is not told by "the opposition group leader, Owen Paskell" ("which cities" may
    be told by "Tarnwick and Oldhaven", "which year" by a year). A "what is the name of
    X" may be told without X ("the Host Committee's charitable initiative": "the 50 fund")."""
    noun, definite_too = asked_for
    if definite_too or noun not in _NAMED_KINDS or noun in stems(sentence):
        return False
    asked = asked_words(question)
    return not _numbered(noun, sentence) and \
        not any(_names(w, asked) and w.lower() not in STOPWORDS for w in sentence.split())


# Kinds a number may name ("Route 9", "Channel 4", "the 14"); any other is named by a
# code at most ("the A671"): "The repairs cost £8.7 million" names no company.
_NUMBERED_KINDS = {stem(w) for w in "road street station channel bus route line flight platform".split()}
_CODE = re.compile(r"\b(?=\w*\d)(?=\w*[A-Za-z])\w+\b")


def _numbered(noun: str, sentence: str) -> bool:
    """True when the sentence names the kind asked for by a number or a code."""
    return bool(_CODE.search(sentence)) or (noun in _NUMBERED_KINDS and any(c.isdigit() for c in sentence))


# What a name answers ("which party": Labour), not a month, a direction or "a kitchen knife".
_NAMED_KINDS = {stem(w) for w in (
    "party company firm team club band group school hospital university college city town village country "
    "airline union council charity bank newspaper paper channel station restaurant pub hotel street road "
    "stadium venue brand chain agency ministry department court".split())}


# "an exam centre, which it has not named", "a buyer who has asked not to be named": the
# article says it does not tell who; asked who or which, it has no answer. (Not "anonymous":
# "the Harlow Trust, which beat an anonymous bidder" names the buyer.)
_WITHHELD = re.compile(r"\b(?:(?:has|have|had|was|were|is|are)(?: not|n't) (?:yet )?(?:been )?"
                       r"(?:named|identified|disclosed)"
                       r"|(?:declined|refused|would not|wouldn't|will not|won't) (?:to )?"
                       r"(?:name|identify|say who|say which)"
                       r"|(?:declined|refused|did not want|didn't want|asked|wished|wants|wanted|asking)"
                       r" (?:not )?to be (?:named|identified)"
                       r"|too (?:frightened|scared|afraid) to name|cannot be named|could not be named"
                       r"|on condition of anonymity)\b", re.I)
_ASKS_WHO = re.compile(r"^\W*(?:(?:and|so|but) )?(?:who|whom|whose)\b", re.I)


def asks_who_or_which(question: str) -> bool:
    """True when the question asks who, or which one ("which school", "what's the name of")."""
    return identified_noun(question) is not None or _ASKS_WHO.search(question) is not None


@lru_cache(maxsize=20_000)  # the same sentences come back for question after question
def says_withheld(sentence: str) -> bool:
    """True when the sentence says the article does not tell who ("which it has not named",
    "asked not to be named")."""
    return _WITHHELD.search(sentence) is not None


# An age and the name it is told of: "81-year-old Desmond Fairlie" (after), "Sundari,
# aged six," and "Alun Pritchard, 67," (before).
_AGE_BEFORE_NAME = re.compile(r"\b\w+-year-old ((?:[A-Z][\w'’-]+ )*[A-Z][\w'’-]+)")
_AGE_AFTER_NAME = re.compile(r"\b((?:[A-Z][\w'’-]+ )*[A-Z][\w'’-]+),? (?:aged \w+|\d{1,3}),")
_BORN_IN = re.compile(rf"\bborn\b[^.]{{0,30}}\b{YEAR}\b")
_OWNER = re.compile(r"\b(?:how old|what age) (?:is|was|are|were) (?P<owner>(?:[\w-]+ ){0,3}?[\w-]+)['’]s [a-z]", re.I)


def age_of_another(question: str, sentence: str) -> bool:
    """True when the question asks of a name the sentence writes, every age the sentence
    tells is told of another name, and no one's year of birth is given ("how old is the
    oldest runner" asks of no name: "81-year-old Desmond" may answer it)."""
    asked = {stem(w) for w in asked_words(question)}
    if _BORN_IN.search(sentence) or not inner_names(sentence) & asked:
        return False
    # "how old is Marjorie Penhale's daughter": Marjorie's own age is another's.
    owner = _OWNER.search(question)
    whose = asked - stems(owner.group("owner")) if owner else asked
    told = [stems(m.group(1)) for pattern in (_AGE_BEFORE_NAME, _AGE_AFTER_NAME) for m in pattern.finditer(sentence)]
    return bool(told) and all(not name & whose for name in told)
