"""Hybrid fusion: one pure function that merges keyword and vector evidence."""
from __future__ import annotations

from collections.abc import Mapping

# Tuned on SQuAD v1.1 dev (benchmarks/retrieval.py); see the README's figures.
DEFAULT_VECTOR_WEIGHT = 0.7


def fuse(similarity: Mapping[int, float], bm25: Mapping[int, float],
         vector_weight: float = DEFAULT_VECTOR_WEIGHT) -> list[tuple[int, float]]:
    """Rank candidates by a convex mix of cosine similarity and normalised bm25.

    `similarity` holds every candidate's cosine (in [-1, 1]); `bm25` holds the
    higher-is-better bm25 of the candidates the keyword query matched (others
    count as 0). bm25 is divided by the best bm25 among the candidates, so it
    lies in [0, 1] like a useful cosine. Returns (id, score), best first, ties
    broken by id so the order is deterministic.
    """
    top = max((s for s in bm25.values() if s > 0), default=0.0)
    scored = []
    for chunk_id, cosine in similarity.items():
        keyword = bm25.get(chunk_id, 0.0) / top if top > 0 else 0.0
        scored.append((chunk_id, vector_weight * cosine + (1.0 - vector_weight) * keyword))
    scored.sort(key=lambda pair: (-pair[1], pair[0]))
    return scored
