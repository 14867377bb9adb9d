"""What a "how many" question counts, and whether a sentence holds a count of it.

"How many pupils" is answered by a number followed by pupils ("412 pupils"), "how many
fans" by a count of people under any of their names ("a crowd of 6,412"), "how many
watches" by a compound ("310,000 smartwatches"); "six weeks building the lanterns"
counts weeks, not lanterns.
"""
from __future__ import annotations

import re
from functools import lru_cache

from index.search.query import STOPWORDS
from index.sources.byline import MONTHS

from .answer_types import CARDINALS, is_year
from .counted_kinds import (ALSO_COUNTED_AS, ANYONE, PEOPLE, THING_GROUPS, WORKERS, counts_things, named_by_doing,
                            people_like, people_of_that_kind)
from .stemming import stem

# ("how many 2015 season interceptions": the year says when, not what is counted)
_HOW_MANY = re.compile(r"\bhow many (?:(?:1[0-9]|20)\d\d )?(\w+)(?: (\w+))?", re.I)
# A number, written in digits or words ("its 5,000th loan" counts loans too).
NUMBER = re.compile(rf"^(\d[\d,.]*(st|nd|rd|th)?%?|{CARDINALS}|hundreds?|thousands?|millions?|billions?|"
                    r"dozens?|several|few)$", re.I)
# The number words alone, for patterns that spell digits their own way.
NUMBER_WORDS = NUMBER.pattern.strip("^$").replace("\\d[\\d,.]*(st|nd|rd|th)?%?|", "")
# "GBP 9.8 million" is a sum of money, whatever follows it.
CURRENCY_CODES = frozenset("GBP USD EUR AUD CAD NZD CHF JPY CNY INR SEK NOK DKK".split())
CURRENCY_CODE = rf"\b({'|'.join(CURRENCY_CODES)})\s?\d"
_NOT_NOUNS = {"more", "of", "different", "other", "total", "new", "separate", "individual", "major", "main",
              "times", "in", "are", "were", "is", "was", "did", "do", "does", "have", "has", "had", "will", "can",
              "from", "would", "could", "should", "the", "a", "took", "got", "went", "made", "still",
              "there", "left", "now", "they", "we", "you", "it", "he", "she"}


# "how many lost power", "how many voted for it": a verb, the counted people or things left
# to the sentence (or the question before).
_VERB_FIRST = {"lost", "won", "needed", "signed", "voted", "attended", "joined", "turned", "came", "showed", "applied",
               "complained", "stayed", "remained", "lived", "worked"}


_AUXILIARIES = {"had", "have", "has", "were", "are", "was", "is", "did", "do", "does", "will", "would", "can", "could",
                "got", "get"}


# Money counted in its units.
_MONEY_UNITS = {stem(w) for w in "quid dollars euros bucks".split()}


def counted_noun(question: str) -> set[str]:
    """The stems of what a "how many" question counts ("how many naval bases" -> naval, base)."""
    m = _HOW_MANY.search(question)
    # ("how many had plastic in them": a verb first, what is counted is "them", not plastic)
    if not m or m.group(1).lower() in _VERB_FIRST | _AUXILIARIES:
        return set()
    # "how many cameras filmed it": what is counted, then what they did
    counted = m.groups() if not (m.group(2) or "").lower().endswith("ed") else m.groups()[:1]
    nouns = {stem(w) for w in counted if w and w.lower() not in _NOT_NOUNS and w.lower() not in STOPWORDS}
    return set() if nouns & _MONEY_UNITS else nouns  # "how many quid" asks a sum, not a count


def counted_acts(question: str) -> set[str]:
    """What the people a "how many" counts did, when the question says it in a verb: "how
    many people objected" is told by a count of the objections ("212 letters of objection")."""
    m = _HOW_MANY.search(question)
    if m is None:
        return set()
    noun, verb = m.group(1).lower(), (m.group(2) or "").lower()
    # "how many drivers voted": people named by what they do vote ("how many helicopters crashed" counts no act)
    voters = verb.startswith("vot") and named_by_doing(noun)
    return {stem(verb)} if (stem(noun) in PEOPLE or voters) and verb.endswith("ed") else set()


def asks_money_count(question: str) -> bool:
    """True for a sum asked in its units: "how many quid profit did it make" ("how many
    pounds did the baby weigh" and "how many grand slams" ask no sum)."""
    m = _HOW_MANY.search(question)
    return m is not None and stem(m.group(1)) in _MONEY_UNITS


def _names_people(nouns: set[str], words: list[str]) -> bool:
    """True when the words name the people counted: any of their names, or for "people"
    anyone named by what they do right after a number ("41,000 patients", not "12 comments")."""
    held = {stem(w) for w in words}
    if people_like(nouns) & held:
        return True
    # "the quarry employs 86 people" counts its jobs, its workers
    if nouns & WORKERS and held & ANYONE and any(w.startswith("employ") for w in held):
        return True
    return bool(nouns & ANYONE) and any(
        NUMBER.match(w) and not is_year(w) and any(named_by_doing(a) for a in words[i + 1:i + 4])
        for i, w in enumerate(words))


# "9,000 passengers a day" is a rate: no count of the passengers stranded on one day.
_RATE_COUNT = re.compile(r"\b\d[\d,.]*\s+(?:[\w'-]+\s+){0,3}(?:(?:a|per|each|every)|"
                         r"on an? (?:typical|normal|average|usual|ordinary)) "
                         r"(?:day|weekday|week|month|year|night|season)\b(?! ago| earlier| before)", re.I)
_RATE_ASKED = re.compile(r"\b(a|per|each|every) (day|week|month|year|yr|night|season)\b|"
                         r"\bon an? (typical|normal|average|usual|ordinary) (day|weekday|week|night)\b|"
                         r"\b(daily|weekly|monthly|yearly|annually|nightly)\b", re.I)


_PAST = re.compile(r"\b(did|was|were|had|has been|have been)\b|\b\w{2,}ed\b|"
                   # "how many came", not "how many cars are sold"
                   r"(?<!\bare )(?<!\bis )(?<!\bbe )\b(came|went|saw|took|gave|ran|won|lost|paid|spent|fell|rose|grew|"
                   r"caught)\b", re.I)


@lru_cache(maxsize=2_000)  # asked of one question for each of its candidate sentences
def asks_rate(question: str) -> bool:
    """True when a question may be answered by how many in a period: it asks one ("how
    many cars cross it a day"), or of what is or will be ("how many visitors does it
    expect"), not of what happened ("how many passengers were stranded")."""
    return bool(_RATE_ASKED.search(question)) or not _PAST.search(question)


# "How many people does it employ" is not told by "with the loss of 230 jobs" nor "had
# hired six locum anaesthetists" (unless it asks about the cuts or the hiring).
_EMPLOY_ASKED = re.compile(r"\b(employ|employs|employed|employees|staff|workforce)\b|\bworks? (at|for|in)\b",
                           re.I)
_CHANGE_ASKED = re.compile(r"\b(going|go|cut|cuts|cutting|lose|loses|losing|lost|loss|laid off|lay off|laying off|"
                           r"redundan\w*|axe\w*|shed\w*|close|closes|closing|closure|hire|hires|hired|hiring|"
                           r"recruit\w*|take on|took on|taken on|new)\b", re.I)
_CHANGED_COUNT = re.compile(r"\b(loss|losses|lose|losing|lost|cut|cuts|cutting|shed|shedding|axe|axing|laying off|"
                            r"lay off|laid off|hire|hired|hiring|recruited|recruiting|took on|taken on|take on)"
                            r"( of)?( about| around| some| nearly| almost| more than| up to| another)? "
                            rf"(\d[\d,]*|{NUMBER_WORDS})\s+\w+", re.I)


def asks_headcount(question: str) -> bool:
    """True for "how many people does it employ", not "how many jobs are going"."""
    return bool(_EMPLOY_ASKED.search(question)) and not _CHANGE_ASKED.search(question)


def without_changes(text: str) -> str:
    """The text without counts of people lost, cut or hired ("the loss of 230 jobs")."""
    return _CHANGED_COUNT.sub(" ", text)


def holds_count_of(text: str, nouns: set[str], rate: bool = False, acts: set[str] | None = None) -> bool:
    """True when a number in the text is followed, within four words, by one of the
    nouns; a count of people may instead name them anywhere in the text ("a crowd of 6,412"),
    or count what they did (`acts`: "30 complaints" for people who complained).
    A count in a period ("a day") counts only for a question asking one (`rate`)."""
    # "how many drivers voted for the strike": "voted 412 to 61 for the strike"
    if any(act.startswith("vot") for act in acts or ()) and _VOTE_TALLY.search(text):
        return True
    if not rate:
        text = _RATE_COUNT.sub(" ", text)
    words = list(_count_words(text))
    # "applied": "applications" (the stems part at the last letter)
    roots = {act[:max(4, len(act) - 1)] for act in acts or () if len(act) >= 4}
    if roots and any(NUMBER.match(w) and not is_year(w) and any(stem(a).startswith(r) for a in words[i + 1:i + 5]
                                                                for r in roots)
                     for i, w in enumerate(words)):
        return True
    if nouns & PEOPLE and _names_people(nouns, words) and \
            any(w[:1].isdigit() and not is_year(w.rstrip(",")) and not _in_date(words, i)
                and not _money_or_share(words, i) and not counts_things(words[i + 1:i + 3])
                and not _names_by_number(words, i) for i, w in enumerate(words)):
        return True
    things = set(nouns).union(*(group for group in THING_GROUPS if nouns & group),
                              {ALSO_COUNTED_AS[n] for n in nouns if n in ALSO_COUNTED_AS})
    # "six-time Grammy winner": six Grammys won; "a three-time champion": three titles
    if any(_names_one_of(things, {stem(w) for w in _WORD_RUN.findall(m.group("what"))} | _WINS)
           for m in _TIMES_WINNER.finditer(text)):
        return True
    # "led the team in tackles (118)", "leading the league in interceptions with 24": the
    # count after what it counts
    if any(_names_one_of(things, {stem(m.group(1))})
           for counted_after in (_BRACKETED_COUNT, _LEADING_WITH) for m in counted_after.finditer(text)):
        return True
    # "Red pandas are endangered, and fewer than 10,000 are thought to remain": the number
    # stands for what the clause before named.
    if any(NUMBER.match(w) and not is_year(w) and not w.endswith("%") and words[i + 1:i + 2]
           and words[i + 1].lower() in _STANDS_FOR
           and _names_one_of(things, {stem(v) for v in words[max(0, i - 12):i]})
           for i, w in enumerate(words)):
        return True
    return any(NUMBER.match(w) and not _names_by_number(words, i)
               and (_names_one_of(things, _counted_after(words[i + 1:i + 5]))
                    or people_of_that_kind(nouns, words[i + 1:i + 5]))
               for i, w in enumerate(words))


@lru_cache(maxsize=20_000)  # the same sentences come back for question after question
def _count_words(text: str) -> tuple[str, ...]:
    # "a 640-seat cinema" counts seats, not cinemas: the compound ends what its number counts
    return tuple(w.strip(",.;:()\"'") for w in _NUMBER_COMPOUND.sub(r"\1 \2 ;", text).replace("-", " ").split())


# ("a 60-strong crew" counts the crew)
_NUMBER_COMPOUND = re.compile(rf"\b(\d[\d,.]*|{CARDINALS})-(?!(?:{CARDINALS}|strong)\b)([a-z]+)\b(?!-)", re.I)
_VOTE_TALLY = re.compile(r"\bvot\w*\s+(?:by\s+)?\d[\d,]*\s+(?:votes?\s+)?to\s+\d", re.I)
_STANDS_FOR = {"are", "were", "remain", "remained", "survive", "survived", "live", "lived", "exist", "existed"}
_TIMES_WINNER = re.compile(rf"\b(?:\d+|{NUMBER_WORDS})[- ]times?\b(?P<what>(?: [A-Z][\w'-]*| [\w'-]+){{0,3}}?) "
                           r"(?:winner|champion|medallist|medalist|title-holder|titleholder)s?\b", re.I)
_WORD_RUN = re.compile(r"[\w'-]+")
_WINS = {stem(w) for w in ("wins", "titles", "awards", "medals", "trophies", "championships", "prizes", "victories")}
_LEADING_WITH = re.compile(rf"\b(?:led|leads|leading|lead|top|tops|topped|topping|first|second|third) "
                           rf"(?:[\w'’-]+ ){{0,4}}in ([A-Za-z][\w-]*),? with (?:\d[\d,]*|{NUMBER_WORDS})\b"
                           r"(?!\s*(%|percent|per cent))", re.I)
_BRACKETED_COUNT = re.compile(rf"\b([A-Za-z][\w-]*) \((?:\d[\d,]*|{NUMBER_WORDS})\)", re.I)


def _money_or_share(words: list[str], i: int) -> bool:
    """True when the number at `i` is a sum ("GBP 9.8 million") or a share of no one named
    ("a 6% rise"; "62% of residents" counts them)."""
    after = words[i + 1:i + 3]
    share = words[i].endswith("%") or after[:1] == ["percent"] or after == ["per", "cent"]
    return (i > 0 and words[i - 1] in CURRENCY_CODES) or (share and "of" not in after)


# "the Number 14 bus", "Route 9", "Flight 212": a number in a name (capitalised, inside the
# sentence) counts nothing; "Last year 1,200 cars" and "on the line 40 buses" count.
_NAMING = set("number no route line flight platform gate room page district ward junction exit chapter series model "
              "version season episode pier berth terminal stand court bay unit block level floor phase stage class "
              "category grade year".split())


def _names_by_number(words: list[str], i: int) -> bool:
    """True when the number at `i` is part of a name ("Route 9", "Year 11 pupils"), not a count."""
    return i > 0 and words[i - 1][:1].isupper() and words[i - 1].lower() in _NAMING


_MONTH_WORDS = {month[:3] for month in MONTHS}


def _in_date(words: list[str], i: int) -> bool:
    """True when the number at `i` is a day of a month ("Oct 14", "14 October")."""
    return any(0 <= j < len(words) and words[j][:3].lower() in _MONTH_WORDS and words[j][:1].isupper()
               for j in (i - 1, i + 1))


def _names_one_of(nouns: set[str], words: set[str]) -> bool:
    """True when a word is one of the nouns, or a compound ending in one ("smartwatches" for "watch")."""
    return bool(nouns & words) or any(w.endswith(n) for n in nouns if len(n) >= 4 for w in words)


# "six weeks building the lanterns" counts weeks, not lanterns.
_UNITS = {stem(w) for w in ("seconds", "minutes", "hours", "days", "weeks", "months", "years", "times", "percent",
                            "miles", "metres", "meters", "kilometres", "feet", "pounds", "dollars", "euros")}


_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_PREPOSITIONS = {"of", "for", "in", "at", "on", "from", "with", "to", "by", "across", "along", "inside", "into"}


def _counted_after(words: list[str]) -> set[str]:
    """The stems after a number up to the first unit (a unit counts instead) or a new noun
    phrase ("one more thing the fish have to cope with" counts no fish; "212 of the fish" and
    "112 appearances for the first team" do); an empty word ends a number compound ("640-seat ;")."""
    out = set()
    for i, word in enumerate(words):
        if not word or word.lower() in _DETERMINERS and i and words[i - 1].lower() not in _PREPOSITIONS:
            break
        out.add(stem(word))
        if stem(word) in _UNITS:
            break
    return out
