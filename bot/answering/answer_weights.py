"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3239, "coverage": 4.9615, "cosine": 8.2917, "passage": 6.7225, "top_passage": 0.2391,
                "type_match": 1.3881, "neighbour_overlap": 0.8102, "new_share": -2.0122, "log_words": 0.2487,
                "reason": 2.2653, "said": -0.8081, "counted": 3.8221}
DECIDE_WEIGHTS = {"rank_score": 0.24792, "rank_margin": 0.017999, "best_cosine": 2.2077, "passage_cosine": 3.3916,
                  "top_coverage": 1.3937, "any_coverage": 1.7736, "decisive_missing_top": -0.91229,
                  "decisive_missing_any": -0.090625, "typed": -0.34207, "typed_unmatched": 0.53182,
                  "top_overlap": 0.32449, "rank_score*rank_score": 0.0034328, "rank_score*rank_margin": 0.0015219,
                  "rank_score*best_cosine": 0.049411, "rank_score*passage_cosine": 0.064379,
                  "rank_score*top_coverage": 0.030642, "rank_score*any_coverage": 0.079566,
                  "rank_score*decisive_missing_top": -0.042699, "rank_score*decisive_missing_any": -0.11679,
                  "rank_score*typed": -0.040973, "rank_score*typed_unmatched": 0.041335,
                  "rank_score*top_overlap": 0.038636, "rank_margin*rank_margin": 0.0058455,
                  "rank_margin*best_cosine": 0.095368, "rank_margin*passage_cosine": 0.024576,
                  "rank_margin*top_coverage": 0.042856, "rank_margin*any_coverage": -0.02177,
                  "rank_margin*decisive_missing_top": -0.0010477, "rank_margin*decisive_missing_any": 0.4438,
                  "rank_margin*typed": -0.081018, "rank_margin*typed_unmatched": 0.019581,
                  "rank_margin*top_overlap": 0.1371, "best_cosine*best_cosine": -0.51972,
                  "best_cosine*passage_cosine": -1.721, "best_cosine*top_coverage": -1.4944,
                  "best_cosine*any_coverage": -1.1793, "best_cosine*decisive_missing_top": 1.0235,
                  "best_cosine*decisive_missing_any": 0.42653, "best_cosine*typed": 0.70584,
                  "best_cosine*typed_unmatched": -0.27838, "best_cosine*top_overlap": -0.0079683,
                  "passage_cosine*passage_cosine": -1.5622, "passage_cosine*top_coverage": -0.60161,
                  "passage_cosine*any_coverage": 0.4569, "passage_cosine*decisive_missing_top": 2.2888,
                  "passage_cosine*decisive_missing_any": 1.4559, "passage_cosine*typed": 0.11475,
                  "passage_cosine*typed_unmatched": -1.5237, "passage_cosine*top_overlap": 0.15854,
                  "top_coverage*top_coverage": -1.7539, "top_coverage*any_coverage": -0.64377,
                  "top_coverage*decisive_missing_top": 2.2022, "top_coverage*decisive_missing_any": -2.3046,
                  "top_coverage*typed": 1.5819, "top_coverage*typed_unmatched": -0.40687,
                  "top_coverage*top_overlap": -0.0097835, "any_coverage*any_coverage": -0.4001,
                  "any_coverage*decisive_missing_top": -0.76729, "any_coverage*decisive_missing_any": 0.76908,
                  "any_coverage*typed": -0.29257, "any_coverage*typed_unmatched": -0.6034,
                  "any_coverage*top_overlap": 1.3937, "decisive_missing_top*decisive_missing_top": -0.36048,
                  "decisive_missing_top*decisive_missing_any": -0.54779, "decisive_missing_top*typed": -0.71015,
                  "decisive_missing_top*typed_unmatched": 0.62845, "decisive_missing_top*top_overlap": -0.14287,
                  "decisive_missing_any*decisive_missing_any": 1.1858, "decisive_missing_any*typed": -0.43767,
                  "decisive_missing_any*typed_unmatched": -0.77498, "decisive_missing_any*top_overlap": -2.012,
                  "typed*typed": -0.34207, "typed*typed_unmatched": 0.53182, "typed*top_overlap": -0.16072,
                  "typed_unmatched*typed_unmatched": 0.53182, "typed_unmatched*top_overlap": -0.23503,
                  "top_overlap*top_overlap": -0.28817}
DECIDE_BIAS = -9.1696
ANSWER_THRESHOLD = 0.1385

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
