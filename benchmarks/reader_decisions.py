"""Answer-or-abstain evidence from the development reader sets, to fit the decision on.

SQuAD's unanswerable questions are held-out paragraphs of an encyclopaedia; readers ask
of news in other ways ("how many adults caught it" of a story counting children). The
decision is therefore fitted on both: for each question of a development set that the
extractive answerer ranks, the evidence for answering with its best sentence, labelled
1 when that sentence holds the expected answer and 0 when the question is unanswerable
(an answerable question whose best sentence is wrong is wrong either way, and left out).
The held-out sets (6, 8, 12, 13, 14, 17, 19, 21) and the probe sets are never read here.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np

from bot.answering import AnswerService, Conversation
from bot.answering.chat_words import plain_question
from bot.answering.extractive import decision_rows
from index.embedding import Embedder
from index.library import KnowledgeBase
from index.sources.extract import load_path

from .reader_questions import FIXTURES, article_files

# The sets used to find what fails (set 1 is the unnumbered one).
DEVELOPMENT_SETS = ("", "2", "3", "4", "5", "7", "9", "10", "11", "15", "16", "18", "20")
_COLLECTION = "reader"


def set_paths(name: str) -> tuple[Path, Path]:
    """(articles folder, questions file) of a reader set by its number ("" for set 1)."""
    suffix = f"_{name}" if name else ""
    return FIXTURES / f"reader_articles{suffix}", FIXTURES / f"reader_questions{suffix}.jsonl"


def decision_examples(embedder: Embedder, names: tuple[str, ...] = DEVELOPMENT_SETS) -> tuple[np.ndarray, np.ndarray]:
    """(evidence rows, labels) over the sets' questions the extractive answerer ranks."""
    rows: list[np.ndarray] = []
    labels: list[float] = []
    for name in names:
        folder, questions = set_paths(name)
        items = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
        by_id = {item["id"]: item for item in items}
        with tempfile.TemporaryDirectory() as tmp:
            kb = KnowledgeBase(Path(tmp), embedder)
            kb.collection(_COLLECTION).add_many([load_path(p) for p in article_files(folder)])
            service = AnswerService(kb)
            for item in items:
                if item["expect"] == "language":
                    continue
                conversation = Conversation() if item.get("after") else None
                if conversation is not None:
                    service.ask(_COLLECTION, by_id[item["after"]]["question"], conversation)
                example = _example(service, plain_question(item["question"]), conversation, item["expect"])
                if example is not None:
                    rows.append(example[0])
                    labels.append(example[1])
            kb.close()
    return np.array(rows), np.array(labels)


def _example(service: AnswerService, question: str, conversation: Conversation | None,
             expect: list[str] | str) -> tuple[np.ndarray, float] | None:
    """The evidence for answering one question with its best sentence, and its label."""
    request = service.prepare(_COLLECTION, question, conversation)
    if request.kind != "question" or not request.passages:
        return None
    ranking = service.extractive.rank(request)
    if ranking is None:
        return None
    if expect == "abstain":
        label = 0.0
    elif any(span in ranking.best.text for span in expect):
        label = 1.0
    else:
        return None
    rows = decision_rows(request.question, ranking.candidates, ranking.scores, ranking.order[0],
                         request.passages, request.context)
    return rows[0], label
