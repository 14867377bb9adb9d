"""The fitted weights of the extractive answerer's ranker and answer-or-abstain decision.

Fitted by `python -m benchmarks.answer_model` on SQuAD dev articles 16–41 (held-out
paragraphs for same-topic negatives) and 42–47 (absent), never on the benchmark's
articles 0–15; the decision (`--decision-only`, over the ranker below) with the
questions of the development reader sets besides, never the held-out ones. Refit
after changing a feature in `sentence_features`.
"""
from __future__ import annotations

import numpy as np

from .sentence_features import DECIDE_FEATURES, RANK_FEATURES

RANK_WEIGHTS = {"overlap": 2.8603, "coverage": 4.1698, "cosine": 8.5967, "passage": 6.0643, "top_passage": 0.2800,
                "type_match": 1.2521, "neighbour_overlap": -0.3716, "new_share": -2.0355, "log_words": 0.1893,
                "reason": 2.6608, "said": -1.2876, "counted": 3.4461, "named_date": 1.8918, "after_claim": -0.4768,
                "names_kind": 0.4310, "in_context": 3.6282}
DECIDE_WEIGHTS = {"rank_score": 0.37668, "rank_margin": -0.016724, "best_cosine": -1.7044, "passage_cosine": 2.6085,
                  "top_coverage": 0.21685, "any_coverage": -0.8074, "decisive_missing_top": -0.71311,
                  "decisive_missing_any": -0.85095, "typed": -0.048942, "typed_unmatched": -0.20015,
                  "top_overlap": -0.54144, "terms_nowhere": -1.3482, "rank_score*rank_score": 0.0041829,
                  "rank_score*rank_margin": 0.00087177, "rank_score*best_cosine": 0.018125,
                  "rank_score*passage_cosine": 0.032349, "rank_score*top_coverage": -0.0028321,
                  "rank_score*any_coverage": 0.074846, "rank_score*decisive_missing_top": -0.065584,
                  "rank_score*decisive_missing_any": -0.10218, "rank_score*typed": -0.055099,
                  "rank_score*typed_unmatched": 0.018138, "rank_score*top_overlap": -0.0036544,
                  "rank_score*terms_nowhere": 0.044538, "rank_margin*rank_margin": -0.004821,
                  "rank_margin*best_cosine": 0.092378, "rank_margin*passage_cosine": -0.35189,
                  "rank_margin*top_coverage": 0.15628, "rank_margin*any_coverage": 0.02469,
                  "rank_margin*decisive_missing_top": -0.077325, "rank_margin*decisive_missing_any": 0.66295,
                  "rank_margin*typed": -0.017074, "rank_margin*typed_unmatched": 0.098344,
                  "rank_margin*top_overlap": 0.063378, "rank_margin*terms_nowhere": 0.16148,
                  "best_cosine*best_cosine": 2.7004, "best_cosine*passage_cosine": -2.4855,
                  "best_cosine*top_coverage": -0.59286, "best_cosine*any_coverage": 0.19672,
                  "best_cosine*decisive_missing_top": 0.75117, "best_cosine*decisive_missing_any": 1.5032,
                  "best_cosine*typed": 0.13319, "best_cosine*typed_unmatched": -0.53825,
                  "best_cosine*top_overlap": -0.050935, "best_cosine*terms_nowhere": 0.67252,
                  "passage_cosine*passage_cosine": -1.5971, "passage_cosine*top_coverage": -1.5348,
                  "passage_cosine*any_coverage": 0.47007, "passage_cosine*decisive_missing_top": 0.22977,
                  "passage_cosine*decisive_missing_any": 3.1861, "passage_cosine*typed": 0.14483,
                  "passage_cosine*typed_unmatched": -0.16102, "passage_cosine*top_overlap": -0.92343,
                  "passage_cosine*terms_nowhere": 1.7187, "top_coverage*top_coverage": 0.015938,
                  "top_coverage*any_coverage": 0.6623, "top_coverage*decisive_missing_top": 1.645,
                  "top_coverage*decisive_missing_any": -2.8792, "top_coverage*typed": 0.66033,
                  "top_coverage*typed_unmatched": 1.0107, "top_coverage*top_overlap": -0.047077,
                  "top_coverage*terms_nowhere": 2.4615, "any_coverage*any_coverage": 0.42693,
                  "any_coverage*decisive_missing_top": -0.78045, "any_coverage*decisive_missing_any": 0.71589,
                  "any_coverage*typed": -0.83205, "any_coverage*typed_unmatched": 1.5245,
                  "any_coverage*top_overlap": 0.21685, "any_coverage*terms_nowhere": -0.86146,
                  "decisive_missing_top*decisive_missing_top": 0.090942,
                  "decisive_missing_top*decisive_missing_any": -0.90278, "decisive_missing_top*typed": 0.010141,
                  "decisive_missing_top*typed_unmatched": -0.42355, "decisive_missing_top*top_overlap": 1.3515,
                  "decisive_missing_top*terms_nowhere": -0.2701, "decisive_missing_any*decisive_missing_any": 1.2924,
                  "decisive_missing_any*typed": 0.25136, "decisive_missing_any*typed_unmatched": -3.5389,
                  "decisive_missing_any*top_overlap": -2.3464, "decisive_missing_any*terms_nowhere": -1.4066,
                  "typed*typed": -0.048942, "typed*typed_unmatched": -0.20015, "typed*top_overlap": 0.042164,
                  "typed*terms_nowhere": -0.51335, "typed_unmatched*typed_unmatched": -0.20015,
                  "typed_unmatched*top_overlap": -1.0231, "typed_unmatched*terms_nowhere": 2.2181,
                  "top_overlap*top_overlap": 0.20176, "top_overlap*terms_nowhere": -0.35859,
                  "terms_nowhere*terms_nowhere": -0.83191}
DECIDE_BIAS = -6.2495
ANSWER_THRESHOLD = 0.1618
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
