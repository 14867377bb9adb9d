"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3791, "coverage": 4.9450, "cosine": 8.2101, "passage": 6.7340, "top_passage": 0.2363,
                "type_match": 1.0753, "neighbour_overlap": 0.8439, "new_share": -1.9443, "log_words": 0.2015,
                "reason": 2.1846, "said": -0.8057, "counted": 3.6960, "named_date": 2.0293, "after_claim": 0.3711}
DECIDE_WEIGHTS = {"rank_score": 0.22573, "rank_margin": -0.016994, "best_cosine": 1.0719, "passage_cosine": 2.1819,
                  "top_coverage": 0.37109, "any_coverage": 0.57375, "decisive_missing_top": -0.67575,
                  "decisive_missing_any": 0.36484, "typed": -0.18544, "typed_unmatched": 0.11786,
                  "top_overlap": -0.29578, "terms_nowhere": -0.7965, "rank_score*rank_score": 0.0043814,
                  "rank_score*rank_margin": 0.0011645, "rank_score*best_cosine": 0.066846,
                  "rank_score*passage_cosine": 0.090121, "rank_score*top_coverage": 0.018751,
                  "rank_score*any_coverage": 0.079834, "rank_score*decisive_missing_top": 0.0015321,
                  "rank_score*decisive_missing_any": -0.10508, "rank_score*typed": -0.026687,
                  "rank_score*typed_unmatched": 0.02044, "rank_score*top_overlap": 0.021533,
                  "rank_score*terms_nowhere": 0.014179, "rank_margin*rank_margin": 0.010798,
                  "rank_margin*best_cosine": 0.084434, "rank_margin*passage_cosine": 0.0336,
                  "rank_margin*top_coverage": 0.052163, "rank_margin*any_coverage": 0.0015016,
                  "rank_margin*decisive_missing_top": -0.065979, "rank_margin*decisive_missing_any": 0.56204,
                  "rank_margin*typed": -0.081994, "rank_margin*typed_unmatched": 0.11836,
                  "rank_margin*top_overlap": 0.09483, "rank_margin*terms_nowhere": -0.02461,
                  "best_cosine*best_cosine": -0.75382, "best_cosine*passage_cosine": -1.8709,
                  "best_cosine*top_coverage": -1.1302, "best_cosine*any_coverage": -0.51016,
                  "best_cosine*decisive_missing_top": 0.78099, "best_cosine*decisive_missing_any": 0.6485,
                  "best_cosine*typed": 0.86018, "best_cosine*typed_unmatched": -0.7071,
                  "best_cosine*top_overlap": -0.5428, "best_cosine*terms_nowhere": 2.4014,
                  "passage_cosine*passage_cosine": -1.9555, "passage_cosine*top_coverage": -0.094213,
                  "passage_cosine*any_coverage": 1.2079, "passage_cosine*decisive_missing_top": 1.9848,
                  "passage_cosine*decisive_missing_any": 1.471, "passage_cosine*typed": 0.22399,
                  "passage_cosine*typed_unmatched": -1.7987, "passage_cosine*top_overlap": -0.21804,
                  "passage_cosine*terms_nowhere": 1.6142, "top_coverage*top_coverage": -0.60774,
                  "top_coverage*any_coverage": 0.22004, "top_coverage*decisive_missing_top": 2.1179,
                  "top_coverage*decisive_missing_any": -4.468, "top_coverage*typed": 0.91276,
                  "top_coverage*typed_unmatched": 0.52313, "top_coverage*top_overlap": -0.055323,
                  "top_coverage*terms_nowhere": 4.9966, "any_coverage*any_coverage": 0.49632,
                  "any_coverage*decisive_missing_top": -1.3348, "any_coverage*decisive_missing_any": 0.015578,
                  "any_coverage*typed": -0.72331, "any_coverage*typed_unmatched": 0.54942,
                  "any_coverage*top_overlap": 0.37109, "any_coverage*terms_nowhere": -1.0838,
                  "decisive_missing_top*decisive_missing_top": -0.38815,
                  "decisive_missing_top*decisive_missing_any": -0.19558, "decisive_missing_top*typed": -0.60757,
                  "decisive_missing_top*typed_unmatched": 1.0161, "decisive_missing_top*top_overlap": 0.26961,
                  "decisive_missing_top*terms_nowhere": -0.93666, "decisive_missing_any*decisive_missing_any": 1.3137,
                  "decisive_missing_any*typed": 0.027563, "decisive_missing_any*typed_unmatched": -4.2623,
                  "decisive_missing_any*top_overlap": -2.2482, "decisive_missing_any*terms_nowhere": -0.41032,
                  "typed*typed": -0.18544, "typed*typed_unmatched": 0.11786, "typed*top_overlap": 0.13419,
                  "typed*terms_nowhere": -1.0876, "typed_unmatched*typed_unmatched": 0.11786,
                  "typed_unmatched*top_overlap": -0.85093, "typed_unmatched*terms_nowhere": 2.4391,
                  "top_overlap*top_overlap": 0.26234, "top_overlap*terms_nowhere": -0.10933,
                  "terms_nowhere*terms_nowhere": -1.3318}
DECIDE_BIAS = -7.6711
ANSWER_THRESHOLD = 0.1344

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
