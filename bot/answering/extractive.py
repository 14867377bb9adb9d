"""The default answerer: quotes the sentence that answers, verbatim, and cites it.

It needs no network and no API key. Candidate sentences of the retrieved
passages are ranked by a fitted model (`answer_weights`) over evidence such as
the IDF-weighted share of the question's terms a sentence holds, its cosine
with the question and whether it holds the kind of thing asked for; a second
fitted model decides whether the best one answers at all, else it abstains.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np

from index.collection import passage_text
from index.records import SearchResult

from .abstention import abstention
from .answer_request import AnswerRequest
from .answer_weights import (ANSWER_THRESHOLD, BESIDE_QUOTE_RATIO, DECIDE_BIAS, EXTRA_QUOTE_RATIO, decide_vector,
                             rank_vector)
from .evidence import Sentence, sentences_of
from .names_held import missing_names
from .question_shapes import Veto
from .reasons import asks_why, claim_before, follows
from .referents import Referent, speaking_of
from .quoting import Span, compose, merge_adjacent, spans_for
from .records import Answer
from .sentence_features import Candidates, candidates, decide_row
from .speakers import NO_SPEAKER, asks_who_said, said_words, sentence_saying, speaker_sentence, unspoken

Similarity = Callable[[Sequence[str]], Sequence[float]]
MIN_WORDS = 3
# How many of the best sentences not ruled out a ranking keeps (the answer and its runners-up).
KEPT = 3
# A follow-up may go on in another article of the story the last answer cited, less readily.
STORY_SHARE = 0.5


def gather(question: str, passages: Sequence[SearchResult], similarity: Similarity, context: str = "",
           quoted: frozenset[tuple[int, int, int]] = frozenset(),
           previous: Mapping[int, float] | None = None) -> Candidates | None:
    """The candidate sentences of the passages with their features; None when there are none."""
    sentences = [s for s in sentences_of(passages) if len(s.text.split()) >= MIN_WORDS and not s.is_furniture]
    if not sentences:
        return None
    # Each sentence is compared with its article's title line before it, as chunks are
    # embedded: "It opened in 1889" alone says less than under its headline.
    cosines = list(similarity([passage_text(s.passage.title, s.text) for s in sentences]))
    return candidates(question, sentences, cosines, context, quoted, previous)


@dataclass(frozen=True)
class Ranking:
    """The candidates best first, their scores and how likely the best one answers."""

    candidates: Candidates
    scores: np.ndarray
    order: list[int]
    confidence: float

    @property
    def best(self) -> Sentence:
        """The sentence ranked first."""
        return self.candidates.sentences[self.order[0]]

    def probabilities(self) -> np.ndarray:
        """The ranker's softmax over the candidates."""
        z = np.exp(self.scores - self.scores.max())
        return z / z.sum()


def rank(question: str, passages: Sequence[SearchResult], similarity: Similarity, context: str = "",
         quoted: frozenset[tuple[int, int, int]] = frozenset(), previous: Mapping[int, float] | None = None,
         openings: Mapping[int, str] | None = None) -> Ranking | None:
    """Rank the passages' sentences for a question; None when there is nothing to rank.

    The confidence of a reason is judged with the claim it follows too, and that of a
    follow-up with the question it follows, so that "by when?" is as answerable as
    "how many jobs are going at Dunmore? by when?".
    """
    # A name or number the question types that no passage holds: nothing here answers it.
    if missing_names(question, passages):
        return None
    c = gather(question, passages, similarity, context, quoted, previous)
    if c is None:
        return None
    scores = c.rank_rows @ rank_vector()
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], c.sentences[i].rank, c.sentences[i].start))
    # A sentence the question's shape rules out (no age for "how old", a passage
    # without the year asked about) cannot answer, however well it scores.
    ruled_out = Veto(question, passages, c.decisive, openings or {})
    if context:  # "what grades did she get": the sentences about her first
        order = speaking_of(Referent(question, context, quoted, c.sentences), order, c.sentences)
    # Only the best sentences allowed are quoted: the rest need no checking.
    order = list(islice((i for i in order if ruled_out(c.sentences[i]) is None), KEPT))
    if not order:
        return None
    rows = decision_rows(question, c, scores, order[0], passages, context)
    z = max(float(row @ decide_vector() + DECIDE_BIAS) for row in rows)
    return Ranking(c, scores, order, 1 / (1 + math.exp(-z)))


def decision_rows(question: str, c: Candidates, scores: np.ndarray, best: int, passages: Sequence[SearchResult],
                  context: str = "") -> list[np.ndarray]:
    """The evidence (DECIDE_FEATURES rows) for answering with sentence `best`, the first
    as it stands; the answer is as likely as the likeliest of them."""
    passage_cosine = max((p.similarity or 0.0 for p in passages), default=0.0)
    rows = [decide_row(c, scores, best, passage_cosine)]
    claim = claim_before(c.sentences, best) if asks_why(question) else None
    if claim is not None:
        # A reason is as answerable as the claim it explains, which holds the question's words.
        rows.append(decide_row(c, scores, claim, passage_cosine))
    if context:
        together = candidates(f"{context} {question}", c.sentences, c.cosines)
        rows.append(decide_row(together, scores, best, passage_cosine))
    return rows


def extra_quotes(ranking: Ranking, ratio: float = EXTRA_QUOTE_RATIO, limit: int = 1,
                 beside_ratio: float = BESIDE_QUOTE_RATIO) -> list[Sentence]:
    """Runners-up the ranker finds nearly as likely to answer as the best one, and those
    right beside it in its passage that are likely enough (they join its quote)."""
    p = ranking.probabilities()
    first = ranking.order[0]
    best = ranking.best
    out = []
    for k, i in enumerate(ranking.order[1:]):
        s = ranking.candidates.sentences[i]
        beside = s.passage.chunk_id == best.passage.chunk_id and (follows(best, s) or follows(s, best))
        if p[i] >= (beside_ratio if beside else ratio if k < limit else math.inf) * p[first]:
            out.append(s)
    return out


def followed(request: AnswerRequest) -> dict[int, float]:
    """How much each article a follow-up may go on in counts: one the last answer cited
    fully, another on its story (its update, its first report) by `STORY_SHARE`."""
    return {**{a: STORY_SHARE for a in request.story_articles}, **{a: 1.0 for a in request.previous_articles}}


class ExtractiveAnswerer:
    """Answers by quoting the best sentence (and a runner-up that adds to it), or abstains."""

    name = "extractive"

    def __init__(self, similarity: Callable[[np.ndarray, Sequence[str]], Sequence[float]],
                 threshold: float = ANSWER_THRESHOLD, beside_ratio: float = BESIDE_QUOTE_RATIO) -> None:
        self.similarity = similarity
        self.threshold = threshold
        self.beside_ratio = beside_ratio

    def rank(self, request: AnswerRequest) -> Ranking | None:
        """The request's candidate sentences, ranked."""
        vector = request.question_vector
        return rank(request.question, request.passages, lambda texts: self.similarity(vector, texts),
                    request.context, request.quoted, followed(request), request.openings)

    def _speaker(self, request: AnswerRequest) -> Answer | None:
        """For "who said that?" (the words just quoted) or "who said <words>": the sentence
        naming the speaker, and the one holding the words when another; None when not asked
        or no one is named."""
        words = said_words(request.question)
        if not words and not asks_who_said(request.question):
            return None
        sentences = sentences_of(request.passages)
        holder = sentence_saying(sentences, words) if words else None
        if holder is not None:
            quoted = frozenset({(holder.passage.article_id, holder.start, holder.end)})
        elif asks_who_said(request.question):
            quoted = request.quoted
        else:
            return None
        named = speaker_sentence(sentences, quoted)
        own_words = unspoken(sentences, quoted) if named is None and holder is None else None
        if own_words is not None:  # "who said that" of a sentence no one is quoted saying
            said = compose(request.question, [Span(own_words.passage, own_words.start, own_words.end)],
                           [NO_SPEAKER])
            return Answer(said.question, said.text, said.citations, False, confidence=1.0)
        if named is None:
            return None
        spans = [Span(s.passage, s.start, s.end) for s in (named, holder) if s is not None]
        said = compose(request.question, merge_adjacent(list(dict.fromkeys(spans))))
        return Answer(said.question, said.text, said.citations, False, confidence=1.0)

    def answer(self, request: AnswerRequest) -> Answer:
        """A cited answer; an abstention when no sentence is likely to answer."""
        said = self._speaker(request)
        if said is not None:
            return said
        ranking = self.rank(request)
        # A follow-up answered from the article the last answer cited continues that
        # conversation; its own few words are weak evidence either way.
        continues = bool(request.context) and ranking is not None and \
            ranking.best.passage.article_id in request.previous_articles
        if ranking is None or (ranking.confidence < self.threshold and not continues):
            return abstention(request.question, request.passages, library_empty=request.library_empty)
        spans: list[Span] = spans_for(request.question, ranking.best, ranking.candidates.sentences,
                                       coverage=ranking.candidates.coverage[ranking.order[0]])
        for extra in extra_quotes(ranking, beside_ratio=self.beside_ratio):
            spans += spans_for(request.question, extra, ranking.candidates.sentences, extend=False)
        answer = compose(request.question, merge_adjacent(spans))
        return Answer(answer.question, answer.text, answer.citations, False, confidence=ranking.confidence)

