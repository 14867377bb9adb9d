"""The SQuAD v1.1 dev sample every benchmark here uses, read from outside the repository."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.sources import Document

DEFAULT_PATH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "squad-v1.1-dev" / "dev-v1.1.json"


@dataclass(frozen=True)
class SquadArticle:
    """One Wikipedia article: its title and paragraphs joined by blank lines."""

    title: str
    text: str


@dataclass(frozen=True)
class SquadQuestion:
    """A question with its reference answers and the article it came from."""

    question: str
    answers: tuple[str, ...]
    article: int


def sample_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every benchmark shares: where SQuAD is and how large the sample."""
    parser.add_argument("--squad", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--articles", type=int, default=8)
    parser.add_argument("--questions", type=int, default=300)


def load_or_skip(path: Path) -> dict:
    """Read the data set, or exit 0 with one line when it is absent."""
    if not path.exists():
        print(f"skipped: SQuAD dev set not found at {path} (pass --squad PATH)")
        sys.exit(0)
    return json.loads(path.read_text(encoding="utf-8"))


def articles(data: dict, first: int, skip: int = 0) -> list[SquadArticle]:
    """Articles `skip .. skip+first` as title + paragraphs."""
    out = []
    for item in data["data"][skip:skip + first]:
        title = item["title"].replace("_", " ")
        paragraphs = [p["context"].strip() for p in item["paragraphs"]]
        out.append(SquadArticle(title, title + "\n\n" + "\n\n".join(paragraphs)))
    return out


def questions(data: dict, first_articles: int, sample: int, seed: int = 0, skip: int = 0) -> list[SquadQuestion]:
    """Every question of the articles, permuted with `default_rng(seed)`, the first `sample`."""
    pool = []
    for number, item in enumerate(data["data"][skip:skip + first_articles]):
        for paragraph in item["paragraphs"]:
            for qa in paragraph["qas"]:
                pool.append(SquadQuestion(qa["question"], tuple(a["text"] for a in qa["answers"]), number))
    order = np.random.default_rng(seed).permutation(len(pool))
    return [pool[i] for i in order[:sample]]


def article_questions(item: dict, number: int, paragraphs: Iterable[int] | None = None) -> list[SquadQuestion]:
    """The questions of one article (of the paragraphs numbered in `paragraphs`, default all)."""
    keep = None if paragraphs is None else set(paragraphs)
    return [SquadQuestion(qa["question"], tuple(a["text"] for a in qa["answers"]), number)
            for i, paragraph in enumerate(item["paragraphs"]) if keep is None or i in keep
            for qa in paragraph["qas"]]


def held_out_split(items: list[dict], skip: int = 0) -> tuple[list[Document], list[SquadQuestion], list[SquadQuestion]]:
    """Articles without every third paragraph (index % 3 == 1) as documents, the questions
    of the paragraphs kept, and those of the paragraphs held out."""
    docs, kept, held = [], [], []
    for number, item in enumerate(items, start=skip):
        title = item["title"].replace("_", " ")
        count = len(item["paragraphs"])
        keep = [i for i in range(count) if i % 3 != 1]
        text = title + "\n\n" + "\n\n".join(item["paragraphs"][i]["context"].strip() for i in keep)
        docs.append(Document(text=text, title=title, source=f"squad:{title}"))
        kept += article_questions(item, number, keep)
        held += article_questions(item, number, (i for i in range(count) if i % 3 == 1))
    return docs, kept, held


def holds_answer(text: str, answers: tuple[str, ...]) -> bool:
    """True when the text contains one of the reference answers verbatim."""
    return any(a in text for a in answers)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile, 0 for no values."""
    return float(np.percentile(values, q)) if values else 0.0
