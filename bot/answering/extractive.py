"""The default answerer: picks the sentences that answer, verbatim, and cites each one.

It needs no network and no API key. Each sentence is scored by the
IDF-weighted share of the question's terms it holds, the retrieval score of
its passage, and whether it holds the kind of thing asked for (a year, a
number, a name). The best sentence answers; close runners-up join it.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from index.collection import passage_text
from index.records import SearchResult

from .evidence import Sentence, answer_type_bonus, question_stems, sentences_of, term_weights
from .records import Answer, Citation


@dataclass(frozen=True)
class ExtractivePolicy:
    """Weights of the sentence score and how many sentences an answer may quote."""

    passage_weight: float = 1.0
    semantic_weight: float = 1.0
    type_weight: float = 0.3
    context_weight: float = 0.3
    max_sentences: int = 3
    runner_up_ratio: float = 0.75
    min_words: int = 4


@dataclass(frozen=True)
class ScoredSentence:
    """A candidate sentence and its score."""

    sentence: Sentence
    score: float
    coverage: float
    cosine: float


Similarity = Callable[[Sequence[str]], Sequence[float]]


def score_sentences(question: str, passages: Sequence[SearchResult], context: str = "",
                    policy: ExtractivePolicy = ExtractivePolicy(),
                    similarity: Similarity | None = None) -> list[ScoredSentence]:
    """Every sentence of the passages, best first; `similarity` gives each sentence's
    cosine with the question (left out when None)."""
    sentences = [s for s in sentences_of(passages) if len(s.text.split()) >= policy.min_words]
    if not sentences:
        return []
    # Each sentence is compared with its article's title line before it, as chunks are
    # embedded: "It opened in 1889" alone says less than under its headline.
    texts = [passage_text(s.passage.title, s.text) for s in sentences]
    cosines = similarity(texts) if similarity else [0.0] * len(sentences)
    terms = question_stems(question)
    extra = [t for t in question_stems(context) if t not in terms]
    weights = term_weights(terms + extra, sentences)
    total = sum(weights[t] for t in terms) or 1.0
    # Ranking compares sentences on the terms some sentence holds; coverage (for
    # abstention) also counts the terms none holds.
    found = {t for s in sentences for t in s.stems}
    found_total = sum(weights[t] for t in terms if t in found) or 1.0
    extra_total = sum(weights[t] for t in extra) or 1.0
    top = max(p.score for p in passages) or 1.0
    scored = []
    for s, cosine in zip(sentences, cosines):
        matched = sum(weights[t] for t in terms if t in s.stems)
        overlap = matched / found_total
        context_overlap = sum(weights[t] for t in extra if t in s.stems) / extra_total if extra else 0.0
        score = (overlap + policy.context_weight * context_overlap
                 + policy.passage_weight * max(s.passage.score, 0.0) / top
                 + policy.type_weight * answer_type_bonus(question, s.text)
                 + policy.semantic_weight * cosine)
        scored.append(ScoredSentence(s, score, matched / total, cosine))
    scored.sort(key=lambda x: (-x.score, x.sentence.rank, x.sentence.start))
    return scored


def choose(scored: Sequence[ScoredSentence], policy: ExtractivePolicy = ExtractivePolicy()) -> list[ScoredSentence]:
    """The best sentence and the runners-up within `runner_up_ratio` of it."""
    if not scored:
        return []
    best = scored[0].score
    return [s for s in scored[: policy.max_sentences] if s.score >= policy.runner_up_ratio * best]


def compose(question: str, chosen: Sequence[ScoredSentence]) -> Answer:
    """Quote the chosen sentences in order of score, each followed by its marker."""
    citations = []
    parts = []
    for n, item in enumerate(chosen, start=1):
        s = item.sentence
        citations.append(Citation(n=n, article_id=s.passage.article_id, title=s.passage.title, url=s.passage.url,
                                  chunk_id=s.passage.chunk_id, quote=s.text, start=s.start, end=s.end))
        parts.append(f"{s.text} [{n}]")
    return Answer(question=question, text=" ".join(parts), citations=tuple(citations), abstained=False)


class ExtractiveAnswerer:
    """Answers from the retrieved passages by quoting their best sentences."""

    def __init__(self, policy: ExtractivePolicy = ExtractivePolicy()) -> None:
        self.policy = policy

    def answer(self, question: str, passages: Sequence[SearchResult], context: str = "",
               similarity: Similarity | None = None) -> Answer | None:
        """A cited answer, or None when no sentence of the passages is usable."""
        chosen = choose(score_sentences(question, passages, context, self.policy, similarity), self.policy)
        return compose(question, chosen) if chosen else None
