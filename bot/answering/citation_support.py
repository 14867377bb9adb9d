"""Whether a passage says what a sentence of an answer says it does.

A claim is supported by a passage when every number and name it states appears
in the passage, and a mix of two closeness measures passes a threshold: the share
of the claim's content words found in the passage, each weighted by its IDF among
the sentences of all retrieved passages (a word no passage uses weighs most), and
the cosine, from the real embedder, of the claim to the passage's closest sentence.
The threshold was calibrated with `python -m benchmarks.citation_support`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from index.records import SearchResult
from index.search.query import STOPWORDS

from .evidence import Sentence, sentences_of, term_weights
from .stemming import question_stems, stem, stems
from .semantic import SentenceSimilarity

Embed = Callable[[Sequence[str]], np.ndarray]
"""Texts to L2-normalised vectors, one row each."""

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# "one" is left out: "one of", "more than one", "the one who" state no count.
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero _ two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split()) if w != "_"}
_NUMBER_WORDS.update({w: str(10 * n) for n, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(),
                                                            start=3)})


@dataclass(frozen=True)
class SupportPolicy:
    """How word overlap and cosine mix, and the score a supporting passage needs."""

    overlap_weight: float = 0.5
    threshold: float = 0.45


@dataclass(frozen=True)
class Support:
    """How well passage `passage` (an index into the passages) supports one claim."""

    passage: int
    overlap: float
    cosine: float
    missing: tuple[str, ...]
    """Numbers and names of the claim that the passage does not hold."""
    quote: Sentence | None
    """The passage's sentence closest to the claim: what a citation quotes."""
    score: float
    supported: bool


def numbers_in(text: str) -> set[str]:
    """The numbers a text states, normalised: digits without thousands commas, small
    number words as digits ("three" and "3" are the same fact)."""
    found = {d.replace(",", "") for d in _DIGITS.findall(text)}
    found.update(_NUMBER_WORDS[w.lower()] for w in _WORD.findall(text) if w.lower() in _NUMBER_WORDS)
    return found


def names_in(claim: str, known_names: set[str]) -> set[str]:
    """The stems of the capitalised words of a claim that are names.

    The first word is capitalised anyway: it counts only when the passages use it as
    a name elsewhere (in `known_names`), so "Overall, ..." is not taken for a name.
    """
    words = [m.group() for m in _WORD.finditer(claim)]
    names = set()
    for position, word in enumerate(words):
        if not word[0].isupper() or word.lower() in STOPWORDS or word.lower() in _NUMBER_WORDS:
            continue
        if position == 0 and stem(word) not in known_names:
            continue
        names.add(stem(word))
    return names


def _names_used_in(sentences: Sequence[Sentence]) -> set[str]:
    """Stems of words written capitalised after the first word of some sentence."""
    return {stem(w) for s in sentences for w in _WORD.findall(s.text)[1:] if w[0].isupper()}


class SupportChecker:
    """Scores claims against passages; the embedding function is injected."""

    def __init__(self, embed: Embed, policy: SupportPolicy = SupportPolicy(), capacity: int = 20_000) -> None:
        self.policy = policy
        self._embed = embed
        # Passage sentences recur across questions: their vectors are cached.
        self._similarity = SentenceSimilarity(embed, capacity)

    def assess(self, claims: Sequence[str], passages: Sequence[SearchResult]) -> list[list[Support]]:
        """For each claim, its support by each passage (in passage order)."""
        if not claims:
            return []
        per_passage = [sentences_of([p]) for p in passages]
        everything = [s for group in per_passage for s in group]
        texts = [s.text for s in everything]
        known = _names_used_in(everything)
        passage_stems = [stems(p.title) | stems(p.text) for p in passages]
        passage_numbers = [numbers_in(p.text) | numbers_in(p.title) for p in passages]
        vectors = self._embed(list(claims)) if texts else np.zeros((len(claims), 0), np.float32)
        out = []
        for claim, vector in zip(claims, vectors):
            cosines = self._similarity(vector, texts) if texts else []
            terms = question_stems(claim)
            weights = term_weights(terms, everything)
            total = sum(weights.values()) or 1.0
            facts = {f"#{n}" for n in numbers_in(claim)} | names_in(claim, known)
            supports = []
            at = 0
            for index, sentences in enumerate(per_passage):
                own = cosines[at:at + len(sentences)]
                at += len(sentences)
                held = passage_stems[index] | {f"#{n}" for n in passage_numbers[index]}
                missing = tuple(sorted(f for f in facts if f not in held))
                overlap = sum(w for t, w in weights.items() if t in passage_stems[index]) / total
                cosine = max(own, default=0.0)
                quote = max(zip(sentences, own), default=None,
                            key=lambda pair: (sum(weights[t] for t in terms if t in pair[0].stems) / total
                                              + pair[1], -pair[0].start))
                score = self.policy.overlap_weight * overlap + (1 - self.policy.overlap_weight) * cosine
                supported = not missing and score >= self.policy.threshold and quote is not None
                supports.append(Support(index, overlap, cosine, missing, quote[0] if quote else None, score,
                                        supported))
            out.append(supports)
        return out
