"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15. Refit after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 2.8603, "coverage": 4.1698, "cosine": 8.5967, "passage": 6.0643, "top_passage": 0.2800,
                "type_match": 1.2521, "neighbour_overlap": -0.3716, "new_share": -2.0355, "log_words": 0.1893,
                "reason": 2.6608, "said": -1.2876, "counted": 3.4461, "named_date": 1.8918, "after_claim": -0.4768,
                "names_kind": 0.4310, "in_context": 3.6282}
DECIDE_WEIGHTS = {"rank_score": 0.23393, "rank_margin": -0.069803, "best_cosine": 0.94398, "passage_cosine": 1.9866,
                  "top_coverage": 0.15715, "any_coverage": 0.78386, "decisive_missing_top": -0.52256,
                  "decisive_missing_any": 0.38278, "typed": -0.1696, "typed_unmatched": 0.05735,
                  "top_overlap": -0.63597, "terms_nowhere": -0.78064, "rank_score*rank_score": 0.0049926,
                  "rank_score*rank_margin": 0.0013747, "rank_score*best_cosine": 0.061251,
                  "rank_score*passage_cosine": 0.082949, "rank_score*top_coverage": 0.025458,
                  "rank_score*any_coverage": 0.098036, "rank_score*decisive_missing_top": -0.0054961,
                  "rank_score*decisive_missing_any": -0.077806, "rank_score*typed": -0.024175,
                  "rank_score*typed_unmatched": 0.011156, "rank_score*top_overlap": 0.033772,
                  "rank_score*terms_nowhere": 0.016279, "rank_margin*rank_margin": 0.016279,
                  "rank_margin*best_cosine": 0.053941, "rank_margin*passage_cosine": -0.044387,
                  "rank_margin*top_coverage": 0.066498, "rank_margin*any_coverage": -0.038976,
                  "rank_margin*decisive_missing_top": 0.10566, "rank_margin*decisive_missing_any": 0.33121,
                  "rank_margin*typed": -0.073508, "rank_margin*typed_unmatched": 0.0457,
                  "rank_margin*top_overlap": 0.099322, "rank_margin*terms_nowhere": -0.051553,
                  "best_cosine*best_cosine": -0.77327, "best_cosine*passage_cosine": -1.9521,
                  "best_cosine*top_coverage": -1.1243, "best_cosine*any_coverage": -0.48591,
                  "best_cosine*decisive_missing_top": -0.2275, "best_cosine*decisive_missing_any": 1.0548,
                  "best_cosine*typed": 0.6901, "best_cosine*typed_unmatched": -0.40196,
                  "best_cosine*top_overlap": -0.37806, "best_cosine*terms_nowhere": 2.7565,
                  "passage_cosine*passage_cosine": -2.1437, "passage_cosine*top_coverage": -0.068964,
                  "passage_cosine*any_coverage": 1.2752, "passage_cosine*decisive_missing_top": 1.691,
                  "passage_cosine*decisive_missing_any": 1.1781, "passage_cosine*typed": 0.31065,
                  "passage_cosine*typed_unmatched": -1.7971, "passage_cosine*top_overlap": 0.080668,
                  "passage_cosine*terms_nowhere": 1.8486, "top_coverage*top_coverage": -0.65864,
                  "top_coverage*any_coverage": 0.022261, "top_coverage*decisive_missing_top": 1.2346,
                  "top_coverage*decisive_missing_any": -4.5957, "top_coverage*typed": 0.67453,
                  "top_coverage*typed_unmatched": 0.87864, "top_coverage*top_overlap": 0.064182,
                  "top_coverage*terms_nowhere": 5.2418, "any_coverage*any_coverage": 0.69165,
                  "any_coverage*decisive_missing_top": -0.86708, "any_coverage*decisive_missing_any": -0.18391,
                  "any_coverage*typed": -0.71201, "any_coverage*typed_unmatched": 0.80047,
                  "any_coverage*top_overlap": 0.15715, "any_coverage*terms_nowhere": -1.1766,
                  "decisive_missing_top*decisive_missing_top": -0.38498,
                  "decisive_missing_top*decisive_missing_any": -0.71441, "decisive_missing_top*typed": -0.68045,
                  "decisive_missing_top*typed_unmatched": 0.080206, "decisive_missing_top*top_overlap": 0.27159,
                  "decisive_missing_top*terms_nowhere": -0.51309, "decisive_missing_any*decisive_missing_any": 1.4046,
                  "decisive_missing_any*typed": 0.11828, "decisive_missing_any*typed_unmatched": -3.7685,
                  "decisive_missing_any*top_overlap": -1.6999, "decisive_missing_any*terms_nowhere": -0.36615,
                  "typed*typed": -0.1696, "typed*typed_unmatched": 0.05735, "typed*top_overlap": 0.032182,
                  "typed*terms_nowhere": -1.113, "typed_unmatched*typed_unmatched": 0.05735,
                  "typed_unmatched*top_overlap": -0.75298, "typed_unmatched*terms_nowhere": 2.4946,
                  "top_overlap*top_overlap": 0.29105, "top_overlap*terms_nowhere": -0.63927,
                  "terms_nowhere*terms_nowhere": -1.3729}
DECIDE_BIAS = -7.7088
ANSWER_THRESHOLD = 0.1228

# Not fitted (SQuAD has no follow-ups): a follow-up's sentence gains this much for the
# share of the earlier question's terms it holds, and a sentence the last answer quoted
# loses this much when the follow-up asks for something else ("who else scored?").
CONTEXT_WEIGHT = 1.0
QUOTED_BEFORE_PENALTY = -3.0
# ...and a sentence of an article the last answer cited gains this much: a follow-up
# ("who paid for that?") is about what was just said.
PREVIOUS_ARTICLE_WEIGHT = 6.0
# ...and a sentence right after the last answer's quote gains this much: a follow-up's
# "he", "it" is often answered where the story goes on.
AFTER_QUOTED_WEIGHT = 1.0
# A runner-up is quoted too when the ranker gives it at least this share of the best
# one's probability (on the training questions: answer hit 0.824 -> 0.860, citation
# precision 0.824 -> 0.755, 1.16 quotes per answer).
EXTRA_QUOTE_RATIO = 0.5
# A runner-up right beside the best sentence in its passage joins the first quote (one
# quote of two sentences, not a second one) at this much lower share: the answer often
# runs on into, or starts in, the sentence next to the one that holds the question's
# words. Chosen with `python -m benchmarks.quote_ratio` on training articles 16-41
# (first-quote hit 0.803 -> 0.817, words in the first quote 34.1 -> 38.9; below 0.05
# only the words grow).
BESIDE_QUOTE_RATIO = 0.05


def rank_vector() -> np.ndarray:
    """RANK_WEIGHTS in the order of the feature rows."""
    weights = dict(RANK_WEIGHTS, context_overlap=CONTEXT_WEIGHT, quoted_before=QUOTED_BEFORE_PENALTY,
                   previous_article=PREVIOUS_ARTICLE_WEIGHT, after_quoted=AFTER_QUOTED_WEIGHT)
    return np.array([weights[n] for n in RANK_FEATURES])


def decide_vector() -> np.ndarray:
    """DECIDE_WEIGHTS in the order of the decision row."""
    return np.array([DECIDE_WEIGHTS[n] for n in DECIDE_FEATURES])
