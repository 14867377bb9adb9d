"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 1.3713, "coverage": 4.9382, "cosine": 8.2752, "passage": 6.7682, "top_passage": 0.2269,
                "type_match": 1.0250, "neighbour_overlap": 0.8672, "new_share": -2.0077, "log_words": 0.2297,
                "reason": 2.1885, "said": -0.8106, "counted": 3.6188, "named_date": 2.0059, "after_claim": 0.3709}
DECIDE_WEIGHTS = {"rank_score": 0.24929, "rank_margin": 0.011666, "best_cosine": 1.8242, "passage_cosine": 2.9881,
                  "top_coverage": 1.1483, "any_coverage": 1.9625, "decisive_missing_top": -1.1259,
                  "decisive_missing_any": -0.14553, "typed": -0.33918, "typed_unmatched": 0.45088,
                  "top_overlap": 0.011305, "rank_score*rank_score": 0.0043355, "rank_score*rank_margin": 0.0016662,
                  "rank_score*best_cosine": 0.064041, "rank_score*passage_cosine": 0.0891,
                  "rank_score*top_coverage": 0.013201, "rank_score*any_coverage": 0.082736,
                  "rank_score*decisive_missing_top": -0.0099642, "rank_score*decisive_missing_any": -0.11388,
                  "rank_score*typed": -0.0323, "rank_score*typed_unmatched": 0.026866,
                  "rank_score*top_overlap": 0.023456, "rank_margin*rank_margin": 0.010883,
                  "rank_margin*best_cosine": 0.092138, "rank_margin*passage_cosine": 0.056272,
                  "rank_margin*top_coverage": 0.029292, "rank_margin*any_coverage": -0.035088,
                  "rank_margin*decisive_missing_top": -0.088479, "rank_margin*decisive_missing_any": 0.48533,
                  "rank_margin*typed": -0.10945, "rank_margin*typed_unmatched": 0.13228,
                  "rank_margin*top_overlap": 0.13306, "best_cosine*best_cosine": -0.50761,
                  "best_cosine*passage_cosine": -1.5953, "best_cosine*top_coverage": -1.6225,
                  "best_cosine*any_coverage": -1.2008, "best_cosine*decisive_missing_top": 0.81537,
                  "best_cosine*decisive_missing_any": 1.0669, "best_cosine*typed": 0.61161,
                  "best_cosine*typed_unmatched": -0.021679, "best_cosine*top_overlap": -0.12283,
                  "passage_cosine*passage_cosine": -1.5934, "passage_cosine*top_coverage": -0.72562,
                  "passage_cosine*any_coverage": 0.34413, "passage_cosine*decisive_missing_top": 1.8464,
                  "passage_cosine*decisive_missing_any": 1.4112, "passage_cosine*typed": -0.014415,
                  "passage_cosine*typed_unmatched": -1.177, "passage_cosine*top_overlap": 0.16433,
                  "top_coverage*top_coverage": -1.4171, "top_coverage*any_coverage": -0.90503,
                  "top_coverage*decisive_missing_top": 2.7796, "top_coverage*decisive_missing_any": -2.7833,
                  "top_coverage*typed": 1.3453, "top_coverage*typed_unmatched": -0.59093,
                  "top_coverage*top_overlap": 0.44146, "any_coverage*any_coverage": -0.36512,
                  "any_coverage*decisive_missing_top": -0.63572, "any_coverage*decisive_missing_any": 0.14391,
                  "any_coverage*typed": -0.15067, "any_coverage*typed_unmatched": -0.85143,
                  "any_coverage*top_overlap": 1.1483, "decisive_missing_top*decisive_missing_top": -0.63182,
                  "decisive_missing_top*decisive_missing_any": -0.45738, "decisive_missing_top*typed": -0.7369,
                  "decisive_missing_top*typed_unmatched": 1.2095, "decisive_missing_top*top_overlap": 0.032713,
                  "decisive_missing_any*decisive_missing_any": 1.3734, "decisive_missing_any*typed": 0.035697,
                  "decisive_missing_any*typed_unmatched": -2.4612, "decisive_missing_any*top_overlap": -2.5283,
                  "typed*typed": -0.33918, "typed*typed_unmatched": 0.45088, "typed*top_overlap": -0.23346,
                  "typed_unmatched*typed_unmatched": 0.45088, "typed_unmatched*top_overlap": -0.092653,
                  "top_overlap*top_overlap": 0.023238}
DECIDE_BIAS = -8.8969
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
