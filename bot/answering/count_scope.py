"""What a count question asks beyond the thing counted: the whole of it, or a count in a period.

"How many pupils go there altogether" is not told by "37 pupils from Inverclachan" (a part
of them), nor "how many visitors does the zoo get a year" by "9,600 passengers" stranded
by a strike (no yearly figure).
"""
from __future__ import annotations

import re

_TOTAL_ASKED = re.compile(r"\b(in total|altogether|in all)\W*$", re.I)
# A total is told as one ("in all", "a total of", "altogether").
_TOTAL_GIVEN = re.compile(r"\b(total|totals|totalled|totaled|in all|altogether|overall|all told|combined|whole|"
                          r"entire|every|all)\b", re.I)
_PER_PERIOD = r"(day|weekday|week|month|year|yr|night|season|annum)"
_PER_PERIOD_ASKED = re.compile(rf"\b(a|per|each|every) {_PER_PERIOD}\b|"
                               rf"\b(in|on) an? (typical|normal|average|usual|ordinary) {_PER_PERIOD}\b", re.I)
_PER_PERIOD_GIVEN = re.compile(rf"\b(a|an|per|each|every|one) {_PER_PERIOD}\b|"
                               r"\b(daily|weekly|monthly|yearly|annually|annual|nightly)\b|"
                               r"\bon an? (typical|normal|average|usual|ordinary|busy|good) \w+", re.I)


class CountScope:
    """For one count question: why a sentence's count is not the one asked (None when it may be)."""

    def __init__(self, question: str) -> None:
        self.total = bool(_TOTAL_ASKED.search(question))
        self.per_period = bool(_PER_PERIOD_ASKED.search(question))

    def __call__(self, text: str) -> str | None:
        if self.total and not _TOTAL_GIVEN.search(text):
            return "part of the total"
        if self.per_period and not _PER_PERIOD_GIVEN.search(text):
            return "count in a period"
        return None
