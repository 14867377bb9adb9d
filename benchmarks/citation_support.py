"""Citation support: are wrong citations of LLM-style answers caught, and right ones kept?

    python -m benchmarks.citation_support [--squad PATH] [--articles 6] [--questions 300] [--skip 0] [--calibrate]

A library holds the project's fixture articles (and reader articles under
tests/fixtures/reader_articles, when present) and SQuAD dev articles. Right claims
are LLM-style sentences with the citation of the retrieved passage that holds
their fact: a SQuAD question turned into a statement by its reference answer
("Which NFL team represented the AFC?" -> "Denver Broncos represented the AFC."),
and fixture sentences shortened to their first clause. Each right claim yields
wrong ones: its marker moved to another retrieved passage, a number changed, a
name swapped for one from another article, and an invented sentence (one of the
same article that no retrieved passage holds) citing the right passage. Each is
checked alone, as one sentence of a reply, against the five retrieved passages.
Caught: a wrong claim is removed, or (a moved marker) re-pointed to a passage
holding the fact. Wrongly dropped: a right claim removed or re-pointed away.
"""
from __future__ import annotations

import argparse
import re
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.answering.citation_markers import markers_in
from bot.answering.citation_support import SupportChecker, SupportPolicy, numbers_in
from bot.answering.reply_check import check_reply
from index.chunking import split_sentences
from index.embedding import MiniLMEmbedder
from index.library import KnowledgeBase
from index.records import SearchResult
from index.sources import Document, load_path

from . import squad
from .reader_questions import article_files

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DIRS = [ROOT / "tests" / "fixtures" / "articles", ROOT / "tests" / "fixtures" / "reader_articles"]
COLLECTION = "support"
COPULAS = {"is", "was", "are", "were"}
AUX = {"is", "was", "are", "were", "has", "had", "have", "can", "could", "will", "would", "may", "might"}
_CAPITALISED = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{2,}\b")
"""A capitalised word inside a sentence: a name."""
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Case:
    """One claim cited as passage `cited` (1-based); `holds` are the passages holding its fact."""

    kind: str
    claim: str
    cited: int
    holds: frozenset[int]
    passages: tuple[SearchResult, ...]

    @property
    def right(self) -> bool:
        return self.kind == "right"


def statement(question: str, answer: str) -> str | None:
    """A SQuAD question as the sentence an LLM would answer with, or None when no simple
    rewrite exists (only who/what/which/how many questions whose verb follows)."""
    words = question.rstrip(" ?").split()
    if len(words) < 3 or not answer.strip():
        return None
    head = words[0].lower()
    if head == "how" and words[1].lower() in {"many", "much"}:
        rest = words[2:]
        if len(rest) < 2 or any(w.lower() in {"did", "does", "do"} | AUX for w in rest[:4]):
            return None  # "How many fumbles did he have" needs reordering
        text = f"{answer} {' '.join(rest)}"
    elif head in {"who", "what", "which"}:
        for at in range(1, min(len(words), 5)):
            word = words[at].lower()
            if word in {"did", "does", "do"}:
                return None
            if word in AUX or word.endswith("ed"):
                if word in AUX and (at > 1 and head != "which" or at == 1 and word not in COPULAS):
                    return None  # "What year was ...", "What can a teacher make" need reordering
                text = f"{answer} {' '.join(words[at:])}"
                break
        else:
            return None
    else:
        return None
    return text[0].upper() + text[1:] + "."


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text) if "\n" not in text[a:b]]


def _holding(passages: list[SearchResult], needle: str, title: str | None = None) -> frozenset[int]:
    """The passages (1-based) holding `needle`, in the article titled `title` when given."""
    return frozenset(i + 1 for i, p in enumerate(passages) if needle in p.text and title in (None, p.title))


def _wrongs(right: Case, fact: str, rng: np.random.Generator, names: list[str], article_text: str) -> list[Case]:
    """The wrong claims made from one right claim (those that apply to it)."""
    out = []
    others = [i + 1 for i in range(len(right.passages)) if i + 1 not in right.holds]
    if others:
        out.append(Case("marker moved", right.claim, int(rng.choice(others)), right.holds, right.passages))
    cited_numbers = numbers_in(right.passages[right.cited - 1].text)
    numbers = [m for m in _NUMBER.finditer(right.claim) if m.group().replace(",", "") in cited_numbers]
    if numbers:
        m = numbers[int(rng.integers(len(numbers)))]
        digits = m.group().replace(",", "")
        whole, dot, fraction = digits.partition(".")
        # Another value the cited passage does not state (it may state several).
        changes = [str(int(whole) + d) + dot + fraction for d in rng.permutation([-3, -2, -1, 1, 2, 3])]
        changed = next((c for c in changes if c not in cited_numbers and not c.startswith("-")), None)
        if changed is not None:
            claim = right.claim[:m.start()] + changed + right.claim[m.end():]
            out.append(Case("number changed", claim, right.cited, frozenset(), right.passages))
    cited_text = right.passages[right.cited - 1].text
    present = [m for m in _CAPITALISED.finditer(right.claim) if m.group() in cited_text]
    foreign = [n for n in names if all(n not in p.text for p in right.passages)]
    if present and foreign:
        m = present[int(rng.integers(len(present)))]
        claim = right.claim[:m.start()] + str(rng.choice(foreign)) + right.claim[m.end():]
        out.append(Case("name swapped", claim, right.cited, frozenset(), right.passages))
    candidates = [s for s in _sentences(article_text)
                  if 8 <= len(s.split()) <= 40 and all(s not in p.text for p in right.passages)]
    if candidates:
        out.append(Case("invented sentence", str(rng.choice(candidates)), right.cited, frozenset(), right.passages))
    return out


def build_cases(kb: KnowledgeBase, data: dict, args: argparse.Namespace, fixture_docs: list[Document]) -> list[Case]:
    """Right claims from SQuAD questions and fixture sentences, and the wrong ones made from each."""
    rng = np.random.default_rng(0)
    library = kb.collection(COLLECTION)
    arts = squad.articles(data, args.articles, args.skip)
    names = sorted({m.group() for a in arts for m in _CAPITALISED.finditer(a.text)}
                   | {m.group() for d in fixture_docs for m in _CAPITALISED.finditer(d.text)})
    cases: list[Case] = []
    for q in squad.questions(data, args.articles, args.questions, skip=args.skip):
        claim = statement(q.question, q.answers[0])
        if claim is None:
            continue
        passages = library.search(q.question, "hybrid", 5)
        # The fact is where the answer is written in the question's own article (not a "three" elsewhere).
        holds = _holding(passages, q.answers[0], title=arts[q.article].title)
        if not holds:
            continue
        right = Case("right", claim, min(holds), holds, tuple(passages))
        cases += [right, *_wrongs(right, q.answers[0], rng, names, arts[q.article].text)]
    for doc in fixture_docs:
        for sentence in _sentences(doc.text):
            first_clause = sentence.split(", ")[0].rstrip(".") + "."
            claim = first_clause if len(first_clause.split()) >= 6 else sentence
            if len(claim.split()) < 6 or len(sentence.split()) > 60:
                continue
            passages = library.search(claim, "hybrid", 5)
            holds = _holding(passages, sentence.rstrip("."))
            if not holds:
                continue
            right = Case("right", claim, min(holds), holds, tuple(passages))
            cases += [right, *_wrongs(right, sentence, rng, names, doc.text)]
    return cases


def outcome(case: Case, checker: SupportChecker) -> bool:
    """True when the checker did the right thing: kept a right claim on a passage holding
    its fact, or caught a wrong one."""
    text = check_reply(f"{case.claim.rstrip('.')} [{case.cited}].", case.passages, checker).text
    cited = set(markers_in(text))
    if case.right or case.kind == "marker moved":
        return bool(cited) and cited <= case.holds if case.right else cited <= case.holds
    return not cited


def evaluate(cases: list[Case], checker: SupportChecker, show: bool = False) -> dict[str, tuple[int, int]]:
    """Per kind: (cases done right, cases); `show` prints the claims handled wrongly."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        good = outcome(case, checker)
        tally[case.kind][0] += good
        tally[case.kind][1] += 1
        if show and not good:
            print(f"{case.kind}: {case.claim} [{case.cited}] (held by {sorted(case.holds)})")
    return {k: (v[0], v[1]) for k, v in tally.items()}


def report(results: dict[str, tuple[int, int]]) -> tuple[float, float]:
    """Print the table; return (share of wrong ones caught, share of right ones wrongly dropped)."""
    print("| claims | count | caught | wrongly dropped |")
    print("|---|---|---|---|")
    for kind, (good, count) in sorted(results.items(), key=lambda kv: kv[0] != "right"):
        if kind == "right":
            print(f"| right (correct marker) | {count} | | {1 - good / count:.3f} |")
        else:
            print(f"| {kind} | {count} | {good / count:.3f} | |")
    wrong_good = sum(g for k, (g, _) in results.items() if k != "right")
    wrong_all = sum(c for k, (_, c) in results.items() if k != "right")
    right_good, right_all = results.get("right", (0, 0))
    caught, dropped = wrong_good / max(wrong_all, 1), 1 - right_good / max(right_all, 1)
    print(f"| **all wrong** | {wrong_all} | **{caught:.3f}** | |")
    print(f"| **all right** | {right_all} | | **{dropped:.3f}** |")
    return caught, dropped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    squad.sample_arguments(parser)
    parser.set_defaults(articles=6)
    parser.add_argument("--skip", type=int, default=0, help="start at this SQuAD article (calibrate on others)")
    parser.add_argument("--calibrate", action="store_true", help="also sweep the policy's weight and threshold")
    parser.add_argument("--show", action="store_true", help="print each claim the checker handled wrongly")
    args = parser.parse_args()
    data = squad.load_or_skip(args.squad)
    fixture_docs = [load_path(p) for d in FIXTURE_DIRS if d.is_dir() for p in article_files(d)]
    embedder = MiniLMEmbedder()
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(tmp), embedder)
        try:
            docs = [Document(text=a.text, title=a.title, source=f"squad:{a.title}")
                    for a in squad.articles(data, args.articles, args.skip)]
            kb.collection(COLLECTION).add_many(docs + fixture_docs)
            cases = build_cases(kb, data, args, fixture_docs)
            print(f"{len(fixture_docs)} fixture articles and SQuAD dev articles "
                  f"{args.skip}..{args.skip + args.articles - 1}"
                  f"; {sum(c.right for c in cases)} right claims, {sum(not c.right for c in cases)} wrong ones\n")
            vectors: dict[str, np.ndarray] = {}

            def embed(texts: Sequence[str]) -> np.ndarray:  # claims recur in the sweep: embed each once
                missing = [t for t in dict.fromkeys(texts) if t not in vectors]
                if missing:
                    vectors.update(zip(missing, embedder.embed(missing)))
                return np.vstack([vectors[t] for t in texts])

            checker = SupportChecker(embed)
            caught, dropped = report(evaluate(cases, checker, args.show))
            print(f"\naim: caught >= 0.90 ({'met' if caught >= 0.90 else 'NOT met'}), "
                  f"wrongly dropped <= 0.05 ({'met' if dropped <= 0.05 else 'NOT met'})")
            if args.calibrate:
                print("\n| overlap weight | threshold | caught | wrongly dropped |\n|---|---|---|---|")
                for weight in (0.3, 0.4, 0.5, 0.6, 0.7):
                    for threshold in np.arange(0.35, 0.66, 0.05):
                        checker.policy = SupportPolicy(weight, float(threshold))
                        results = evaluate(cases, checker)
                        wrong = [v for k, v in results.items() if k != "right"]
                        c = sum(g for g, _ in wrong) / max(sum(n for _, n in wrong), 1)
                        d = 1 - results["right"][0] / max(results["right"][1], 1)
                        print(f"| {weight:.1f} | {threshold:.2f} | {c:.3f} | {d:.3f} |")
        finally:
            kb.close()


if __name__ == "__main__":
    main()
