"""`python -m bot` as a user runs it: subprocesses, offline, over articles added with
`python -m index add`. Each process that answers loads the model (~5 s), so there
are few of them, and independent ones run side by side."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.answering.abstention import NOT_FOUND
from bot.answering.citation_markers import markers_in
from tests.conftest import FIXTURES, SHARED_SEED

ROOT = Path(__file__).resolve().parents[1]
COLLECTION = "cli-news"
SEED_QUESTION = "Who declined to comment on Tillerson's remarks?"
CITATION_FIELDS = {"n", "article_id", "title", "url", "chunk_id", "quote", "start", "end"}
# Present when the article has them.
OPTIONAL_CITATION_FIELDS = {"site", "date"}


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def env() -> dict[str, str]:
    """The environment without settings a developer may have exported (token, LLM, data dir)."""
    keep = {k: v for k, v in os.environ.items()
            if k not in {"DISCORD_TOKEN", "DATA_DIR", "COLLECTION", "FETCH_ALLOW_HOSTS"} and not k.startswith("LLM_")}
    keep.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONIOENCODING="utf-8", OMP_NUM_THREADS="1",
                PYTHONPATH=str(ROOT))
    return keep


def run(cwd: Path, module: str, *args: str) -> Run:
    """`python -m MODULE ARGS...` in `cwd` (a temporary folder: no .env is read)."""
    done = subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=env(), capture_output=True,
                          timeout=180, stdin=subprocess.DEVNULL, check=False)
    return Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def side_by_side(cwd: Path, *commands: tuple[str, ...]) -> list[Run]:
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        return list(pool.map(lambda c: run(cwd, *c), commands))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    """Add two fixture articles with `python -m index`, then run every `bot` command once."""
    cwd = tmp_path_factory.mktemp("cli")
    data = cwd / "data"
    # The seed article, when ../shared is there, rides along: its question is asked from the file.
    seed = [str(SHARED_SEED)] if SHARED_SEED.exists() else []
    added = run(cwd, "index", "--data-dir", str(data), "--collection", COLLECTION, "add",
                str(FIXTURES / "harbour-tram.txt"), str(FIXTURES / "lighthouse.html"), *seed)
    assert added.code == 0, added.err
    assert added.out.count("added: #") == 2 + len(seed), added.out
    questions = cwd / "questions.txt"
    questions.write_text("How much did the tram construction cost?\n\n"
                         "What is the boiling point of mercury?\n"
                         "How many steps does the lighthouse staircase have?\n"
                         f"{SEED_QUESTION}\n", encoding="utf-8")
    library = ("--data-dir", str(data), "--collection", COLLECTION)
    names = ["json", "file", "text", "missing", "missing_file", "run", "empty_window", "window_without_answer"]
    results = side_by_side(
        cwd,
        ("bot", "ask", *library, "--json", "How many steps does the lighthouse staircase have?"),
        ("bot", "ask", *library, "--questions", str(questions), "--json"),
        ("bot", "ask", *library, "Who cut the ribbon at the tram opening?"),
        ("bot", "ask", *library, "--json"),
        ("bot", "ask", *library, "--questions", str(cwd / "nowhere.txt")),
        ("bot", "run"),
        ("bot", "ask", *library, "--since", "2020-01-01", "--before", "2020-02-01", "--json", "Who won the marathon?"),
        ("bot", "ask", *library, "--since", "2026-01-01", "--json", "Who won the marathon?"),
    )
    yield dict(zip(names, results))


def check_answer_json(data: dict[str, object]) -> None:
    assert {"answer", "citations", "abstained"} <= set(data)
    assert data["answerer"] == "extractive"  # no LLM is configured here
    citations = data["citations"]
    assert isinstance(citations, list)
    for c in citations:
        assert CITATION_FIELDS <= set(c) <= CITATION_FIELDS | OPTIONAL_CITATION_FIELDS
        assert c["end"] - c["start"] == len(c["quote"])
    assert markers_in(str(data["answer"])) == [c["n"] for c in citations] == list(range(1, len(citations) + 1))


def test_ask_json(runs: dict[str, Run]) -> None:
    result = runs["json"]
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    lines = result.out.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    check_answer_json(data)
    assert data["abstained"] is False
    best = data["citations"][0]
    assert "97 cast-iron steps" in best["quote"]
    assert best["title"] == "Volunteers restore Skerry Point lighthouse"
    assert best["url"] == "https://news.example.org/2026/05/skerry-point-lighthouse"
    assert isinstance(best["article_id"], int) and isinstance(best["chunk_id"], int)


def test_ask_a_file_of_questions_prints_one_json_object_per_line(runs: dict[str, Run]) -> None:
    result = runs["file"]
    assert result.code == 0, result.err
    answers = [json.loads(line) for line in result.out.splitlines()]
    assert len(answers) == 4  # the blank line is skipped
    for data in answers:
        check_answer_json(data)
    cost, mercury, steps, _ = answers
    assert not cost["abstained"] and "412 million euros" in cost["citations"][0]["quote"]
    assert mercury["abstained"] and mercury["citations"] == [] and mercury["answer"].startswith(NOT_FOUND)
    assert mercury["nearest"] and set(mercury["nearest"][0]) == {"article_id", "title", "url", "chunk_id"}
    assert not steps["abstained"] and "97" in steps["citations"][0]["quote"]


def test_ask_as_text_lists_the_sources(runs: dict[str, Run]) -> None:
    result = runs["text"]
    assert result.code == 0, result.err
    answer, _, sources = result.out.partition("\nSources:\n")
    assert "Ines Calloway" in answer and "[1]" in answer
    assert sources.startswith("[1] Harbour city opens its first tram line in forty years · 3 March 2026 (")
    assert " ago) (article #" in sources.splitlines()[0]  # how long ago the cited article appeared
    assert "“Mayor Ines Calloway cut the ribbon" in sources


def test_a_missing_question_is_a_one_line_error(runs: dict[str, Run]) -> None:
    for name, needle in [("missing", "ask needs a question"), ("missing_file", "nowhere.txt")]:
        result = runs[name]
        assert result.code != 0 and result.out == ""
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], result.err


def test_run_without_a_token_points_to_the_console(runs: dict[str, Run]) -> None:
    result = runs["run"]
    assert result.code != 0
    assert "Traceback" not in result.err and result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert "DISCORD_TOKEN" in lines[0] and "python -m bot console" in lines[0]


def test_the_seed_article(seed_article: Path, runs: dict[str, Run]) -> None:
    data = json.loads(runs["file"].out.splitlines()[-1])
    assert not data["abstained"]
    quote = data["citations"][0]["quote"]
    assert "Peskov" in quote and "declined to comment" in quote
    assert quote in seed_article.read_text(encoding="utf-8")
    assert "Peskov" in data["answer"]


def test_feedback_export_writes_a_jsonl_question_set(tmp_path: Path) -> None:
    """Verdicts stored by the Discord front come out of `python -m bot feedback --export`."""
    from index.embedding import LazyEmbedder
    from index.library import KnowledgeBase

    def no_model() -> LazyEmbedder:
        raise AssertionError("recording and exporting feedback must not load the model")

    kb = KnowledgeBase(tmp_path / "data", LazyEmbedder(no_model))
    citation = {"n": 1, "article_id": 1, "title": "Tram", "url": None, "chunk_id": 2, "quote": "It runs.",
                "start": 0, "end": 8}
    kb.collection("guild-1").record_feedback("Does it run?", "It runs. [1]", [citation], True, "42")
    kb.collection("guild-2").record_feedback("Who won?", "Nobody. [1]", [citation], False, "7")
    kb.close()
    out = tmp_path / "feedback.jsonl"
    done = run(tmp_path, "bot", "feedback", "--data-dir", str(tmp_path / "data"), "--export", str(out))
    assert done.code == 0, done.err
    assert "wrote 2 feedback rows" in done.out
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["collection"], r["question"], r["helpful"], r["user"]) for r in rows] == [
        ("guild-1", "Does it run?", True, "42"), ("guild-2", "Who won?", False, "7")]
    assert rows[0]["citations"] == [citation] and rows[0]["answer"] == "It runs. [1]"
    one = run(tmp_path, "bot", "feedback", "--data-dir", str(tmp_path / "data"), "--collection", "guild-2",
              "--export", str(out))
    assert one.code == 0 and "wrote 1 feedback row" in one.out


def test_guild_picks_a_discord_servers_library(tmp_path: Path) -> None:
    """`--guild ID` in both command lines reads and writes the library the bot keeps for that
    server (`guild-ID`), the one /stats names on Discord."""
    data = str(tmp_path / "data")
    added = run(tmp_path, "index", "--data-dir", data, "--guild", "4242", "add", str(FIXTURES / "chess-tournament.txt"))
    assert added.code == 0, added.err
    done = subprocess.run([sys.executable, "-m", "bot", "console", "--data-dir", data, "--guild", "4242"], cwd=tmp_path,
                          env=env(), input=b"/stats\n/articles\nquit\n", capture_output=True, timeout=180, check=False)
    shown = done.stdout.decode("utf-8")
    assert done.returncode == 0 and "collection 'guild-4242'" in shown
    assert "library 'guild-4242': 1 article," in shown and "#1 Teenager wins the Northfield open chess" in shown
    other = run(tmp_path, "index", "--data-dir", data, "stats", "--json")
    assert json.loads(other.out)["collection"] == "default" and json.loads(other.out)["articles"] == 0


def test_a_date_window_no_article_is_dated_in_says_so(runs: dict[str, Run]) -> None:
    """`ask --since/--before` with no article dated in the window gives that as the reason
    (not "the articles do not answer that"); a window holding articles still says that."""
    empty, held = runs["empty_window"], runs["window_without_answer"]
    assert empty.code == 0 and held.code == 0, empty.err + held.err
    answer = json.loads(empty.out)
    assert answer["abstained"] is True and answer["citations"] == [] and answer["nearest"] == []
    assert answer["answer"] == ("No article in this library is dated in that window "
                                "(since 1 January 2020, before 1 February 2020).")
    other = json.loads(held.out)
    assert other["abstained"] is True and other["answer"].startswith(NOT_FOUND)
