"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3928, "coverage": 4.9297, "cosine": 8.2275, "passage": 6.7569, "top_passage": 0.2324,
                "type_match": 1.0197, "neighbour_overlap": 0.8512, "new_share": -1.9436, "log_words": 0.2110,
                "reason": 2.1867, "said": -0.8093, "counted": 3.6136, "named_date": 2.0115, "after_claim": 0.3729}
DECIDE_WEIGHTS = {"rank_score": 0.22897, "rank_margin": -0.019379, "best_cosine": 1.0476, "passage_cosine": 2.2202,
                  "top_coverage": 0.37083, "any_coverage": 0.56986, "decisive_missing_top": -0.60546,
                  "decisive_missing_any": 0.33623, "typed": -0.16856, "typed_unmatched": 0.06959,
                  "top_overlap": -0.29937, "terms_nowhere": -0.79421, "rank_score*rank_score": 0.0045545,
                  "rank_score*rank_margin": 0.0014597, "rank_score*best_cosine": 0.063138,
                  "rank_score*passage_cosine": 0.088843, "rank_score*top_coverage": 0.017348,
                  "rank_score*any_coverage": 0.081184, "rank_score*decisive_missing_top": -0.0027071,
                  "rank_score*decisive_missing_any": -0.10186, "rank_score*typed": -0.025099,
                  "rank_score*typed_unmatched": 0.020869, "rank_score*top_overlap": 0.020076,
                  "rank_score*terms_nowhere": 0.013809, "rank_margin*rank_margin": 0.010681,
                  "rank_margin*best_cosine": 0.079516, "rank_margin*passage_cosine": 0.028491,
                  "rank_margin*top_coverage": 0.051846, "rank_margin*any_coverage": -0.00017657,
                  "rank_margin*decisive_missing_top": -0.03413, "rank_margin*decisive_missing_any": 0.52652,
                  "rank_margin*typed": -0.081901, "rank_margin*typed_unmatched": 0.1006,
                  "rank_margin*top_overlap": 0.094812, "rank_margin*terms_nowhere": -0.023149,
                  "best_cosine*best_cosine": -0.78666, "best_cosine*passage_cosine": -1.8798,
                  "best_cosine*top_coverage": -1.0849, "best_cosine*any_coverage": -0.52495,
                  "best_cosine*decisive_missing_top": 0.73091, "best_cosine*decisive_missing_any": 0.80051,
                  "best_cosine*typed": 0.77478, "best_cosine*typed_unmatched": -0.14602,
                  "best_cosine*top_overlap": -0.49317, "best_cosine*terms_nowhere": 2.3822,
                  "passage_cosine*passage_cosine": -1.9424, "passage_cosine*top_coverage": -0.099612,
                  "passage_cosine*any_coverage": 1.2111, "passage_cosine*decisive_missing_top": 1.9459,
                  "passage_cosine*decisive_missing_any": 1.5225, "passage_cosine*typed": 0.21434,
                  "passage_cosine*typed_unmatched": -1.4633, "passage_cosine*top_overlap": -0.21287,
                  "passage_cosine*terms_nowhere": 1.5941, "top_coverage*top_coverage": -0.61075,
                  "top_coverage*any_coverage": 0.21283, "top_coverage*decisive_missing_top": 2.0316,
                  "top_coverage*decisive_missing_any": -4.4061, "top_coverage*typed": 0.89994,
                  "top_coverage*typed_unmatched": 0.41319, "top_coverage*top_overlap": -0.061512,
                  "top_coverage*terms_nowhere": 5.0635, "any_coverage*any_coverage": 0.5026,
                  "any_coverage*decisive_missing_top": -1.2887, "any_coverage*decisive_missing_any": -0.0068332,
                  "any_coverage*typed": -0.68537, "any_coverage*typed_unmatched": 0.32907,
                  "any_coverage*top_overlap": 0.37083, "any_coverage*terms_nowhere": -1.1151,
                  "decisive_missing_top*decisive_missing_top": -0.46089,
                  "decisive_missing_top*decisive_missing_any": -0.1775, "decisive_missing_top*typed": -0.72105,
                  "decisive_missing_top*typed_unmatched": 1.2808, "decisive_missing_top*top_overlap": 0.29008,
                  "decisive_missing_top*terms_nowhere": -0.87304, "decisive_missing_any*decisive_missing_any": 1.3189,
                  "decisive_missing_any*typed": 0.06591, "decisive_missing_any*typed_unmatched": -3.0121,
                  "decisive_missing_any*top_overlap": -2.2827, "decisive_missing_any*terms_nowhere": -0.51493,
                  "typed*typed": -0.16856, "typed*typed_unmatched": 0.06959, "typed*top_overlap": 0.14747,
                  "typed*terms_nowhere": -1.0711, "typed_unmatched*typed_unmatched": 0.06959,
                  "typed_unmatched*top_overlap": -0.90224, "typed_unmatched*terms_nowhere": 2.0841,
                  "top_overlap*top_overlap": 0.24086, "top_overlap*terms_nowhere": -0.10078,
                  "terms_nowhere*terms_nowhere": -1.3168}
DECIDE_BIAS = -7.7283
ANSWER_THRESHOLD = 0.1341

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
