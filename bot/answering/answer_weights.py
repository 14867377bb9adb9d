"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3850, "coverage": 4.9552, "cosine": 8.1465, "passage": 6.7267, "top_passage": 0.2446,
                "type_match": 1.1770, "neighbour_overlap": 0.8468, "new_share": -1.9580, "log_words": 0.1687,
                "reason": 2.7867, "said": -0.8343, "counted": 3.8308, "named_date": 1.9381, "after_claim": 0.4276,
                "names_kind": 0.1944}
DECIDE_WEIGHTS = {"rank_score": 0.21932, "rank_margin": -0.019883, "best_cosine": 1.1328, "passage_cosine": 2.1572,
                  "top_coverage": 0.38807, "any_coverage": 0.57411, "decisive_missing_top": -0.63769,
                  "decisive_missing_any": 0.3349, "typed": -0.1492, "typed_unmatched": 0.088282,
                  "top_overlap": -0.23373, "terms_nowhere": -0.77864, "rank_score*rank_score": 0.0041899,
                  "rank_score*rank_margin": 0.0011273, "rank_score*best_cosine": 0.064226,
                  "rank_score*passage_cosine": 0.086539, "rank_score*top_coverage": 0.020256,
                  "rank_score*any_coverage": 0.082906, "rank_score*decisive_missing_top": -0.0075086,
                  "rank_score*decisive_missing_any": -0.099405, "rank_score*typed": -0.023586,
                  "rank_score*typed_unmatched": 0.018611, "rank_score*top_overlap": 0.020839,
                  "rank_score*terms_nowhere": 0.0028775, "rank_margin*rank_margin": 0.010148,
                  "rank_margin*best_cosine": 0.081474, "rank_margin*passage_cosine": 0.036564,
                  "rank_margin*top_coverage": 0.048463, "rank_margin*any_coverage": -0.00927,
                  "rank_margin*decisive_missing_top": -0.028214, "rank_margin*decisive_missing_any": 0.48655,
                  "rank_margin*typed": -0.052108, "rank_margin*typed_unmatched": 0.13662,
                  "rank_margin*top_overlap": 0.10169, "rank_margin*terms_nowhere": -0.052746,
                  "best_cosine*best_cosine": -0.70668, "best_cosine*passage_cosine": -1.8693,
                  "best_cosine*top_coverage": -1.0785, "best_cosine*any_coverage": -0.49133,
                  "best_cosine*decisive_missing_top": 0.85927, "best_cosine*decisive_missing_any": 0.86308,
                  "best_cosine*typed": 0.76902, "best_cosine*typed_unmatched": -0.71077,
                  "best_cosine*top_overlap": -0.47274, "best_cosine*terms_nowhere": 2.5596,
                  "passage_cosine*passage_cosine": -1.9795, "passage_cosine*top_coverage": -0.053026,
                  "passage_cosine*any_coverage": 1.245, "passage_cosine*decisive_missing_top": 1.9193,
                  "passage_cosine*decisive_missing_any": 1.1964, "passage_cosine*typed": 0.32412,
                  "passage_cosine*typed_unmatched": -1.9517, "passage_cosine*top_overlap": -0.2069,
                  "passage_cosine*terms_nowhere": 1.6403, "top_coverage*top_coverage": -0.62046,
                  "top_coverage*any_coverage": 0.22353, "top_coverage*decisive_missing_top": 2.0524,
                  "top_coverage*decisive_missing_any": -4.3292, "top_coverage*typed": 0.68012,
                  "top_coverage*typed_unmatched": 0.61922, "top_coverage*top_overlap": -0.077093,
                  "top_coverage*terms_nowhere": 5.1741, "any_coverage*any_coverage": 0.51517,
                  "any_coverage*decisive_missing_top": -1.3613, "any_coverage*decisive_missing_any": 0.045394,
                  "any_coverage*typed": -0.72397, "any_coverage*typed_unmatched": 0.74828,
                  "any_coverage*top_overlap": 0.38807, "any_coverage*terms_nowhere": -1.0374,
                  "decisive_missing_top*decisive_missing_top": -0.41244,
                  "decisive_missing_top*decisive_missing_any": -0.14581, "decisive_missing_top*typed": -0.61139,
                  "decisive_missing_top*typed_unmatched": 0.82254, "decisive_missing_top*top_overlap": 0.312,
                  "decisive_missing_top*terms_nowhere": -0.79967, "decisive_missing_any*decisive_missing_any": 1.3592,
                  "decisive_missing_any*typed": -0.016942, "decisive_missing_any*typed_unmatched": -4.2294,
                  "decisive_missing_any*top_overlap": -2.2732, "decisive_missing_any*terms_nowhere": -0.49526,
                  "typed*typed": -0.1492, "typed*typed_unmatched": 0.088282, "typed*top_overlap": 0.091045,
                  "typed*terms_nowhere": -1.079, "typed_unmatched*typed_unmatched": 0.088282,
                  "typed_unmatched*top_overlap": -0.85172, "typed_unmatched*terms_nowhere": 2.5095,
                  "top_overlap*top_overlap": 0.25299, "top_overlap*terms_nowhere": -0.12063,
                  "terms_nowhere*terms_nowhere": -1.3112}
DECIDE_BIAS = -7.6558
ANSWER_THRESHOLD = 0.1336

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
