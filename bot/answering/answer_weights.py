"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3419, "coverage": 4.9554, "cosine": 8.2791, "passage": 6.7420, "top_passage": 0.2387,
                "type_match": 1.5128, "neighbour_overlap": 0.8218, "new_share": -2.0237, "log_words": 0.2414,
                "reason": 2.2642, "said": -0.8096, "counted": 3.7853}
DECIDE_WEIGHTS = {"rank_score": 0.25256, "rank_margin": 0.018686, "best_cosine": 2.1467, "passage_cosine": 3.3561,
                  "top_coverage": 1.3648, "any_coverage": 1.778, "decisive_missing_top": -0.95406,
                  "decisive_missing_any": -0.10312, "typed": -0.35183, "typed_unmatched": 0.55502,
                  "top_overlap": 0.33996, "rank_score*rank_score": 0.0035994, "rank_score*rank_margin": 0.0014441,
                  "rank_score*best_cosine": 0.052992, "rank_score*passage_cosine": 0.069503,
                  "rank_score*top_coverage": 0.030271, "rank_score*any_coverage": 0.082755,
                  "rank_score*decisive_missing_top": -0.035343, "rank_score*decisive_missing_any": -0.1167,
                  "rank_score*typed": -0.042232, "rank_score*typed_unmatched": 0.032625,
                  "rank_score*top_overlap": 0.037499, "rank_margin*rank_margin": 0.0057519,
                  "rank_margin*best_cosine": 0.098675, "rank_margin*passage_cosine": 0.02511,
                  "rank_margin*top_coverage": 0.050206, "rank_margin*any_coverage": -0.022,
                  "rank_margin*decisive_missing_top": -0.023913, "rank_margin*decisive_missing_any": 0.4496,
                  "rank_margin*typed": -0.069028, "rank_margin*typed_unmatched": -0.029724,
                  "rank_margin*top_overlap": 0.13722, "best_cosine*best_cosine": -0.54966,
                  "best_cosine*passage_cosine": -1.7292, "best_cosine*top_coverage": -1.5739,
                  "best_cosine*any_coverage": -1.1899, "best_cosine*decisive_missing_top": 1.0259,
                  "best_cosine*decisive_missing_any": 0.42498, "best_cosine*typed": 0.679,
                  "best_cosine*typed_unmatched": -0.27631, "best_cosine*top_overlap": -0.070449,
                  "passage_cosine*passage_cosine": -1.5503, "passage_cosine*top_coverage": -0.68078,
                  "passage_cosine*any_coverage": 0.48479, "passage_cosine*decisive_missing_top": 2.1666,
                  "passage_cosine*decisive_missing_any": 1.4863, "passage_cosine*typed": 0.052424,
                  "passage_cosine*typed_unmatched": -1.3582, "passage_cosine*top_overlap": 0.098447,
                  "top_coverage*top_coverage": -1.7654, "top_coverage*any_coverage": -0.72362,
                  "top_coverage*decisive_missing_top": 1.9583, "top_coverage*decisive_missing_any": -2.1071,
                  "top_coverage*typed": 1.6012, "top_coverage*typed_unmatched": -0.40927,
                  "top_coverage*top_overlap": 0.03758, "any_coverage*any_coverage": -0.38784,
                  "any_coverage*decisive_missing_top": -0.62427, "any_coverage*decisive_missing_any": 0.66709,
                  "any_coverage*typed": -0.37089, "any_coverage*typed_unmatched": -0.42315,
                  "any_coverage*top_overlap": 1.3648, "decisive_missing_top*decisive_missing_top": -0.2615,
                  "decisive_missing_top*decisive_missing_any": -0.58314, "decisive_missing_top*typed": -0.806,
                  "decisive_missing_top*typed_unmatched": 0.99619, "decisive_missing_top*top_overlap": -0.18633,
                  "decisive_missing_any*decisive_missing_any": 1.1624, "decisive_missing_any*typed": -0.37261,
                  "decisive_missing_any*typed_unmatched": -1.0381, "decisive_missing_any*top_overlap": -1.9685,
                  "typed*typed": -0.35183, "typed*typed_unmatched": 0.55502, "typed*top_overlap": -0.15226,
                  "typed_unmatched*typed_unmatched": 0.55502, "typed_unmatched*top_overlap": -0.22456,
                  "top_overlap*top_overlap": -0.24502}
DECIDE_BIAS = -9.2143
ANSWER_THRESHOLD = 0.1461

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
