"""Candidate sentences from retrieved passages, and how well each one matches a question."""
from __future__ import annotations

import math
from functools import lru_cache
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index.chunking import split_sentences
from index.records import SearchResult
from index.search.query import STOPWORDS, query_terms
from index.sources.byline import is_byline

from .homes import asks_where_from, origins
from .spellings import one_spelling

_WORD = re.compile(r"\w+")
# Words that point at the conversation, not at what a sentence must hold.
# Words a question uses that no answer needs: follow-up glue, and "get" ("the marks they already
# got" is not answered by "now I've got to get them down").
_NOT_ASKED_WORDS = {"else", "also", "too", "another", "others", "get", "gets", "got", "getting", "gotten"}
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]*]$")
_YEAR_OR_DATE = re.compile(
    r"\b(1[0-9]{3}|20[0-9]{2}|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|century|decade|spring|"
    r"summer|autumn|winter|yesterday|tomorrow|tonight|today|\d{1,2}(:\d{2})?(am|pm)|\d{1,2}:\d{2}|"
    r"1[0-9]{3}s|20[0-9]{2}s)\b", re.I)
# Numbers written as words, one to ninety ("Fourteen cameras").
CARDINALS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|" \
            "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMBER = re.compile(rf"\d|\b(once|twice|thrice|{CARDINALS}|(hundred|thousand|million|billion|dozen)s?)\b", re.I)
_FRACTION = re.compile(r"\b(?:a|one|two|three|four|nine)[- ](?:half|third|quarter|fifth|sixth|tenth)s?\b(?![- ](?:"
                       r"round|time|place|day|year|final|term|floor|series|party))", re.I)
# A capitalised word not opening the sentence (nor a quote that opens it: '"Switching off ...').
_NAME = re.compile(r"(?<!^)(?<!^[\"“‘'(])(?<![.!?]\s)\b[A-Z][a-z]+")


_KEEP_DOUBLE = set("aeiouylsz")


# Past forms that share no ending with their verb: "what did they find" is answered by
# "they found" ("founded" keeps its own stem, as "founder" does).
_IRREGULAR = {past: base for base, pasts in (
    ("find", "found"), ("get", "got gotten"), ("go", "went gone"), ("take", "took taken"), ("make", "made"),
    ("say", "said"), ("tell", "told"), ("begin", "began begun"), ("run", "ran"), ("win", "won"),
    ("lose", "lost"), ("pay", "paid"), ("buy", "bought"), ("sell", "sold"), ("build", "built"),
    ("hold", "held"), ("keep", "kept"), ("bring", "brought"), ("think", "thought"), ("spend", "spent"),
    ("strike", "struck"), ("rise", "risen"), ("fall", "fell fallen"), ("grow", "grew grown"),
    ("know", "knew known"), ("throw", "threw thrown"), ("draw", "drew drawn"), ("choose", "chose chosen"),
    ("break", "broke broken"), ("steal", "stole stolen"), ("write", "wrote written"), ("give", "gave given"),
    ("come", "came"), ("see", "saw seen"), ("send", "sent"), ("fight", "fought"),
    ("catch", "caught"), ("teach", "taught"), ("seek", "sought"), ("mean", "meant"), ("hear", "heard"),
    ("stand", "stood"), ("sit", "sat"), ("speak", "spoke spoken"), ("fly", "flew flown"),
    ("drive", "drove driven"), ("ride", "rode ridden"), ("eat", "ate eaten"), ("hide", "hid hidden"),
    ("shoot", "shot"), ("sleep", "slept"), ("sink", "sank sunk"), ("hang", "hung"), ("dig", "dug"),
    ("feed", "fed"), ("flee", "fled"), ("deal", "dealt"), ("lend", "lent"), ("wear", "wore worn"),
    ("tear", "tore torn"), ("freeze", "froze frozen"), ("become", "became"), ("forget", "forgot forgotten"),
    ("withdraw", "withdrew withdrawn"), ("swim", "swam swum"), ("lead", "led"),
    ("bear", "bore borne"), ("bite", "bit bitten"), ("shake", "shook shaken"), ("wake", "woke woken"),
) for past in pasts.split()}


# The plain words readers type for the words news reports use: one stem for each pair, so
# "did anybody get injured" meets "nobody was seriously hurt" and "shops" meets "stores".
_SAME_MEANING = {stemmed: shared for shared, stemmed_words in (
    ("injur", "injury hurt wound"), ("shop", "stor supermarket"), ("child", "children"), ("film", "movi movy"),
    ("mother", "mum mom mummy"), ("father", "dad daddy"), ("clos", "shut closur"), ("fail", "failur"),
    ("end", "finish conclud"), ("buy", "purchas"), ("company", "firm"),
    ("ris", "increas"), ("arrest", "detain"), ("jail", "prison"), ("fir", "blaz"), ("die", "died dead death"),
    ("salary", "wag"), ("strik", "walkout"), ("diversion", "detor"), ("build", "construct construction"),
    ("teenager", "teen"), ("student", "pupil"), ("fan", "supporter"), ("lawyer", "solicitor attorney barrister"),
    ("earthquak", "quak"), ("money", "cash"), ("win", "victory"), ("scrap", "axe axed axing ditch"),
    ("replac", "instead"), ("charg", "count"), ("own", "belong"), ("vehicl", "car"),
    ("find", "discover"), ("leak", "spill spilt"), ("worth", "valu"),
) for stemmed in stemmed_words.split()}


# Words ending in "ly" that are no adverb: "supply" is not "supp", it is what "supplied" is.
_NOT_ADVERBS = {"supply", "apply", "reply", "comply", "imply", "multiply", "rely", "ally", "rally", "assembly"}


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light English stemmer: enough to match 'restored' with 'restoring', and 'found'
    with 'find'."""
    word = word.lower()
    word = _IRREGULAR.get(word, word)
    if word in _NOT_ADVERBS:
        return word
    for suffix in ("ings", "ing", "edly", "ied", "ed", "ies", "s", "ly"):
        if len(word) - len(suffix) >= 3 and word.endswith(suffix) and not word.endswith("ss"):
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            # "planning" and "stopped" double their last consonant: "plan", "stop".
            doubled = len(word) > 3 and word[-1] == word[-2] and word[-1] not in _KEEP_DOUBLE
            if doubled and suffix in ("ings", "ing", "ed"):
                word = word[:-1]
            break
    # A final "e" goes too, so that "restores", "restored" and "restore" meet.
    if len(word) > 3 and word.endswith("e"):  # "Danielle" is no doubled "Daniel"
        word = one_spelling(word[:-1], double_l=False)
    else:
        word = one_spelling(word)
    return _SAME_MEANING.get(word, word)


# Verbs readers and reports say in two words or one: "the fire broke out" tells "when did
# the fire start", "called off" "cancelled".
_PHRASAL = re.compile(r"\b(?:(break|breaks|broke|broken|breaking) out|(call|calls|called|calling) off|"
                      r"(step|steps|stepped|stepping) down|(turn|turns|turned|turning) down|"
                      r"(pull|pulls|pulled|pulling|drop|drops|dropped|dropping) out|(no longer))\b", re.I)
# ...and "no longer" is no length: "how much longer is the runway" is not told by "no longer have to drive".
_ONE_WORD = ("started", "cancelled", "resigned", "rejected", "withdrew", "anymore")


def one_word_verbs(text: str) -> str:
    """The text with its two-word verbs said in one ("broke out" -> "started")."""
    return _PHRASAL.sub(lambda m: _ONE_WORD[(m.lastindex or 1) - 1], text) \
        if " out" in text or " off" in text or " down" in text or "longer" in text else text


def stems(text: str) -> set[str]:
    """The stems of every word in a text."""
    return {stem(w) for w in _WORD.findall(one_word_verbs(text))}


@lru_cache(maxsize=50_000)
def known_stems(text: str) -> frozenset[str]:
    """`stems`, remembered: the same passages come back for question after question."""
    return frozenset(stems(text))


# "How long", "how far", "how old" ask for a measure: "long" is the question's word, not
# one the answer holds ("six weeks is a long time" does not say how long the detour is).
_HOW_MEASURE = re.compile(r"\bhow (long|far|big|old|tall|high|wide|deep|often|soon|late|early|large|heavy|fast)\b",
                          re.I)


def question_stems(question: str) -> list[str]:
    """The meaningful stems of a question, in order; none for a question of only stopwords.

    (`query_terms` keeps the stopwords of such a question, for retrieval; counted as
    answer terms, "Who?" would be fully covered by any sentence holding "who".)
    """
    meaningful = [t for t in query_terms(one_word_verbs(_HOW_MEASURE.sub("how", question)))
                  if t not in STOPWORDS and t not in _NOT_ASKED_WORDS and (len(t) > 1 or t.isdigit())]
    return list(dict.fromkeys(stem(t) for t in meaningful))


@dataclass(frozen=True)
class Sentence:
    """A sentence of a retrieved passage, with offsets into its article."""

    passage: SearchResult
    rank: int
    start: int
    end: int
    text: str
    stems: frozenset[str]

    @property
    def is_furniture(self) -> bool:
        """A heading ("Funding", "## Next steps": a line of its own without closing
        punctuation) or a byline or dateline: part of the page, never an answer."""
        local_end = self.end - self.passage.start
        line_ends = local_end >= len(self.passage.text) or self.passage.text[local_end:local_end + 1] == "\n"
        return _is_furniture(self.text.strip(), line_ends)


@lru_cache(maxsize=50_000)
def _is_furniture(text: str, line_ends: bool) -> bool:
    return (text.startswith("#") or is_byline(text)
            or (line_ends and not _SENTENCE_END.search(text) and len(text.split()) <= 12))


@lru_cache(maxsize=20_000)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    # The same passages come back for question after question.
    return tuple(split_sentences(text))


def sentences_of(passages: Sequence[SearchResult]) -> list[Sentence]:
    """Split each passage into sentences, keeping article offsets (`passage.start` + local).

    A sentence that overlapping chunks share is kept once, from the best-ranked passage.
    """
    out = []
    seen: set[tuple[int, int, int]] = set()
    for rank, passage in enumerate(passages):
        for s, e in _sentence_spans(passage.text):
            key = (passage.article_id, passage.start + s, passage.start + e)
            # The title line heading an article names it; it answers nothing.
            if key in seen or passage.text[s:e] == passage.title:
                continue
            seen.add(key)
            text = passage.text[s:e]
            out.append(Sentence(passage, rank, passage.start + s, passage.start + e, text, known_stems(text)))
    return out


def term_weights(terms: Iterable[str], sentences: Sequence[Sentence]) -> dict[str, float]:
    """IDF of each question term among the candidate sentences.

    A term no sentence holds weighs most, so a question about something the
    passages never mention cannot look well covered by its common words.
    """
    n = len(sentences)
    return {t: math.log(1 + n / (sum(t in s.stems for s in sentences) + 0.5)) for t in dict.fromkeys(terms)}


YEAR = r"(1[0-9]{3}|20[0-9]{2})"
_YEAR = re.compile(rf"^{YEAR}$")


def is_year(word: str) -> bool:
    """True for a word that is a year ("1932", "2026")."""
    return bool(_YEAR.match(word))


def is_date_word(word: str) -> bool:
    """True for a word that names a time, not a thing: a year, month, day or season."""
    return bool(_YEAR_OR_DATE.fullmatch(word))


_UNIT = re.compile(r"^(km|kilometres?|kilometers?|metres?|meters?|miles?|feet|foot|inches|yards?|years?|months?|"
                   r"weeks?|days?|hours?|minutes?|seconds?|percent|%|kg|tonnes?|tons?|acres?|hectares?|moves?|"
                   r"degrees?|°C|°F|C|F|celsius|fahrenheit|mph|knots?|decibels?|dB)$", re.I)
# "in Leeds", "on the former Quarrybank golf course"; never "on Sunday" or "in May".
# After "to" only "the" may come between ("went to see Paul" names no place).
_PLACE_WORD = re.compile(r"\b(?:(?P<prep>in|at|on|near|from|outside|beside|off)\s+(?:the\s+)?(?:[a-z][\w-]+\s+){0,2}?|"
                         r"to\s+(?:the\s+)?)"
                         r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                         r"May|June|July|August|September|October|November|December)\b)(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)")
# "What were Brightwell's sales", "what is the population": a figure is a number too.
_QUANTITY = re.compile(r"\bhow (many|much)\b|\bwhat (percentage|number|amount|proportion|temperature|share)\b|"
                       r"^\W*what (is|was|were|are|will be) (the )?[\w' -]*\b(sales|revenues?|profits?|turnover|budget|"
                       r"price|cost|salary|wages?|income|population|attendance|score|fee|fine|fare|margin|majority|"
                       r"turnout|temperature|total|valuation|tally|toll|deficit|surplus|capacity)\b"
                       # the figure is what is asked, not a word of a longer name ("the price rise")
                       r"(?!\s+(rises?|increases?|cap|caps|tags?|hikes?|freeze|cuts?|wars?|lists?|range|index|growth|"
                       r"changes?|drops?|falls?|reasons?|problems?|issues?|row|dispute|debate|plans?|policy|policies)\b)")
_MEASURE = re.compile(r"\bhow (long|old|far|tall|big|high|wide|deep|large|hot|cold|warm|fast|heavy|loud|steep)\b")
_TIME = re.compile(r"\bwhen\b|\bwhat (year|date|day|month|century|decade|time)\b|\bwhich (year|century)\b")
_PERSON = re.compile(r"\bwho\b|\bwhom\b|\bwhose\b")
_WHERE = re.compile(r"\bwhere\b|\bwhat (city|country|place|town|state)\b")
# "What time", "at what hour": a time of day, not a date.
_CLOCK_ASKED = re.compile(r"\b(what|which) (time|hour)\b(?! (period|frame|span|scale|zone|of (the )?year))|"
                          r"\bat what point in the day\b")
_CLOCK = re.compile(r"\b\d{1,2}(:\d{2})?\s*(am|pm|a\.m\.|p\.m\.)|\b(half|quarter) (past|to)\b|"
                    r"\b(at|after|before|until|by|around|about) (one|two|three|four|five|six|seven|eight|nine|ten|"
                    # "by three-quarters of a length", "by two lengths" tell no time of day ("at four-thirty" does)
                    r"eleven|twelve)\b(?!-(?:quarters?|thirds?|halves|fifths?)\b| (?:of|per|people|times|years|"
                    r"months|weeks|days|hours|minutes|seconds|lengths|points|goals|votes|runs|wickets|strokes|shots|"
                    r"places|seats|metres|miles)\b)|"
                    r"\b\d{1,2}[:.][0-5]\d\b(?!\s*(%|per ?cent|points))|"
                    r"\b(dawn|dusk|sunrise|sunset|"
                    r"midnight|noon|midday|morning|afternoon|evening|night|overnight|o'clock)\b", re.I)
# "Which ship", "what company": a thing the question names by its kind wants its name.
_WHICH_NAMED = re.compile(r"\b(which|what) (?!(year|century|decade|date|day|month|time|hour|percentage|number|"
                          r"amount|proportion|city|country|place|town|state|kind|type|sort|way|part|side|is|was|"
                          r"were|are|did|does|do|has|had|have|will|would|can|could|should|may|might|of|to|in|"
                          r"happened|happens|about|else|if|went|made|led|new|ones?|the|exactly|\w+ed|\w+ly)\b)"
                          r"([a-z]+)\b")


@lru_cache(maxsize=50_000)
def _words_of(text: str) -> tuple[str, ...]:
    # The same sentences come back for question after question.
    return tuple(re.findall(r"[\w%]+", text))


@lru_cache(maxsize=1_000)
def asked_words(question: str) -> frozenset[str]:
    """The words of a question, lower-cased."""
    return frozenset(w.lower() for w in _WORD.findall(question))


def _new_words(question: str, sentence: str) -> list[str]:
    """The sentence's words the question does not use: where an answer must be."""
    asked = asked_words(question)
    return [w for w in _words_of(sentence) if w.lower() not in asked]


def asks_for_type(question: str) -> bool:
    """True when the question asks for a count, a measure, a date, a person or a place."""
    q = question.lower()
    return any(p.search(q) for p in (_QUANTITY, _MEASURE, _TIME, _PERSON, _WHERE))


_MONTH = r"((jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|may)"
# A date a reader can put in a diary: "17 May", "May 17", "September 2021", "2019",
# "12/03/2024"; "on Saturday" or "last spring" only place an event near the story's date.
_NAMED_DATE = re.compile(rf"\b(\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?{_MONTH}|({_MONTH})\s+\d{{1,2}}(st|nd|rd|th)?\b|"
                         rf"({_MONTH})\s+(of\s+)?(1[0-9]{{3}}|20[0-9]{{2}})|(1[0-9]{{3}}|20[0-9]{{2}})s?|"
                         rf"\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})\b", re.I)


def without_dates(text: str) -> str:
    """The text with its dates blanked out ("between 30 October and 2 November")."""
    return _NAMED_DATE.sub(" ", text)


@lru_cache(maxsize=4_000)
def _asks(pattern: re.Pattern[str], question: str) -> bool:
    # Asked of every candidate sentence, always of the same question.
    return bool(pattern.search(question.lower()))


def names_a_date(question: str, sentence: str) -> float:
    """1 when a "when" question meets a sentence naming a calendar date (a day of a
    month, a month of a year, a year) that the question does not already name."""
    return float(_asks(_TIME, question) and names_a_new_date(question, sentence))


def names_a_new_date(question: str, sentence: str) -> bool:
    """True when the sentence names a calendar date the question does not already name."""
    asked = question.lower()
    return any(m.group(0).lower() not in asked for m in _NAMED_DATE.finditer(sentence))


def names_a_time(text: str) -> bool:
    """True when the text names a date, a day, a season or a time of day."""
    return bool(_YEAR_OR_DATE.search(text) or _NAMED_DATE.search(text) or _CLOCK.search(text))


def names_the_kind_asked(question: str, sentence: str) -> float:
    """1 when a "which ship" / "what company" question meets a sentence naming something
    (a capitalised word inside it) that the question does not."""
    return float(_asks(_WHICH_NAMED, question) and names_anew(question, sentence))


def names_anew(question: str, sentence: str) -> bool:
    """True when a capitalised word inside the sentence, no month or day (but "May" of
    "Theresa May"), is not in the question."""
    asked = asked_words(question)
    return any(m.group(0).lower() not in asked and
               (not _YEAR_OR_DATE.fullmatch(m.group(0)) or _after_name(sentence[:m.start()]))
               for m in _NAME.finditer(sentence))


# A capitalised word right before: "Theresa May", not "in May" or "On Friday".
_AFTER_NAME = re.compile(r"\b([A-Z][a-z]+) $")


def _after_name(before: str) -> bool:
    m = _AFTER_NAME.search(before)
    return m is not None and m.group(1).lower() not in STOPWORDS


@lru_cache(maxsize=1_000)
def asked_type(question: str) -> str | None:
    """The kind of thing a question asks for, the first that fits."""
    q = question.lower()
    kinds = (("quantity", _QUANTITY), ("measure", _MEASURE), ("clock", _CLOCK_ASKED), ("time", _TIME),
             ("person", _PERSON), ("place", _WHERE))
    return next((kind for kind, pattern in kinds if pattern.search(q)), None)


def answer_type_bonus(question: str, sentence: str) -> float:
    """1 when a sentence holds, among words the question does not use, the kind of
    thing the question asks for (a count, a measure, a date, a name, a place)."""
    kind = asked_type(question)
    if kind is None:
        return 0.0
    if kind == "clock":  # the question's own "evening" tells no time
        asked = asked_words(question)
        return float(any(m.group(0).lower() not in asked for m in _CLOCK.finditer(sentence)))
    if kind in ("person", "place"):
        asked = asked_words(question)
        if kind == "person":
            return float(names_anew(question, sentence))
        # "at the Carrick Corn Exchange" names a place "where was the Carrick Open played" does not,
        # and "a master from Leeds" tells where he is from, not where the tournament was; asked
        # where someone is from, "at the Tillmouth Pavilion" does not tell it
        if asks_where_from(question):
            return float(bool(origins(sentence, asked)))
        return float(any(word.lower() not in asked for m in _PLACE_WORD.finditer(sentence)
                         if m.group("prep") != "from" or "from" in asked for word in m.group("place").split()))
    new = _new_words(question, sentence)
    if kind == "quantity":
        # "loses about a fifth of the water it treats" tells how much
        return float(any(_NUMBER.search(w) and not _YEAR.match(w) for w in new) or bool(_FRACTION.search(sentence)))
    if kind == "measure":
        return float(any(_NUMBER.search(w) and not _YEAR.match(w) and _UNIT.match(nxt)
                         for w, nxt in zip(new, new[1:])))
    return float(any(_YEAR_OR_DATE.fullmatch(w) for w in new))
