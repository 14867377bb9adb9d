"""`python -m index` as a user runs it: a subprocess in the project root, offline, on real files.

URLs are served by a real HTTP server on 127.0.0.1. Loading the model costs a
few seconds per process, so only four processes load it (listing, removing,
stats, keyword search and adding known text never need it), and those four
start together when the module starts (`heavy`); the tests then wait for
their own results while running the cheap commands.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from index.embedding import MiniLMEmbedder
from index.library import KnowledgeBase
from index.sources import Document
from tests.fakes import HashEmbedder

pytestmark = pytest.mark.usefixtures("one_torch_thread")

ROOT = Path(__file__).resolve().parents[1]
RESULT_FIELDS = {"article_id", "title", "chunk_id", "text", "start", "end", "score"}
LIST_FIELDS = {"id", "title", "source", "url", "date", "author", "chunks", "chars", "added_at", "site", "date_source",
               "feed_id"}

PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Night ferry returns | Isles Post</title>
<meta name="author" content="Ruth Kerrow"></head><body><nav>Home</nav><article>
<h1>Night ferry returns to the outer isles</h1>
<p>The night ferry between Ardmore and the outer isles will run again from October, ten years after the
service was cut. The crossing takes four hours and the ship has forty cabins.</p>
<p>Islanders collected 6,000 signatures for the petition. The operator said tickets would cost the same as
the day crossing, and that bicycles travel free.</p>
</article><footer>Isles Post</footer></body></html>"""
NOTE = ("Allotment waiting list\n\nThe town allotments now have a waiting list of 212 households. "
        "The council will open a second site by the reservoir next year, with forty new plots and a shared shed.")


@dataclass(frozen=True)
class Run:
    """One finished command."""

    code: int
    out: str
    err: str

    def json_lines(self) -> list[Any]:
        """stdout parsed as one JSON value per line."""
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


def _env(allow_local: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FETCH_ALLOW_HOSTS", "DATA_DIR", "COLLECTION",
                                                            "DATABASE_URL")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONIOENCODING="utf-8",
               # Four model processes share the cores in these tests; one thread each avoids stalls.
               OMP_NUM_THREADS="1")
    if allow_local:
        env["FETCH_ALLOW_HOSTS"] = "127.0.0.1"
    return env


def cli(data: Path, *args: str, stdin: bytes | None = None, allow_local: bool = False) -> Run:
    """Run `python -m index --data-dir DATA ARGS...` from the project root."""
    done = subprocess.run([sys.executable, "-m", "index", "--data-dir", str(data), *args], cwd=ROOT,
                          env=_env(allow_local), input=stdin if stdin is not None else b"",
                          capture_output=True, timeout=180)
    run = Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))
    assert "Traceback" not in run.err, run.err
    return run


def side_by_side(*calls: tuple[tuple[Any, ...], dict[str, Any]]) -> list[Run]:
    """Run independent commands at the same time; results in the order given."""
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(cli, *args, **kwargs) for args, kwargs in calls]
        return [f.result() for f in futures]


def call(*args: object, **kwargs: object) -> tuple[tuple[object, ...], dict[str, object]]:
    """One command for `side_by_side`."""
    return args, kwargs


def one_line_error(run: Run, *needles: str) -> None:
    """A user error: non-zero exit, and each stderr line is one `error: ...` line naming the problem."""
    assert run.code != 0
    lines = run.err.strip().splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), run.err
    for needle in needles:
        assert needle in run.err, (needle, run.err)


class _Handler(BaseHTTPRequestHandler):
    pages = {"/page.html": ("text/html; charset=utf-8", PAGE), "/note.txt": ("text/plain", NOTE.encode())}

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        content_type, body = self.pages.get(self.path, ("text/plain", b"not found"))
        self.send_response(200 if self.path in self.pages else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def _write_inputs(base: Path, server: str, fixtures: Path) -> tuple[Path, Path, Path]:
    """An article file, a folder of mixed files (one of them binary), and a JSONL file."""
    article = base / "canal.txt"
    article.write_text("Canal boats return\n\nNarrow boats are back on the old canal after the locks at Millbrook "
                       "were repaired. The repairs took fourteen months and cost 2.3 million pounds.\n",
                       encoding="utf-8")
    folder = base / "inbox"
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "a.md").write_text("# Beekeepers count their hives\n\nThe county's beekeepers counted 1,480 hives "
                                 "this spring, a fifth more than last year.\n", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Library opens on Sundays\n\nThe central library will open on Sundays "
                                          "from noon to five, staffed by volunteers.\n", encoding="utf-8")
    (folder / "sub" / "deeper" / "c.html").write_bytes(
        (fixtures / "lighthouse.html").read_bytes())
    (folder / "ignored.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "sub" / "broken.txt").write_bytes(bytes(range(256)) * 4)
    jsonl = base / "more.jsonl"
    lines = [
        json.dumps({"text": "Swimming pool reopens\n\nThe lido reopened after its heated pool was relined.",
                    "title": "Lido reopens", "date": "2026-06-01"}),
        json.dumps({"path": str(fixtures / "chess-tournament.txt")}),
        json.dumps({"url": f"{server}/note.txt", "title": "Allotments"}),
        "this line is not JSON",
        json.dumps({"neither": "text nor path nor url"}),
    ]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return article, folder, jsonl


HOSTILE = ['"AND (', "-*?", "NEAR(", "'; DROP TABLE chunks; --", ""]
QUESTIONS = ["How much did the tram line cost to build?", "", *HOSTILE, "Who won the chess tournament?",
             "How many steps does the lighthouse staircase have?"]


@dataclass(frozen=True)
class Heavy:
    """The four model-loading commands, started at once; each test waits for its own."""

    inputs: Path
    data: Path
    added: Future[Run]
    searchable: Path
    hybrid: Future[Run]
    vector: Future[Run]
    old_model_data: Path
    reembedded: Future[Run]


@pytest.fixture(scope="module", autouse=True)
def heavy(tmp_path_factory: pytest.TempPathFactory, server: str, embedder: MiniLMEmbedder,
          fixture_docs: list[Document]) -> Iterator[Heavy]:
    """Prepare three data folders and start the commands that load the model, side by side."""
    inputs = tmp_path_factory.mktemp("cli-inputs")
    article, folder, jsonl = _write_inputs(inputs, server, ROOT / "tests" / "fixtures" / "articles")
    searchable = tmp_path_factory.mktemp("cli-search")
    with closing(KnowledgeBase(searchable, embedder)) as kb:
        kb.collection("default").add_many(fixture_docs)
    (inputs / "questions.txt").write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
    old_model = tmp_path_factory.mktemp("cli-old-model")
    with closing(KnowledgeBase(old_model, HashEmbedder(dimension=64, name="tests/old-model"))) as kb:
        kb.collection("default").add_many(fixture_docs)
    shutil.copytree(old_model, inputs / "old-model-copy")  # stays on the old model, to be refused
    data = tmp_path_factory.mktemp("cli-add")
    with ThreadPoolExecutor(max_workers=4) as pool:
        yield Heavy(
            inputs=inputs,
            data=data,
            added=pool.submit(cli, data, "add", str(article), str(folder), str(inputs / "missing.txt"),
                              f"{server}/page.html", "--jsonl", str(jsonl), "--json", allow_local=True),
            searchable=searchable,
            hybrid=pool.submit(cli, searchable, "search", "--queries", str(inputs / "questions.txt"), "-k", "3"),
            vector=pool.submit(cli, searchable, "search", "Which volunteers restored the Fresnel lens?",
                               "--mode", "vector", "--json"),
            old_model_data=old_model,
            reembedded=pool.submit(cli, old_model, "rebuild", "--reembed"),
        )


def test_add_list_remove_stats(heavy: Heavy, server: str) -> None:
    """Adding files, folders, URLs, JSONL and stdin; bad inputs reported and skipped; then list, remove, stats."""
    article, data, page = heavy.inputs / "canal.txt", heavy.data, f"{server}/page.html"
    refused, binary = side_by_side(
        call(heavy.inputs / "refused", "add", page, "--json"),
        call(heavy.inputs / "binary", "add", "-", stdin=b"\x00\x01\x02\xff\xfe" * 200),
    )
    big = heavy.added.result()

    # One bad input among good ones: reported on stderr, one line each, and the others go in.
    one_line_error(big, "broken.txt", "missing.txt", "more.jsonl:4", "more.jsonl:5")
    assert big.code == 1 and len(big.err.strip().splitlines()) == 4
    added = big.json_lines()
    assert [r["status"] for r in added] == ["added"] * 8
    assert all(set(r) == {"status", "article_id", "chunks", "title"} and r["chunks"] > 0
               for r in added)
    titles = [r["title"] for r in added]
    assert titles == ["Canal boats return", "Beekeepers count their hives", "Library opens on Sundays",
                      "Volunteers restore Skerry Point lighthouse", "Night ferry returns to the outer isles",
                      "Lido reopens", "Teenager wins the Northfield open chess tournament", "Allotments"]
    canal_id = added[0]["article_id"]

    one_line_error(refused, "refused address", "127.0.0.1", "loopback", "set FETCH_ALLOW_HOSTS=127.0.0.1 to allow it")
    assert len(refused.err.strip().splitlines()) == 1 and refused.out == ""
    one_line_error(binary, "binary input")
    assert len(binary.err.strip().splitlines()) == 1

    # The same text again: unchanged, so no model is loaded.
    again, listing, stats, unknown, bad_name = side_by_side(
        call(data, "add", str(article), "--json"),
        call(data, "list", "--json"),
        call(data, "stats", "--json"),
        call(data, "remove", "999"),
        call(data, "--collection", "../outside", "list"),
    )
    assert again.code == 0 and again.json_lines() == [
        {"status": "unchanged", "article_id": canal_id, "chunks": added[0]["chunks"],
         "title": "Canal boats return"}]
    (articles,) = listing.json_lines()
    assert isinstance(articles, list) and len(articles) == 8
    assert all(set(a) == LIST_FIELDS for a in articles)
    by_title = {a["title"]: a for a in articles}
    assert by_title["Night ferry returns to the outer isles"]["url"] == page
    assert by_title["Night ferry returns to the outer isles"]["author"] == "Ruth Kerrow"
    assert by_title["Allotments"]["url"] == f"{server}/note.txt"
    assert by_title["Lido reopens"]["date"] == "2026-06-01"
    assert by_title["Canal boats return"]["source"] == str(article.resolve())
    (counts,) = stats.json_lines()
    assert counts["articles"] == 8 and counts["chunks"] == counts["vectors"] == sum(
        r["chunks"] for r in added)
    assert counts["model"] == MiniLMEmbedder.name and counts["dimension"] == 384
    one_line_error(unknown, "no article with id 999")
    one_line_error(bad_name, "bad collection name")

    # Pasted on stdin under a title of the user's: the same article, renamed.
    pasted = cli(data, "add", "-", "--title", "Pasted note", "--json", stdin=article.read_bytes())
    assert pasted.code == 0 and pasted.json_lines() == [
        {"status": "updated", "article_id": canal_id, "chunks": added[0]["chunks"], "title": "Pasted note"}]

    removed = cli(data, "remove", str(canal_id))
    assert removed.code == 0 and removed.out.strip() == f"removed: #{canal_id} Pasted note"
    human, rebuilt = side_by_side(call(data, "stats"), call(data, "rebuild"))
    assert "articles: 7" in human.out and "collection: default" in human.out
    assert rebuilt.code == 0 and rebuilt.out.strip() == f"rebuilt: {counts['vectors'] - added[0]['chunks']} vectors"


def _check_results(results: Any, k: int) -> list[dict[str, Any]]:
    """A JSON list of at most k results with the documented fields, best first."""
    assert isinstance(results, list) and len(results) <= k
    for r in results:
        assert RESULT_FIELDS <= set(r) <= RESULT_FIELDS | {"url", "snippet"}
        assert isinstance(r["text"], str) and r["end"] - r["start"] == len(r["text"])
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    return results


def test_search_modes_hostile_queries_and_query_files(heavy: Heavy) -> None:
    """The three modes print JSON results; hostile text prints a JSON list; --queries prints a list per line."""
    searchable = heavy.searchable
    keyword, human, *hostile = side_by_side(
        call(searchable, "search", "tram passengers", "--mode", "keyword", "-k", "2", "--json"),
        call(searchable, "search", "lighthouse", "--mode", "keyword"),
        # A query may start with "-": after `--` argparse takes it as the query, not an option.
        call(searchable, "search", "--json", "--mode", "keyword", "--", '"AND ('),
        call(searchable, "search", "--json", "--mode", "keyword", "--", "-*?"),
        call(searchable, "search", "", "--json"),
    )
    hybrid, vector = heavy.hybrid.result(), heavy.vector.result()
    for run in (hybrid, vector, keyword, human, *hostile):
        assert run.code == 0 and run.err == "", run.err

    per_line = hybrid.json_lines()
    assert len(per_line) == len(QUESTIONS)
    for results in per_line:
        _check_results(results, 3)
    assert "412 million" in per_line[0][0]["text"]
    assert per_line[1] == [] and per_line[2 + len(HOSTILE) - 1] == []
    assert "Lindqvist" in per_line[-2][0]["text"] and "97 cast-iron steps" in per_line[-1][0]["text"]

    (found,) = vector.json_lines()
    top = _check_results(found, 5)[0]
    assert top["url"] == "https://news.example.org/2026/05/skerry-point-lighthouse" and "snippet" not in top
    (words,) = keyword.json_lines()
    assert len(_check_results(words, 2)) == 2 and all("**" in r["snippet"] for r in words)

    assert human.out.startswith("1. [") and "Skerry Point" in human.out
    and_paren, dash_star, empty = (run.json_lines() for run in hostile)
    assert len(and_paren) == 1 and _check_results(and_paren[0], 5), "the word 'and' is still searched"
    assert dash_star == [[]] and empty == [[]]


def test_rebuild_reembed_switches_to_the_loaded_model(heavy: Heavy, embedder: MiniLMEmbedder) -> None:
    """A collection embedded by another model is refused until `rebuild --reembed` re-embeds it."""
    one_line_error(cli(heavy.inputs / "old-model-copy", "search", "tram cost", "--mode", "vector"),
                   "tests/old-model", "rebuild --reembed")
    data = heavy.old_model_data
    reembedded = heavy.reembedded.result()
    assert reembedded.code == 0, reembedded.err
    with closing(KnowledgeBase(data, embedder)) as kb:
        collection = kb.collection("default")
        assert reembedded.out.strip() == f"rebuilt: {collection.stats().chunks} vectors"
        assert collection.stats().model == embedder.name and collection.stats().dimension == 384
        top = collection.search("How much did the tram line cost to build?", "vector", 1)[0]
        assert "412 million" in top.text


def test_an_unchanged_article_is_reported_under_its_stored_title(tmp_path: Path) -> None:
    """A file added under a chosen title, then again inside a folder (and twice in one add):
    `unchanged` reports the title the library keeps, the one `list` shows."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    bridge = folder / "bridge.md"
    bridge.write_text("# Footbridge over the Aln reopens\n\nThe footbridge over the river Aln reopened on Monday "
                      "after a repair that took eleven weeks and cost 380,000 pounds.\n", encoding="utf-8")
    (folder / "copy.txt").write_text(bridge.read_text(encoding="utf-8"), encoding="utf-8")
    data = tmp_path / "data"
    first = cli(data, "add", str(bridge), "--title", "Bridge", "--json")
    assert first.code == 0 and [r["status"] for r in first.json_lines()] == ["added"], first.err
    again = cli(data, "add", str(folder), "--json")
    listing = cli(data, "list")
    assert again.code == 0, again.err
    assert [(r["status"], r["title"]) for r in again.json_lines()] == [("unchanged", "Bridge")] * 2
    assert listing.out.splitlines() == [f"#{first.json_lines()[0]['article_id']} Bridge (1 chunk)"]
