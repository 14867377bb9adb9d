"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3858, "coverage": 4.9499, "cosine": 8.1483, "passage": 6.7511, "top_passage": 0.2367,
                "type_match": 1.1877, "neighbour_overlap": 0.8435, "new_share": -1.9574, "log_words": 0.1945,
                "reason": 2.1809, "said": -0.8037, "counted": 3.8344, "named_date": 1.9342, "after_claim": 0.3685}
DECIDE_WEIGHTS = {"rank_score": 0.22621, "rank_margin": -0.01089, "best_cosine": 1.0922, "passage_cosine": 2.1617,
                  "top_coverage": 0.34682, "any_coverage": 0.56897, "decisive_missing_top": -0.57226,
                  "decisive_missing_any": 0.36718, "typed": -0.17577, "typed_unmatched": 0.10092,
                  "top_overlap": -0.31339, "terms_nowhere": -0.79079, "rank_score*rank_score": 0.0042628,
                  "rank_score*rank_margin": 0.0010118, "rank_score*best_cosine": 0.066445,
                  "rank_score*passage_cosine": 0.090065, "rank_score*top_coverage": 0.018992,
                  "rank_score*any_coverage": 0.081986, "rank_score*decisive_missing_top": -0.0063493,
                  "rank_score*decisive_missing_any": -0.10578, "rank_score*typed": -0.027132,
                  "rank_score*typed_unmatched": 0.022678, "rank_score*top_overlap": 0.020813,
                  "rank_score*terms_nowhere": 0.0086888, "rank_margin*rank_margin": 0.0078564,
                  "rank_margin*best_cosine": 0.091299, "rank_margin*passage_cosine": 0.050592,
                  "rank_margin*top_coverage": 0.053815, "rank_margin*any_coverage": 0.0050667,
                  "rank_margin*decisive_missing_top": -0.034202, "rank_margin*decisive_missing_any": 0.5299,
                  "rank_margin*typed": -0.066689, "rank_margin*typed_unmatched": 0.12007,
                  "rank_margin*top_overlap": 0.091681, "rank_margin*terms_nowhere": -0.034667,
                  "best_cosine*best_cosine": -0.73952, "best_cosine*passage_cosine": -1.8434,
                  "best_cosine*top_coverage": -1.1461, "best_cosine*any_coverage": -0.51034,
                  "best_cosine*decisive_missing_top": 0.76894, "best_cosine*decisive_missing_any": 0.72312,
                  "best_cosine*typed": 0.80503, "best_cosine*typed_unmatched": -0.6527,
                  "best_cosine*top_overlap": -0.51761, "best_cosine*terms_nowhere": 2.4305,
                  "passage_cosine*passage_cosine": -1.9319, "passage_cosine*top_coverage": -0.13432,
                  "passage_cosine*any_coverage": 1.2028, "passage_cosine*decisive_missing_top": 1.9005,
                  "passage_cosine*decisive_missing_any": 1.4855, "passage_cosine*typed": 0.31827,
                  "passage_cosine*typed_unmatched": -2.1073, "passage_cosine*top_overlap": -0.22012,
                  "passage_cosine*terms_nowhere": 1.6261, "top_coverage*top_coverage": -0.58095,
                  "top_coverage*any_coverage": 0.20156, "top_coverage*decisive_missing_top": 2.0913,
                  "top_coverage*decisive_missing_any": -4.4268, "top_coverage*typed": 0.76717,
                  "top_coverage*typed_unmatched": 0.65826, "top_coverage*top_overlap": -0.030903,
                  "top_coverage*terms_nowhere": 5.1198, "any_coverage*any_coverage": 0.50465,
                  "any_coverage*decisive_missing_top": -1.3059, "any_coverage*decisive_missing_any": 0.013041,
                  "any_coverage*typed": -0.73002, "any_coverage*typed_unmatched": 0.71984,
                  "any_coverage*top_overlap": 0.34682, "any_coverage*terms_nowhere": -1.0953,
                  "decisive_missing_top*decisive_missing_top": -0.47532,
                  "decisive_missing_top*decisive_missing_any": -0.17194, "decisive_missing_top*typed": -0.61903,
                  "decisive_missing_top*typed_unmatched": 0.84876, "decisive_missing_top*top_overlap": 0.32118,
                  "decisive_missing_top*terms_nowhere": -0.85912, "decisive_missing_any*decisive_missing_any": 1.3266,
                  "decisive_missing_any*typed": -0.044866, "decisive_missing_any*typed_unmatched": -3.8536,
                  "decisive_missing_any*top_overlap": -2.259, "decisive_missing_any*terms_nowhere": -0.45621,
                  "typed*typed": -0.17577, "typed*typed_unmatched": 0.10092, "typed*top_overlap": 0.086567,
                  "typed*terms_nowhere": -1.0633, "typed_unmatched*typed_unmatched": 0.10092,
                  "typed_unmatched*top_overlap": -0.82627, "typed_unmatched*terms_nowhere": 2.5145,
                  "top_overlap*top_overlap": 0.28011, "top_overlap*terms_nowhere": -0.10327,
                  "terms_nowhere*terms_nowhere": -1.3295}
DECIDE_BIAS = -7.6529
ANSWER_THRESHOLD = 0.1347

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
