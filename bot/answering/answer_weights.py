"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3846, "coverage": 4.9547, "cosine": 8.1677, "passage": 6.7391, "top_passage": 0.2411,
                "type_match": 1.1779, "neighbour_overlap": 0.8565, "new_share": -1.9571, "log_words": 0.1690,
                "reason": 2.1841, "said": -0.8355, "counted": 3.8320, "named_date": 1.9384, "after_claim": 0.3633,
                "names_kind": 0.1943}
DECIDE_WEIGHTS = {"rank_score": 0.22158, "rank_margin": -0.015374, "best_cosine": 1.1133, "passage_cosine": 2.1664,
                  "top_coverage": 0.37807, "any_coverage": 0.55425, "decisive_missing_top": -0.6126,
                  "decisive_missing_any": 0.36652, "typed": -0.15534, "typed_unmatched": 0.085823,
                  "top_overlap": -0.25941, "terms_nowhere": -0.77253, "rank_score*rank_score": 0.004301,
                  "rank_score*rank_margin": 0.0012911, "rank_score*best_cosine": 0.065078,
                  "rank_score*passage_cosine": 0.089105, "rank_score*top_coverage": 0.018538,
                  "rank_score*any_coverage": 0.080969, "rank_score*decisive_missing_top": -0.0086536,
                  "rank_score*decisive_missing_any": -0.10417, "rank_score*typed": -0.02502,
                  "rank_score*typed_unmatched": 0.018576, "rank_score*top_overlap": 0.019541,
                  "rank_score*terms_nowhere": 0.0045914, "rank_margin*rank_margin": 0.0077569,
                  "rank_margin*best_cosine": 0.091246, "rank_margin*passage_cosine": 0.052717,
                  "rank_margin*top_coverage": 0.050363, "rank_margin*any_coverage": -0.0032559,
                  "rank_margin*decisive_missing_top": -0.025244, "rank_margin*decisive_missing_any": 0.5243,
                  "rank_margin*typed": -0.063222, "rank_margin*typed_unmatched": 0.13416,
                  "rank_margin*top_overlap": 0.092745, "rank_margin*terms_nowhere": -0.036401,
                  "best_cosine*best_cosine": -0.72694, "best_cosine*passage_cosine": -1.8459,
                  "best_cosine*top_coverage": -1.1179, "best_cosine*any_coverage": -0.50788,
                  "best_cosine*decisive_missing_top": 0.81409, "best_cosine*decisive_missing_any": 0.78107,
                  "best_cosine*typed": 0.78443, "best_cosine*typed_unmatched": -0.70438,
                  "best_cosine*top_overlap": -0.50709, "best_cosine*terms_nowhere": 2.4517,
                  "passage_cosine*passage_cosine": -1.9305, "passage_cosine*top_coverage": -0.11582,
                  "passage_cosine*any_coverage": 1.2036, "passage_cosine*decisive_missing_top": 1.8893,
                  "passage_cosine*decisive_missing_any": 1.392, "passage_cosine*typed": 0.29931,
                  "passage_cosine*typed_unmatched": -1.9613, "passage_cosine*top_overlap": -0.21874,
                  "passage_cosine*terms_nowhere": 1.6262, "top_coverage*top_coverage": -0.58112,
                  "top_coverage*any_coverage": 0.24017, "top_coverage*decisive_missing_top": 2.0396,
                  "top_coverage*decisive_missing_any": -4.3646, "top_coverage*typed": 0.73221,
                  "top_coverage*typed_unmatched": 0.63405, "top_coverage*top_overlap": -0.049951,
                  "top_coverage*terms_nowhere": 5.1364, "any_coverage*any_coverage": 0.51445,
                  "any_coverage*decisive_missing_top": -1.3569, "any_coverage*decisive_missing_any": 0.043492,
                  "any_coverage*typed": -0.70915, "any_coverage*typed_unmatched": 0.75399,
                  "any_coverage*top_overlap": 0.37807, "any_coverage*terms_nowhere": -1.0582,
                  "decisive_missing_top*decisive_missing_top": -0.39047,
                  "decisive_missing_top*decisive_missing_any": -0.22141, "decisive_missing_top*typed": -0.60205,
                  "decisive_missing_top*typed_unmatched": 0.83522, "decisive_missing_top*top_overlap": 0.33021,
                  "decisive_missing_top*terms_nowhere": -0.871, "decisive_missing_any*decisive_missing_any": 1.3148,
                  "decisive_missing_any*typed": -0.032605, "decisive_missing_any*typed_unmatched": -4.2264,
                  "decisive_missing_any*top_overlap": -2.2636, "decisive_missing_any*terms_nowhere": -0.43135,
                  "typed*typed": -0.15534, "typed*typed_unmatched": 0.085823, "typed*top_overlap": 0.094864,
                  "typed*terms_nowhere": -1.062, "typed_unmatched*typed_unmatched": 0.085823,
                  "typed_unmatched*top_overlap": -0.85128, "typed_unmatched*terms_nowhere": 2.5297,
                  "top_overlap*top_overlap": 0.26113, "top_overlap*terms_nowhere": -0.10009,
                  "terms_nowhere*terms_nowhere": -1.3189}
DECIDE_BIAS = -7.6381
ANSWER_THRESHOLD = 0.1316

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
