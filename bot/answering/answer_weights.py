"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3165, "coverage": 5.0175, "cosine": 8.2951, "passage": 6.7257, "top_passage": 0.2363,
                "type_match": 1.3922, "bigrams": -0.0643, "neighbour_overlap": 0.8127, "new_share": -2.0316,
                "log_words": 0.2500, "reason": 2.2672, "said": -0.8115, "counted": 3.7029}
DECIDE_WEIGHTS = {"rank_score": 0.26063, "rank_margin": 0.005868, "best_cosine": 2.0667, "passage_cosine": 3.3483,
                  "top_coverage": 1.3545, "any_coverage": 1.7968, "decisive_missing_top": -0.96533,
                  "decisive_missing_any": -0.090547, "typed": -0.33687, "typed_unmatched": 0.51106,
                  "top_overlap": 0.37707, "rank_score*rank_score": 0.004005, "rank_score*rank_margin": 0.001286,
                  "rank_score*best_cosine": 0.050933, "rank_score*passage_cosine": 0.069585,
                  "rank_score*top_coverage": 0.030377, "rank_score*any_coverage": 0.086129,
                  "rank_score*decisive_missing_top": -0.040265, "rank_score*decisive_missing_any": -0.11862,
                  "rank_score*typed": -0.037729, "rank_score*typed_unmatched": 0.038687,
                  "rank_score*top_overlap": 0.041445, "rank_margin*rank_margin": 0.0052527,
                  "rank_margin*best_cosine": 0.092831, "rank_margin*passage_cosine": 0.029831,
                  "rank_margin*top_coverage": 0.061192, "rank_margin*any_coverage": -0.021226,
                  "rank_margin*decisive_missing_top": -0.021042, "rank_margin*decisive_missing_any": 0.46391,
                  "rank_margin*typed": -0.084294, "rank_margin*typed_unmatched": 0.0092034,
                  "rank_margin*top_overlap": 0.14455, "best_cosine*best_cosine": -0.55965,
                  "best_cosine*passage_cosine": -1.715, "best_cosine*top_coverage": -1.6748,
                  "best_cosine*any_coverage": -1.178, "best_cosine*decisive_missing_top": 1.0153,
                  "best_cosine*decisive_missing_any": 0.38442, "best_cosine*typed": 0.61047,
                  "best_cosine*typed_unmatched": -0.26053, "best_cosine*top_overlap": -0.1155,
                  "passage_cosine*passage_cosine": -1.5551, "passage_cosine*top_coverage": -0.82347,
                  "passage_cosine*any_coverage": 0.51205, "passage_cosine*decisive_missing_top": 2.3021,
                  "passage_cosine*decisive_missing_any": 1.4307, "passage_cosine*typed": 0.013296,
                  "passage_cosine*typed_unmatched": -1.4672, "passage_cosine*top_overlap": 0.055406,
                  "top_coverage*top_coverage": -1.7947, "top_coverage*any_coverage": -0.79543,
                  "top_coverage*decisive_missing_top": 2.0729, "top_coverage*decisive_missing_any": -2.2968,
                  "top_coverage*typed": 1.5052, "top_coverage*typed_unmatched": -0.32109,
                  "top_coverage*top_overlap": 0.049917, "any_coverage*any_coverage": -0.39878,
                  "any_coverage*decisive_missing_top": -0.6435, "any_coverage*decisive_missing_any": 0.67926,
                  "any_coverage*typed": -0.31533, "any_coverage*typed_unmatched": -0.60949,
                  "any_coverage*top_overlap": 1.3545, "decisive_missing_top*decisive_missing_top": -0.3452,
                  "decisive_missing_top*decisive_missing_any": -0.54957, "decisive_missing_top*typed": -0.80185,
                  "decisive_missing_top*typed_unmatched": 0.63616, "decisive_missing_top*top_overlap": -0.20573,
                  "decisive_missing_any*decisive_missing_any": 1.1732, "decisive_missing_any*typed": -0.42837,
                  "decisive_missing_any*typed_unmatched": -0.81236, "decisive_missing_any*top_overlap": -2.007,
                  "typed*typed": -0.33687, "typed*typed_unmatched": 0.51106, "typed*top_overlap": -0.14273,
                  "typed_unmatched*typed_unmatched": 0.51106, "typed_unmatched*top_overlap": -0.25209,
                  "top_overlap*top_overlap": -0.25958}
DECIDE_BIAS = -9.2676
ANSWER_THRESHOLD = 0.1418

# Not fitted (SQuAD has no follow-ups): a follow-up's sentence gains this much for the
# share of the earlier question's terms it holds, and a sentence the last answer quoted
# loses this much when the follow-up asks for something else ("who else scored?").
CONTEXT_WEIGHT = 3.0
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
