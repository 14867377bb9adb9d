"""What a "who did it" question needs of the sentence that answers it.

"Who paid", "who designed" ask for a doer: a sentence naming nobody cannot answer.
"Who owns", "who insures", "who designed" ask for one relation besides: the sentence
must name it ("owned by", "its owner", "the architects") — a sentence naming the
manager does not say who owns the place.
"""
from __future__ import annotations

import re
from functools import lru_cache

from index.search.query import STOPWORDS

from .answer_types import answer_type_bonus
from .evidence import Sentence
from .stemming import stem

# "Who's bought it" and "who has won" ask the doer as "who bought it" does.
# The participles are named: "who's alfred bell" asks who he is.
_PERFECT = r"(?:'s|’s| has| have| had)(?= (?:bought|sold|won|built|made|paid|found|taken|run|led|beaten|given|lent|" \
           r"chosen|signed|hired|appointed|replaced|named|funded|backed|sponsored|designed|owned|insured|supplied|" \
           r"installed|started|organised|organized|written|directed|produced|created|invented|discovered)\b)"
# "who is X" is answered by what X is, and names no one new.
# "Who is buying it" asks for a doer as "who bought it" does.
_WHO_DID = re.compile(r"^\W*(?:and |so |but )?who(?:(?: is| was| are| were|'s|’s)(?= (?-i:[a-z]{2,}ing)\b)|"
                      + _PERFECT + r")? "
                      # "who will run the merged company": the verb after a modal
                      r"(?:(?:will|would|could|should|can|might|must|(?:is|are|was|were) going to) (?=[a-z]{3,}\b))?"
                      r"(?!is\b|was\b|are\b|were\b|'s\b|’s\b)([a-z]+)", re.I)
# Who someone is without a name: "the council", "its insurers", "a scientist".
_SOMEONE = re.compile(r"\b(council|government|police|court|board|trust|union|company|firm|club|team|committee|"
                      r"authority|agency|ministry|department|county|city|state|town|group|consortium|investors?|buyers?|bidders?|school|university|college|hospital|charity|family|"
                      r"public|residents|people|members|crew|staff|volunteers|parents|pupils|students|man|woman|men|"
                      r"women|mayor|minister|judge|officer|spokes\w+|thief|thieves|neighbou?r|landlord|landlady|"
                      r"driver|worker|owner|teacher|doctor|nurse|farmer|resident|student|walker|climber|player|"
                      r"manager|director|chair(man|woman)?|founder|builder|engineer|architect|contractor|supplier|"
                      r"insurer|developer|operator|inspector|detective|witness|victim|suspect|prosecutor|lawyer|"
                      r"solicitor|barrister|coach|captain|winner|scientist|researcher|professor|expert|analyst|"
                      r"reporter|author|writer|designer|headteacher|head teacher|principal|president|councillor|"
                      r"[a-z]{3,}(ers|ors|ists|ians|ants|ents))\b")
# Relations a sentence must name to answer "who <verb>": the beginnings of the words
# that name them ("owns": owned, owner, never "its own"; "design": designed, architects).
# ("head" of a body, not its "head office")
_RUNS = ("run by", "runs", "running", "ran ", "chief", "manag", "head of ", "heads ", "headed", "head,", "head teacher",
         "headteacher", "head coach", "its head", "new head", "director", "led by", "leads", "leader",
         "chair", "boss", "owne", "operat", "in charge", "landlord", "landlady", "licensee", "proprietor",
         # "who runs Brackmoor prison": its governor
         "governor", "warden", "principal", "president", "commander")
_MAKES = ("made by", "makes", "maker", "manufactur", "produc", "built", "build", "construct", "creat", "design",
          "invent", "supplie", "engineer", "erect", "put up", "contractor")
_FUNDS = ("fund", "paid", "pay", "financ", "sponsor", "backed", "grant", "donat")
# Money paid "came from" someone as often as they paid it.
_PAYS = _FUNDS + ("came from", "comes from", "coming from", "cover", "foot", "spend", "spent", "cost the", "costs the",
                  "cost us", "cost them")
_OWNS = ("owne", "owns", "ownership", "belong")
_BEATS = ("beat", "defeat", "won ", "win ", "victory", "knocked out", "saw off", "overcame", "thrashed", "edged",
          "against")
# ("who do they play next": "Harriers travel to Dunstall next Saturday")
_AGAINST = _BEATS + ("play", "faced", "face ", "met ", "meet", "travel to", "host", "at home to", "away to", "away at",
                     "visit")
_SUPPLIES = ("suppl",)
# Keyed by the asked verb's stem ("owns", "owned" -> "own"; "ran" -> "run"); not "made":
# "who made him a knight" asks who appointed him.
_RELATIONS = {
    "own": _OWNS, "insur": ("insur",), "supp": _SUPPLIES, "supply": _SUPPLIES, "suppli": _SUPPLIES,
    "design": ("design", "architect"), "fund": _FUNDS, "sponsor": ("sponsor",), "prosecut": ("prosecut",),
    "refer": ("refere",), "refere": ("refere",), stem("install"): ("install", "fitted", "put in"),
    "run": _RUNS, "manag": _RUNS, "head": _RUNS,
    # "who led the study": its lead author; "who is leading the race": whoever is in front or top
    "lead": _RUNS + ("led ", "leading", "lead ", "in front", "ahead", "top of", "tops", "organis", "organiz", "first"),
    # "who chairs the trust": its chair, or whoever heads it
    "chair": ("chair", "head", "led by", "leads", "leader", "president", "convenor", "convener"),
    "build": _MAKES, "manufactur": _MAKES,
    # "who found the painting": "discovered by", never "founded"
    "find": ("found ", "found,", "found.", "finds", "finding", "find ", "discover", "came across", "uncover"),
    # "who did Stanmoor beat in the semi-final", "who is defending him", "who captained the Vixens"
    "beat": _BEATS,
    "defend": ("defend", "defence", "defense", "represent"),
    "captain": ("captain", "skipper", "led the side", "led the team"),
    "play": _AGAINST, "face": _AGAINST, "meet": _AGAINST, "defeat": _BEATS,
    "buy": ("buy", "bought", "purchas", "acquir", "takeover", "take over", "sold to", "new owner"), "pay": _PAYS,
}


def names_someone(question: str, sentence: str) -> bool:
    """True when a sentence names a person or a body the question does not: a name
    ("Nordhavn Bulk"), a body ("the council") or people by what they do ("insurers")."""
    asked = {stem(w) for w in re.findall(r"\w+", question.lower())}
    first = re.match(r"\W*([A-Z][\w-]+)", sentence)  # "Belmont won": a name may open the sentence
    opens_with_name = first is not None and first.group(1).lower() not in STOPWORDS \
        and stem(first.group(1)) not in asked
    # "its insurers" does not say who insures it: the doer named by the asked verb itself.
    own = asked_verb(question)
    return opens_with_name or bool(answer_type_bonus(question, sentence)) or any(
        stem(m.group(0)) not in asked and not (own and stem(m.group(0)).startswith(own))
        for m in _SOMEONE.finditer(sentence.lower()))


@lru_cache(maxsize=1_000)
def asked_verb(question: str) -> str:
    """The stem of the verb a "who <verb>" question asks the doer of, when it is long
    enough to tell ("insur", not "do"); "" for any other question."""
    m = _WHO_DID.search(question)
    return stem(m.group(1)) if m and len(stem(m.group(1))) >= 4 else ""


@lru_cache(maxsize=1_000)
def asked_relation(question: str) -> tuple[str, ...]:
    """The beginnings of the words naming the relation a "who <verb>" asks for; () for
    any other question or verb."""
    against = _WHO_AGAINST.search(question)  # "who did Stanmoor beat": the side beaten
    if against:
        return _RELATIONS[stem(against.group(1))]
    m = _WHO_DID.search(question)
    return _RELATIONS.get(stem(m.group(1)), ()) if m else ()


_WHO_AGAINST = re.compile(r"^\W*(?:and |so |but )?whom? (?:did|do|does|will|have|has|had) (?:[\w'’-]+ ){1,3}?"
                          r"(beat|play|face|defeat|meet)\b", re.I)


# "which company made the scanner" asks its maker ("who made him a knight" asks no maker).
_BODY_RELATIONS = {**_RELATIONS, stem("make"): _MAKES}
_WHICH_BODY = re.compile(r"^\W*(?:which|what) (?:company|firm|business|group|supplier|manufacturer|maker|contractor|"
                         r"organisation|organization|charity|bank|developer|builder|insurer|operator) ([a-z]+)\b", re.I)
_BEFORE_PASSIVE = {"was", "were", "is", "are", "been", "be", "being", "got", "get", "gets"}


def _done_by_no_one(verb: str, sentence: str) -> bool:
    """True when the asked verb is in the sentence only as a passive with no doer: "the
    company, founded in 1961," and "the alarm was switched off" do not say who."""
    words = sentence.split()
    uses = [i for i, w in enumerate(words) if stem(w.strip(",.;:()\"'“”").lower()) == verb]
    return bool(uses) and all(_passive(words, i) and "by" not in (w.lower() for w in words[i + 1:i + 7])
                              for i in uses)


# "The company, founded in 1961," is a passive; "Helga Strand, who has run it for 31
# years, declined to join" and "Tom Hale, the club chairman, resigned on Monday" are not:
# after a comma, a passive is followed by a preposition and closes no apposition.
_AFTER_PASSIVE = {"in", "on", "at", "for", "from", "during", "after", "before", "with", "last", "this", "off", "out",
                  "up", "down", "over", "around", "near", "under"}


def _passive(words: list[str], i: int) -> bool:
    if i == 0:
        return False
    after = words[i + 1].strip(",.;:").lower() if i + 1 < len(words) else ""
    apposition = any(w.endswith(",") for w in words[max(0, i - 6):i - 1])
    return words[i - 1].lower() in _BEFORE_PASSIVE or \
        (words[i - 1].endswith(",") and after in _AFTER_PASSIVE and not apposition)


_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def _only_quoted(verb: str, sentence: str) -> bool:
    """True when the asked verb is in the sentence only inside someone's quoted words: "who
    won the race" is not told by '"nobody wants to win like that," he said'."""
    def held(text: str) -> bool:
        return any(stem(w.strip(",.;:()\"'“”‘’!?").lower()) == verb for w in text.split())
    return held(sentence) and not held(_QUOTED.sub(" ", sentence))


class Doer:
    """For one question: why a sentence cannot name the doer it asks for (None when it can)."""

    def __init__(self, question: str) -> None:
        self.question = question
        did = _WHO_DID.search(question)
        self.asks = did is not None
        which = _WHICH_BODY.search(question)  # "which company made the scanner"
        relation = asked_relation(question) or (_BODY_RELATIONS.get(stem(which.group(1)), ()) if which else ())
        # the relation's words, matched as written ("found." is no pattern), in one search per sentence
        self.relation_named = re.compile(r"\b(?:" + "|".join(map(re.escape, relation)) + ")") if relation else None
        self.verb = asked_verb(question)
        # any asked verb, however short ("won"), for the words someone is quoted saying
        self.did = stem(did.group(1)) if did else ""

    def __call__(self, sentence: Sentence) -> str | None:
        if not self.asks and self.relation_named is None:
            return None
        if self.asks and not names_someone(self.question, sentence.text):
            return "person"
        if self.asks and self.verb and _done_by_no_one(self.verb, sentence.text):
            return "no doer"
        if self.asks and self.did and _only_quoted(self.did, sentence.text):
            return "quoted words"
        text = sentence.text.lower()
        if self.relation_named is not None and not self.relation_named.search(text):
            return "relation"
        return None
