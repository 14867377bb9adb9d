"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3516, "coverage": 4.9727, "cosine": 8.1584, "passage": 6.7713, "top_passage": 0.2391,
                "type_match": 1.1759, "neighbour_overlap": 0.8450, "new_share": -1.9758, "log_words": 0.1765,
                "reason": 2.1818, "said": -0.7994, "counted": 3.8331, "named_date": 1.9482, "after_claim": 0.3674,
                "names_kind": 0.4149}
DECIDE_WEIGHTS = {"rank_score": 0.2256, "rank_margin": -0.019469, "best_cosine": 1.0814, "passage_cosine": 2.1129,
                  "top_coverage": 0.34604, "any_coverage": 0.58413, "decisive_missing_top": -0.61443,
                  "decisive_missing_any": 0.37385, "typed": -0.1684, "typed_unmatched": 0.059539,
                  "top_overlap": -0.28484, "terms_nowhere": -0.8051, "rank_score*rank_score": 0.0043103,
                  "rank_score*rank_margin": 0.001441, "rank_score*best_cosine": 0.066081,
                  "rank_score*passage_cosine": 0.091069, "rank_score*top_coverage": 0.01795,
                  "rank_score*any_coverage": 0.081865, "rank_score*decisive_missing_top": -0.0051119,
                  "rank_score*decisive_missing_any": -0.099375, "rank_score*typed": -0.026718,
                  "rank_score*typed_unmatched": 0.018443, "rank_score*top_overlap": 0.020565,
                  "rank_score*terms_nowhere": 0.0070485, "rank_margin*rank_margin": 0.0077834,
                  "rank_margin*best_cosine": 0.090765, "rank_margin*passage_cosine": 0.056714,
                  "rank_margin*top_coverage": 0.053753, "rank_margin*any_coverage": -0.0060746,
                  "rank_margin*decisive_missing_top": -0.039384, "rank_margin*decisive_missing_any": 0.52908,
                  "rank_margin*typed": -0.06151, "rank_margin*typed_unmatched": 0.13143,
                  "rank_margin*top_overlap": 0.091251, "rank_margin*terms_nowhere": -0.032146,
                  "best_cosine*best_cosine": -0.70948, "best_cosine*passage_cosine": -1.826,
                  "best_cosine*top_coverage": -1.1975, "best_cosine*any_coverage": -0.51384,
                  "best_cosine*decisive_missing_top": 0.8516, "best_cosine*decisive_missing_any": 0.72719,
                  "best_cosine*typed": 0.74095, "best_cosine*typed_unmatched": -0.6986,
                  "best_cosine*top_overlap": -0.53937, "best_cosine*terms_nowhere": 2.4468,
                  "passage_cosine*passage_cosine": -1.9324, "passage_cosine*top_coverage": -0.17635,
                  "passage_cosine*any_coverage": 1.1851, "passage_cosine*decisive_missing_top": 1.9038,
                  "passage_cosine*decisive_missing_any": 1.3324, "passage_cosine*typed": 0.30582,
                  "passage_cosine*typed_unmatched": -1.9144, "passage_cosine*top_overlap": -0.19621,
                  "passage_cosine*terms_nowhere": 1.5862, "top_coverage*top_coverage": -0.58368,
                  "top_coverage*any_coverage": 0.187, "top_coverage*decisive_missing_top": 2.0873,
                  "top_coverage*decisive_missing_any": -4.2956, "top_coverage*typed": 0.76134,
                  "top_coverage*typed_unmatched": 0.62272, "top_coverage*top_overlap": -0.014215,
                  "top_coverage*terms_nowhere": 5.2264, "any_coverage*any_coverage": 0.5208,
                  "any_coverage*decisive_missing_top": -1.4, "any_coverage*decisive_missing_any": 0.038237,
                  "any_coverage*typed": -0.71137, "any_coverage*typed_unmatched": 0.74366,
                  "any_coverage*top_overlap": 0.34604, "any_coverage*terms_nowhere": -1.1048,
                  "decisive_missing_top*decisive_missing_top": -0.42603,
                  "decisive_missing_top*decisive_missing_any": -0.23164, "decisive_missing_top*typed": -0.61683,
                  "decisive_missing_top*typed_unmatched": 0.82536, "decisive_missing_top*top_overlap": 0.37097,
                  "decisive_missing_top*terms_nowhere": -0.81799, "decisive_missing_any*decisive_missing_any": 1.3582,
                  "decisive_missing_any*typed": -0.029007, "decisive_missing_any*typed_unmatched": -4.2048,
                  "decisive_missing_any*top_overlap": -2.2847, "decisive_missing_any*terms_nowhere": -0.47117,
                  "typed*typed": -0.1684, "typed*typed_unmatched": 0.059539, "typed*top_overlap": 0.076176,
                  "typed*terms_nowhere": -1.0343, "typed_unmatched*typed_unmatched": 0.059539,
                  "typed_unmatched*top_overlap": -0.89268, "typed_unmatched*terms_nowhere": 2.529,
                  "top_overlap*top_overlap": 0.31417, "top_overlap*terms_nowhere": -0.10318,
                  "terms_nowhere*terms_nowhere": -1.3134}
DECIDE_BIAS = -7.6405
ANSWER_THRESHOLD = 0.1321

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
