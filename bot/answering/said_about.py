"""What "what did she say about the fine" needs: words said near the topic asked about.

A sentence someone said that holds none of the topic's words, and whose neighbours
hold none either, says nothing about it: "what did the judge say about the bonuses"
is not answered by what the judge said about the river.
"""
from __future__ import annotations

import re

from index.search.query import STOPWORDS

from .evidence import Sentence, stem, stems

# "What did Elena Sorell say", "how did Tom Reddick react": someone asked for by name.
_NAMED_SPEAKER = re.compile(r"\b(?:what|how)\s+(?:did|does|do|has|had|have|will|would)\s+(?P<speaker>[\w'’ .-]+?)\s+"
                            r"(?:say|said|tell|told|think|thought|feel|felt|react|respond)\b", re.I)
_NOT_NAMES = {"the", "a", "an", "his", "her", "their", "its", "our", "your", "my", "this", "that", "these", "those"}
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


def speaker_asked(question: str) -> str | None:
    """The stem of the surname of someone a question asks the words of ("what did Elena
    Sorell say": sorell); None for a pronoun ("she") or a role ("the mayor")."""
    match = _NAMED_SPEAKER.search(question)
    if match is None:
        return None
    words = match.group("speaker").lower().split()
    if words[0] in _NOT_NAMES or words[-1] in _PRONOUNS:
        return None
    return stem(re.sub(r"['’]s?$", "", words[-1]))


_GOES_ON = re.compile(r"^\W*([\"“‘']|(he|she|they|it|we|i)\b)", re.I)


def names_speaker(surname: str, sentence: Sentence) -> bool:
    """True when the sentence names the speaker, or goes on from the words just before it
    (an opening quote mark, "She added") that may."""
    if surname in sentence.stems:
        return True
    return bool(_GOES_ON.match(sentence.text)) and surname in stems_beside(sentence, after=False)


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
