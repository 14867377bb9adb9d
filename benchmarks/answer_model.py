"""Fit the extractive answerer's two small models on SQuAD dev, away from the benchmark's articles.

    python -m benchmarks.answer_model [--squad PATH] [--cache DIR] [--decision-only] [--squad-only]

The sentence ranker is a conditional logit (a softmax over one question's
candidate sentences); the answer-or-abstain decision is a logistic model over
the best sentence's evidence. Training articles are SQuAD dev 16–41 added
without every third paragraph (index % 3 == 1); answerable questions come from
the paragraphs kept, same-topic unanswerable ones from the paragraphs held out
whose answers occur nowhere in what was added, absent ones from articles 42–47.
The benchmark's articles (0–7) and its absent articles (8–15) are never used.
Both are fitted with the development reader sets' questions too (`reader_decisions`),
the ranker's follow-up features keeping their hand-set weights; `--decision-only`
refits the decision alone, over the ranker as committed.
Prints the weights as the constants of `bot/answering/answer_weights.py`.
"""
from __future__ import annotations

import argparse
import pickle
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bot.answering import AnswerService
from bot.answering.answer_weights import rank_vector
from bot.answering.extractive import gather
from bot.answering.evidence import Sentence
from bot.answering.stemming import stems
from bot.answering.sentence_features import DECIDE_FEATURES, RANK_FEATURES, candidates, decide_row
from index.embedding import load_embedder
from index.library import KnowledgeBase

from . import squad
from .reader_decisions import reader_examples

TRAIN = range(16, 42)
# Features SQuAD cannot teach (it has no conversations): their weights are set by hand.
SET_BY_HAND = ("context_overlap", "quoted_before", "previous_article", "after_quoted")
ABSENT = range(42, 48)


@dataclass(frozen=True)
class Example:
    """One training question: its group, candidate sentences with their cosines, which
    of them hold a reference answer, and the best passage's cosine."""

    group: str
    question: str
    sentences: list[Sentence]
    cosines: list[float]
    labels: list[bool]
    passage_cosine: float


def collect(data: dict, cache: Path, limits: tuple[int, int, int]) -> list[Example]:
    """Retrieve for every sampled question once (cached in `cache`, features are not)."""
    done = cache / "examples.pkl"
    if done.exists():
        # Stems follow the current stemmer, not the one the cache was made with.
        return [replace(e, sentences=[replace(s, stems=frozenset(stems(s.text))) for s in e.sentences])
                for e in pickle.loads(done.read_bytes())]
    arts = [data["data"][i] for i in TRAIN]
    kept, answerable, held_out = squad.held_out_split(arts)
    absent = [q for i in ABSENT for q in squad.article_questions(data["data"][i], i)]
    kb = KnowledgeBase(cache / "library", load_embedder())
    library = kb.collection("train")
    if not library.articles(limit=1):
        library.add_many(kept)
    added = "\n".join(d.text for d in kept)
    same_topic = [q for q in held_out if not any(a in added for a in q.answers)]
    service = AnswerService(kb)
    rng = np.random.default_rng(0)
    examples = []
    for group, pool, limit in (("answerable", answerable, limits[0]), ("same_topic", same_topic, limits[1]),
                               ("absent", absent, limits[2])):
        for i in rng.permutation(len(pool))[:limit]:
            q = pool[i]
            passages = service.retrieve("train", q.question)
            vector = library.embed_query(q.question)
            c = gather(q.question, passages,
                       lambda texts: service.sentence_similarity(vector, texts))  # noqa: B023 (called at once)
            if c is None:
                continue
            examples.append(Example(group, q.question, c.sentences, c.cosines,
                                    [squad.holds_answer(s.text, q.answers) for s in c.sentences],
                                    max((p.similarity or 0.0 for p in passages), default=0.0)))
        print(f"{group}: {sum(e.group == group for e in examples)} questions")
    kb.close()
    done.write_bytes(pickle.dumps(examples))
    return examples


def adam(gradient: Callable[[np.ndarray], np.ndarray], dims: int, steps: int, rate: float = 0.05) -> np.ndarray:
    """Minimise from zero with Adam; `gradient(w)` is the objective's gradient at w."""
    w, m, v = np.zeros(dims), np.zeros(dims), np.zeros(dims)
    for t in range(1, steps + 1):
        g = gradient(w)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= rate * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w


def standardised(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x scaled to mean 0 and deviation 1 per column, the means, the deviations)."""
    mean, scale = x.mean(0), x.std(0) + 1e-9
    return (x - mean) / scale, mean, scale


def fit_ranker(groups: list[tuple[np.ndarray, np.ndarray]], fixed: dict[int, float] | None = None,
               l2: float = 1e-3) -> np.ndarray:
    """Softmax over each question's candidates, maximising the positives' total
    probability; weights for the raw (unscaled) feature rows. The features in `fixed`
    (column: weight) keep their weights and are not fitted."""
    fixed = fixed or {}
    rows = np.vstack([rows for rows, _ in groups])
    free = [i for i in range(rows.shape[1]) if i not in fixed]
    offset = rows[:, list(fixed)] @ np.array(list(fixed.values())) if fixed else np.zeros(len(rows))
    x, mean, scale = standardised(rows[:, free])
    positive = np.concatenate([labels for _, labels in groups]).astype(float)
    starts = np.cumsum([0] + [len(labels) for _, labels in groups])[:-1]
    owner = np.repeat(np.arange(len(groups)), [len(labels) for _, labels in groups])

    def gradient(w: np.ndarray) -> np.ndarray:
        z = x @ w + offset
        e = np.exp(z - np.maximum.reduceat(z, starts)[owner])
        p = e / np.add.reduceat(e, starts)[owner]
        held = p * positive
        return x.T @ (p - held / np.add.reduceat(held, starts)[owner]) / len(groups) + 2 * l2 * w
    weights = np.zeros(rows.shape[1])
    weights[free] = adam(gradient, x.shape[1], steps=800) / scale  # a per-question constant changes no softmax
    for i, value in fixed.items():
        weights[i] = value
    return weights


def fit_logistic(x_raw: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float = 1e-3) -> tuple[np.ndarray, float]:
    """Weighted logistic regression: (weights, bias) for the raw features."""
    x, mean, scale = standardised(x_raw)
    xb = np.hstack([x, np.ones((len(x), 1))])

    def gradient(w: np.ndarray) -> np.ndarray:
        p = 1 / (1 + np.exp(-(xb @ w)))
        return xb.T @ (weight * (p - y)) / weight.sum() + 2 * l2 * np.r_[w[:-1], 0.0]
    w = adam(gradient, xb.shape[1], steps=3000)
    return w[:-1] / scale, float(w[-1] - (w[:-1] * mean / scale).sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--squad", type=Path, default=squad.DEFAULT_PATH)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/answer-model"))
    parser.add_argument("--limits", type=int, nargs=3, default=(1500, 700, 500),
                        help="answerable, same-topic and absent questions to sample")
    parser.add_argument("--max-false-abstention", type=float, default=0.0175)
    parser.add_argument("--decision-only", action="store_true",
                        help="keep the ranker's weights in answer_weights.py and refit the decision alone")
    parser.add_argument("--squad-only", action="store_true",
                        help="fit on SQuAD alone, without the development reader sets")
    args = parser.parse_args()
    data = squad.load_or_skip(args.squad)
    args.cache.mkdir(parents=True, exist_ok=True)
    examples = collect(data, args.cache, tuple(args.limits))
    built = [(e, candidates(e.question, e.sentences, e.cosines)) for e in examples]
    ranked = [(c.rank_rows, np.array(e.labels)) for e, c in built if e.group == "answerable" and any(e.labels)]
    reader = [] if args.squad_only else list(reader_examples(load_embedder()))
    reader_ranked = [g for g in (e.ranking_group() for e in reader) if g is not None]
    # The follow-up features SQuAD cannot teach keep their hand-set weights while the rest are fitted.
    hand = {i: float(v) for i, (n, v) in enumerate(zip(RANK_FEATURES, rank_vector())) if n in SET_BY_HAND}
    w = rank_vector() if args.decision_only else fit_ranker(ranked + reader_ranked, hand)
    for name, fitted in (("SQuAD", ranked), ("reader", reader_ranked)):
        if fitted:
            first = np.mean([labels[int(np.argmax(x @ w))] for x, labels in fitted])
            print(f"ranker: the first sentence holds an answer for {first:.3f} of {len(fitted)} {name} training "
                  "questions whose candidates hold one")
    xs, groups = [], []
    for e, c in built:
        scores = c.rank_rows @ w
        xs.append(decide_row(c, scores, int(np.argmax(scores)), e.passage_cosine))
        groups.append(e.group)
    x, g = np.array(xs), np.array(groups)
    y = (g == "answerable").astype(float)
    # Unanswerable questions weigh as much as answerable ones, half of it each kind.
    weight = np.array([1.0 if k == "answerable" else 0.5 * y.sum() / (g == k).sum() for k in g])
    decided = [d for d in (e.decision(w) for e in reader) if d is not None]
    reader_x = np.array([row for row, _ in decided]).reshape(len(decided), x.shape[1])
    reader_y = np.array([label for _, label in decided])
    # The reader sets weigh as much as their questions, their unanswerable ones as much as the rest.
    reader_weight = np.where(reader_y == 1, 1.0, reader_y.sum() / max((reader_y == 0).sum(), 1))
    d, bias = fit_logistic(np.vstack([x, reader_x]), np.r_[y, reader_y], np.r_[weight, reader_weight])
    p = 1 / (1 + np.exp(-(x @ d + bias)))
    threshold = float(np.quantile(p[y == 1], args.max_false_abstention))
    print(f"decision threshold {threshold:.3f}: false abstention {np.mean(p[y == 1] < threshold):.3f}, "
          + ", ".join(f"{k} abstained {np.mean(p[g == k] < threshold):.3f}" for k in ("same_topic", "absent")))
    if len(reader_y):
        q = 1 / (1 + np.exp(-(reader_x @ d + bias)))
        print(f"reader sets: {np.mean(q[reader_y == 1] >= threshold):.3f} of {int(reader_y.sum())} right first "
              f"sentences kept, {np.mean(q[reader_y == 0] < threshold):.3f} of {int((reader_y == 0).sum())} "
              "unanswerable questions abstained")
    print("\n# Fitted by `python -m benchmarks.answer_model` (SQuAD dev articles 16–41, absent 42–47"
          + ("" if args.squad_only else "; with the development reader sets") + ").")
    if not args.decision_only:
        print("RANK_WEIGHTS = {" + ", ".join(f'"{n}": {v:.4f}' for n, v in zip(RANK_FEATURES, w)
                                             if n not in SET_BY_HAND) + "}")
    print("DECIDE_WEIGHTS = {" + ", ".join(f'"{n}": {v:.5g}' for n, v in zip(DECIDE_FEATURES, d)) + "}")
    print(f"DECIDE_BIAS = {bias:.5g}")
    print(f"ANSWER_THRESHOLD = {threshold:.4f}")


if __name__ == "__main__":
    main()
