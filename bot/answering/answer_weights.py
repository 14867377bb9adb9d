"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3519, "coverage": 4.9730, "cosine": 8.1372, "passage": 6.7595, "top_passage": 0.2426,
                "type_match": 1.1750, "neighbour_overlap": 0.8353, "new_share": -1.9770, "log_words": 0.1763,
                "reason": 2.7802, "said": -0.7982, "counted": 3.8319, "named_date": 1.9479, "after_claim": 0.4327,
                "names_kind": 0.4151}
DECIDE_WEIGHTS = {"rank_score": 0.22221, "rank_margin": -0.024111, "best_cosine": 1.1102, "passage_cosine": 2.1047,
                  "top_coverage": 0.37236, "any_coverage": 0.60655, "decisive_missing_top": -0.64058,
                  "decisive_missing_any": 0.34381, "typed": -0.15292, "typed_unmatched": 0.082645,
                  "top_overlap": -0.24476, "terms_nowhere": -0.812, "rank_score*rank_score": 0.0041885,
                  "rank_score*rank_margin": 0.0013348, "rank_score*best_cosine": 0.064801,
                  "rank_score*passage_cosine": 0.087799, "rank_score*top_coverage": 0.01974,
                  "rank_score*any_coverage": 0.083624, "rank_score*decisive_missing_top": -0.0044906,
                  "rank_score*decisive_missing_any": -0.096201, "rank_score*typed": -0.024393,
                  "rank_score*typed_unmatched": 0.019254, "rank_score*top_overlap": 0.021913,
                  "rank_score*terms_nowhere": 0.0044394, "rank_margin*rank_margin": 0.01039,
                  "rank_margin*best_cosine": 0.080928, "rank_margin*passage_cosine": 0.040359,
                  "rank_margin*top_coverage": 0.050954, "rank_margin*any_coverage": -0.012883,
                  "rank_margin*decisive_missing_top": -0.041743, "rank_margin*decisive_missing_any": 0.4742,
                  "rank_margin*typed": -0.047738, "rank_margin*typed_unmatched": 0.13982,
                  "rank_margin*top_overlap": 0.099416, "rank_margin*terms_nowhere": -0.056044,
                  "best_cosine*best_cosine": -0.6833, "best_cosine*passage_cosine": -1.8471,
                  "best_cosine*top_coverage": -1.148, "best_cosine*any_coverage": -0.49148,
                  "best_cosine*decisive_missing_top": 0.88449, "best_cosine*decisive_missing_any": 0.78843,
                  "best_cosine*typed": 0.73784, "best_cosine*typed_unmatched": -0.69665,
                  "best_cosine*top_overlap": -0.49035, "best_cosine*terms_nowhere": 2.5457,
                  "passage_cosine*passage_cosine": -1.9808, "passage_cosine*top_coverage": -0.11231,
                  "passage_cosine*any_coverage": 1.2341, "passage_cosine*decisive_missing_top": 1.9217,
                  "passage_cosine*decisive_missing_any": 1.1175, "passage_cosine*typed": 0.34575,
                  "passage_cosine*typed_unmatched": -1.8987, "passage_cosine*top_overlap": -0.18256,
                  "passage_cosine*terms_nowhere": 1.5803, "top_coverage*top_coverage": -0.62526,
                  "top_coverage*any_coverage": 0.18459, "top_coverage*decisive_missing_top": 2.0749,
                  "top_coverage*decisive_missing_any": -4.1572, "top_coverage*typed": 0.70319,
                  "top_coverage*typed_unmatched": 0.61023, "top_coverage*top_overlap": -0.049327,
                  "top_coverage*terms_nowhere": 5.2693, "any_coverage*any_coverage": 0.52757,
                  "any_coverage*decisive_missing_top": -1.3985, "any_coverage*decisive_missing_any": 0.016464,
                  "any_coverage*typed": -0.72431, "any_coverage*typed_unmatched": 0.75078,
                  "any_coverage*top_overlap": 0.37236, "any_coverage*terms_nowhere": -1.0925,
                  "decisive_missing_top*decisive_missing_top": -0.45366,
                  "decisive_missing_top*decisive_missing_any": -0.19145, "decisive_missing_top*typed": -0.61899,
                  "decisive_missing_top*typed_unmatched": 0.82041, "decisive_missing_top*top_overlap": 0.33849,
                  "decisive_missing_top*terms_nowhere": -0.74583, "decisive_missing_any*decisive_missing_any": 1.4135,
                  "decisive_missing_any*typed": -0.021017, "decisive_missing_any*typed_unmatched": -4.2492,
                  "decisive_missing_any*top_overlap": -2.2668, "decisive_missing_any*terms_nowhere": -0.51623,
                  "typed*typed": -0.15292, "typed*typed_unmatched": 0.082645, "typed*top_overlap": 0.076878,
                  "typed*terms_nowhere": -1.0451, "typed_unmatched*typed_unmatched": 0.082645,
                  "typed_unmatched*top_overlap": -0.87025, "typed_unmatched*terms_nowhere": 2.5155,
                  "top_overlap*top_overlap": 0.29018, "top_overlap*terms_nowhere": -0.12925,
                  "terms_nowhere*terms_nowhere": -1.3088}
DECIDE_BIAS = -7.6799
ANSWER_THRESHOLD = 0.1289

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
