"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3810, "coverage": 4.9600, "cosine": 8.1709, "passage": 6.7361, "top_passage": 0.2419,
                "type_match": 1.1750, "neighbour_overlap": 0.8601, "new_share": -1.9668, "log_words": 0.1660,
                "reason": 2.1851, "said": -0.8373, "counted": 3.8324, "named_date": 1.9407, "after_claim": 0.3617,
                "names_kind": 0.2248}
DECIDE_WEIGHTS = {"rank_score": 0.22331, "rank_margin": -0.014749, "best_cosine": 1.101, "passage_cosine": 2.1886,
                  "top_coverage": 0.36654, "any_coverage": 0.54213, "decisive_missing_top": -0.60722,
                  "decisive_missing_any": 0.36166, "typed": -0.15502, "typed_unmatched": 0.086736,
                  "top_overlap": -0.28575, "terms_nowhere": -0.76851, "rank_score*rank_score": 0.004345,
                  "rank_score*rank_margin": 0.0012517, "rank_score*best_cosine": 0.065921,
                  "rank_score*passage_cosine": 0.091132, "rank_score*top_coverage": 0.018625,
                  "rank_score*any_coverage": 0.081481, "rank_score*decisive_missing_top": -0.0096934,
                  "rank_score*decisive_missing_any": -0.10466, "rank_score*typed": -0.025527,
                  "rank_score*typed_unmatched": 0.018688, "rank_score*top_overlap": 0.018969,
                  "rank_score*terms_nowhere": 0.004206, "rank_margin*rank_margin": 0.0074629,
                  "rank_margin*best_cosine": 0.091291, "rank_margin*passage_cosine": 0.05369,
                  "rank_margin*top_coverage": 0.051405, "rank_margin*any_coverage": -0.0027776,
                  "rank_margin*decisive_missing_top": -0.028994, "rank_margin*decisive_missing_any": 0.51658,
                  "rank_margin*typed": -0.063405, "rank_margin*typed_unmatched": 0.13173,
                  "rank_margin*top_overlap": 0.093121, "rank_margin*terms_nowhere": -0.033439,
                  "best_cosine*best_cosine": -0.73275, "best_cosine*passage_cosine": -1.8475,
                  "best_cosine*top_coverage": -1.1279, "best_cosine*any_coverage": -0.52121,
                  "best_cosine*decisive_missing_top": 0.84373, "best_cosine*decisive_missing_any": 0.78623,
                  "best_cosine*typed": 0.7796, "best_cosine*typed_unmatched": -0.70186,
                  "best_cosine*top_overlap": -0.53136, "best_cosine*terms_nowhere": 2.4404,
                  "passage_cosine*passage_cosine": -1.9288, "passage_cosine*top_coverage": -0.13595,
                  "passage_cosine*any_coverage": 1.2096, "passage_cosine*decisive_missing_top": 1.8234,
                  "passage_cosine*decisive_missing_any": 1.4062, "passage_cosine*typed": 0.29519,
                  "passage_cosine*typed_unmatched": -1.9604, "passage_cosine*top_overlap": -0.26567,
                  "passage_cosine*terms_nowhere": 1.6259, "top_coverage*top_coverage": -0.56842,
                  "top_coverage*any_coverage": 0.24004, "top_coverage*decisive_missing_top": 2.0299,
                  "top_coverage*decisive_missing_any": -4.3037, "top_coverage*typed": 0.74235,
                  "top_coverage*typed_unmatched": 0.63187, "top_coverage*top_overlap": -0.02815,
                  "top_coverage*terms_nowhere": 5.1149, "any_coverage*any_coverage": 0.50441,
                  "any_coverage*decisive_missing_top": -1.3377, "any_coverage*decisive_missing_any": 0.028375,
                  "any_coverage*typed": -0.70647, "any_coverage*typed_unmatched": 0.76114,
                  "any_coverage*top_overlap": 0.36654, "any_coverage*terms_nowhere": -1.0585,
                  "decisive_missing_top*decisive_missing_top": -0.38027,
                  "decisive_missing_top*decisive_missing_any": -0.21959, "decisive_missing_top*typed": -0.59834,
                  "decisive_missing_top*typed_unmatched": 0.83723, "decisive_missing_top*top_overlap": 0.36451,
                  "decisive_missing_top*terms_nowhere": -0.90457, "decisive_missing_any*decisive_missing_any": 1.3036,
                  "decisive_missing_any*typed": -0.022998, "decisive_missing_any*typed_unmatched": -4.2376,
                  "decisive_missing_any*top_overlap": -2.2632, "decisive_missing_any*terms_nowhere": -0.4174,
                  "typed*typed": -0.15502, "typed*typed_unmatched": 0.086736, "typed*top_overlap": 0.10552,
                  "typed*terms_nowhere": -1.0588, "typed_unmatched*typed_unmatched": 0.086736,
                  "typed_unmatched*top_overlap": -0.84889, "typed_unmatched*terms_nowhere": 2.5267,
                  "top_overlap*top_overlap": 0.28888, "top_overlap*terms_nowhere": -0.098563,
                  "terms_nowhere*terms_nowhere": -1.3116}
DECIDE_BIAS = -7.6405
ANSWER_THRESHOLD = 0.1302

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
