"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3750, "coverage": 4.9472, "cosine": 8.2000, "passage": 6.7572, "top_passage": 0.2345,
                "type_match": 1.0363, "neighbour_overlap": 0.8363, "new_share": -1.9621, "log_words": 0.2101,
                "reason": 2.7881, "said": -0.8065, "counted": 3.7099, "named_date": 1.9951, "after_claim": 0.4297}
DECIDE_WEIGHTS = {"rank_score": 0.22235, "rank_margin": -0.019569, "best_cosine": 1.106, "passage_cosine": 2.2109,
                  "top_coverage": 0.39713, "any_coverage": 0.58164, "decisive_missing_top": -0.69887,
                  "decisive_missing_any": 0.32896, "typed": -0.16227, "typed_unmatched": 0.077606,
                  "top_overlap": -0.25593, "terms_nowhere": -0.79402, "rank_score*rank_score": 0.0041586,
                  "rank_score*rank_margin": 0.0011924, "rank_score*best_cosine": 0.060853,
                  "rank_score*passage_cosine": 0.082516, "rank_score*top_coverage": 0.021004,
                  "rank_score*any_coverage": 0.080945, "rank_score*decisive_missing_top": 0.001232,
                  "rank_score*decisive_missing_any": -0.098961, "rank_score*typed": -0.025801,
                  "rank_score*typed_unmatched": 0.022007, "rank_score*top_overlap": 0.023726,
                  "rank_score*terms_nowhere": 0.013765, "rank_margin*rank_margin": 0.013447,
                  "rank_margin*best_cosine": 0.069824, "rank_margin*passage_cosine": 0.0084789,
                  "rank_margin*top_coverage": 0.049753, "rank_margin*any_coverage": -0.0030329,
                  "rank_margin*decisive_missing_top": -0.063308, "rank_margin*decisive_missing_any": 0.49747,
                  "rank_margin*typed": -0.074034, "rank_margin*typed_unmatched": 0.10617,
                  "rank_margin*top_overlap": 0.098964, "rank_margin*terms_nowhere": -0.029304,
                  "best_cosine*best_cosine": -0.73575, "best_cosine*passage_cosine": -1.8937,
                  "best_cosine*top_coverage": -1.0026, "best_cosine*any_coverage": -0.47652,
                  "best_cosine*decisive_missing_top": 0.7702, "best_cosine*decisive_missing_any": 0.85648,
                  "best_cosine*typed": 0.766, "best_cosine*typed_unmatched": -0.13727,
                  "best_cosine*top_overlap": -0.42612, "best_cosine*terms_nowhere": 2.4886,
                  "passage_cosine*passage_cosine": -1.9888, "passage_cosine*top_coverage": 0.0027048,
                  "passage_cosine*any_coverage": 1.253, "passage_cosine*decisive_missing_top": 2.0363,
                  "passage_cosine*decisive_missing_any": 1.2835, "passage_cosine*typed": 0.22098,
                  "passage_cosine*typed_unmatched": -1.4333, "passage_cosine*top_overlap": -0.16192,
                  "passage_cosine*terms_nowhere": 1.6254, "top_coverage*top_coverage": -0.66704,
                  "top_coverage*any_coverage": 0.21267, "top_coverage*decisive_missing_top": 2.0931,
                  "top_coverage*decisive_missing_any": -4.2495, "top_coverage*typed": 0.90185,
                  "top_coverage*typed_unmatched": 0.33939, "top_coverage*top_overlap": -0.11454,
                  "top_coverage*terms_nowhere": 5.0151, "any_coverage*any_coverage": 0.49892,
                  "any_coverage*decisive_missing_top": -1.2965, "any_coverage*decisive_missing_any": -0.010174,
                  "any_coverage*typed": -0.71648, "any_coverage*typed_unmatched": 0.32757,
                  "any_coverage*top_overlap": 0.39713, "any_coverage*terms_nowhere": -1.0624,
                  "decisive_missing_top*decisive_missing_top": -0.39983,
                  "decisive_missing_top*decisive_missing_any": -0.17134, "decisive_missing_top*typed": -0.64326,
                  "decisive_missing_top*typed_unmatched": 1.1844, "decisive_missing_top*top_overlap": 0.23527,
                  "decisive_missing_top*terms_nowhere": -0.87583, "decisive_missing_any*decisive_missing_any": 1.3606,
                  "decisive_missing_any*typed": 0.023792, "decisive_missing_any*typed_unmatched": -2.9845,
                  "decisive_missing_any*top_overlap": -2.2369, "decisive_missing_any*terms_nowhere": -0.522,
                  "typed*typed": -0.16227, "typed*typed_unmatched": 0.077606, "typed*top_overlap": 0.17026,
                  "typed*terms_nowhere": -1.0704, "typed_unmatched*typed_unmatched": 0.077606,
                  "typed_unmatched*top_overlap": -0.92875, "typed_unmatched*terms_nowhere": 2.0376,
                  "top_overlap*top_overlap": 0.20998, "top_overlap*terms_nowhere": -0.15186,
                  "terms_nowhere*terms_nowhere": -1.313}
DECIDE_BIAS = -7.6984
ANSWER_THRESHOLD = 0.1343

# Not fitted (SQuAD has no follow-ups): a follow-up's sentence gains this much for the
# share of the earlier question's terms it holds, and a sentence the last answer quoted
# loses this much when the follow-up asks for something else ("who else scored?").
CONTEXT_WEIGHT = 1.0
QUOTED_BEFORE_PENALTY = -3.0
# ...and a sentence of an article the last answer cited gains this much: a follow-up
# ("who paid for that?") is about what was just said.
PREVIOUS_ARTICLE_WEIGHT = 6.0
# A runner-up is quoted too when the ranker gives it at least this share of the best
# one's probability (on the training questions: answer hit 0.824 -> 0.860, citation
# precision 0.824 -> 0.755, 1.16 quotes per answer).
EXTRA_QUOTE_RATIO = 0.5


def rank_vector() -> np.ndarray:
    """RANK_WEIGHTS in the order of the feature rows."""
    weights = dict(RANK_WEIGHTS, context_overlap=CONTEXT_WEIGHT, quoted_before=QUOTED_BEFORE_PENALTY,
                   previous_article=PREVIOUS_ARTICLE_WEIGHT)
    return np.array([weights[n] for n in RANK_FEATURES])


def decide_vector() -> np.ndarray:
    """DECIDE_WEIGHTS in the order of the decision row."""
    return np.array([DECIDE_WEIGHTS[n] for n in DECIDE_FEATURES])
