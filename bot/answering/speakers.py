"""Who said the words the last answer quoted: "who said that?".

A news story names a speaker once and then quotes on ("Nadia Whitlock thanked residents.
"We could have patched the bridge," she said."), so the answer to "who said that" after
such a quote is the sentence that names her: the quoted one when it does ("..., said
Marcus Obi"), else the nearest one before it in the article that names someone.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from .doers import names_someone
from .evidence import Sentence
from .question_shapes import reports_speech

_OPENING = r"^\W*(?:(?:and|so|but|ok|okay|wait)\W+)?"
_WHO_SAID = re.compile(rf"{_OPENING}who(?:'s| is| was)? ?(?:said|says|saying|say|was saying|is saying) "
                       r"(?:that|this|it|those|these)\b(?: (?:then|again|exactly|first))?\W*$|"
                       rf"{_OPENING}whose (?:words|quote) (?:are|is|were|was) (?:those|that|these|this)\W*$|"
                       rf"{_OPENING}who (?:was|is) (?:talking|speaking)(?: there)?\W*$", re.I)
# Words in quotes (to the sentence's end, when the quote runs on) are what was said, not who said it.
_QUOTED = re.compile(r"[\"“][^\"”]*(?:[\"”]|$)")
# How far back a speaker may be named before the words quoted.
_BACK = 3
_ASKED = "who said that"
NO_SPEAKER = "No one is quoted saying that; the article says it in its own words:"


# "who said an IT failure is not bad weather": the words themselves, three or more.
_WHO_SAID_WORDS = re.compile(rf"{_OPENING}who (?:said|says|was saying|is saying)(?: that)?,? [\"“']?"
                             r"(?P<words>(?:[\w'’-]+[\s,]+){2,}[\w'’-]+)[\"”']?\W*$", re.I)
_NOT_WORDS = re.compile(r"[^\w\s]+")


def said_words(question: str) -> str:
    """The words a "who said <words>" question quotes, lower-cased and without punctuation
    ("" when it quotes none: "who said that?")."""
    m = _WHO_SAID_WORDS.search(question)
    return _plain(m.group("words")) if m and not asks_who_said(question) else ""


def _plain(text: str) -> str:
    return " ".join(_NOT_WORDS.sub(" ", text.lower()).split())


def sentence_saying(sentences: Sequence[Sentence], words: str) -> Sentence | None:
    """The first sentence that holds the words (read without case and punctuation)."""
    return next((s for s in sentences if words and words in _plain(s.text)), None)


def asks_who_said(question: str) -> bool:
    """True for "who said that?", "and who said it", "whose words are those"."""
    return bool(_WHO_SAID.search(question))


def _first_quoted(sentences: Sequence[Sentence],
                  quoted: frozenset[tuple[int, int, int]]) -> tuple[list[Sentence], int | None]:
    """The sentences of the article first quoted, in order, and the index of the first quoted one."""
    article, start, _ = min(quoted, key=lambda q: (q[1], q[0]))
    own = sorted((s for s in sentences if s.passage.article_id == article), key=lambda s: s.start)
    return own, next((i for i, s in enumerate(own) if s.start <= start < s.end), None)


def unspoken(sentences: Sequence[Sentence], quoted: frozenset[tuple[int, int, int]]) -> Sentence | None:
    """The sentence the last answer quoted first when it reports no one's words (the
    article says it itself), else None."""
    if not quoted:
        return None
    own, at = _first_quoted(sentences, quoted)
    return own[at] if at is not None and not reports_speech(own[at].text) else None


def speaker_sentence(sentences: Sequence[Sentence], quoted: frozenset[tuple[int, int, int]]) -> Sentence | None:
    """The sentence naming who said the first words quoted: the quoted sentence itself
    when it names someone, else the nearest of the few before it in its article that does
    (None when the quoted words are not among the sentences, or no one is named)."""
    if not quoted:
        return None
    own, at = _first_quoted(sentences, quoted)
    if at is None or not reports_speech(own[at].text):  # the words quoted were no one's words
        return None
    for s in reversed(own[max(0, at - _BACK):at + 1]):
        if names_someone(_ASKED, _QUOTED.sub(" ", s.text)):
            return s
    return None
