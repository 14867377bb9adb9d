"""Text for a million synthetic chunks with the term statistics of real news.

Recombining the fixture articles' 150 sentences would make every word common at this
size (each sentence in 2% of the chunks), which no real library looks like. Here words
follow a Zipf-Mandelbrot law over a 100k-word vocabulary: the fixtures' own words by
frequency at the head ("the", "said", "council"...), made-up but pronounceable words in
the tail. Each topic (a cluster of the synthetic vectors) has its own words, so a chunk
and a question about it share rare words, as they do in a real library.
"""
from __future__ import annotations

import itertools
import random
import re
from collections import Counter

import numpy as np

VOCABULARY = 100_000
WORDS_PER_CHUNK = 120
TOPIC_SHARE = 0.2  # of a chunk's words drawn from its topic's own words
TOPIC_WORDS = 40
_ONSETS = ["b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r", "s", "st", "t",
           "tr", "v", "w", "z"]
_NUCLEI = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
_CODAS = ["", "n", "r", "l", "s", "m", "nd", "rt"]


def pseudo_words(count: int, avoid: set[str]) -> list[str]:
    """`count` distinct made-up words of two to three syllables."""
    syllables = [o + n + c for o, n, c in itertools.product(_ONSETS, _NUCLEI, _CODAS)]
    random.Random(0).shuffle(syllables)
    out: list[str] = []
    for length in (2, 3):
        for parts in itertools.product(syllables, repeat=length):
            word = "".join(parts)
            if word not in avoid:
                out.append(word)
                if len(out) == count:
                    return out
    return out


class TextModel:
    """Draws chunk texts and questions for topics 0..topics-1."""

    def __init__(self, corpus: str, topics: int, seed: int = 5) -> None:
        counts = Counter(w.lower() for w in re.findall(r"[A-Za-z]+", corpus))
        head = [w for w, _ in counts.most_common()]
        self.words = np.array(head + pseudo_words(VOCABULARY - len(head), set(head)))
        ranks = np.arange(1, len(self.words) + 1, dtype=np.float64)
        weights = 1.0 / (ranks + 2.7) ** 1.07
        self.cdf = np.cumsum(weights / weights.sum())
        rng = np.random.default_rng(seed)
        # Topic words come from below the head, where names and subjects live.
        self.topic_words = rng.integers(300, len(self.words), (topics, TOPIC_WORDS))

    def _common(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return np.minimum(np.searchsorted(self.cdf, rng.random(n)), len(self.words) - 1)

    def chunk(self, topic: int, rng: np.random.Generator) -> str:
        """One chunk's text about `topic`."""
        own = int(WORDS_PER_CHUNK * TOPIC_SHARE)
        picks = np.concatenate([self._common(rng, WORDS_PER_CHUNK - own),
                                self.topic_words[topic][rng.integers(0, TOPIC_WORDS, own)]])
        rng.shuffle(picks)
        return " ".join(self.words[picks].tolist()).capitalize() + "."

    def question(self, topic: int, rng: np.random.Generator) -> str:
        """A question about `topic`: two or three of its words among common ones."""
        own = self.words[self.topic_words[topic][rng.choice(TOPIC_WORDS, int(rng.integers(2, 4)), replace=False)]]
        common = self.words[rng.integers(30, 3000, 2)]
        return f"What did the {common[0]} say about {' '.join(own.tolist())} and {common[1]}?"
