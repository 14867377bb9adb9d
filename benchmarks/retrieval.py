"""Retrieval on SQuAD v1.1 dev: recall@k per mode, ingest speed and search latency.

    python -m benchmarks.retrieval [--squad PATH] [--articles 8] [--questions 300] [--txtai]

Every figure is measured in this one run: ingest as a ratio to the raw model's
encode rate on the same passages, latency as a ratio to one raw query encode.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from index.chunking import ChunkingPolicy, chunk_text
from index.collection import passage_text
from index.embedding import MiniLMEmbedder
from index.library import KnowledgeBase
from index.records import SEARCH_MODES
from index.sources import Document

from . import squad
from .peer_txtai import run_txtai

KS = (1, 3, 5, 10)


def recall(found: list[list[str]], qs: list[squad.SquadQuestion]) -> dict[str, float]:
    """Share of questions whose top-k texts hold a reference answer, per k."""
    return {f"recall@{k}": sum(any(squad.holds_answer(t, q.answers) for t in texts[:k])
                               for texts, q in zip(found, qs)) / len(qs) for k in KS}


def measure_ingest(kb: KnowledgeBase, model: MiniLMEmbedder, docs: list[Document]) -> dict[str, float]:
    """Our add (chunk, embed, store) against the raw model encoding the very same passages.

    The raw encode runs before and after ours (their mean is the reference), on a
    model already warmed up on passages of the same length, so that neither side
    pays the first-run cost.
    """
    chunks = [(d.title, c.text) for d in docs for c in chunk_text(d.text, model.count_tokens, ChunkingPolicy())]
    texts = [passage_text(title, text) for title, text in chunks]
    model._encode(texts[:64])
    started = time.perf_counter()
    model._encode(texts)
    raw = time.perf_counter() - started
    started = time.perf_counter()
    kb.collection("squad").add_many(docs)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    model._encode(texts)
    raw = (raw + time.perf_counter() - started) / 2
    return {"passages": len(texts), "ours_s": ours, "raw_encode_s": raw,
            "ours_per_s": len(texts) / ours, "raw_per_s": len(texts) / raw, "ratio_to_raw": raw / ours}


def measure_latency(kb: KnowledgeBase, model: MiniLMEmbedder, qs: list[squad.SquadQuestion]) -> dict[str, dict]:
    """p50/p95 per mode, with the parts spent in query encoding, FAISS and FTS5."""
    collection = kb.collection("squad")
    parts: dict[str, list[float]] = {"encode": [], "faiss": [], "fts5": []}
    totals: dict[str, list[float]] = {m: [] for m in SEARCH_MODES}
    for q in qs:
        t0 = time.perf_counter()
        vector = model.embed([q.question])[0]
        t1 = time.perf_counter()
        collection.store.nearest(vector, 40)
        t2 = time.perf_counter()
        collection.store.keyword(q.question, 40)
        t3 = time.perf_counter()
        parts["encode"].append(t1 - t0)
        parts["faiss"].append(t2 - t1)
        parts["fts5"].append(t3 - t2)
        for mode in SEARCH_MODES:
            collection.clear_query_cache()  # every mode pays its own encode
            t = time.perf_counter()
            collection.search(q.question, mode, 10)
            totals[mode].append(time.perf_counter() - t)
    encode_p50 = squad.percentile(parts["encode"], 50)
    out = {name: {"p50_ms": 1000 * squad.percentile(v, 50), "p95_ms": 1000 * squad.percentile(v, 95)}
           for name, v in {**parts, **totals}.items()}
    for mode in SEARCH_MODES:
        out[mode]["p50_over_encode"] = squad.percentile(totals[mode], 50) / encode_p50
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    squad.sample_arguments(parser)
    parser.add_argument("--txtai", action="store_true", help="also run txtai (pip install -e '.[bench]')")
    parser.add_argument("--sweep", action="store_true", help="recall@1/5 of hybrid for vector weights 0..1")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/retrieval.json"))
    args = parser.parse_args()
    data = squad.load_or_skip(args.squad)
    arts = squad.articles(data, args.articles)
    qs = squad.questions(data, args.articles, args.questions)
    docs = [Document(text=a.text, title=a.title, source=f"squad:{a.title}") for a in arts]
    model = MiniLMEmbedder()
    report: dict[str, object] = {"articles": len(arts), "questions": len(qs)}
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(tmp), model)
        report["ingest"] = measure_ingest(kb, model, docs)
        collection = kb.collection("squad")
        report["recall"] = {mode: recall([[r.text for r in collection.search(q.question, mode, 10)] for q in qs], qs)
                            for mode in SEARCH_MODES}
        if args.sweep:
            sweep = {}
            for w in [x / 10 for x in range(11)]:
                collection.searcher.vector_weight = w
                sweep[w] = recall([[r.text for r in collection.search(q.question, "hybrid", 10)] for q in qs], qs)
                print(f"weight {w:.1f}: " + "  ".join(f"{k} {v:.3f}" for k, v in sweep[w].items()))
            report["sweep"] = sweep
            collection.searcher.vector_weight = squad_default_weight()
        report["latency"] = measure_latency(kb, model, qs)
        kb.close()
    if args.txtai:
        report["txtai"] = run_txtai(arts, qs, model, KS)
    print_table(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out}")


def squad_default_weight() -> float:
    from index.search.fusion import DEFAULT_VECTOR_WEIGHT
    return DEFAULT_VECTOR_WEIGHT


def print_table(report: dict) -> None:
    """The figures as a plain table."""
    print(f"\nSQuAD v1.1 dev: {report['articles']} articles, {report['questions']} questions")
    print(f"{'mode':<14}" + "".join(f"{'recall@' + str(k):>11}" for k in KS))
    rows = dict(report["recall"])
    if "txtai" in report:
        rows["txtai hybrid"] = report["txtai"]["recall"]
    for mode, r in rows.items():
        print(f"{mode:<14}" + "".join(f"{r[f'recall@{k}']:>11.3f}" for k in KS))
    ing = report["ingest"]
    print(f"\ningest: {ing['passages']} passages, {ing['ours_per_s']:.1f}/s vs raw encode {ing['raw_per_s']:.1f}/s"
          f" -> ratio {ing['ratio_to_raw']:.2f}")
    if "txtai" in report:
        print(f"txtai ingest ratio to raw encode: {report['txtai']['ingest_ratio_to_raw']:.2f}")
    lat = report["latency"]
    print("latency (ms)   p50     p95")
    for name, v in lat.items():
        extra = f"   {v['p50_over_encode']:.2f}x encode" if "p50_over_encode" in v else ""
        print(f"{name:<12}{v['p50_ms']:>7.2f} {v['p95_ms']:>7.2f}{extra}")
    if "txtai" in report:
        print(f"txtai hybrid p50 {report['txtai']['p50_ms']:.2f} ms = {report['txtai']['p50_over_encode']:.2f}x encode")


if __name__ == "__main__":
    main()
