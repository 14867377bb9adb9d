"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 2.8587, "coverage": 4.1709, "cosine": 8.5939, "passage": 6.0520, "top_passage": 0.2813,
                "type_match": 1.2517, "neighbour_overlap": -0.3753, "new_share": -2.0347, "log_words": 0.1886,
                "reason": 2.7620, "said": -1.2862, "counted": 3.4453, "named_date": 1.8915, "after_claim": -0.5978,
                "names_kind": 0.4305, "in_context": 3.6299}
DECIDE_WEIGHTS = {"rank_score": 0.2367, "rank_margin": -0.069736, "best_cosine": 0.9146, "passage_cosine": 1.9793,
                  "top_coverage": 0.12797, "any_coverage": 0.79125, "decisive_missing_top": -0.51539,
                  "decisive_missing_any": 0.37717, "typed": -0.16583, "typed_unmatched": 0.073719,
                  "top_overlap": -0.6644, "terms_nowhere": -0.7827, "rank_score*rank_score": 0.0050162,
                  "rank_score*rank_margin": 0.0013261, "rank_score*best_cosine": 0.060524,
                  "rank_score*passage_cosine": 0.082708, "rank_score*top_coverage": 0.026688,
                  "rank_score*any_coverage": 0.10072, "rank_score*decisive_missing_top": -0.0038748,
                  "rank_score*decisive_missing_any": -0.078486, "rank_score*typed": -0.024342,
                  "rank_score*typed_unmatched": 0.011988, "rank_score*top_overlap": 0.033692,
                  "rank_score*terms_nowhere": 0.014505, "rank_margin*rank_margin": 0.016462,
                  "rank_margin*best_cosine": 0.051612, "rank_margin*passage_cosine": -0.046719,
                  "rank_margin*top_coverage": 0.071291, "rank_margin*any_coverage": -0.041503,
                  "rank_margin*decisive_missing_top": 0.10707, "rank_margin*decisive_missing_any": 0.33266,
                  "rank_margin*typed": -0.07269, "rank_margin*typed_unmatched": 0.050103,
                  "rank_margin*top_overlap": 0.10447, "rank_margin*terms_nowhere": -0.05784,
                  "best_cosine*best_cosine": -0.78846, "best_cosine*passage_cosine": -1.9574,
                  "best_cosine*top_coverage": -1.0756, "best_cosine*any_coverage": -0.48655,
                  "best_cosine*decisive_missing_top": -0.25658, "best_cosine*decisive_missing_any": 1.0564,
                  "best_cosine*typed": 0.70502, "best_cosine*typed_unmatched": -0.37656,
                  "best_cosine*top_overlap": -0.34287, "best_cosine*terms_nowhere": 2.7627,
                  "passage_cosine*passage_cosine": -2.1408, "passage_cosine*top_coverage": -0.07093,
                  "passage_cosine*any_coverage": 1.2873, "passage_cosine*decisive_missing_top": 1.7143,
                  "passage_cosine*decisive_missing_any": 1.1913, "passage_cosine*typed": 0.32838,
                  "passage_cosine*typed_unmatched": -1.7626, "passage_cosine*top_overlap": 0.074295,
                  "passage_cosine*terms_nowhere": 1.8406, "top_coverage*top_coverage": -0.66376,
                  "top_coverage*any_coverage": -0.015314, "top_coverage*decisive_missing_top": 1.118,
                  "top_coverage*decisive_missing_any": -4.5497, "top_coverage*typed": 0.71503,
                  "top_coverage*typed_unmatched": 0.90708, "top_coverage*top_overlap": 0.068177,
                  "top_coverage*terms_nowhere": 5.307, "any_coverage*any_coverage": 0.69331,
                  "any_coverage*decisive_missing_top": -0.81681, "any_coverage*decisive_missing_any": -0.21406,
                  "any_coverage*typed": -0.71533, "any_coverage*typed_unmatched": 0.8205,
                  "any_coverage*top_overlap": 0.12797, "any_coverage*terms_nowhere": -1.2189,
                  "decisive_missing_top*decisive_missing_top": -0.375,
                  "decisive_missing_top*decisive_missing_any": -0.71955, "decisive_missing_top*typed": -0.68269,
                  "decisive_missing_top*typed_unmatched": 0.12143, "decisive_missing_top*top_overlap": 0.27473,
                  "decisive_missing_top*terms_nowhere": -0.53962, "decisive_missing_any*decisive_missing_any": 1.403,
                  "decisive_missing_any*typed": 0.12709, "decisive_missing_any*typed_unmatched": -3.7626,
                  "decisive_missing_any*top_overlap": -1.686, "decisive_missing_any*terms_nowhere": -0.36108,
                  "typed*typed": -0.16583, "typed*typed_unmatched": 0.073719, "typed*top_overlap": 0.052434,
                  "typed*terms_nowhere": -1.0908, "typed_unmatched*typed_unmatched": 0.073719,
                  "typed_unmatched*top_overlap": -0.74141, "typed_unmatched*terms_nowhere": 2.5107,
                  "top_overlap*top_overlap": 0.28385, "top_overlap*terms_nowhere": -0.63217,
                  "terms_nowhere*terms_nowhere": -1.3667}
DECIDE_BIAS = -7.7537
ANSWER_THRESHOLD = 0.1177

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
