"""What a fitted model sees of each candidate sentence, and of a question's best one.

Every feature is a number from the question, the retrieved passages and the
sentence's cosine with the question; the weights that combine them are fitted
(`answer_weights`, made by `python -m benchmarks.answer_model`).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from index.search.query import STOPWORDS

from .names_held import inner_names
from .question_shapes import ShapeEvidence
from .reasons import after_claim
from .answer_types import answer_type_bonus, asked_words, asks_for_type, names_a_date, names_the_kind_asked
from .evidence import Sentence, term_weights
from .stemming import known_stems, question_stems, stem

RANK_FEATURES = ("overlap", "coverage", "cosine", "passage", "top_passage", "type_match",
                 "neighbour_overlap", "new_share", "log_words", "reason", "said", "counted", "context_overlap",
                 "quoted_before", "previous_article", "named_date", "after_claim", "names_kind", "in_context",
                 "after_quoted")
EVIDENCE = ("rank_score", "rank_margin", "best_cosine", "passage_cosine", "top_coverage", "any_coverage",
            "decisive_missing_top", "decisive_missing_any", "typed", "typed_unmatched", "top_overlap",
            "terms_nowhere")
# The decision weighs each piece of evidence and each product of two (a linear model
# over them is a quadratic one over the evidence): "best_cosine*top_coverage".
_PAIRS = [(i, j) for i in range(len(EVIDENCE)) for j in range(i, len(EVIDENCE))]
DECIDE_FEATURES = EVIDENCE + tuple(f"{EVIDENCE[i]}*{EVIDENCE[j]}" for i, j in _PAIRS)

_TOKEN = re.compile(r"\w+")
# A follow-up asking for something besides what the last answer quoted.
_SOMETHING_ELSE = re.compile(r"\b(else|other|others|another|more|too|also|besides|as well)\b", re.I)
# A sentence starting this few characters after the last answer's quote continues it.
_GOES_ON = 250
_DECISIVE = re.compile(r"^(\d[\d,.]*|[A-Z][\w-]*)$")


@dataclass(frozen=True)
class Candidates:
    """The candidate sentences of one question and their feature rows (one per sentence)."""

    sentences: list[Sentence]
    cosines: list[float]
    rank_rows: np.ndarray
    coverage: list[float]
    any_coverage: float
    decisive: list[str]
    typed: bool
    terms: list[str]


@lru_cache(maxsize=50_000)
def _lower_words(text: str) -> tuple[str, ...]:
    # The same sentences come back for question after question.
    return tuple(w.lower() for w in _TOKEN.findall(text))


def decisive_terms(question: str) -> list[str]:
    """The question's names, numbers and years (words a right answer must not lose)."""
    words = _TOKEN.findall(question)
    # The first word is capitalised by position; it is a name only when it recurs capitalised.
    return list(dict.fromkeys(stem(w) for i, w in enumerate(words)
                              if _DECISIVE.match(w) and (i > 0 or w.isdigit()) and w.lower() not in _ASKING))


# Words that open place names ("Lower Brackwell", "North Harbour") and mean themselves in
# a question typed in lower case: "why was it lower than first planned" names no Lower Brackwell.
_PLACE_WORDS = {"lower", "upper", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
                "new", "old", "great", "little", "high", "low", "middle", "long", "far", "near", "central"}


def named_terms(question: str, sentences: Sequence[Sentence]) -> list[str]:
    """The decisive terms of a question typed in lower case: its words the candidate
    sentences write as names (capitalised inside a sentence), besides `decisive_terms`."""
    names = set().union(*(inner_names(s.text) for s in sentences))
    typed = [stem(w) for w in _TOKEN.findall(question)
             if w.lower() not in _ASKING and w.lower() not in STOPWORDS and w not in _PLACE_WORDS]
    return list(dict.fromkeys(decisive_terms(question) + [t for t in typed if t in names]))


def _goes_on_after(sentence: Sentence, quoted: frozenset[tuple[int, int, int]]) -> bool:
    """True when the sentence starts right after a quote of the last answer (it goes on from it)."""
    return any(a == sentence.passage.article_id and 0 <= sentence.start - end <= _GOES_ON for a, _, end in quoted)


_ASKING = {"who", "what", "when", "where", "why", "how", "which", "whom", "whose", "i", "the", "a", "an", "in",
           "on", "of", "did", "does", "do", "is", "was", "were", "are"}


def candidates(question: str, sentences: Sequence[Sentence], cosines: Sequence[float],
               context: str = "", quoted: frozenset[tuple[int, int, int]] = frozenset(),
               previous: Mapping[int, float] | None = None) -> Candidates:
    """Feature rows (in RANK_FEATURES order) for every sentence; `context` is an earlier
    question a follow-up leans on, `quoted` the spans the last answer quoted and
    `previous` how much each article it may go on in counts (those it cited, 1)."""
    terms, earlier = question_stems(question), question_stems(context)
    # "From when?", "by when?": a follow-up with no words of its own asks about what the
    # question before it asked, whose words then count as its own.
    if not terms and context:
        terms = earlier
    extra = [t for t in earlier if t not in terms]
    weights = term_weights(terms + extra, sentences)
    total = sum(weights[t] for t in terms) or 1.0
    found = {t for t in terms if any(t in s.stems for s in sentences)}
    found_total = sum(weights[t] for t in terms if t in found) or 1.0
    # Held in a sentence, the one before it or its headline: a word only a headline uses
    # ("reopens") counts against what some passage holds, not only the sentences.
    in_view = found | {t for t in terms if any(t in known_stems(s.passage.title) for s in sentences)}
    in_view_total = sum(weights[t] for t in terms if t in in_view) or 1.0
    extra_total = sum(weights[t] for t in extra) or 1.0
    top = max((s.passage.score for s in sentences), default=0.0) or 1.0
    asked = asked_words(question) | asked_words(context)
    wants_new = bool(_SOMETHING_ELSE.search(question))
    shape = ShapeEvidence(question)
    matches = [sum(weights[t] for t in terms if t in s.stems) for s in sentences]
    overlaps = [m / found_total for m in matches]
    # A reason often comes in the sentence after the claim a "why" asks about.
    why = after_claim(sentences, overlaps) if shape.why else [0.0] * len(sentences)
    rows, coverage = [], []
    for i, (s, cosine) in enumerate(zip(sentences, cosines)):
        matched = matches[i]
        # A story names its subject once, then says "the bridge": the headline and the
        # sentence before hold the question's names for the one that answers.
        before = sentences[i - 1].stems if i > 0 and sentences[i - 1].passage.chunk_id == s.passage.chunk_id \
            else frozenset()
        headline = known_stems(s.passage.title)
        neighbours = [overlaps[j] for j in (i - 1, i + 1)
                      if 0 <= j < len(sentences) and sentences[j].passage.chunk_id == s.passage.chunk_id]
        words = _lower_words(s.text)
        new = len(words) - sum(map(asked.__contains__, words))
        rows.append([
            overlaps[i], matched / total, cosine, max(s.passage.score, 0.0) / top, float(s.rank == 0),
            answer_type_bonus(question, s.text),
            max(neighbours, default=0.0), new / max(len(words), 1), math.log1p(len(words)),
            *shape(s.text),
            sum(weights[t] for t in extra if t in s.stems) / extra_total if extra else 0.0,
            float(wants_new and (s.passage.article_id, s.start, s.end) in quoted),
            (previous or {}).get(s.passage.article_id, 0.0),
            names_a_date(question, s.text),
            why[i],
            names_the_kind_asked(question, s.text),
            sum(weights[t] for t in terms if t in s.stems or t in before or t in headline) / in_view_total
            - matched / in_view_total,
            # "What's he doing about it?": the story goes on right after what was quoted.
            float(_goes_on_after(s, quoted)),
        ])
        coverage.append(matched / total)
    matrix = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(RANK_FEATURES))
    any_coverage = sum(weights[t] for t in terms if t in found) / total
    return Candidates(list(sentences), list(cosines), matrix, coverage, any_coverage if terms else 0.0,
                      named_terms(question, sentences), asks_for_type(question), terms)


def decide_row(c: Candidates, scores: np.ndarray, best: int, passage_cosine: float) -> np.ndarray:
    """Features (DECIDE_FEATURES order) of answering with sentence `best` at all."""
    ordered = np.sort(scores)[::-1]
    margin = float(ordered[0] - ordered[1]) if len(ordered) > 1 else 1.0
    top = c.sentences[best]
    everywhere = {t for t in (*c.decisive, *c.terms) if any(t in s.stems for s in c.sentences)}
    n = max(len(c.decisive), 1)
    missing_top = sum(t not in top.stems for t in c.decisive) / n if c.decisive else 0.0
    missing_any = sum(t not in everywhere for t in c.decisive) / n if c.decisive else 0.0
    type_match = c.rank_rows[best, 5]
    evidence = np.array([float(scores[best]), margin, max(c.cosines), passage_cosine, c.coverage[best],
                         c.any_coverage, missing_top, missing_any, float(c.typed),
                         float(c.typed and type_match == 0.0), c.rank_rows[best, 0],
                         # Question words no passage uses ("who designed"): what it asks may not be there.
                         min(sum(t not in everywhere for t in c.terms), 3) / 3])
    return np.concatenate([evidence, [evidence[i] * evidence[j] for i, j in _PAIRS]])
