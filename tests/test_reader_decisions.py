"""The development reader sets' questions the answerer's models are fitted on."""
from __future__ import annotations

import pytest

from benchmarks.reader_decisions import DEVELOPMENT_SETS, reader_examples, set_paths
from bot.answering.answer_weights import rank_vector
from bot.answering.sentence_features import DECIDE_FEATURES, RANK_FEATURES
from index.embedding import Embedder

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_the_development_sets_are_there_and_the_held_out_ones_are_not_among_them() -> None:
    for name in DEVELOPMENT_SETS:
        folder, questions = set_paths(name)
        assert folder.is_dir() and questions.is_file(), name
    assert not {"6", "8", "12", "13", "14", "17", "19", "21", "22"} & set(DEVELOPMENT_SETS)


def test_a_ranked_question_gives_a_ranking_group_and_a_labelled_decision(embedder: Embedder) -> None:
    examples = list(reader_examples(embedder, ("",)))
    groups = [g for g in (e.ranking_group() for e in examples) if g is not None]
    decided = [d for d in (e.decision(rank_vector()) for e in examples) if d is not None]
    assert 60 < len(groups) < 150
    assert all(rows.shape[1] == len(RANK_FEATURES) and labels.any() for rows, labels in groups)
    # Unanswerable questions give no ranking group, only a decision labelled 0.
    assert all(e.ranking_group() is None for e in examples if not e.answerable)
    labels = [label for _, label in decided]
    assert all(row.shape == (len(DECIDE_FEATURES),) for row, _ in decided)
    assert 60 < sum(labels) < 150 and 5 < labels.count(0.0) < 40
