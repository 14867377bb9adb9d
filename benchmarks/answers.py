"""Answer quality: SQuAD v1.1 dev hits, citation precision, abstention, cost, and the reader set.

    python -m benchmarks.answers [--squad PATH] [--articles 8] [--questions 300]
                                 [--reader DIR --reader-questions FILE]

Answerable questions come from the articles added; unanswerable ones from the
articles after them, which are not added (absent), and from the paragraphs
held out of a second library of the same articles (same topic: every third
paragraph, index % 3 == 1, left out; only questions whose reference answers occur
nowhere in what was added). Latency is one extractive answer as a ratio to
retrieval alone, measured in the same run. The reader set (own articles and
questions by shape, `tests/fixtures/reader_articles`) is scored per shape.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bot.answering import AnswerService
from bot.answering.citation_markers import markers_in, strip_markers
from index.embedding import Embedder, load_embedder
from index.library import KnowledgeBase
from index.sources import Document

from . import reader_questions, squad


def quality(service: AnswerService, qs: list[squad.SquadQuestion], collection: str = "squad") -> dict[str, float]:
    """Hit rates over answerable questions."""
    hits = first = quote_hits = cited = precise = abstained = broken = 0
    first_times = []
    for q in qs:
        started = time.perf_counter()
        answer = service.ask(collection, q.question)
        first_times.append(time.perf_counter() - started)
        if answer.abstained:
            abstained += 1
            continue
        hits += squad.holds_answer(strip_markers(answer.text), q.answers)
        first += bool(answer.citations) and squad.holds_answer(answer.citations[0].quote, q.answers)
        quote_hits += any(squad.holds_answer(c.quote, q.answers) for c in answer.citations)
        cited += len(answer.citations)
        precise += sum(squad.holds_answer(c.quote, q.answers) for c in answer.citations)
        broken += markers_in(answer.text) != [c.n for c in answer.citations]
    n = len(qs)
    return {"answer_hit": hits / n, "first_quote_hit": first / n, "cited_quote_hit": quote_hits / n,
            "citation_precision": precise / max(cited, 1), "false_abstention": abstained / n,
            "citations_per_answer": cited / max(n - abstained, 1), "marker_mismatches": broken,
            # The first time a passage is a candidate its sentences are embedded (then cached).
            "first_pass_answer_p50_ms": 1000 * squad.percentile(first_times, 50),
            "first_pass_answer_p95_ms": 1000 * squad.percentile(first_times, 95)}


def abstention_rate(service: AnswerService, qs: list[squad.SquadQuestion], collection: str = "squad") -> float:
    """Share of questions the library does not answer that abstain."""
    return sum(service.ask(collection, q.question).abstained for q in qs) / max(len(qs), 1)


def same_topic(service: AnswerService, data: dict, count: int, sample: int) -> tuple[float, int]:
    """Abstention on held-out paragraphs' questions, the articles added without those paragraphs."""
    docs, _, held = squad.held_out_split(data["data"][:count])
    library = service.kb.collection("heldout")
    library.add_many(docs)
    added = "\n".join(d.text for d in docs)
    pool = [q for q in held if not any(a in added for a in q.answers)]
    qs = [pool[i] for i in np.random.default_rng(0).permutation(len(pool))[:sample]]
    return abstention_rate(service, qs, "heldout"), len(qs)


def latency(service: AnswerService, qs: list[squad.SquadQuestion]) -> dict[str, float]:
    """p50/p95 of one answer and of retrieval alone, and their ratio, each from a cold
    query (no cached query vector); sentence vectors are as warm as earlier runs left them."""
    answer_times, retrieval_times = [], []
    collection = service.kb.collection("squad")
    for q in qs:
        collection.clear_query_cache()
        t = time.perf_counter()
        service.retrieve("squad", q.question)
        retrieval_times.append(time.perf_counter() - t)
        collection.clear_query_cache()
        t = time.perf_counter()
        service.ask("squad", q.question)
        answer_times.append(time.perf_counter() - t)
    out = {f"{name}_{p}_ms": 1000 * squad.percentile(v, int(p[1:]))
           for name, v in (("answer", answer_times), ("retrieval", retrieval_times)) for p in ("p50", "p95")}
    out["p50_ratio"] = out["answer_p50_ms"] / out["retrieval_p50_ms"]
    out["p95_ratio"] = out["answer_p95_ms"] / out["retrieval_p95_ms"]
    return out


def squad_report(embedder: Embedder, data: dict, args: argparse.Namespace) -> dict[str, object]:
    """Every SQuAD figure, from one library of the sample articles (and one without some paragraphs)."""
    arts = squad.articles(data, args.articles)
    qs = squad.questions(data, args.articles, args.questions)
    absent = squad.questions(data, args.articles, args.questions, skip=args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(tmp), embedder)
        kb.collection("squad").add_many([Document(text=a.text, title=a.title, source=f"squad:{a.title}") for a in arts])
        service = AnswerService(kb)
        report: dict[str, object] = {"articles": len(arts), "questions": len(qs), "answerable": quality(service, qs),
                                     "abstains_when_article_absent": abstention_rate(service, absent)}
        report["abstains_same_topic"], report["same_topic_questions"] = same_topic(
            service, data, args.articles, args.questions)
        report["latency"] = latency(service, qs)
        kb.close()
    return report


def print_squad(report: dict) -> None:
    """The SQuAD part as a table."""
    print(f"\nSQuAD v1.1 dev: {report['articles']} articles, {report['questions']} answerable questions")
    for key, value in report["answerable"].items():
        print(f"{key:<28}{value:>8.3f}")
    print(f"{'abstains (article absent)':<28}{report['abstains_when_article_absent']:>8.3f}")
    print(f"{'abstains (same topic)':<28}{report['abstains_same_topic']:>8.3f}  "
          f"({report['same_topic_questions']} held-out questions)")
    lat = report["latency"]
    print(f"answer p50 {lat['answer_p50_ms']:.1f} ms, p95 {lat['answer_p95_ms']:.1f} ms; retrieval p50 "
          f"{lat['retrieval_p50_ms']:.1f} ms -> ratio p50 {lat['p50_ratio']:.2f}, p95 {lat['p95_ratio']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    squad.sample_arguments(parser)
    reader_questions.arguments(parser)
    parser.add_argument("--skip-squad", action="store_true", help="only the reader set")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/answers.json"))
    args = parser.parse_args()
    embedder = load_embedder()
    report: dict[str, Any] = {}
    if not args.skip_squad and args.squad.exists():
        report["squad"] = squad_report(embedder, squad.load_or_skip(args.squad), args)
        print_squad(report["squad"])
    elif not args.skip_squad:
        print(f"SQuAD part skipped: {args.squad} not found (pass --squad PATH)")
    report["reader"] = reader_questions.run(embedder, args.reader, args.reader_questions, show=args.show)
    reader_questions.print_table(report["reader"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
