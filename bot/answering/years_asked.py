"""The years a question asks about, and whether a sentence tells of them or only of another.

"Who won last year?" (or "last summer") is not answered by this year's winner, nor by
the article's own year ("a budget for 2026-27" in a 2026 article); "how many came in
2011" not by "the most since the regatta moved to a two-day format in 2011".
"""
from __future__ import annotations

import re

from .answer_types import YEAR

_YEAR = re.compile(rf"\b{YEAR}\b")
# "Who won last year?" is not answered by this year's winner.
_PERIODS = r"(year|season|edition|time|summer|winter|spring|autumn)"
_LAST_YEAR_ASKED = re.compile(rf"\b(last|previous) {_PERIODS}\b|\ba year (ago|earlier|before)\b|"
                              # "the last big landslide before this one"
                              r"\bthe year before\b|\b(last|previous)\b[^?]*\bbefore (this|that) (one|time)\b", re.I)
_EARLIER_YEAR = re.compile(rf"\b(last|previous|past|prior) ({_PERIODS}|years)\b|"
                           r"\ba year (ago|earlier|before)\b|\byear before\b|"
                           r"\b(earlier|previously|former|once)\b|\bbefore (that|then)\b", re.I)


def tells_earlier(text: str, dated: str | None) -> bool:
    """True when the text speaks of an earlier year or season: in words, or a year before
    the article's own (its "2026-27 budget" is no earlier year's)."""
    if _EARLIER_YEAR.search(text):
        return True
    this_year = int(dated[:4]) if dated and dated[:4].isdigit() else None
    return any(this_year is None or int(year) < this_year for year in years_in(text))


# "The most since the regatta moved to two days in 2011" tells of 2011 only as a mark.
_SINCE_ASKED = re.compile(r"\bsince\b", re.I)


def asks_last_year(question: str) -> bool:
    """True for "who won last year", "the year before", "the last slip before this one"."""
    return bool(_LAST_YEAR_ASKED.search(question))


def asks_since(question: str) -> bool:
    """True for a question of what has held since a time ("who has led it since 2011")."""
    return bool(_SINCE_ASKED.search(question))


def since_year(text: str, year: str) -> bool:
    """True when the text names the year, each time in a "since ..." ("the most since
    the regatta moved to a two-day format in 2011"): a mark, not what happened then."""
    at = [m.start() for m in re.finditer(rf"\b{year}\b", text)]
    # "since 2011, when 4,000 people came" tells that year's count after all
    marks = [(m.start(), m.end()) for m in re.finditer(rf"\bsince\b[^.,;]{{0,60}}?\b{year}\b(?!,? when\b)", text,
                                                          re.I)]
    return bool(at) and all(any(a <= i < b for a, b in marks) for i in at)


def years_in(text: str) -> list[str]:
    """The years a text names ("2022", "1889")."""
    return _YEAR.findall(text)
