"""What "what did she say about the fine" needs: words said near the topic asked about.

A sentence someone said that holds none of the topic's words, and whose neighbours
hold none either, says nothing about it: "what did the judge say about the bonuses"
is not answered by what the judge said about the river.
"""
from __future__ import annotations

import re

from index.search.query import STOPWORDS

from .evidence import Sentence
from .stemming import known_stems, stem, stems

# "What did Elena Sorell say about the fine", "how did Tom Reddick react": words asked of someone.
_ASKED_OF = r"\b(?:what|how)\s+(?:did|does|do|has|had|have|will|would)\s+(?P<speaker>[\w'’ .-]+?)\s+"
# "Why does Vantrell say the study is wrong" asks Vantrell's words too.
_NAMED_SPEAKER = re.compile(_ASKED_OF.replace("(?:what|how)", "(?:what|how|why)")
                            + r"(?:say|said|tell|told|think|thought|feel|felt|react|respond)\b", re.I)
_SAID_ABOUT = re.compile(_ASKED_OF + r"(?:say|said|think|thought|feel|felt|tell|told)\s+(?:us\s+)?"
                         r"(?:about|of|on|regarding)\s+(?P<topic>[^?!.]+)", re.I)
# The topic ends where a time or place of the saying begins ("about the fine after the hearing").
_TOPIC_ENDS = re.compile(r"\b(after|before|when|while|during|yesterday|today|tonight|last|this|at|on|in)\b", re.I)
_NOT_NAMES = {"the", "a", "an", "his", "her", "their", "its", "our", "your", "my", "this", "that", "these", "those"}
# "What did she say about the results" follows an answer that named her, and what she
# said may be in her own words ("the lake has been keeping a diary"), not the reader's.
_PRONOUNS = {"he", "she", "they", "it", "you", "we", "i", "them", "him", "her"}
# People asked about by what they are, not by name ("what did police say").
_GROUPS = {"police", "council", "government", "people", "staff", "union", "public", "crew", "management", "everyone",
           "locals", "family", "press", "media", "board", "club", "company", "firm"}
# The words just before and after a sentence: a quote's topic is often named in the
# sentence that introduces it ("Asked about the results, she said: ...").
_REACH = 200
# Words that go on from someone named before: an opening quote mark, "She added", ", he said".
_OPENS_QUOTE = re.compile(r"^\s*[\"“‘]")
_PRONOUN_FIRST = re.compile(r"^\W*(he|she|they|we|i)\b", re.I)
_PRONOUN_SAID = re.compile(r"\b(she|he|they) (said|says|added|adds|told|went on|continued)\b", re.I)
_SAID = re.compile(r"\b(said|says|told|added)\b")


def topic_asked(question: str) -> frozenset[str]:
    """The stems of what a "what did X say about ..." question asks about (empty otherwise)."""
    match = _SAID_ABOUT.search(question)
    if match is None or match.group("speaker").lower().split()[-1] in _PRONOUNS:
        return frozenset()
    topic = _TOPIC_ENDS.split(match.group("topic"), maxsplit=1)[0]
    return frozenset(stem(w) for w in re.findall(r"\w+", topic.lower()) if w not in STOPWORDS and len(w) > 2)


def speaker_asked(question: str) -> str | None:
    """The stem of the surname of someone a question asks the words of ("what did Elena
    Sorell say": sorell); None for a pronoun ("she"), a role ("the mayor") or people
    named by what they are ("campaigners", "police")."""
    match = _NAMED_SPEAKER.search(question)
    if match is None:
        return None
    typed = match.group("speaker").split()
    words = [w.lower() for w in typed]
    if words[0] in _NOT_NAMES or words[-1] in _PRONOUNS:
        return None
    named = any(w[:1].isupper() for w in typed) or len(words) > 1 or \
        (not words[0].endswith("s") and words[0] not in _GROUPS)
    return stem(re.sub(r"['’]s?$", "", words[-1])) if named else None


def speaks_on(text: str) -> bool:
    """True when a sentence goes on with the words of someone named before it."""
    return bool(_OPENS_QUOTE.match(text) or _PRONOUN_FIRST.match(text) or _PRONOUN_SAID.search(text))


def continues_speech(before: str, after: str) -> bool:
    """True when `after` quotes on the speaker of `before`: a quote a pronoun attributes,
    or a quote opening right after someone's reported words."""
    return bool(_OPENS_QUOTE.match(after)) and bool(_PRONOUN_SAID.search(after) or _SAID.search(before))


def names_speaker(surname: str, sentence: Sentence) -> bool:
    """True when the sentence names the speaker, or goes on from words just before it that may."""
    if surname in sentence.stems:
        return True
    return speaks_on(sentence.text) and surname in stems_beside(sentence, after=False)


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
    held = len(topic & (sentence.stems | stems_beside(sentence) | known_stems(sentence.passage.title)))
    return 2 * held < len(topic)
