"""The reader set: own articles and the questions readers ask of them, scored per shape.

A question file has one JSON object per line: `id`, `shape`, `question`,
`expect` (spans of which the first quote must hold one; "abstain" or
"language" for the answer that must not quote), `after` (the id of the
question a follow-up follows) and `expect_all` (every span must be quoted).
Who-wrote and when-published answers may hold their span in the answer text
(the article's details), not only in the quote.
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bot.answering import Answer, AnswerService, Conversation
from bot.answering.citation_markers import strip_markers
from index.embedding import Embedder
from index.inputs import files_under
from index.library import KnowledgeBase
from index.sources.extract import load_path

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
DETAIL_SHAPES = ("who-wrote", "when-published")


def arguments(parser: argparse.ArgumentParser) -> None:
    """--reader DIR, --reader-questions FILE, --show."""
    parser.add_argument("--reader", type=Path, default=FIXTURES / "reader_articles")
    parser.add_argument("--reader-questions", type=Path, default=FIXTURES / "reader_questions.jsonl")
    parser.add_argument("--show", action="store_true", help="print every reader question answered wrongly")


def article_files(folder: Path) -> list[Path]:
    """The articles of a reader set folder (its README is not one), as `add` reads a folder."""
    return files_under(folder)


def is_right(item: dict, answer: Answer, details: frozenset[str] = frozenset()) -> bool:
    """Whether the answer is what the question expects; `details` are the articles'
    authors, sites and dates."""
    expect = item["expect"]
    if expect == "abstain":
        return answer.abstained and "English" not in answer.text
    if expect == "language":
        return answer.abstained and "English" in answer.text
    if answer.abstained or not answer.citations:
        return False
    if item.get("expect_all"):
        return all(any(span in c.quote for c in answer.citations) for span in expect)
    first = answer.citations[0].quote
    # An article's author, site or date is told in the answer's own words, not quoted: so it
    # is for "who wrote ..." and "when was ... published", and for a follow-up asking one
    # ("who wrote it", "and the other one?").
    if item["shape"] in DETAIL_SHAPES or any(span in details for span in expect):
        first += " " + strip_markers(answer.text)
    return any(span in first for span in expect)


def run(embedder: Embedder, folder: Path, questions: Path, show: bool = False) -> dict[str, object]:
    """Add the folder's articles to a new library and ask every question; results per shape."""
    items = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_id = {item["id"]: item for item in items}
    results: list[bool] = []
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(tmp), embedder)
        library = kb.collection("reader")
        library.add_many([load_path(p) for p in article_files(folder)])
        details = frozenset(x for a in library.articles() for x in (a.author, a.site, a.date) if x)
        service = AnswerService(kb)
        for item in items:
            conversation = None
            if item.get("after"):
                conversation = Conversation()
                service.ask("reader", by_id[item["after"]]["question"], conversation)
            answer = service.ask("reader", item["question"], conversation)
            right = is_right(item, answer, details)
            results.append(right)
            if show and not right:
                print(f"\n{item['id']} [{item['shape']}] {item['question']}\n  expected {item['expect']}\n"
                      f"  got: {answer.text[:300]}")
        kb.close()
    shapes: dict[str, list[bool]] = {}
    for item, right in zip(items, results):
        shapes.setdefault(item["shape"], []).append(right)
    answerable = [r for item, r in zip(items, results) if item["expect"] not in ("abstain", "language")]
    unanswerable = [r for item, r in zip(items, results) if item["expect"] == "abstain"]
    return {"per_shape": {shape: {"questions": len(v), "right": sum(v) / len(v)} for shape, v in shapes.items()},
            "answerable_right_first_quote": sum(answerable) / max(len(answerable), 1),
            "unanswerable_abstained": sum(unanswerable) / max(len(unanswerable), 1),
            "questions": len(items)}


def print_table(report: dict) -> None:
    """The reader set's results per shape."""
    print(f"\nReader set: {report['questions']} questions")
    print(f"{'shape':<18}{'questions':>10}{'right':>8}")
    for shape, row in sorted(report["per_shape"].items()):
        print(f"{shape:<18}{row['questions']:>10}{row['right']:>8.3f}")
    print(f"answerable with the right first quote {report['answerable_right_first_quote']:.3f}; "
          f"unanswerable abstained {report['unanswerable_abstained']:.3f}")
