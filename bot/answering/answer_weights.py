"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3448, "coverage": 4.9829, "cosine": 8.1349, "passage": 6.7605, "top_passage": 0.2442,
                "type_match": 1.1758, "neighbour_overlap": 0.8378, "new_share": -1.9737, "log_words": 0.1767,
                "reason": 2.6872, "said": -0.7984, "counted": 3.8311, "named_date": 1.9474, "after_claim": 0.3958,
                "names_kind": 0.4017}
DECIDE_WEIGHTS = {"rank_score": 0.22703, "rank_margin": -0.024915, "best_cosine": 1.0927, "passage_cosine": 2.0934,
                  "top_coverage": 0.36181, "any_coverage": 0.61549, "decisive_missing_top": -0.63042,
                  "decisive_missing_any": 0.3529, "typed": -0.1536, "typed_unmatched": 0.086474,
                  "top_overlap": -0.25091, "terms_nowhere": -0.81637, "rank_score*rank_score": 0.0042558,
                  "rank_score*rank_margin": 0.0014661, "rank_score*best_cosine": 0.06477,
                  "rank_score*passage_cosine": 0.087761, "rank_score*top_coverage": 0.019536,
                  "rank_score*any_coverage": 0.08524, "rank_score*decisive_missing_top": -0.0027931,
                  "rank_score*decisive_missing_any": -0.097412, "rank_score*typed": -0.025895,
                  "rank_score*typed_unmatched": 0.018914, "rank_score*top_overlap": 0.021469,
                  "rank_score*terms_nowhere": 0.0056774, "rank_margin*rank_margin": 0.01067,
                  "rank_margin*best_cosine": 0.08225, "rank_margin*passage_cosine": 0.036284,
                  "rank_margin*top_coverage": 0.049563, "rank_margin*any_coverage": -0.011874,
                  "rank_margin*decisive_missing_top": -0.03595, "rank_margin*decisive_missing_any": 0.48173,
                  "rank_margin*typed": -0.047582, "rank_margin*typed_unmatched": 0.14154,
                  "rank_margin*top_overlap": 0.09569, "rank_margin*terms_nowhere": -0.068627,
                  "best_cosine*best_cosine": -0.70543, "best_cosine*passage_cosine": -1.8616,
                  "best_cosine*top_coverage": -1.1599, "best_cosine*any_coverage": -0.49231,
                  "best_cosine*decisive_missing_top": 0.89228, "best_cosine*decisive_missing_any": 0.76103,
                  "best_cosine*typed": 0.74527, "best_cosine*typed_unmatched": -0.69571,
                  "best_cosine*top_overlap": -0.50032, "best_cosine*terms_nowhere": 2.5364,
                  "passage_cosine*passage_cosine": -1.9965, "passage_cosine*top_coverage": -0.10508,
                  "passage_cosine*any_coverage": 1.2339, "passage_cosine*decisive_missing_top": 1.9163,
                  "passage_cosine*decisive_missing_any": 1.1494, "passage_cosine*typed": 0.35893,
                  "passage_cosine*typed_unmatched": -1.895, "passage_cosine*top_overlap": -0.15944,
                  "passage_cosine*terms_nowhere": 1.5684, "top_coverage*top_coverage": -0.62745,
                  "top_coverage*any_coverage": 0.17875, "top_coverage*decisive_missing_top": 2.0438,
                  "top_coverage*decisive_missing_any": -4.1914, "top_coverage*typed": 0.70944,
                  "top_coverage*typed_unmatched": 0.60903, "top_coverage*top_overlap": -0.05272,
                  "top_coverage*terms_nowhere": 5.2918, "any_coverage*any_coverage": 0.52789,
                  "any_coverage*decisive_missing_top": -1.3997, "any_coverage*decisive_missing_any": 0.0060512,
                  "any_coverage*typed": -0.73401, "any_coverage*typed_unmatched": 0.74646,
                  "any_coverage*top_overlap": 0.36181, "any_coverage*terms_nowhere": -1.0666,
                  "decisive_missing_top*decisive_missing_top": -0.46921,
                  "decisive_missing_top*decisive_missing_any": -0.18626, "decisive_missing_top*typed": -0.62902,
                  "decisive_missing_top*typed_unmatched": 0.82912, "decisive_missing_top*top_overlap": 0.32016,
                  "decisive_missing_top*terms_nowhere": -0.7571, "decisive_missing_any*decisive_missing_any": 1.424,
                  "decisive_missing_any*typed": -0.01411, "decisive_missing_any*typed_unmatched": -4.2464,
                  "decisive_missing_any*top_overlap": -2.2743, "decisive_missing_any*terms_nowhere": -0.52467,
                  "typed*typed": -0.1536, "typed*typed_unmatched": 0.086474, "typed*top_overlap": 0.075171,
                  "typed*terms_nowhere": -1.0503, "typed_unmatched*typed_unmatched": 0.086474,
                  "typed_unmatched*top_overlap": -0.87864, "typed_unmatched*terms_nowhere": 2.5052,
                  "top_overlap*top_overlap": 0.29825, "top_overlap*terms_nowhere": -0.088927,
                  "terms_nowhere*terms_nowhere": -1.3033}
DECIDE_BIAS = -7.7348
ANSWER_THRESHOLD = 0.1300

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
