"""How much a runner-up beside the best sentence must score to join the first quote.

On SQuAD dev articles 16-41 (training articles, never the benchmark's 0-15), for each
ratio of the runner-up's probability to the best one's: the share of questions whose
first quote holds a reference answer, the share any quote does, and the words of the
first quote. The bar in `answer_weights.BESIDE_QUOTE_RATIO` is where the hit stops
growing and only the words do.

    python -m benchmarks.quote_ratio [--squad PATH] [--sample 300] [--ratios 1 0.5 0.2 0.1 0.05 0.02 0]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from benchmarks import squad
from bot.answering import AnswerService
from index.embedding import load_embedder
from index.library import KnowledgeBase
from index.sources import Document

TRAINING = (16, 26)  # skip, count: articles 16-41


def sweep(service: AnswerService, questions: list[squad.SquadQuestion], ratios: list[float]) -> list[dict[str, float]]:
    """First-quote hit, any-quote hit and mean first-quote words per ratio."""
    rows = []
    for ratio in ratios:
        service.extractive.beside_ratio = ratio
        first = hit = 0
        words = []
        for q in questions:
            answer = service.ask("squad", q.question)
            if answer.abstained:
                continue
            quotes = [c.quote for c in answer.citations]
            first += any(a in quotes[0] for a in q.answers)
            hit += any(a in quote for quote in quotes for a in q.answers)
            words.append(len(quotes[0].split()))
        rows.append({"ratio": ratio, "first_quote_hit": first / len(questions), "answer_hit": hit / len(questions),
                     "first_quote_words": statistics.mean(words) if words else 0.0})
    return rows


def main() -> None:
    """Print the sweep as a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--squad", type=Path, default=squad.DEFAULT_PATH)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--ratios", type=float, nargs="+", default=[1.0, 0.5, 0.2, 0.1, 0.05, 0.02, 0.0])
    args = parser.parse_args()
    data = squad.load_or_skip(args.squad)
    skip, count = TRAINING
    kb = KnowledgeBase(Path(tempfile.mkdtemp()), load_embedder())
    try:
        kb.collection("squad").add_many([Document(text=a.text, title=a.title, source=f"squad:{a.title}")
                                         for a in squad.articles(data, count, skip=skip)])
        rows = sweep(AnswerService(kb), squad.questions(data, count, args.sample, skip=skip), args.ratios)
    finally:
        kb.close()
    print(f"{'ratio':>6} {'first quote':>12} {'answer hit':>11} {'first-quote words':>18}")
    for r in rows:
        print(f"{r['ratio']:>6} {r['first_quote_hit']:>12.3f} {r['answer_hit']:>11.3f} {r['first_quote_words']:>18.1f}")


if __name__ == "__main__":
    main()
