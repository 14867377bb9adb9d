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
DECIDE_WEIGHTS = {"rank_score": 0.37091, "rank_margin": -0.025794, "best_cosine": -1.6408, "passage_cosine": 2.6961,
                  "top_coverage": 0.24625, "any_coverage": -0.80487, "decisive_missing_top": -0.69532,
                  "decisive_missing_any": -0.83945, "typed": -0.030579, "typed_unmatched": -0.20018,
                  "top_overlap": -0.44521, "terms_nowhere": -1.3136, "rank_score*rank_score": 0.0041073,
                  "rank_score*rank_margin": 0.00058126, "rank_score*best_cosine": 0.018756,
                  "rank_score*passage_cosine": 0.035027, "rank_score*top_coverage": -0.0010331,
                  "rank_score*any_coverage": 0.07385, "rank_score*decisive_missing_top": -0.063687,
                  "rank_score*decisive_missing_any": -0.10145, "rank_score*typed": -0.052748,
                  "rank_score*typed_unmatched": 0.019015, "rank_score*top_overlap": 0.00018627,
                  "rank_score*terms_nowhere": 0.044244, "rank_margin*rank_margin": -0.0048282,
                  "rank_margin*best_cosine": 0.098796, "rank_margin*passage_cosine": -0.34964,
                  "rank_margin*top_coverage": 0.15747, "rank_margin*any_coverage": 0.026829,
                  "rank_margin*decisive_missing_top": -0.074627, "rank_margin*decisive_missing_any": 0.66285,
                  "rank_margin*typed": -0.014739, "rank_margin*typed_unmatched": 0.097681,
                  "rank_margin*top_overlap": 0.070279, "rank_margin*terms_nowhere": 0.16023,
                  "best_cosine*best_cosine": 2.6947, "best_cosine*passage_cosine": -2.5516,
                  "best_cosine*top_coverage": -0.61753, "best_cosine*any_coverage": 0.20905,
                  "best_cosine*decisive_missing_top": 0.73958, "best_cosine*decisive_missing_any": 1.4982,
                  "best_cosine*typed": 0.10579, "best_cosine*typed_unmatched": -0.54302,
                  "best_cosine*top_overlap": -0.08748, "best_cosine*terms_nowhere": 0.66547,
                  "passage_cosine*passage_cosine": -1.5599, "passage_cosine*top_coverage": -1.5627,
                  "passage_cosine*any_coverage": 0.41986, "passage_cosine*decisive_missing_top": 0.21787,
                  "passage_cosine*decisive_missing_any": 3.1719, "passage_cosine*typed": 0.1383,
                  "passage_cosine*typed_unmatched": -0.16927, "passage_cosine*top_overlap": -0.98358,
                  "passage_cosine*terms_nowhere": 1.7082, "top_coverage*top_coverage": -0.013632,
                  "top_coverage*any_coverage": 0.65147, "top_coverage*decisive_missing_top": 1.6169,
                  "top_coverage*decisive_missing_any": -2.9082, "top_coverage*typed": 0.63436,
                  "top_coverage*typed_unmatched": 1.0107, "top_coverage*top_overlap": -0.076543,
                  "top_coverage*terms_nowhere": 2.5094, "any_coverage*any_coverage": 0.48298,
                  "any_coverage*decisive_missing_top": -0.78659, "any_coverage*decisive_missing_any": 0.72134,
                  "any_coverage*typed": -0.8444, "any_coverage*typed_unmatched": 1.5178,
                  "any_coverage*top_overlap": 0.24625, "any_coverage*terms_nowhere": -0.84968,
                  "decisive_missing_top*decisive_missing_top": 0.096023,
                  "decisive_missing_top*decisive_missing_any": -0.90076, "decisive_missing_top*typed": -0.0058228,
                  "decisive_missing_top*typed_unmatched": -0.42102, "decisive_missing_top*top_overlap": 1.3271,
                  "decisive_missing_top*terms_nowhere": -0.27747,
                  "decisive_missing_any*decisive_missing_any": 1.2935, "decisive_missing_any*typed": 0.24884,
                  "decisive_missing_any*typed_unmatched": -3.5409, "decisive_missing_any*top_overlap": -2.3525,
                  "decisive_missing_any*terms_nowhere": -1.4124, "typed*typed": -0.030579,
                  "typed*typed_unmatched": -0.20018, "typed*top_overlap": 0.0093255, "typed*terms_nowhere": -0.52256,
                  "typed_unmatched*typed_unmatched": -0.20018, "typed_unmatched*top_overlap": -1.0248,
                  "typed_unmatched*terms_nowhere": 2.2082, "top_overlap*top_overlap": 0.17125,
                  "top_overlap*terms_nowhere": -0.38761, "terms_nowhere*terms_nowhere": -0.82557}
DECIDE_BIAS = -6.3208
ANSWER_THRESHOLD = 0.1617

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
