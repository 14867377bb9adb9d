"""Whom a follow-up's "she" or "his" means, and which sentences speak of them.

After "what happened to Ellie Mabbutt?", "what grades did she get?" asks about Ellie
Mabbutt: "Not every student got the grades they needed" shares the question's words
but not its person, while the sentence quoted before ("Ellie Mabbutt collected three A
grades") answers it. A sentence speaks of the person when it holds a name the earlier
question typed or the last answer quoted, says "she"/"her" itself, or goes on quoting
the words of a sentence naming them; the sentence after the quote may be about anyone.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from .evidence import Sentence
from .stemming import known_stems
from .names_held import inner_names
from .reasons import follows
from .said_about import continues_speech

_HE = re.compile(r"\b(he|him|his|himself)\b", re.I)
_SHE = re.compile(r"\b(she|her|hers|herself)\b", re.I)


def points_at_someone(text: str) -> bool:
    """True when the text says "he" or "she" (or "him", "her", ...)."""
    return bool(_HE.search(text) or _SHE.search(text))


class Referent:
    """For one follow-up: whether a sentence speaks of the person its pronoun means."""

    def __init__(self, question: str, context: str, quoted: frozenset[tuple[int, int, int]],
                 sentences: Sequence[Sentence]) -> None:
        self.pronoun = _SHE if _SHE.search(question) else _HE if _HE.search(question) else None
        before = [s for s in sentences if (s.passage.article_id, s.start, s.end) in quoted]
        self.names: set[str] = set()
        if self.pronoun and before:
            # The names the last answer quoted, and those the earlier question typed (in lower case, often).
            typed = known_stems(context) & set().union(*(inner_names(s.text) for s in sentences))
            self.names = set().union(*(inner_names(s.text) for s in before)) | typed
        # Their words quoted on in the next sentence ('"Families here will no longer ..."') are theirs
        # too, unless "he said" ends the quote asked of a "she".
        other = _HE if self.pronoun is _SHE else _SHE
        in_order = sorted(sentences, key=lambda s: (s.passage.article_id, s.start))
        self.quoted_on = {(t.passage.article_id, t.start) for s, t in zip(in_order, in_order[1:])
                          if self.names & s.stems and follows(s, t) and continues_speech(s.text, t.text)
                          and not other.search(t.text)}

    @property
    def asks(self) -> bool:
        """True when the follow-up points at a person the last answer named."""
        return self.pronoun is not None and bool(self.names)

    def __call__(self, sentence: Sentence) -> bool:
        return self.pronoun is None or bool(self.pronoun.search(sentence.text)) or \
            bool(self.names & sentence.stems) or (sentence.passage.article_id, sentence.start) in self.quoted_on


def speaking_of(referent: Referent, order: list[int], sentences: Sequence[Sentence]) -> list[int]:
    """The order with the sentences that speak of the person first (unchanged when none do)."""
    if not referent.asks:
        return order
    first = [i for i in order if referent(sentences[i])]
    return first + [i for i in order if i not in first] if first else order
