"""Answer quality on SQuAD v1.1 dev: hits, citation precision, abstention, and cost.

    python -m benchmarks.answers [--squad PATH] [--articles 8] [--questions 300] [--calibrate]

Answerable questions come from the articles added; unanswerable ones from the
articles after them, which are not added. Latency is one extractive answer as a
ratio to retrieval alone, measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from bot.answering import AnswerService
from bot.answering.abstention import evidence
from bot.answering.citation_markers import markers_in, strip_markers
from bot.answering.extractive import score_sentences
from index.embedding import MiniLMEmbedder
from index.library import KnowledgeBase
from index.sources import Document

from . import squad


def quality(service: AnswerService, qs: list[squad.SquadQuestion]) -> tuple[dict[str, float], list[tuple]]:
    """Hit rates over answerable questions, and (similarity, overlap) evidence per question."""
    hits = quote_hits = cited = precise = abstained = broken = 0
    features, first_times = [], []
    for q in qs:
        started = time.perf_counter()
        answer = service.ask("squad", q.question)
        first_times.append(time.perf_counter() - started)
        features.append(_features(service, q.question))
        if answer.abstained:
            abstained += 1
            continue
        hits += squad.holds_answer(strip_markers(answer.text), q.answers)
        quote_hits += any(squad.holds_answer(c.quote, q.answers) for c in answer.citations)
        cited += len(answer.citations)
        precise += sum(squad.holds_answer(c.quote, q.answers) for c in answer.citations)
        broken += markers_in(answer.text) != [c.n for c in answer.citations]
    n = len(qs)
    return {"answer_hit": hits / n, "cited_quote_hit": quote_hits / n, "citation_precision": precise / max(cited, 1),
            "false_abstention": abstained / n, "citations_per_answer": cited / max(n - abstained, 1),
            "marker_mismatches": broken,
            # The first time a passage is a candidate its sentences are embedded (then cached).
            "first_pass_answer_p50_ms": 1000 * squad.percentile(first_times, 50),
            "first_pass_answer_p95_ms": 1000 * squad.percentile(first_times, 95)}, features


def _features(service: AnswerService, question: str) -> tuple[float, float, float]:
    passages = service.retrieve("squad", question)
    vector = service.kb.collection("squad").embed_query(question)
    scored = score_sentences(question, passages, "", service.extractive.policy,
                             lambda texts: service.sentence_similarity(vector, texts))
    return evidence(passages, scored)


def abstention_rate(service: AnswerService, qs: list[squad.SquadQuestion]) -> tuple[float, list[tuple]]:
    """Share of questions about articles not in the library that abstain."""
    features = [_features(service, q.question) for q in qs]
    return sum(service.ask("squad", q.question).abstained for q in qs) / len(qs), features


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


def calibrate(answerable: list[tuple], unanswerable: list[tuple]) -> None:
    """Print, for rules `sentence cosine >= c or (overlap >= o and passage cosine >= p)`,
    false abstention and abstention on absent articles, where false abstention <= 0.03."""
    print("cosine  overlap  passage  false_abstention  abstains_absent")
    rows = []
    for c in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        for o in (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01):
            for p in (0.0, 0.1, 0.2, 0.3):
                def abstains(f: tuple) -> bool:
                    return not (f[2] >= c or (f[1] >= o and f[0] >= p))
                fa = sum(map(abstains, answerable)) / len(answerable)
                ta = sum(map(abstains, unanswerable)) / len(unanswerable)
                if fa <= 0.03:
                    rows.append((ta, c, o, p, fa))
    for ta, c, o, p, fa in sorted(rows, reverse=True)[:15]:
        print(f"{c:6.2f} {o:8.2f} {p:8.2f} {fa:17.3f} {ta:16.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    squad.sample_arguments(parser)
    parser.add_argument("--calibrate", action="store_true", help="print abstention over a threshold grid")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/answers.json"))
    args = parser.parse_args()
    data = squad.load_or_skip(args.squad)
    arts = squad.articles(data, args.articles)
    qs = squad.questions(data, args.articles, args.questions)
    unanswerable = squad.questions(data, args.articles, args.questions, skip=args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(tmp), MiniLMEmbedder())
        kb.collection("squad").add_many([Document(text=a.text, title=a.title, source=f"squad:{a.title}") for a in arts])
        service = AnswerService(kb)
        report: dict[str, object] = {"articles": len(arts), "questions": len(qs)}
        report["answerable"], features = quality(service, qs)
        report["abstains_when_article_absent"], absent_features = abstention_rate(service, unanswerable)
        report["latency"] = latency(service, qs)
        kb.close()
    if args.calibrate:
        calibrate(features, absent_features)
    print(f"\nSQuAD v1.1 dev: {report['articles']} articles, {report['questions']} answerable questions, "
          f"{len(unanswerable)} about articles not added")
    for key, value in report["answerable"].items():
        print(f"{key:<24}{value:>8.3f}")
    print(f"{'abstains (absent)':<24}{report['abstains_when_article_absent']:>8.3f}")
    lat = report["latency"]
    print(f"answer p50 {lat['answer_p50_ms']:.1f} ms, p95 {lat['answer_p95_ms']:.1f} ms; retrieval p50 "
          f"{lat['retrieval_p50_ms']:.1f} ms -> ratio p50 {lat['p50_ratio']:.2f}, p95 {lat['p95_ratio']:.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
