"""What some questions of degree and kind need of the sentence that answers them.

"How long has she run it" needs a span of time (or, of a thing, a length), "how often"
a rate, "what was the score" a result, "what time" a time of day, "what's it called"
a name. A sentence without one does not answer, whatever else it holds.
"""
from __future__ import annotations

import re

from .counts import NUMBER_WORDS
from .answer_types import YEAR, answer_type_bonus, asked_type, names_anew, without_dates

# "How fast did the guards get there" asks for a span of time too.
_HOW_MUCH_TIME = r"\bhow much (more |extra )?time\b"
# ("how much longer will it take", "how much longer is the runway": a span, of time or length)
_HOW_LONG = re.compile(r"\bhow long\b(?! ago| back)|\bhow much longer\b|" + _HOW_MUCH_TIME + r"|"
                       r"\bhow (fast|quickly|soon) (did|does|do|will|would|can|could) "
                       r"[\w'’ ]+ (get|arrive|reach|respond|react|come|turn up)\b", re.I)
# "Since the fire", not "has since been": a start.
_SINCE = r"(?<!\bhas )(?<!\bhave )(?<!\bhad )(?<!\bever )\bsince\b"
# "How long has she been team leader" asks since when someone has held a post or run a
# place: a start or a span of weeks and more ("since 2023", "for six years", "took over in
# 2019"), not "for six hours"; "how long has the bridge been closed" asks no such thing.
_TENURE_ASKED = re.compile(r"\bhow long (has|have|had) [\w'’ &-]+? (worked|run|owned|led|lived|served|held|managed|"
                           r"taught|played|coached|chaired|headed|existed|been (running|in charge|in post|in office|"
                           r"in the job|in business|working|living|leading|managing|coaching|open|around|the|a|an|"
                           r"its|their|his|her|(?!(?:under|over|never|ever|after|there|together|longer|rather)\b)"
                           r"(?:[\w-]+ )?[\w-]*(er|or|ist|ent|ant|ian|head|chief|chair|captain|coach|boss)))\b", re.I)
_TENURE = re.compile(rf"{_SINCE}|"
                     rf"\bfor (the )?((past|last|almost|nearly|about|over|more than) )?"
                     rf"(\d+|{NUMBER_WORDS}|several|many|a few|a|a couple of) (weeks?|months?|years?|decades?)\b|"
                     rf"\b(\d+|{NUMBER_WORDS}|a) (years?|decades?) ago\b|"
                     r"\b(joined|took over|taken over|appointed|became|founded|opened|set up|started|bought|moved|"
                     rf"arrived|elected|built)\b[^.]{{0,40}}\b{YEAR}\b", re.I)
# "What was her time" in a race: minutes and seconds, not "the first time in 32 years".
_RACE_TIME_ASKED = re.compile(r"\bwhat (was|is|were) ((his|her|their|its)( winning| finishing)?|the winning|"
                              r"the winner's|(?:[\w-]+ ){0,2}[\w-]+['’]s(?: winning| finishing)?) time\b"
                              r"(?! ?(frame|scale|line|table|limit|off|of (day|year)))|"
                              # "whats the new record time for swimming the strait"
                              r"\bwhat(?:'s|’s|s| is| was| were) (?:the |her |his |their )?(?:new |old |previous )?"
                              r"record time\b", re.I)
_RACE_TIME = re.compile(rf"\b(\d+|{NUMBER_WORDS})\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?)\b|\b\d+:\d\d\b|"
                        r"\b\d+(\.\d+)?s\b", re.I)
# A figure may touch its unit ("5km"), a word may not ("I am" is no "a m").
# "worth $7 million a year" is a rate, not how long; "a 19-year-old" an age.
_TIME_UNITS = r"seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries|" \
              r"seasons?|nights?|terms?"
_LENGTH_UNITS = r"mm|cm|m|km|kilometres?|kilometers?|metres?|meters?|miles?|feet|foot|ft|yards?"


def _duration(units: str) -> re.Pattern[str]:
    """A span in these units ("for at least 48 hours", "five days", "since May", "420 metres")."""
    return re.compile(rf"(\b\d[\d,.]*\s*-?\s*|(?<!million )(?<!billion )(?<!thousand )(?<![\d%] )"
                      rf"\b({NUMBER_WORDS}|a|an|several|many|few|couple of)(\s+|-))"
                      rf"({units})\b(?![- ]old\b)|" + _SINCE + r"|"
                      r"\b(until|decades|centuries|lifetime)\b|\bfor (hours|days|weeks|months|years)\b|\b\d+:\d\d\b|"
                      r"\b(year|month|week|day)-long\b|"
                      # "took on average 27% longer": how much longer, as a share
                      r"\b\d+(\.\d+)?\s*(%|percent|per cent) (longer|shorter|faster|slower|quicker|more time)\b", re.I)


_DURATION = _duration(f"{_TIME_UNITS}|{_LENGTH_UNITS}")
# "For how long", "how long was the stage shut": a span of time, not "within five miles".
_TIME_ONLY_ASKED = re.compile(r"\bfor how long\b|\bhow long (?:did|does|do|will|would|has|have|had|was|were|is|are)\b"
                              r"[^?]*\b(?:last|lasted|lasts|take|took|taken|takes|stay|stayed|wait|waited|closed|shut|"
                              r"delayed|go on|went on|gone on|be out|be away|been out|been away)\b", re.I)
_DURATION_OF_TIME = _duration(_TIME_UNITS)
# "How much time did it cost him": a span of time, not "the final two kilometres".
_TIME_ASKED = re.compile(_HOW_MUCH_TIME, re.I)
_TIME_SPAN = re.compile(rf"\b(\d[\d,.]*|{NUMBER_WORDS}|a|an|several|few)[\s-]+(seconds?|secs?|minutes?|mins?|hours?|"
                        r"hrs?|days?|weeks?|fortnights?|months?|years?)\b|\b\d+:\d\d\b", re.I)
_HOW_OFTEN = re.compile(r"\bhow often\b|\bhow frequently\b|\bhow many times a\b", re.I)
_RATE = re.compile(r"\bevery\b|\b(once|twice|\w+ times) (a|an|per|each)\b|\b(hourly|daily|weekly|fortnightly|monthly|"
                   r"yearly|annually|nightly)\b|\bper (hour|day|week|month|year)\b|\ba (day|week|month|year)\b", re.I)
_SCORE_ASKED = re.compile(r"\bwhat(?:'s|’s| is| was| were) the (?:final |half[- ]?time |full[- ]?time )?score\b", re.I)
# "30-28", "24–10", "30 to 28", "245/6", "245 for six", "won by six wickets", "2-nil", "82%".
_SCORE = re.compile(rf"\b\d{{1,3}}\s?[-–/]\s?(\d{{1,3}}|nil)\b|\b\d{{1,3}} (to|for) (\d{{1,3}}|{NUMBER_WORDS})\b|"
                    rf"\bby ({NUMBER_WORDS}|\d+) (wickets?|runs?|points?|goals?|tries|shots?|strokes?|lengths?)\b|"
                    r"\b\d+(\.\d+)?\s*(%|percent|per cent|points)", re.I)
# A score on the way ("led 21-10 at half-time", "level at 2-2 after 70 minutes") is no
# result, unless that is what is asked ("what was the score at half-time").
_INTERIM = re.compile(r"\b(led|leading|lead|trailed|trailing|level|levelled|leveled|were|was) (at |by )?$", re.I)
_INTERIM_AFTER = re.compile(r"^\s*(at|by) (half[- ]?time|the break|the interval)\b|^\s*after \d+ minutes\b", re.I)
_INTERIM_ASKED = re.compile(r"\b(half[- ]?time|the break|the interval|after \d+ minutes|at one point|leading|led)\b",
                            re.I)


def asks_how_long(question: str) -> bool:
    """True for "how long did it take", "how quickly did crews arrive" (not "how long ago")."""
    return bool(_HOW_LONG.search(question))


def tells_how_long(text: str) -> bool:
    """True when the text gives a duration or distance ("for at least 48 hours", "five days", "since May")."""
    return bool(_DURATION.search(text))


def gives_result(text: str) -> bool:
    """True when the text holds a score that is not one on the way to the result."""
    return any(not _INTERIM.search(text[:m.start()]) and not _INTERIM_AFTER.match(text[m.end():])
               for m in _SCORE.finditer(text))


_NAME_ASKED = re.compile(r"\bwhat(?:'s|’s| is| was| are| were) (?:the )?names? of\b|\bnames\W*$|"
                         r"\bwhat(?:'s|’s| is| was| are| were| will be) [\w'’ -]+ (?:called|named)\W*$|"
                         r"\bwhat do (?:they|people|you) call\b", re.I)
_NAMED = re.compile(r"[\"“][A-Z][^\"”]{1,60}[\"”]|\b(called|named|known as) [A-Z]|^\W*[A-Z][\w-]+ is (the|its) name\b")


def asks_for_a_name(question: str) -> bool:
    """True for "what's X called", "what is the name of X"."""
    return bool(_NAME_ASKED.search(question))


def holds_a_name(question: str, sentence: str) -> bool:
    """True when the sentence names something the question does not: a capitalised word
    inside it (no month or day), a quoted title, or what it is "called"."""
    return names_anew(question, sentence) or bool(_NAMED.search(sentence))


# "How big is it" is a figure of some kind: a length, a count, a sum.
# ("how big a problem is flooding" asks no size)
_SIZE_ASKED = re.compile(r"\bhow (big|large)\b(?! an? )", re.I)
_ANY_FIGURE = re.compile(rf"\d|\b({NUMBER_WORDS})\b", re.I)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}([:.]\d{2})?\s*(am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b", re.I)
# "What are the museum's opening hours" asks times of day or days of the week.
_HOURS_ASKED = re.compile(r"\b(opening|visiting|open|business) (hours|times)\b|\bhours of (opening|business)\b", re.I)
_ASKS_OTHER = re.compile(r"\W*(?:which|who|whose|why|how many|how much)\b", re.I)
_HOURS = re.compile(_TIME_OF_DAY.pattern + r"|\b(noon|midday|midnight|24 hours|around the clock|mondays?|tuesdays?|"
                    r"wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekdays?|weekends?|daily|every day|"
                    r"seven days)\b", re.I)


# "how much rain fell", "how much land burned": an amount of stuff, told in its units ("12mm",
# "320 hectares", "4,000 tonnes of material", "31 percent full") or a fraction of it.
_AMOUNT_ASKED = re.compile(r"^\W*how much (?:of (?:the )?)?(rain|rainfall|snow|water|oil|fuel|diesel|petrol|gas|"
                           r"electricity|energy|land|farmland|forest|woodland|moorland|heath|rock|earth|"
                           r"soil|mud|sand|debris|material|waste|rubbish|litter|plastic|sewage|carbon|food|fish|"
                           r"grain|milk|ice|concrete|steel|timber|wood|cannabis|drugs|cocaine|alcohol|chemicals?|"
                           r"pesticide|fertiliser|fertilizer|weight|space|floorspace|area|data)\b", re.I)
_UNITS = (r"mm|cm|m|km|inch(?:es)?|feet|ft|metres?|meters?|millimetres?|centimetres?|kilometres?|kilometers?|miles?|"
          r"litres?|liters?|stones?|(?:kilo|mega|giga)watts?(?:[- ]hours?)?|"
          r"gallons?|barrels?|pints?|tonnes?|tons?|kg|kilos?|kilograms?|grams?|g|lbs?|pounds|ounces?|oz|hectares?|"
          r"acres?|sq|square|cubic|cu|percent|per cent|%|kwh|mwh|gwh|twh|kw|mw|gw|gb|tb|mb|bags?|sacks?|loads?|"
          r"lorry-?loads?|truck-?loads?|crates?|boxes|bottles?|packages?|parcels?")
# (a sum of money is no amount of stuff: "£2m"; "I am" holds no metre)
_AMOUNT = re.compile(rf"(?:(?<![£$€\d.,])\b(?:\d[\d,.]*|{NUMBER_WORDS}|hundreds|thousands|millions|tens of thousands)"
                     rf"(?:\s*(?:million|billion|thousand|m|bn))?\s*-?\s*(?:{_UNITS})\b|\b(?:a|an)\s+(?:{_UNITS})\b|"
                     r"\d%|\b\d+in\b)|\b(?:half|a third|a quarter|a fifth|two-thirds|three-quarters) of\b", re.I)


# "what odds did Stormglass go off at": a price in the betting ("66-1", "5/2", "evens").
_ODDS_ASKED = re.compile(r"\b(?:what|which) odds\b", re.I)
_ODDS = re.compile(r"\b\d{1,3}(?:-|/)\d{1,3}\b|\b(?:evens|even money|odds-on)\b", re.I)


def told_to_the_minute(text: str) -> bool:
    """True when the text tells a time of day by the clock ("at 2:40pm", "07:31")."""
    return bool(_TIME_OF_DAY.search(text))


class Measures:
    """For one question: which of these a sentence lacks (None when it lacks none asked for)."""

    def __init__(self, question: str) -> None:
        self.question = question
        self.duration = asks_how_long(question)
        self.spans_time = bool(_TIME_ONLY_ASKED.search(question))
        self.race_time = bool(_RACE_TIME_ASKED.search(question))
        self.time_span = bool(_TIME_ASKED.search(question))
        self.tenure = bool(_TENURE_ASKED.search(question))
        self.size = bool(_SIZE_ASKED.search(question))
        self.clock = asked_type(question) == "clock"
        self.name = asks_for_a_name(question)
        self.score = bool(_SCORE_ASKED.search(question))
        self.interim = bool(_INTERIM_ASKED.search(question))
        self.often = bool(_HOW_OFTEN.search(question))
        # ("when do the new opening hours start" asks a date)
        # ("which libraries are losing opening hours" asks which)
        self.hours = bool(_HOURS_ASKED.search(question)) and asked_type(question) != "time" and \
            not _ASKS_OTHER.match(question)
        self.figure = asked_type(question) == "quantity"
        self.amount = bool(_AMOUNT_ASKED.search(question))
        self.odds = bool(_ODDS_ASKED.search(question))

    def __call__(self, text: str) -> str | None:
        if self.duration and not self.tenure and not tells_how_long(text):
            return "duration"
        if self.spans_time and not self.tenure and not _DURATION_OF_TIME.search(text):
            return "duration of time"
        if self.time_span and not _TIME_SPAN.search(text):
            return "time span"
        if self.tenure and not _TENURE.search(text):
            return "tenure"
        if self.race_time and not _RACE_TIME.search(text):
            return "race time"
        if self.size and not _ANY_FIGURE.search(text):
            return "size"
        if self.clock and not answer_type_bonus(self.question, text):
            return "clock"
        if self.name and not holds_a_name(self.question, text):
            return "name asked"
        if self.score and not (_SCORE.search(text) if self.interim else gives_result(text)):
            return "score"
        if self.often and not _RATE.search(text):
            return "rate"
        if self.hours and not _HOURS.search(text):
            return "opening hours"
        if self.amount and not _AMOUNT.search(text):
            return "amount"
        if self.odds and not _ODDS.search(text):
            return "odds"
        # "on sale at 10 a.m." gives a time of day, "on 2 November" a date: no figure of what is asked.
        if self.figure and not answer_type_bonus(self.question, without_dates(_TIME_OF_DAY.sub(" ", text))):
            return "figure"
        return None


# "how deep", "how far", "how tall": a measure, so a number with a unit of that dimension
# ("how long" is left out: "for decades" and "from 1914 to 1918" answer it too).
_LENGTH = (r"mm|cm|m|km|kilometres?|kilometers?|metres?|meters?|millimetres?|millimeters?|centimetres?|centimeters?|"
           r"miles?|feet|foot|ft|inches|yards?")
_WEIGHT = r"kg|kilos?|kilograms?|grams?|tonnes?|tons?|pounds|lbs?|stone"
_TEMPERATURE = r"degrees?|°C|°F|C|F|celsius|centigrade|fahrenheit"
_DIMENSIONS = {"deep": _LENGTH, "far": _LENGTH, "wide": _LENGTH, "tall": _LENGTH + r"|storeys?|stories|floors?",
               "high": _LENGTH + r"|storeys?|stories|floors?|%|percent|per cent",
               "heavy": _WEIGHT,
               "fast": r"mph|km/h|kph|knots?|miles (?:an|per) hour|kilometres (?:an|per) hour|"
                       r"(?:metres|meters) (?:a|per) second|"
                       # a connection's speed
                       r"[kmg]bps|[kmg]b/s|(?:kilo|mega|giga)bits? (?:per|a) second",
               "hot": _TEMPERATURE, "cold": _TEMPERATURE, "warm": _TEMPERATURE}


def _measured_in(dimension: str) -> re.Pattern[str]:
    """A number with a unit of the dimension ("30 metres", "ten-mile")."""
    return re.compile(rf"\b({NUMBER_WORDS}|\d[\d,.]*)\s*-?\s*({_DIMENSIONS[dimension]})\b", re.I)


_HOW_MEASURED = re.compile(rf"\bhow ({'|'.join(_DIMENSIONS)})\b(?! back| ago)"
                           # "how fast did they get there" asks how long it took (`measures`)
                           r"(?!(?<=fast)\s+(?:did|does|do|will|would|can|could)\b[\w'’ ]*\b"
                           r"(?:get|arrive|reach|respond|react|come|turn up)\b)", re.I)
_TEMPERATURE_ASKED = re.compile(r"\bwhat (was |is |were )?(the )?(\w+ )?temperatures?\b", re.I)
_SPEED_ASKED = re.compile(r"\b(?:what|which) (?:was |is |were |are |will )?(?:the |its |their )?(?:\w+ )?speeds?\b"
                          r"(?! (?:limit|camera|bump|hump|restriction)s?\b)", re.I)


def measure_asked(question: str) -> re.Pattern[str] | None:
    """A number with the unit a "how deep/far/tall/heavy/fast" or "what temperature/speed"
    question asks for; None for any other question."""
    measured = _HOW_MEASURED.search(question)
    dimension = measured.group(1).lower() if measured else "hot" if _TEMPERATURE_ASKED.search(question) \
        else "fast" if _SPEED_ASKED.search(question) else None
    return _measured_in(dimension) if dimension else None
