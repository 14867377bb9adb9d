"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.6963, "coverage": 4.5119, "cosine": 8.0721, "passage": 6.7115, "top_passage": 0.2637,
                "type_match": 1.1248, "neighbour_overlap": 0.8595, "new_share": -2.0060, "log_words": 0.1733,
                "reason": 2.5786, "said": -1.2407, "counted": 3.8997, "named_date": 1.9746, "after_claim": 0.1325,
                "names_kind": 0.4036}
DECIDE_WEIGHTS = {"rank_score": 0.2343, "rank_margin": -0.039063, "best_cosine": 1.1647, "passage_cosine": 2.1651,
                  "top_coverage": 0.37397, "any_coverage": 0.52805, "decisive_missing_top": -0.59215,
                  "decisive_missing_any": 0.38599, "typed": -0.15484, "typed_unmatched": 0.12339,
                  "top_overlap": -0.55853, "terms_nowhere": -0.8231, "rank_score*rank_score": 0.0044376,
                  "rank_score*rank_margin": 0.00082799, "rank_score*best_cosine": 0.068772,
                  "rank_score*passage_cosine": 0.094974, "rank_score*top_coverage": 0.031683,
                  "rank_score*any_coverage": 0.091845, "rank_score*decisive_missing_top": 0.0030286,
                  "rank_score*decisive_missing_any": -0.090197, "rank_score*typed": -0.031619,
                  "rank_score*typed_unmatched": 0.019595, "rank_score*top_overlap": 0.022131,
                  "rank_score*terms_nowhere": -0.001971, "rank_margin*rank_margin": 0.0095883,
                  "rank_margin*best_cosine": 0.068768, "rank_margin*passage_cosine": 0.0042641,
                  "rank_margin*top_coverage": 0.08986, "rank_margin*any_coverage": -0.0041466,
                  "rank_margin*decisive_missing_top": -0.037936, "rank_margin*decisive_missing_any": 0.5252,
                  "rank_margin*typed": -0.049687, "rank_margin*typed_unmatched": 0.12953,
                  "rank_margin*top_overlap": 0.12234, "rank_margin*terms_nowhere": -0.054618,
                  "best_cosine*best_cosine": -0.70481, "best_cosine*passage_cosine": -1.8209,
                  "best_cosine*top_coverage": -1.0391, "best_cosine*any_coverage": -0.64227,
                  "best_cosine*decisive_missing_top": 0.77404, "best_cosine*decisive_missing_any": 0.68782,
                  "best_cosine*typed": 0.7035, "best_cosine*typed_unmatched": -0.47606,
                  "best_cosine*top_overlap": -0.71169, "best_cosine*terms_nowhere": 2.5156,
                  "passage_cosine*passage_cosine": -1.9082, "passage_cosine*top_coverage": 0.031354,
                  "passage_cosine*any_coverage": 1.0274, "passage_cosine*decisive_missing_top": 1.6348,
                  "passage_cosine*decisive_missing_any": 0.9307, "passage_cosine*typed": 0.32294,
                  "passage_cosine*typed_unmatched": -1.6858, "passage_cosine*top_overlap": -0.40838,
                  "passage_cosine*terms_nowhere": 1.6236, "top_coverage*top_coverage": -0.70521,
                  "top_coverage*any_coverage": 0.13814, "top_coverage*decisive_missing_top": 1.8886,
                  "top_coverage*decisive_missing_any": -5.1473, "top_coverage*typed": 0.85712,
                  "top_coverage*typed_unmatched": 0.66295, "top_coverage*top_overlap": 0.047678,
                  "top_coverage*terms_nowhere": 5.9634, "any_coverage*any_coverage": 0.45093,
                  "any_coverage*decisive_missing_top": -1.3945, "any_coverage*decisive_missing_any": -0.055412,
                  "any_coverage*typed": -0.73996, "any_coverage*typed_unmatched": 0.48222,
                  "any_coverage*top_overlap": 0.37397, "any_coverage*terms_nowhere": -1.5663,
                  "decisive_missing_top*decisive_missing_top": -0.3495,
                  "decisive_missing_top*decisive_missing_any": -0.28166, "decisive_missing_top*typed": -0.654,
                  "decisive_missing_top*typed_unmatched": 0.78148, "decisive_missing_top*top_overlap": 0.35449,
                  "decisive_missing_top*terms_nowhere": -0.77492, "decisive_missing_any*decisive_missing_any": 1.2811,
                  "decisive_missing_any*typed": 0.070424, "decisive_missing_any*typed_unmatched": -4.1016,
                  "decisive_missing_any*top_overlap": -1.9223, "decisive_missing_any*terms_nowhere": -0.29787,
                  "typed*typed": -0.15484, "typed*typed_unmatched": 0.12339, "typed*top_overlap": 0.097838,
                  "typed*terms_nowhere": -1.0638, "typed_unmatched*typed_unmatched": 0.12339,
                  "typed_unmatched*top_overlap": -0.99926, "typed_unmatched*terms_nowhere": 2.2725,
                  "top_overlap*top_overlap": 0.19593, "top_overlap*terms_nowhere": -0.26077,
                  "terms_nowhere*terms_nowhere": -1.2336}
DECIDE_BIAS = -7.517
ANSWER_THRESHOLD = 0.1320

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
