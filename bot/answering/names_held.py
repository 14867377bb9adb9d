"""Whether the retrieved passages hold every name a question asks about.

"When does the Halo 2 go on sale in Australia?" over an article naming Europe and the
United States: no passage names Australia, so none can say when it goes on sale there,
however much else a sentence shares with the question. Years are left to the year
check (`question_shapes`); a number matches however its thousands are written
("4000", "4,000"), an accent is no difference ("Herve", "Hervé") and an initialism
matches the words it stands for ("US", "United States").
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from index.records import SearchResult
from index.search.query import STOPWORDS

from .answer_types import is_year
from .stemming import known_stems, stem

_WORD = re.compile(r"\w+")
# A name typed as the question's first word is capitalised by position, not a name.
_NAME = re.compile(r"(?<!^)\b([A-Z][\w-]*|\d[\d,]*(?:\.\d+)?)\b")
_INITIALISM = re.compile(r"^[A-Z]{2,5}$")
# Capitalised words that name no one: titles, stress, chat.
_NOT_NAMES = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "judge", "st",
              "english", "ok", "okay", "tl", "pls", "please", "thanks", "hi", "hey"}
# Initialisms a passage writes out in other words.
_SPELT_OUT = {"ceo": ("chief executive",), "cfo": ("finance director", "chief financial"), "pm": ("prime minister",),
              "mp": ("member of parliament", "mp"), "mps": ("mps", "members of parliament"),
              "nhs": ("health service", "nhs"), "uk": ("britain", "british", "united kingdom", "england", "scotland",
                                                      "wales"), "us": ("united states", "american", "america"),
              "usa": ("united states", "america"), "eu": ("european union", "europe"),
              "qb": ("quarterback",), "mvp": ("most valuable player",), "gm": ("general manager",),
              "vp": ("vice president", "vice-president"), "md": ("managing director",)}
# "More than 500 flights", "over 60%": a figure the reader offers to compare, not one to find.
_COMPARED = re.compile(r"\b(more|fewer|less|greater|higher|lower) than\s*$|\b(over|under|above|below|at least|"
                       r"at most|nearly|almost|about|around)\s*$", re.I)
_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                 "sixteen seventeen eighteen nineteen twenty").split()


def plain(text: str) -> str:
    """The text without accents, lower-cased."""
    if text.isascii():
        return text.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=2_000)
def _plain_stems(text: str) -> frozenset[str]:
    # The same passages come back for question after question.
    return known_stems(plain(text))


def _initials(text: str) -> set[str]:
    """The initials of each run of two to five capitalised words ("United States": "us")."""
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    found: set[str] = set()
    for i in range(len(words)):
        run = ""
        for w in words[i:i + 5]:
            if not w[0].isupper():
                break
            run += w[0].lower()
            if len(run) >= 2:
                found.add(run)
    return found


_INNER_NAME = re.compile(r"(?<=[\w,;] )[A-Z][\w-]+")
# A name opening a sentence, after any opening quote: "Greenleaf was founded in 1974".
_OPENING_NAME = re.compile(r"^[\"“‘']?([A-Z][\w'’-]+)")


@lru_cache(maxsize=50_000)
def inner_names(text: str) -> frozenset[str]:
    """The stems of the words a sentence capitalises inside it (names)."""
    return frozenset(stem(m.group(0)) for m in _INNER_NAME.finditer(text))


def opening_name(text: str, names: frozenset[str]) -> str | None:
    """The stem of the sentence's first word when it is one of `names` (the passages'
    names): "Greenleaf was founded in 1974" is about Greenleaf."""
    m = _OPENING_NAME.match(text)
    if m is None or m.group(1).lower() in STOPWORDS:
        return None
    word = stem(m.group(1))
    return word if word in names else None


_FULL_NAME = re.compile(r"\b([A-Z][\w'’-]+) (?=([A-Z][\w'’-]+))")


@lru_cache(maxsize=2_000)
def name_pairs(text: str) -> frozenset[tuple[str, str]]:
    """The stems of each two capitalised words side by side ("Amara Nwosu"), in order."""
    return frozenset((stem(m.group(1)), stem(m.group(2))) for m in _FULL_NAME.finditer(text))


# The question's subject, right after its asking words: "when was Medwell founded",
# "how many Greenleaf stores", "how much will Freshcart spend".
_AUXILIARY = r"(?:was|is|were|are|did|does|do|has|have|had|will|would|can|could)"
_SUBJECT = re.compile(rf"^\W*(?:how (?:many|much)\s+(?:{_AUXILIARY}\s+)?|"
                      rf"(?:when|where|why|how|what|which|who)\b(?:\s+[\w']+)?\s+{_AUXILIARY}\s+(?:the\s+)?)"
                      r"([\w'’-]+)", re.I)


def asked_subject(question: str) -> str | None:
    """The stem of the word the question is asked of ("when was Medwell founded": medwell)."""
    m = _SUBJECT.match(question)
    return stem(m.group(1)) if m else None


def missing_names(question: str, passages: Sequence[SearchResult]) -> list[str]:
    """The question's names and numbers (not its years) that no passage, nor its title, holds."""
    texts = [f"{p.title} {p.text}" for p in passages]
    text = " ".join(texts)
    held = frozenset().union(*map(_plain_stems, texts))
    initials: set[str] | None = None
    lowered = ""
    missing = []
    for m in _NAME.finditer(question.strip()):
        word = m.group(1)
        if word.lower() in STOPWORDS or word.lower() in _NOT_NAMES or is_year(word):
            continue
        if word[0].isdigit():
            if not _COMPARED.search(question[:m.start()]) and not _holds_number(word, text, held):
                missing.append(word)
            continue
        if _INITIALISM.match(word):
            if initials is None:  # read only for a question holding an initialism
                initials, lowered = _initials(text), plain(text)
            spelt = _SPELT_OUT.get(word.lower(), ())
            if word.lower() in initials or stem(word.lower()) in held or any(s in lowered for s in spelt):
                continue
            missing.append(word)
            continue
        if not all(stem(w) in held for w in _WORD.findall(plain(word))):
            missing.append(word)
    # "is it banned in europe": a place typed in lower case names it all the same, and so
    # does a street ("on fern lane"), when no passage holds its name.
    missing += [w for w in _WORD.findall(question) if w in _PLACES and stem(w) not in held]
    missing += [m.group(1) for m in _STREET.finditer(question)
                if m.group(1).lower() not in _NOT_STREET_NAMES and stem(m.group(1).lower()) not in held]
    return missing


# "on fern lane", "in mill street": the word before a street's kind is its name.
_STREET = re.compile(r"\b(?:on|in|along|at|off|near) (?:the )?([a-z][a-z'-]+) (?:lane|street|st|road|rd|avenue|ave|"
                     r"crescent|terrace|close)\b")
_NOT_STREET_NAMES = {"main", "high", "back", "side", "same", "new", "old", "coast", "coastal", "ring", "slip", "toll",
                     "dirt", "country", "private", "public", "busy", "quiet", "closed", "shut", "whole", "entire",
                     "this", "that", "their", "its", "his", "her", "our", "your", "my", "a", "an", "one", "other",
                     "b", "a-", "mountain", "access", "approach", "link", "relief", "bypass", "top", "bottom"}


# Continents and countries a reader may type in lower case (the home nations of local news
# are left out: an article on a Wendle bakery need not say "England").
_PLACES = frozenset("""europe asia africa america americas australia antarctica oceania canada mexico brazil
argentina chile peru colombia france germany spain portugal italy greece netherlands belgium switzerland austria
poland sweden norway denmark finland iceland russia ukraine turkey egypt nigeria kenya ethiopia morocco israel iran
iraq syria india pakistan bangladesh china japan korea vietnam thailand indonesia malaysia singapore philippines
zealand""".split())


def _holds_number(word: str, text: str, held: frozenset[str]) -> bool:
    """True when the text holds the number, however its thousands are written, or in words ("3", "three")."""
    number = word.replace(",", "")
    return number in text.replace(",", "") or _in_words(number, held)


def _in_words(number: str, held: frozenset[str]) -> bool:
    """True when a small number is among the stems in words ("2": "two")."""
    return number.isdigit() and int(number) < len(_NUMBER_WORDS) and stem(_NUMBER_WORDS[int(number)]) in held


# "the extra 2 nights", "2 more games": a number counting something, which an article may
# write in words; "stage 2", "Halo 2" name a thing ("two riders crashed" is no stage 2).
_COUNTING = re.compile(r"\b(\d{1,2})\s+(?:more\s+|extra\s+|other\s+|new\s+)?[a-z][\w-]*s\b")


def counted(question: str) -> frozenset[str]:
    """The numbers a question counts with ("how are they selling the extra 2 nights": 2)."""
    return frozenset(m.group(1) for m in _COUNTING.finditer(question))


def holds_name(name: str, held: frozenset[str], counts: frozenset[str] = frozenset()) -> bool:
    """True when the stems hold a question's name or number, a number in `counts` in words too
    ("the extra 2 nights": "two more nights")."""
    return name in held or (name in counts and _in_words(name, held))
