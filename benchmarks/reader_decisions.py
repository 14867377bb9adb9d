"""The development reader sets' questions, as examples to fit the answerer's models on.

SQuAD's questions are asked of an encyclopaedia and its unanswerable ones are held-out
paragraphs; readers ask of news in other ways ("how many adults caught it" of a story
counting children, "whats the detour" of a "diversion"). Both models are therefore fitted
on both. Of each question of a development set that the extractive answerer ranks, an
example keeps its candidate sentences, which of them the question's shape allows, which
hold the expected answer, and what the decision needs besides. The held-out sets (6, 8,
12, 13, 14, 17, 19, 21, 22) and the probe sets are never read here.
"""
from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.answering import AnswerService, Conversation
from bot.answering.chat_words import plain_question
from bot.answering.extractive import decision_rows
from bot.answering.question_shapes import Veto
from bot.answering.sentence_features import Candidates
from index.embedding import Embedder
from index.library import KnowledgeBase
from index.records import SearchResult
from index.sources.extract import load_path

from .reader_questions import FIXTURES, article_files

# The sets used to find what fails (set 1 is the unnumbered one).
DEVELOPMENT_SETS = ("", "2", "3", "4", "5", "7", "9", "10", "11", "15", "16", "18", "20", "23")
_COLLECTION = "reader"


@dataclass(frozen=True)
class ReaderExample:
    """One ranked question: its candidates, those its shape allows, those holding the
    expected answer (none for an unanswerable one), and what the decision reads."""

    question: str
    candidates: Candidates
    allowed: np.ndarray
    right: np.ndarray
    answerable: bool
    passages: Sequence[SearchResult]
    context: str

    def ranking_group(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(feature rows, labels) of the allowed candidates, when one of them answers."""
        if not self.answerable or not self.right[self.allowed].any():
            return None
        return self.candidates.rank_rows[self.allowed], self.right[self.allowed]

    def decision(self, weights: np.ndarray) -> tuple[np.ndarray, float] | None:
        """The evidence for answering with the best allowed sentence under the ranker's
        `weights`, labelled 1 when it holds the answer and 0 when there is none to hold
        (an answerable question whose best sentence is wrong is wrong either way: None)."""
        scores = self.candidates.rank_rows @ weights
        best = int(np.argmax(np.where(self.allowed, scores, -np.inf)))
        if self.answerable and not self.right[best]:
            return None
        rows = decision_rows(self.question, self.candidates, scores, best, self.passages, self.context)
        return rows[0], float(self.answerable)


def set_paths(name: str) -> tuple[Path, Path]:
    """(articles folder, questions file) of a reader set by its number ("" for set 1)."""
    suffix = f"_{name}" if name else ""
    return FIXTURES / f"reader_articles{suffix}", FIXTURES / f"reader_questions{suffix}.jsonl"


def reader_examples(embedder: Embedder, names: Sequence[str] = DEVELOPMENT_SETS) -> Iterator[ReaderExample]:
    """The examples of the sets' questions the extractive answerer ranks."""
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
                    yield example
            kb.close()


def _example(service: AnswerService, question: str, conversation: Conversation | None,
             expect: list[str] | str) -> ReaderExample | None:
    request = service.prepare(_COLLECTION, question, conversation)
    if request.kind != "question" or not request.passages:
        return None
    ranking = service.extractive.rank(request)
    if ranking is None:
        return None
    c = ranking.candidates
    veto = Veto(request.question, request.passages, c.decisive, request.openings or {})
    spans = [] if expect == "abstain" else list(expect)
    return ReaderExample(request.question, c, np.array([veto(s) is None for s in c.sentences]),
                         np.array([any(span in s.text for span in spans) for s in c.sentences]),
                         expect != "abstain", request.passages, request.context)
