"""Whether a sentence gives a reason, for the questions that ask "why".

A news story states its claim ("The festival has been cancelled") and gives the
reason in a sentence of its own, often later and often without a cue word. A cue
("because", "due to", "blamed ... on", "put it down to") is strong evidence of a
reason; many words that look like cues only place an event in time ("since 1934",
"after finishing level", "was due to open in May") and are not counted.
"""
from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Sequence

from .evidence import Sentence

_ASKS_WHY = re.compile(r"^\W*(why|how come)\b|\b(reason|cause)s? (for|of|why|behind)\b|"
                       r"\bwhat (caused|causes|led to|made|prompted|triggered|sparked)\b|"
                       r"\bwhat(\s?'s| is| was| were| are) behind\b|"
                       r"\b(what|which)(\s?'s| was| were| is| are) the (main |real |actual )?(reason|cause)s?\b|"
                       r"\bfor what reason\b|"
                       # "what's the deal with the bus cut", "what's up with the closure": asked to explain
                       r"^\W*what(\s?'s| is) (the deal|up) with\b", re.I)
# "any idea why", "so why", "ok but why": a why after words that ask nothing else
# ("who explained why the sky is blue" asks who).
_ASKS_ELSE = r"(?!(?:who|whom|whose|what|which|when|where|how)\b)"
_WHY_LATER = re.compile(rf"^\W*(?:{_ASKS_ELSE}[\w'’,]+\W+){{1,5}}?(?:why|how come)\b", re.I)
_CUE = re.compile(
    r"\b(because|owing to|thanks to|as a result|result of|caused by|(sparked|triggered|set off) by|"
    # "was started by an electrical fault" (not "started by the mayor")
    r"started by (an? |the )?(\w+ ){0,2}(fault|spark|cigarette|barbecue|lightning|arson|candle|heater|charger|"
    r"battery|short circuit|leak|explosion|blaze|fire)|"
    r"cause of|led to|leading to|so that|"
    r"in order to|so as to|for fear|(the|a|one|main|chief|key|real|for \w+) reasons?|reasons? (for|why|behind)|"
    r"blamed?|blames|blaming|attributed|(which|this|that) (meant|means)|"
    r"(fear|fears|feared|worried|concerned) that|forced|forcing|hopes?|hoped|meant that|means that|caused|causing|"
    r"in a bid to|aims? to|aimed to)\b|\b(linked|traced)\b[\w ,-]{0,40}\bto\b|\bcould not \w+ until\b|"
    r"\b(put|puts|putting)\b[\w ,]{0,30}\bdown to\b|"
    r", so (?!far|much|many|long)\b", re.I)
# "due to" gives a cause ("delayed due to rain") unless something is due to happen.
# "was due to flooding" / "was due to the storm" give a cause; "was due to open in May" a plan.
_DUE_TO = re.compile(r"(?<!\bis )(?<!\bwas )(?<!\bwere )(?<!\bare )(?<!\bbe )(?<!\bbeen )(?<!\bnot )(?<!'s )"
                     r"\bdue to\b|\bdue to (the|a|an|its|their|his|her|bad|poor|heavy|high|low|strong|severe|rising|"
                     r"falling|lack|problems|concerns|\w{4,}ing)\b", re.I)
# "since it is open to all" gives a reason; "since 1934" and "since it was built" a time.
_SINCE = re.compile(r"\bsince,|\bsince (it|they|he|she|we|you|there|this|these|its|their) "
                    r"(is|are|can|cannot|can't|does|do|doesn't|don't|will|would|must|need|needs|lacks?|has no|"
                    r"have no)\b", re.I)
# Sentences this few characters apart (a space, a paragraph break) follow each other.
_GAP = 3
_AFTER = re.compile(r"\bafter\b", re.I)
# "after" places an event after a time ("shortly after high tide", "after 1998", "months
# after the flood") or an act of the subject's ("won after finishing level"); what is left
# is an event that led to it ("waterlogged after two days of rain", "walk out after talks broke down").
_TIME_BEFORE = re.compile(r"\b(shortly|soon|just|long|straight|immediately|right|days?|weeks?|months?|years?|hours?|"
                          r"minutes?|seconds?|decades?|the day|the week|the year|the morning|the night|named|looked|"
                          r"looking|looks|look|sought|ever|one|two|three|four|five|six|seven|eight|nine|ten|"
                          r"\d+)\s*-?$", re.I)
_TIME_AFTER = re.compile(
    r"^\s*(\d|the (end|start|match|game|race|meeting|event|break|war|interval|summer|winter|spring|autumn|"
    r"season|final|election|vote|show|concert|festival|weekend)\b|(high|low) tide|(half|full)[- ]time|dark|"
    r"midnight|midday|noon|lunch|dinner|breakfast|school|work|all|that|this|which|then|[a-z]+ing\b|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(last|next|this) (week|month|year|season|spring|summer|autumn|winter))", re.I)


@lru_cache(maxsize=20_000)  # the same sentences come back for question after question
def gives_reason(text: str) -> bool:
    """True when the sentence says why something happened (a cue of cause or purpose),
    not merely when it happened."""
    if _CUE.search(text) or _DUE_TO.search(text) or _SINCE.search(text):
        return True
    return any(not _TIME_BEFORE.search(text[:m.start()].rstrip()) and not _TIME_AFTER.match(text[m.end():])
               for m in _AFTER.finditer(text))


@lru_cache(maxsize=20_000)  # asked of one question for each of its candidate sentences
def asks_why(question: str) -> bool:
    """True when the question asks for a reason ("why", "how come", "what caused")."""
    return bool(_ASKS_WHY.search(question) or _WHY_LATER.search(question))


def follows(before: Sentence, after: Sentence) -> bool:
    """True when `after` comes right after `before` in their article (perhaps in the next chunk)."""
    return (before.passage.article_id == after.passage.article_id
            and 0 <= after.start - before.end <= _GAP)


def after_claim(sentences: Sequence[Sentence], overlaps: Sequence[float]) -> list[float]:
    """Per sentence, how much the sentence right before it in its article (perhaps in
    another passage) restates the question: a reason follows the claim a "why" asks about."""
    out = [0.0] * len(sentences)
    order = sorted(range(len(sentences)), key=lambda i: (sentences[i].passage.article_id, sentences[i].start))
    for j, i in zip(order, order[1:]):
        if follows(sentences[j], sentences[i]):
            out[i] = overlaps[j]
    return out


def claim_before(sentences: Sequence[Sentence], reason: int) -> int | None:
    """The sentence right before sentence `reason` in its article, when that one gives
    a reason: the claim it explains (None when it gives none or nothing precedes it)."""
    if not gives_reason(sentences[reason].text):
        return None
    return next((j for j, s in enumerate(sentences) if follows(s, sentences[reason])), None)
