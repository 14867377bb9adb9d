"""Words to stems: a light English stemmer that knows the irregular pasts ("found" is
"find") and the plain words readers use for a report's ("shops" for "stores"), and the
stems of a question that an answer must hold."""
from __future__ import annotations

import re
from functools import lru_cache

from index.search.query import STOPWORDS, query_terms

from .spellings import one_spelling

_WORD = re.compile(r"\w+")
# Words a question uses that no answer needs: follow-up glue, and "get" ("the marks they already
# got" is not answered by "now I've got to get them down").
_NOT_ASKED_WORDS = {"else", "also", "too", "another", "others", "get", "gets", "got", "getting", "gotten"}


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
