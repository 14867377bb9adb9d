"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3458, "coverage": 4.9779, "cosine": 8.1367, "passage": 6.7618, "top_passage": 0.2445,
                "type_match": 1.1754, "neighbour_overlap": 0.8361, "new_share": -1.9722, "log_words": 0.1762,
                "reason": 2.6864, "said": -0.7982, "counted": 3.8316, "named_date": 1.9473, "after_claim": 0.4051,
                "names_kind": 0.4115}
DECIDE_WEIGHTS = {"rank_score": 0.22275, "rank_margin": -0.025662, "best_cosine": 1.1099, "passage_cosine": 2.1019,
                  "top_coverage": 0.37356, "any_coverage": 0.61971, "decisive_missing_top": -0.63338,
                  "decisive_missing_any": 0.35312, "typed": -0.15112, "typed_unmatched": 0.084343,
                  "top_overlap": -0.24048, "terms_nowhere": -0.8186, "rank_score*rank_score": 0.0042144,
                  "rank_score*rank_margin": 0.0014246, "rank_score*best_cosine": 0.064877,
                  "rank_score*passage_cosine": 0.087766, "rank_score*top_coverage": 0.019491,
                  "rank_score*any_coverage": 0.083805, "rank_score*decisive_missing_top": -0.0042089,
                  "rank_score*decisive_missing_any": -0.09649, "rank_score*typed": -0.024468,
                  "rank_score*typed_unmatched": 0.019356, "rank_score*top_overlap": 0.021301,
                  "rank_score*terms_nowhere": 0.0046618, "rank_margin*rank_margin": 0.010664,
                  "rank_margin*best_cosine": 0.083029, "rank_margin*passage_cosine": 0.039625,
                  "rank_margin*top_coverage": 0.050135, "rank_margin*any_coverage": -0.013452,
                  "rank_margin*decisive_missing_top": -0.038827, "rank_margin*decisive_missing_any": 0.48743,
                  "rank_margin*typed": -0.045751, "rank_margin*typed_unmatched": 0.14089,
                  "rank_margin*top_overlap": 0.096972, "rank_margin*terms_nowhere": -0.069784,
                  "best_cosine*best_cosine": -0.68887, "best_cosine*passage_cosine": -1.8546,
                  "best_cosine*top_coverage": -1.1541, "best_cosine*any_coverage": -0.48618,
                  "best_cosine*decisive_missing_top": 0.87995, "best_cosine*decisive_missing_any": 0.77048,
                  "best_cosine*typed": 0.7419, "best_cosine*typed_unmatched": -0.69378,
                  "best_cosine*top_overlap": -0.49142, "best_cosine*terms_nowhere": 2.544,
                  "passage_cosine*passage_cosine": -1.991, "passage_cosine*top_coverage": -0.11682,
                  "passage_cosine*any_coverage": 1.2423, "passage_cosine*decisive_missing_top": 1.9301,
                  "passage_cosine*decisive_missing_any": 1.1502, "passage_cosine*typed": 0.34803,
                  "passage_cosine*typed_unmatched": -1.894, "passage_cosine*top_overlap": -0.17576,
                  "passage_cosine*terms_nowhere": 1.5687, "top_coverage*top_coverage": -0.62393,
                  "top_coverage*any_coverage": 0.1852, "top_coverage*decisive_missing_top": 2.0647,
                  "top_coverage*decisive_missing_any": -4.2255, "top_coverage*typed": 0.70193,
                  "top_coverage*typed_unmatched": 0.61335, "top_coverage*top_overlap": -0.048364,
                  "top_coverage*terms_nowhere": 5.3127, "any_coverage*any_coverage": 0.52934,
                  "any_coverage*decisive_missing_top": -1.4036, "any_coverage*decisive_missing_any": 0.014099,
                  "any_coverage*typed": -0.72972, "any_coverage*typed_unmatched": 0.74688,
                  "any_coverage*top_overlap": 0.37356, "any_coverage*terms_nowhere": -1.0759,
                  "decisive_missing_top*decisive_missing_top": -0.45338,
                  "decisive_missing_top*decisive_missing_any": -0.19254, "decisive_missing_top*typed": -0.62135,
                  "decisive_missing_top*typed_unmatched": 0.82611, "decisive_missing_top*top_overlap": 0.32761,
                  "decisive_missing_top*terms_nowhere": -0.74772, "decisive_missing_any*decisive_missing_any": 1.4164,
                  "decisive_missing_any*typed": -0.019854, "decisive_missing_any*typed_unmatched": -4.2419,
                  "decisive_missing_any*top_overlap": -2.2808, "decisive_missing_any*terms_nowhere": -0.52921,
                  "typed*typed": -0.15112, "typed*typed_unmatched": 0.084343, "typed*top_overlap": 0.071474,
                  "typed*terms_nowhere": -1.0476, "typed_unmatched*typed_unmatched": 0.084343,
                  "typed_unmatched*top_overlap": -0.8785, "typed_unmatched*terms_nowhere": 2.5062,
                  "top_overlap*top_overlap": 0.29549, "top_overlap*terms_nowhere": -0.084553,
                  "terms_nowhere*terms_nowhere": -1.3047}
DECIDE_BIAS = -7.7091
ANSWER_THRESHOLD = 0.1291

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
