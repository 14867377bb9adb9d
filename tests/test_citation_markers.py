"""Tests of finding, dropping and renumbering [n] citation markers."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answering.citation_markers import MARKER_RE, markers_in, renumber_markers, strip_markers


@pytest.mark.parametrize("marker", ["[1]", "[12]", "[1, 2]", "[1,2]", "[ 3 ]", "[1; 4]", "[1, 2, 3]", "[007]"])
def test_marker_re_matches_a_whole_group(marker: str) -> None:
    assert [m.group() for m in MARKER_RE.finditer(f"x {marker} y")] == [marker]


@pytest.mark.parametrize("text", ["[]", "[a]", "[1-2]", "[1,]", "[1 2]", "[١]", "[1234567]", "a[i]", "(1)"])
def test_marker_re_ignores_what_is_not_a_citation(text: str) -> None:
    assert MARKER_RE.search(text) is None


def test_adjacent_groups_are_separate_markers() -> None:
    assert [m.group() for m in MARKER_RE.finditer("a [1][2] b")] == ["[1]", "[2]"]


def test_markers_in_lists_first_appearances_once() -> None:
    assert markers_in("b [3]. a [1, 3][2]. c [3][0].") == [3, 1, 2, 0]
    assert markers_in("no citations here") == []


@pytest.mark.parametrize(
    ("text", "expected", "order"),
    [
        ("A [3]. B [1][3].", "A [1]. B [2][1].", [3, 1]),
        ("X [2, 3]. Y [3,1].", "X [1][2]. Y [2][3].", [2, 3, 1]),
        ("Same [2, 2] twice.", "Same [1] twice.", [2]),
        ("Tall [7].", "Tall.", []),
        ("Tall [1, 7].", "Tall [1].", [1]),
        ("Tall [7] and old [2].", "Tall and old [1].", [2]),
        ("Tall [7][8], old [2]!", "Tall, old [1]!", [2]),
        ("Tall [7] [8] old", "Tall old", []),
        ("[0] Starts here [1].", "Starts here [1].", [1]),
        ("Line one [9]\nLine two [1]", "Line one\nLine two [1]", [1]),
        ("(see [9])", "(see)", []),
        ("word[9] next", "word next", []),
        ("Nested [1[7]] junk", "Nested [1] junk", [1]),
        ("Plain text, no markers.", "Plain text, no markers.", []),
        ("", "", []),
    ],
)
def test_renumber_markers_examples(text: str, expected: str, order: list[int]) -> None:
    assert renumber_markers(text, 3) == (expected, order)


def test_nothing_is_valid_with_zero_passages() -> None:
    assert renumber_markers("A [1]. B [2].", 0) == ("A. B.", [])


def test_strip_markers_removes_all_and_tidies() -> None:
    assert strip_markers("Paris [1] is big [2, 3]. Yes [4]!") == "Paris is big. Yes!"


# Text built from a small alphabet so that brackets, digits and separators collide often.
_messy_text = st.text(alphabet="[]0123456789,; \n.ab", max_size=60)
_valid = st.integers(min_value=0, max_value=12)


def _check_invariant(text: str, valid: int) -> None:
    out, order = renumber_markers(text, valid)
    assert markers_in(out) == list(range(1, len(order) + 1))
    assert all(1 <= n <= valid for n in order)
    assert len(set(order)) == len(order)


@settings(max_examples=300, deadline=None)
@given(_messy_text, _valid)
def test_renumbered_markers_are_exactly_one_to_n_on_any_text(text: str, valid: int) -> None:
    _check_invariant(text, valid)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), _valid)
def test_renumbered_markers_are_exactly_one_to_n_on_unicode_text(text: str, valid: int) -> None:
    _check_invariant(text, valid)


@settings(max_examples=200, deadline=None)
@given(_messy_text, _valid)
def test_renumbering_is_idempotent(text: str, valid: int) -> None:
    out, order = renumber_markers(text, valid)
    assert renumber_markers(out, len(order)) == (out, list(range(1, len(order) + 1)))


_words = st.sampled_from(["Paris", "is", "big", "and", "old", ".", ",", "!", "\n"])
_groups = st.lists(st.integers(min_value=0, max_value=15), min_size=1, max_size=3).map(
    lambda ns: "[" + ", ".join(map(str, ns)) + "]"
)
_reply_tokens = st.lists(st.one_of(_words, _groups), max_size=25)


@settings(max_examples=200, deadline=None)
@given(_reply_tokens, _valid)
def test_order_follows_the_valid_citations_of_a_reply(tokens: list[str], valid: int) -> None:
    text = " ".join(tokens)
    out, order = renumber_markers(text, valid)
    assert order == [n for n in markers_in(text) if 1 <= n <= valid]
    # Only markers and whitespace change: every other character stays, in order.
    assert "".join(MARKER_RE.sub("", out).split()) == "".join(MARKER_RE.sub("", text).split())
    # Each kept citation still points at the passage it pointed at.
    cited = [order[n - 1] for m in MARKER_RE.finditer(out) for n in markers_in(m.group())]
    original = [n for m in MARKER_RE.finditer(text) for n in dict.fromkeys(markers_in(m.group())) if 1 <= n <= valid]
    assert cited == original


@settings(max_examples=200, deadline=None)
@given(_reply_tokens, _valid)
def test_removal_leaves_no_double_space_or_space_before_punctuation(tokens: list[str], valid: int) -> None:
    out, _ = renumber_markers(" ".join(tokens), valid)
    # The same reply had the model cited only valid passages: what it lacks, `out` lacks.
    kept = " ".join(t for t in tokens if not t.startswith("[") or any(1 <= n <= valid for n in markers_in(t)))
    for bad in ("  ", " .", " ,", " !", " \n"):
        if bad not in kept:
            assert bad not in out
