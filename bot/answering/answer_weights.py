"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15; the decision (`--decision-only`, over the ranker below) with the
questions of the development reader sets besides, never the held-out ones. Refit
after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 2.8603, "coverage": 4.1698, "cosine": 8.5967, "passage": 6.0643, "top_passage": 0.2800,
                "type_match": 1.2521, "neighbour_overlap": -0.3716, "new_share": -2.0355, "log_words": 0.1893,
                "reason": 2.6608, "said": -1.2876, "counted": 3.4461, "named_date": 1.8918, "after_claim": -0.4768,
                "names_kind": 0.4310, "in_context": 3.6282}
DECIDE_WEIGHTS = {"rank_score": 0.35353, "rank_margin": -0.057545, "best_cosine": -2.1942, "passage_cosine": 2.0016,
                  "top_coverage": 0.16039, "any_coverage": -0.61281, "decisive_missing_top": -0.71939,
                  "decisive_missing_any": -0.87799, "typed": 0.045204, "typed_unmatched": -0.30915,
                  "top_overlap": -0.43824, "terms_nowhere": -1.1895, "rank_score*rank_score": 0.0040087,
                  "rank_score*rank_margin": -0.00022199, "rank_score*best_cosine": 0.039658,
                  "rank_score*passage_cosine": 0.050189, "rank_score*top_coverage": -0.010903,
                  "rank_score*any_coverage": 0.071382, "rank_score*decisive_missing_top": -0.058383,
                  "rank_score*decisive_missing_any": -0.1042, "rank_score*typed": -0.055,
                  "rank_score*typed_unmatched": 0.035914, "rank_score*top_overlap": -0.0064829,
                  "rank_score*terms_nowhere": 0.05729, "rank_margin*rank_margin": -0.0031615,
                  "rank_margin*best_cosine": 0.16483, "rank_margin*passage_cosine": -0.36288,
                  "rank_margin*top_coverage": 0.14122, "rank_margin*any_coverage": 0.0023228,
                  "rank_margin*decisive_missing_top": -0.064407, "rank_margin*decisive_missing_any": 0.67841,
                  "rank_margin*typed": 0.0098672, "rank_margin*typed_unmatched": 0.1029,
                  "rank_margin*top_overlap": 0.075706, "rank_margin*terms_nowhere": 0.15814,
                  "best_cosine*best_cosine": 2.2907, "best_cosine*passage_cosine": -2.0957,
                  "best_cosine*top_coverage": 0.1221, "best_cosine*any_coverage": 0.17622,
                  "best_cosine*decisive_missing_top": 0.93988, "best_cosine*decisive_missing_any": 1.4297,
                  "best_cosine*typed": -0.012146, "best_cosine*typed_unmatched": -0.27357,
                  "best_cosine*top_overlap": 0.35067, "best_cosine*terms_nowhere": 0.4543,
                  "passage_cosine*passage_cosine": -1.4915, "passage_cosine*top_coverage": -1.5531,
                  "passage_cosine*any_coverage": 0.36359, "passage_cosine*decisive_missing_top": 0.16756,
                  "passage_cosine*decisive_missing_any": 3.1696, "passage_cosine*typed": -0.15791,
                  "passage_cosine*typed_unmatched": -0.67486, "passage_cosine*top_overlap": -0.84264,
                  "passage_cosine*terms_nowhere": 2.0183, "top_coverage*top_coverage": -0.097584,
                  "top_coverage*any_coverage": 0.50066, "top_coverage*decisive_missing_top": 1.3328,
                  "top_coverage*decisive_missing_any": -2.5301, "top_coverage*typed": 0.67295,
                  "top_coverage*typed_unmatched": 1.1535, "top_coverage*top_overlap": -0.072363,
                  "top_coverage*terms_nowhere": 2.5911, "any_coverage*any_coverage": 0.51087,
                  "any_coverage*decisive_missing_top": -0.82874, "any_coverage*decisive_missing_any": 0.75391,
                  "any_coverage*typed": -0.68781, "any_coverage*typed_unmatched": 1.4735,
                  "any_coverage*top_overlap": 0.16039, "any_coverage*terms_nowhere": -1.2492,
                  "decisive_missing_top*decisive_missing_top": 0.10087,
                  "decisive_missing_top*decisive_missing_any": -0.89869, "decisive_missing_top*typed": 0.029318,
                  "decisive_missing_top*typed_unmatched": -0.40328, "decisive_missing_top*top_overlap": 1.1146,
                  "decisive_missing_top*terms_nowhere": -0.30062,
                  "decisive_missing_any*decisive_missing_any": 1.2966, "decisive_missing_any*typed": 0.038323,
                  "decisive_missing_any*typed_unmatched": -3.2386, "decisive_missing_any*top_overlap": -2.3256,
                  "decisive_missing_any*terms_nowhere": -1.3541, "typed*typed": 0.045204,
                  "typed*typed_unmatched": -0.30915, "typed*top_overlap": 0.04207, "typed*terms_nowhere": -0.46361,
                  "typed_unmatched*typed_unmatched": -0.30915, "typed_unmatched*top_overlap": -1.2274,
                  "typed_unmatched*terms_nowhere": 2.4042, "top_overlap*top_overlap": 0.1133,
                  "top_overlap*terms_nowhere": -0.49722, "terms_nowhere*terms_nowhere": -0.99946}
DECIDE_BIAS = -5.8285
ANSWER_THRESHOLD = 0.1672
# Not fitted (SQuAD has no follow-ups): a follow-up's sentence gains this much for the
# share of the earlier question's terms it holds, and a sentence the last answer quoted
# loses this much when the follow-up asks for something else ("who else scored?").
CONTEXT_WEIGHT = 1.0
QUOTED_BEFORE_PENALTY = -3.0
# ...and a sentence of an article the last answer cited gains this much: a follow-up
# ("who paid for that?") is about what was just said.
PREVIOUS_ARTICLE_WEIGHT = 6.0
# ...and a sentence right after the last answer's quote gains this much: a follow-up's
# "he", "it" is often answered where the story goes on.
AFTER_QUOTED_WEIGHT = 1.0
# A runner-up is quoted too when the ranker gives it at least this share of the best
# one's probability (on the training questions: answer hit 0.824 -> 0.860, citation
# precision 0.824 -> 0.755, 1.16 quotes per answer).
EXTRA_QUOTE_RATIO = 0.5
# A runner-up right beside the best sentence in its passage joins the first quote (one
# quote of two sentences, not a second one) at this much lower share: the answer often
# runs on into, or starts in, the sentence next to the one that holds the question's
# words. Chosen with `python -m benchmarks.quote_ratio` on training articles 16-41
# (first-quote hit 0.803 -> 0.817, words in the first quote 34.1 -> 38.9; below 0.05
# only the words grow).
BESIDE_QUOTE_RATIO = 0.05


def rank_vector() -> np.ndarray:
    """RANK_WEIGHTS in the order of the feature rows."""
    weights = dict(RANK_WEIGHTS, context_overlap=CONTEXT_WEIGHT, quoted_before=QUOTED_BEFORE_PENALTY,
                   previous_article=PREVIOUS_ARTICLE_WEIGHT, after_quoted=AFTER_QUOTED_WEIGHT)
    return np.array([weights[n] for n in RANK_FEATURES])


def decide_vector() -> np.ndarray:
    """DECIDE_WEIGHTS in the order of the decision row."""
    return np.array([DECIDE_WEIGHTS[n] for n in DECIDE_FEATURES])
