"""The development reader sets' evidence the answer-or-abstain decision is fitted on."""
from __future__ import annotations

import numpy as np
import pytest

from benchmarks.reader_decisions import DEVELOPMENT_SETS, decision_examples, set_paths
from bot.answering.sentence_features import DECIDE_FEATURES
from index.embedding import Embedder

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_the_development_sets_are_there_and_the_held_out_ones_are_not_among_them() -> None:
    for name in DEVELOPMENT_SETS:
        folder, questions = set_paths(name)
        assert folder.is_dir() and questions.is_file(), name
    assert not {"6", "8", "12", "13", "14", "17", "19", "21"} & set(DEVELOPMENT_SETS)


def test_each_ranked_question_gives_one_row_labelled_by_its_best_sentence(embedder: Embedder) -> None:
    rows, labels = decision_examples(embedder, ("",))
    assert rows.shape == (len(labels), len(DECIDE_FEATURES))
    # Right first sentences and unanswerable questions both, wrong first sentences left out.
    assert set(np.unique(labels)) == {0.0, 1.0}
    assert 60 < labels.sum() < 150 and 5 < (labels == 0).sum() < 40
