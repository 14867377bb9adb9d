"""`fuse`, the pure function behind hybrid search: a convex mix of cosine and normalised bm25."""
from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.search.fusion import DEFAULT_VECTOR_WEIGHT, fuse

SETTINGS = settings(max_examples=150, deadline=None)

# Small exact values keep every comparison free of rounding surprises.
cosines = st.integers(-100, 100).map(lambda n: n / 100)
bm25s = st.integers(0, 400).map(float)


@st.composite
def candidates(draw: st.DrawFn) -> tuple[dict[int, float], dict[int, float]]:
    """Every candidate has a cosine; a subset of them matched the keyword query."""
    ids = draw(st.lists(st.integers(1, 10_000), min_size=0, max_size=30, unique=True))
    similarity = {i: draw(cosines) for i in ids}
    matched = draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
    bm25 = {i: draw(bm25s) for i in matched}
    return similarity, bm25


@SETTINGS
@given(pair=candidates())
def test_weight_one_is_cosine_order(pair: tuple[dict[int, float], dict[int, float]]) -> None:
    """vector_weight=1: the ranking is by cosine alone, ties by id."""
    similarity, bm25 = pair
    ranked = fuse(similarity, bm25, vector_weight=1.0)
    assert [cid for cid, _ in ranked] == sorted(similarity, key=lambda i: (-similarity[i], i))
    assert all(score == pytest.approx(similarity[cid]) for cid, score in ranked)


@SETTINGS
@given(pair=candidates())
def test_weight_zero_is_bm25_order(pair: tuple[dict[int, float], dict[int, float]]) -> None:
    """vector_weight=0: the ranking is by bm25 alone; unmatched candidates follow at 0, by id."""
    similarity, bm25 = pair
    ranked = fuse(similarity, bm25, vector_weight=0.0)
    ids = [cid for cid, _ in ranked]
    assert ids == sorted(similarity, key=lambda i: (-bm25.get(i, 0.0), i))
    top = max(bm25.values(), default=0.0)
    for cid, score in ranked:
        assert score == pytest.approx(bm25.get(cid, 0.0) / top if top > 0 else 0.0)


@SETTINGS
@given(pair=candidates(), weight=st.sampled_from([0.0, 0.3, 0.5, DEFAULT_VECTOR_WEIGHT, 1.0]))
def test_scores_are_the_convex_mix_and_sorted(pair: tuple[dict[int, float], dict[int, float]], weight: float) -> None:
    """score = w * cosine + (1 - w) * bm25 / best bm25, best first; every candidate appears once."""
    similarity, bm25 = pair
    ranked = fuse(similarity, bm25, weight)
    assert sorted(cid for cid, _ in ranked) == sorted(similarity)
    top = max(bm25.values(), default=0.0)
    for cid, score in ranked:
        keyword = bm25.get(cid, 0.0) / top if top > 0 else 0.0
        assert score == pytest.approx(weight * similarity[cid] + (1 - weight) * keyword)
    assert all(a[1] > b[1] or (a[1] == b[1] and a[0] < b[0]) for a, b in zip(ranked, ranked[1:]))


@SETTINGS
@given(pair=candidates(), scale=st.sampled_from([0.5, 2.0, 10.0, 1000.0]))
def test_bm25_is_normalised_by_the_best(pair: tuple[dict[int, float], dict[int, float]], scale: float) -> None:
    """Scaling every bm25 by a constant changes nothing: only bm25 / best bm25 counts."""
    similarity, bm25 = pair
    scaled = {cid: score * scale for cid, score in bm25.items()}
    plain, rescaled = fuse(similarity, bm25, 0.5), fuse(similarity, scaled, 0.5)
    assert [cid for cid, _ in plain] == [cid for cid, _ in rescaled]
    assert [s for _, s in plain] == pytest.approx([s for _, s in rescaled])


@SETTINGS
@given(pair=candidates(), seed=st.integers(0, 2**16))
def test_ties_are_deterministic_whatever_the_input_order(pair: tuple[dict[int, float], dict[int, float]],
                                                       seed: int) -> None:
    """The same candidates in any dict order give the same ranking."""
    similarity, bm25 = pair
    ids = list(similarity)
    random.Random(seed).shuffle(ids)
    shuffled_sim = {i: similarity[i] for i in ids}
    shuffled_bm25 = {i: bm25[i] for i in reversed(list(bm25))}
    assert fuse(similarity, bm25) == fuse(shuffled_sim, shuffled_bm25)


def test_exact_ties_break_by_id() -> None:
    """Equal scores come out in id order."""
    assert [cid for cid, _ in fuse({9: 0.5, 3: 0.5, 7: 0.5}, {})] == [3, 7, 9]
    assert [cid for cid, _ in fuse({5: 0.2, 2: 0.2, 4: 0.9}, {5: 3.0, 2: 3.0}, 0.5)] == [2, 5, 4]


def test_keyword_only_and_vector_only_candidates() -> None:
    """A strong keyword match with no semantic overlap can beat a middling vector-only match, and the reverse."""
    similarity = {1: 0.0, 2: 0.6, 3: 0.3}  # 1: keyword-only evidence, 2: vector-only, 3: both
    bm25 = {1: 8.0, 3: 4.0}
    w = 0.5
    ranked = dict(fuse(similarity, bm25, w))
    assert ranked[1] == pytest.approx(0.5 * 0.0 + 0.5 * 1.0)
    assert ranked[2] == pytest.approx(0.5 * 0.6 + 0.5 * 0.0)
    assert ranked[3] == pytest.approx(0.5 * 0.3 + 0.5 * 0.5)
    assert [cid for cid, _ in fuse(similarity, bm25, w)] == [1, 3, 2]
    assert [cid for cid, _ in fuse(similarity, bm25, 0.9)] == [2, 3, 1]


def test_empty_inputs() -> None:
    """No candidates, no results; no keyword evidence, cosine alone (scaled by the weight)."""
    assert fuse({}, {}) == []
    assert fuse({}, {1: 5.0}) == []
    assert fuse({1: 0.8, 2: 0.4}, {}, 0.7) == [(1, pytest.approx(0.56)), (2, pytest.approx(0.28))]


def test_non_positive_bm25_counts_as_no_keyword_evidence() -> None:
    """If no candidate has a positive bm25 there is nothing to normalise by: the keyword side is 0."""
    ranked = fuse({1: 0.2, 2: 0.1}, {1: 0.0, 2: -3.0}, 0.5)
    assert [cid for cid, _ in ranked] == [1, 2]
    assert all(math.isfinite(score) for _, score in ranked)
    assert ranked[0][1] == pytest.approx(0.1)


def test_default_weight_favours_vectors_but_keeps_keywords() -> None:
    """The tuned default lies strictly between the two pure modes."""
    assert 0.0 < DEFAULT_VECTOR_WEIGHT < 1.0
    # Two candidates with the same cosine: the one the keyword query matched ranks first.
    assert [cid for cid, _ in fuse({10: 0.4, 20: 0.4}, {20: 1.5})] == [20, 10]
