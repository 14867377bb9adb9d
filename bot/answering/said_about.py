"""What "what did she say about the fine" needs: words said near the topic asked about.

A sentence someone said that holds none of the topic's words, and whose neighbours
hold none either, says nothing about it: "what did the judge say about the bonuses"
is not answered by what the judge said about the river.
"""
from __future__ import annotations

import re

from index.search.query import STOPWORDS

from .evidence import Sentence, stem, stems

_SAID_ABOUT = re.compile(r"\b(?:what|how)\s+(?:did|does|do|has|had|have|will|would)\s+(?P<speaker>[\w'’ .-]+?)\s+"
                         r"(?:say|said|think|thought|feel|felt|tell|told)\s+(?:us\s+)?(?:about|of|on|regarding)\s+"
                         r"(?P<topic>[^?!.]+)", re.I)
# "What did she say about the results" follows an answer that named her, and what she
# said may be in her own words ("the lake has been keeping a diary"), not the reader's.
_PRONOUNS = {"he", "she", "they", "it", "you", "we", "i", "them", "him", "her"}
# The words just before and after a sentence: a quote's topic is often named in the
# sentence that introduces it ("Asked about the results, she said: ...").
_REACH = 200


def topic_asked(question: str) -> frozenset[str]:
    """The stems of what a "what did X say about ..." question asks about (empty otherwise)."""
    match = _SAID_ABOUT.search(question)
    if match is None or match.group("speaker").lower().split()[-1] in _PRONOUNS:
        return frozenset()
    words = re.findall(r"\w+", match.group("topic").lower())
    return frozenset(stem(w) for w in words if w not in STOPWORDS and len(w) > 2)


def stems_beside(sentence: Sentence, after: bool = True, reach: int = _REACH) -> frozenset[str]:
    """The stems of the passage text just before a sentence (and just after it, when `after`)."""
    local = sentence.start - sentence.passage.start
    text, end = sentence.passage.text, local + len(sentence.text)
    around = text[max(0, local - reach):local] + (" " + text[end:end + reach] if after else "")
    return frozenset(stems(around))


def says_nothing_about(topic: frozenset[str], sentence: Sentence) -> bool:
    """True when fewer than half of the topic's words are in or beside the sentence."""
    if not topic:
        return False
    held = len(topic & (sentence.stems | stems_beside(sentence)))
    return 2 * held < len(topic)
