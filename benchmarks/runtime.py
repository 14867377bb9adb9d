"""Model runtimes side by side on SQuAD v1.1 dev, every figure from this one run.

    python -m benchmarks.runtime [--squad PATH] [--articles 8] [--questions 300]
        [--runtimes onnx,onnx-int8,torch] [--passages 2000] [--txtai] [--cold-runs 3]
        [--embedded-text] [--no-answers]

Per runtime: raw encode rate and cosine to torch on the same passages, ingest (`add`)
rate, query encode and hybrid search latency, retrieval recall, the answer
benchmark's figures (its SQuAD part and the reader set, on that runtime), and the
cold start of `python -m bot ask`. With --txtai, txtai's ingest of the same articles
in the same run; with --embedded-text, what the title line and the chunk overlap
cost and bring. Ratios are to torch, measured in this run.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from index.chunking import ChunkingPolicy, chunk_text
from index.collection import passage_text
from index.embedding import DEFAULT_RUNTIME, RUNTIMES, SteppedEncoder, load_embedder
from index.library import KnowledgeBase
from index.sources import Document

from . import squad
from . import reader_questions
from .answers import squad_report
from .retrieval import recall
from .runtime_cold import cold_starts
from .runtime_report import print_report
from .runtime_text import embedded_text_variants

ANSWER_KEYS = ("answer_hit", "first_quote_hit", "cited_quote_hit", "citation_precision", "false_abstention")


def passages(data: dict, count: int, model: SteppedEncoder) -> list[str]:
    """Title line + chunk texts as `add` embeds them, from as many articles as it takes."""
    texts: list[str] = []
    for article in squad.articles(data, len(data["data"])):
        texts += [passage_text(article.title, c.text) for c in chunk_text(article.text, model.count_tokens,
                                                                          ChunkingPolicy())]
        if len(texts) >= count:
            break
    return texts[:count]


def encode_rates(models: dict[str, SteppedEncoder], texts: list[str], step: int = 256) -> dict[str, dict]:
    """Passages/s of each runtime's raw encode, in alternating slices (a load change hits
    all alike), and each runtime's cosine to torch's vectors, passage by passage."""
    for model in models.values():
        model.embed(texts[:64])
    spent = {r: 0.0 for r in models}
    vectors: dict[str, list[np.ndarray]] = {r: [] for r in models}
    for at in range(0, len(texts), step):
        for runtime, model in models.items():
            started = time.perf_counter()
            vectors[runtime].append(model.embed(texts[at:at + step]))
            spent[runtime] += time.perf_counter() - started
    out: dict[str, dict] = {r: {"passages_per_s": len(texts) / spent[r]} for r in models}
    if "torch" in models:
        reference = np.vstack(vectors["torch"])
        for runtime in models:
            cosines = (np.vstack(vectors[runtime]) * reference).sum(axis=1)
            out[runtime].update(cos_mean=float(cosines.mean()), cos_min=float(cosines.min()),
                                cos_p1=float(np.percentile(cosines, 1)))
    return out


def ingest(model: SteppedEncoder, folder: Path, docs: list[Document]) -> dict[str, float]:
    """Chunks/s of `add_many` (chunk, embed, store) into a new library."""
    kb = KnowledgeBase(folder, model)
    started = time.perf_counter()
    results = kb.collection("squad").add_many(docs)
    seconds = time.perf_counter() - started
    kb.close()
    chunks = sum(r.chunks for r in results)
    return {"chunks": chunks, "seconds": seconds, "chunks_per_s": chunks / seconds}


def latency(kbs: dict[str, KnowledgeBase], qs: list[squad.SquadQuestion]) -> dict[str, dict]:
    """Query encode and hybrid search p50/p95 per runtime, question by question in turn."""
    encode: dict[str, list[float]] = {r: [] for r in kbs}
    search: dict[str, list[float]] = {r: [] for r in kbs}
    for q in qs:
        for runtime, kb in kbs.items():
            collection = kb.collection("squad")
            started = time.perf_counter()
            kb.embedder.embed([q.question])
            encode[runtime].append(time.perf_counter() - started)
            collection.clear_query_cache()
            started = time.perf_counter()
            collection.search(q.question, "hybrid", 10)
            search[runtime].append(time.perf_counter() - started)
    return {r: {"encode_p50_ms": 1000 * squad.percentile(encode[r], 50),
                "encode_p95_ms": 1000 * squad.percentile(encode[r], 95),
                "hybrid_p50_ms": 1000 * squad.percentile(search[r], 50),
                "hybrid_p95_ms": 1000 * squad.percentile(search[r], 95)} for r in kbs}


def answer_metrics(model: SteppedEncoder, data: dict, args: argparse.Namespace) -> dict[str, float]:
    """The answer benchmark's figures on this runtime: its SQuAD part (own libraries) and the reader set."""
    report = squad_report(model, data, args)
    reader = reader_questions.run(model, args.reader, args.reader_questions)
    return {**{k: report["answerable"][k] for k in ANSWER_KEYS},  # type: ignore[index]
            "abstains_absent": report["abstains_when_article_absent"],  # type: ignore[dict-item]
            "abstains_same_topic": report["abstains_same_topic"],  # type: ignore[dict-item]
            "reader_right_first_quote": reader["answerable_right_first_quote"],  # type: ignore[dict-item]
            "reader_abstained": reader["unanswerable_abstained"]}  # type: ignore[dict-item]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    squad.sample_arguments(parser)
    parser.add_argument("--runtimes", default=",".join(RUNTIMES), help="comma-separated, of " + ", ".join(RUNTIMES))
    parser.add_argument("--passages", type=int, default=2000, help="passages for encode rates and cosines")
    parser.add_argument("--txtai", action="store_true", help="also txtai's ingest (pip install -e '.[bench]')")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold `bot ask` runs per runtime (0: none)")
    parser.add_argument("--no-answers", action="store_true", help="skip the answer benchmark's figures")
    reader_questions.arguments(parser)
    parser.add_argument("--embedded-text", action="store_true", help="recall without the title line / overlap")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/runtime.json"))
    args = parser.parse_args()
    data = squad.load_or_skip(args.squad)
    runtimes = [r.strip() for r in args.runtimes.split(",") if r.strip()]
    arts = squad.articles(data, args.articles)
    qs = squad.questions(data, args.articles, args.questions)
    docs = [Document(text=a.text, title=a.title, source=f"squad:{a.title}") for a in arts]
    report: dict[str, object] = {"articles": len(arts), "questions": len(qs), "runtimes": runtimes}
    models, loads = {}, {}
    for runtime in runtimes:
        started = time.perf_counter()
        models[runtime] = load_embedder(runtime)
        loads[runtime] = time.perf_counter() - started
    report["load_s"] = loads
    texts = passages(data, args.passages, models[runtimes[0]])
    report["encode"] = encode_rates(models, texts)
    report["encode_passages"] = len(texts)
    with tempfile.TemporaryDirectory() as tmp:
        folders = {r: Path(tmp) / r for r in runtimes}
        report["ingest"] = {r: ingest(models[r], folders[r], docs) for r in runtimes}
        if args.txtai:
            from .peer_txtai import run_txtai

            report["txtai"] = run_txtai(arts, qs, models.get("torch", models[runtimes[0]]), (1, 5, 10))
            if DEFAULT_RUNTIME in models:  # ours again after txtai: the mean of before and after
                again = ingest(models[DEFAULT_RUNTIME], Path(tmp) / "again", docs)
                first = report["ingest"][DEFAULT_RUNTIME]  # type: ignore[index]
                first["around_txtai_s"] = (first["seconds"] + again["seconds"]) / 2
                first["chunks_per_s_around_txtai"] = first["chunks"] / first["around_txtai_s"]
        kbs = {r: KnowledgeBase(folders[r], models[r]) for r in runtimes}
        report["recall"] = {r: {mode: recall([[x.text for x in kbs[r].collection("squad").search(q.question, mode, 10)]
                                              for q in qs], qs) for mode in ("hybrid", "vector")} for r in runtimes}
        report["latency"] = latency(kbs, qs)
        for kb in kbs.values():
            kb.close()
        if not args.no_answers:
            report["answers"] = {r: answer_metrics(models[r], data, args) for r in runtimes}
        if args.embedded_text and DEFAULT_RUNTIME in models:
            report["embedded_text"] = embedded_text_variants(models[DEFAULT_RUNTIME], Path(tmp) / "text", docs, qs)
        if args.cold_runs:
            report["cold"] = cold_starts(folders, qs[0].question, args.cold_runs)
    print_report(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
