"""Whether a question asks a sum of money, per what period, and whether a sentence gives one.

"How much did Lindqvist get for winning" asks money and "how much rain fell" does not; "how
much will the levy bring in every year" asks a sum a year, which "£2 a night" is not.
"""
from __future__ import annotations

import re

from .counts import CURRENCY_CODE, asks_money_count

# "How much will the levy bring in every year": a sum a year, not "£2 a night".
_PER_PERIOD_ASKED = re.compile(r"\b(?:a|per|each|every) (year|month|week|day|night)\b|"
                               r"\b(annual|annually|yearly|monthly|weekly|daily|nightly)\b", re.I)
_PERIOD_OF = {"annual": "year", "annually": "year", "yearly": "year", "monthly": "month", "weekly": "week",
              "daily": "day", "nightly": "night"}
# ("over two years" is no sum a year)
_PERIODS = {period: re.compile(rf"\b(?:a|an|per|each|every|the|last|this|next) {period}\b|\b(?:{adverb})", re.I)
            for period, adverb in (("year", "annual|yearly|annum"), ("month", "monthly"), ("week", "weekly"),
                                   ("day", "daily"), ("night", "nightly"))}
# ("how much time did that cost him", "how much rain fell": no sum of money)
_COST = re.compile(r"\bhow much\b(?! (?:of|time|longer|further|farther|ground|weight|rain|rainfall|water|sleep|land|"
                   r"space|power|energy|fuel|snow|ice|sun|sunshine|damage|data|support|notice|warning)\b)"
                   r".*\b(cost|costs|spend|spent|pay|paid|charge|charged|worth|price|earn|earns|"
                   r"earned|winning|winnings|awarded|"
                   r"make|makes|made|salary|wage|wages|sold|sell|sells|selling|fetch|fetched|raise|raised|fined|"
                   r"ticket|tickets|fare|fares|fee|fees|prize|win|won|pass|passes|membership|subscription|admission|"
                   r"entry|rent|tuition|money|cash|funding|funds|damages|compensation|payouts?|grants?|bonus|"
                   r"bonuses|refunds?|severance|reward|donations|loans?|turnover|revenues?|profits?|income|"
                   r"earnings|budget|debts?|valuation|offer|offers|offered|offering|bid|bids|bidding|"
                   r"(bring|brings|bringing|brought) in)\b(?! by\b)|"
                   r"\bwhat (is|was|will be|were|are) the (cost|price|fee|fare)s?\b|"
                   # "what did the faulty sensor cost to replace", "what does a ticket cost"
                   # ("what does the report say about pay" asks what was said)
                   r"\bwhat (?:did|does|do|will|would|could|might) "
                   r"(?:(?!(?:say|said|think|tell|about)\b)[\w'’-]+ ){1,4}?(?<!\bthe )(?<!\ba )(?<!\bits )(?<!\btheir )"
                   # ("what did police charge him with", "pay tribute to": no sum)
                   r"(?:cost|pay|charge|earn|fetch)\b(?![\w'’ ]*\b(?:with|tribute|attention|respects|homage)\b)|"
                   # "what price does haddock sell for", "at what price"
                   r"\bwhat (price|prices|fee|fees|fare|fares|sum|amount of money)\b|"
                   r"\bwhat(?:'s|’s| is| was)( the)?( [\w-]+['’]s)?( annual| yearly| total)? (turnover|revenues?|"
                   r"income|salary|earnings|profits?)\b(?! (growth|rise|increase|fall|drop|margin))|"
                   # "what is dr oyelaran salary": someone's pay, however they are named
                   r"\bwhat(?:'s|’s| is| was)( the)?( [\w'’-]+){0,3}? (salary|salaries|wages?|pay|earnings)\b|"
                   # "what profit did greenhallow make this year"
                   r"\bwhat( annual| yearly| pre-tax| total)? (profits?|turnover|revenues?|income|salary|earnings) "
                   r"(did|does|do|has|have|had|will|is|was)\b|"
                   r"\bhow much (is|are|was|were) [\w'’ -]+ (a|per|each) (month|year|week|day|night|ticket|head)\b",
                   re.I)
# "9 million users" is no sum of money; "£9 million" and "9 million pounds" are.
_MONEY = re.compile(rf"[£$€¥]|{CURRENCY_CODE}|\b(\d[\d,.]*\s*|(?!per\b)[a-z]+\s+)"
                    r"(m |bn |million |billion )?"
                    r"(pounds?|dollars?|euros?|pence|cents?|yen|francs?|kroner|krone|kronor|krona|rupees?|yuan|"
                    r"pesos?|lira|zloty|rand)\b|\b\d[\d,.]*\s*([mb]n|k)\b|\bfree\b", re.I)
# "how much did Lindqvist get for winning" asks a sum ("how much attention did it get" does not,
# nor "how much farmland got flooded").
_GOT_SUM = re.compile(r"\bhow much (?:did|does|do|will|would|has|have|had) (?:[\w'’-]+ ){1,4}?"
                      r"(?:get|gets|got|getting|receive|receives|received)\b(?!\s+\w+(?:ed|en)\b)", re.I)


def asks_money(question: str) -> bool:
    """True when the question asks a sum of money ("how much did it cost", "what's her salary",
    "how many quid")."""
    return bool(_COST.search(question) or _GOT_SUM.search(question)) or asks_money_count(question)


def period_asked(question: str) -> re.Pattern[str] | None:
    """What a sentence must say for the sum to be the period's the question asks ("a year",
    "annually"); None when it asks no period."""
    period = _PER_PERIOD_ASKED.search(question)
    if period is None:
        return None
    return _PERIODS[(period.group(1) or _PERIOD_OF[period.group(2).lower()]).lower()]


def holds_money(text: str) -> bool:
    """True when the text gives a sum of money ("£4.6 million", "9 million pounds", "free")."""
    return bool(_MONEY.search(text))
