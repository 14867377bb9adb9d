"""The SQuAD v1.1 dev sample every benchmark here uses, read from outside the repository."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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


def holds_answer(text: str, answers: tuple[str, ...]) -> bool:
    """True when the text contains one of the reference answers verbatim."""
    return any(a in text for a in answers)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile, 0 for no values."""
    return float(np.percentile(values, q)) if values else 0.0
