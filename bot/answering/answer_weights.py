"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3425, "coverage": 4.9407, "cosine": 8.3589, "passage": 6.7160, "top_passage": 0.2467,
                "type_match": 1.3988, "bigrams": -0.0533, "neighbour_overlap": 0.8070, "new_share": -2.0541,
                "log_words": 0.2421, "reason": 2.2689, "said": -0.8112, "counted": 2.9787,
                "context_overlap": 0.0000, "quoted_before": 0.0000}
DECIDE_WEIGHTS = {"rank_score": 0.27253, "rank_margin": 0.01145, "best_cosine": 1.9543, "passage_cosine": 3.3241,
                  "top_coverage": 1.322, "any_coverage": 1.7151, "decisive_missing_top": -0.92472,
                  "decisive_missing_any": -0.10812, "typed": -0.36743, "typed_unmatched": 0.54348,
                  "top_overlap": 0.25365, "rank_score*rank_score": 0.0048886, "rank_score*rank_margin": 0.0026872,
                  "rank_score*best_cosine": 0.051795, "rank_score*passage_cosine": 0.073271,
                  "rank_score*top_coverage": 0.029888, "rank_score*any_coverage": 0.080422,
                  "rank_score*decisive_missing_top": -0.042426, "rank_score*decisive_missing_any": -0.10887,
                  "rank_score*typed": -0.03082, "rank_score*typed_unmatched": 0.038911,
                  "rank_score*top_overlap": 0.04247, "rank_margin*rank_margin": 0.0096298,
                  "rank_margin*best_cosine": 0.069533, "rank_margin*passage_cosine": 0.012938,
                  "rank_margin*top_coverage": 0.021438, "rank_margin*any_coverage": -0.019997,
                  "rank_margin*decisive_missing_top": 0.0050838, "rank_margin*decisive_missing_any": 0.45585,
                  "rank_margin*typed": -0.06118, "rank_margin*typed_unmatched": 0.0038514,
                  "rank_margin*top_overlap": 0.12645, "best_cosine*best_cosine": -0.64731,
                  "best_cosine*passage_cosine": -1.7181, "best_cosine*top_coverage": -1.5794,
                  "best_cosine*any_coverage": -1.2041, "best_cosine*decisive_missing_top": 0.80996,
                  "best_cosine*decisive_missing_any": 0.37062, "best_cosine*typed": 0.59548,
                  "best_cosine*typed_unmatched": -0.21437, "best_cosine*top_overlap": -0.22087,
                  "passage_cosine*passage_cosine": -1.5729, "passage_cosine*top_coverage": -0.66579,
                  "passage_cosine*any_coverage": 0.50205, "passage_cosine*decisive_missing_top": 2.4057,
                  "passage_cosine*decisive_missing_any": 1.485, "passage_cosine*typed": 0.043203,
                  "passage_cosine*typed_unmatched": -1.4136, "passage_cosine*top_overlap": -0.012178,
                  "top_coverage*top_coverage": -1.7202, "top_coverage*any_coverage": -0.71741,
                  "top_coverage*decisive_missing_top": 2.3377, "top_coverage*decisive_missing_any": -2.2734,
                  "top_coverage*typed": 1.5469, "top_coverage*typed_unmatched": -0.26168,
                  "top_coverage*top_overlap": 0.044341, "any_coverage*any_coverage": -0.3661,
                  "any_coverage*decisive_missing_top": -0.96442, "any_coverage*decisive_missing_any": 0.48797,
                  "any_coverage*typed": -0.35689, "any_coverage*typed_unmatched": -0.53004,
                  "any_coverage*top_overlap": 1.322, "decisive_missing_top*decisive_missing_top": -0.22669,
                  "decisive_missing_top*decisive_missing_any": -0.59965, "decisive_missing_top*typed": -0.76486,
                  "decisive_missing_top*typed_unmatched": 0.70607, "decisive_missing_top*top_overlap": -0.14822,
                  "decisive_missing_any*decisive_missing_any": 1.1634, "decisive_missing_any*typed": -0.40004,
                  "decisive_missing_any*typed_unmatched": -0.76339, "decisive_missing_any*top_overlap": -2.0356,
                  "typed*typed": -0.36743, "typed*typed_unmatched": 0.54348, "typed*top_overlap": -0.14793,
                  "typed_unmatched*typed_unmatched": 0.54348, "typed_unmatched*top_overlap": -0.13112,
                  "top_overlap*top_overlap": -0.29044}
DECIDE_BIAS = -9.3674
ANSWER_THRESHOLD = 0.1320

# Not fitted (SQuAD has no follow-ups): a follow-up's sentence gains this much for the
# share of the earlier question's terms it holds, and a sentence the last answer quoted
# loses this much, so a follow-up prefers something new unless only the old one answers.
CONTEXT_WEIGHT = 3.0
QUOTED_BEFORE_PENALTY = -2.0
# A runner-up is quoted too when the ranker gives it at least this share of the best
# one's probability and it holds question terms the best one lacks.
EXTRA_QUOTE_RATIO = 0.5


def rank_vector() -> np.ndarray:
    """RANK_WEIGHTS in the order of the feature rows."""
    weights = dict(RANK_WEIGHTS, context_overlap=CONTEXT_WEIGHT, quoted_before=QUOTED_BEFORE_PENALTY)
    return np.array([weights[n] for n in RANK_FEATURES])


def decide_vector() -> np.ndarray:
    """DECIDE_WEIGHTS in the order of the decision row."""
    return np.array([DECIDE_WEIGHTS[n] for n in DECIDE_FEATURES])
