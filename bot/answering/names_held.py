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

from index.records import SearchResult
from index.search.query import STOPWORDS

from .evidence import known_stems, stem

_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
# A name typed as the question's first word is capitalised by position, not a name.
_NAME = re.compile(r"(?<!^)\b([A-Z][\w-]*|\d[\d,.]*)\b")
_INITIALISM = re.compile(r"^[A-Z]{2,5}$")


def plain(text: str) -> str:
    """The text without accents, lower-cased."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


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


def missing_names(question: str, passages: Sequence[SearchResult]) -> list[str]:
    """The question's names and numbers (not its years) that no passage, nor its title, holds."""
    text = " ".join(f"{p.title} {p.text}" for p in passages)
    held = known_stems(plain(text))
    digits = set(re.findall(r"\d+", text.replace(",", "")))
    initials: set[str] | None = None
    missing = []
    for m in _NAME.finditer(question.strip()):
        word = m.group(1)
        if word.lower() in STOPWORDS or _YEAR.match(word):
            continue
        if word[0].isdigit():
            if word.replace(",", "").rstrip(".") not in digits:
                missing.append(word)
            continue
        if _INITIALISM.match(word):
            initials = _initials(text) if initials is None else initials
            if word.lower() in initials or stem(word.lower()) in held:
                continue
            missing.append(word)
            continue
        if not all(stem(w) in held for w in _WORD.findall(plain(word))):
            missing.append(word)
    return missing
