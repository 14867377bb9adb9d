"""PostgreSQL as a deployment runs it: `migrate` from a data folder, several processes on one
database, migrations when processes start together, and the DATABASE_URL setting's errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from index.embedding import Embedder
from index.library import KnowledgeBase
from index.records import SEARCH_MODES
from index.sources import Document
from index.store.pg_migrations import MIGRATIONS
from index.store.postgres import PostgresBackend
from tests.fakes import HashEmbedder
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.usefixtures("one_torch_thread")
ROOT = Path(__file__).resolve().parents[1]


def index_cli(data: Path, *args: str, database_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m index --data-dir DATA ARGS...` in its own process, DATABASE_URL set or not."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATA_DIR", "COLLECTION")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", OMP_NUM_THREADS="1")
    if database_url:
        env["DATABASE_URL"] = database_url
    done = subprocess.run([sys.executable, "-m", "index", "--data-dir", str(data), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def by_title(docs: list[Document], word: str) -> Document:
    """The fixture article whose title holds `word`."""
    return next(d for d in docs if word in d.title.lower())


def test_migrate_copies_every_collection_without_reembedding(tmp_path: Path, embedder: Embedder,
                                                             fixture_docs: list[Document],
                                                             postgres: PostgresServer) -> None:
    """Articles keep their ids, chunks their vectors, feedback its rows; a second run copies nothing."""
    data = tmp_path / "data"
    with closing(KnowledgeBase(data, embedder)) as folder:
        alpha, beta = folder.collection("alpha"), folder.collection("beta")
        alpha.add_many([by_title(fixture_docs, "tram"), by_title(fixture_docs, "chess"),
                        by_title(fixture_docs, "bakers")])
        alpha.remove(alpha.articles()[1].id)  # a gap in the ids, as a real library has
        beta.add(by_title(fixture_docs, "lighthouse"))
        alpha.record_feedback("How much did the tram cost?", "£41m [1]", [{"article_id": 1}], True, "u1")
        questions = ["How much did the tram line cost?", "lighthouse staircase steps", '"Fresnel lens"']
        expected = {(name, q, mode): [(r.article_id, r.chunk_id and r.text) for r in folder.collection(name)
                                      .search(q, mode, 3)]
                    for name in ("alpha", "beta") for q in questions for mode in SEARCH_MODES}
        listing = {name: folder.collection(name).articles() for name in ("alpha", "beta")}
        vectors = {name: {(r.article_id, r.text): r.vector.tobytes()
                          for r in folder.collection(name).store.chunk_rows(range(1, 200)).values()}
                   for name in ("alpha", "beta")}

    url = postgres.new_database()
    first = index_cli(data, "migrate", "--to", url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "alpha: copied 2 articles (%d chunks, 1 feedback row); 0 already there"
        % sum(a.chunks for a in listing["alpha"]),
        "beta: copied 1 article (%d chunks, 0 feedback rows); 0 already there" % listing["beta"][0].chunks,
    ]
    with closing(KnowledgeBase(tmp_path / "unused", embedder, backend=PostgresBackend(url))) as moved:
        assert moved.names() == ["alpha", "beta"]
        for name in ("alpha", "beta"):
            col = moved.collection(name)
            assert col.articles() == listing[name]
            copied = {(r.article_id, r.text): r.vector.tobytes()
                      for r in col.store.chunk_rows([h.chunk_id for h in col.search("the", "vector", 1000)]).values()}
            assert copied == vectors[name], "the vectors are the stored ones, not re-embedded"
        for (name, q, mode), hits in expected.items():
            assert [(r.article_id, r.text) for r in moved.collection(name).search(q, mode, 3)][:1] == hits[:1], \
                (name, q, mode)
        assert moved.collection("alpha").store.feedback()[0][:5] == (
            "How much did the tram cost?", "£41m [1]", '[{"article_id": 1}]', 1, "u1")
        # New articles continue the numbering after the copied ones.
        added = moved.collection("alpha").add(Document(text="A note on the tram depot roof.", title="Depot",
                                                       source="pasted"))
        assert added.article_id == max(a.id for a in listing["alpha"]) + 1

    again = index_cli(data, "migrate", "--to", url, "--json")
    assert again.returncode == 0, again.stderr
    reports = json.loads(again.stdout)
    assert [(r["collection"], r["articles_copied"], r["articles_present"], r["chunks_copied"], r["feedback_copied"])
            for r in reports] == [("alpha", 0, 2, 0, 0), ("beta", 0, 1, 0, 0)]


def test_migrate_refuses_what_it_cannot_do(tmp_path: Path, postgres: PostgresServer) -> None:
    """No collections, or a target that is not PostgreSQL: one line on stderr, non-zero."""
    empty = index_cli(tmp_path / "nothing", "migrate", "--to", postgres.new_database())
    assert empty.returncode == 2 and empty.stderr.startswith("error: no collections")
    wrong = index_cli(tmp_path / "nothing", "migrate", "--to", "mysql://localhost/x")
    assert wrong.returncode == 2 and "postgresql://" in wrong.stderr


def test_bad_database_urls_are_one_line_errors(tmp_path: Path) -> None:
    """A URL of another database, or a server that is not there: the CLI says so in one line."""
    other = index_cli(tmp_path, "list", database_url="mysql://localhost/x")
    assert other.returncode == 2 and other.stderr.strip().splitlines() == [
        "error: DATABASE_URL must start with postgresql:// (got mysql:...)"]
    absent = index_cli(tmp_path, "list", database_url=f"postgresql://nobody@/x?host={tmp_path}&connect_timeout=2")
    assert absent.returncode == 2 and absent.stderr.startswith("error: cannot reach PostgreSQL at DATABASE_URL: ")
    assert len(absent.stderr.strip().splitlines()) == 1


def test_migrate_names_the_to_url_it_cannot_reach(tmp_path: Path) -> None:
    """The URL came from --to, not from DATABASE_URL: the error says so."""
    with closing(KnowledgeBase(tmp_path / "data", HashEmbedder())) as folder:
        folder.collection("news").add(Document(text="The night ferry runs again from October.", title="Ferry",
                                               source="pasted"))
    absent = index_cli(tmp_path / "data", "migrate", "--to", f"postgresql://nobody@/x?host={tmp_path}&connect_timeout=2")
    assert absent.returncode == 2 and absent.stderr.startswith("error: cannot reach PostgreSQL at the --to URL: ")
    assert "DATABASE_URL" not in absent.stderr and len(absent.stderr.strip().splitlines()) == 1


def test_two_processes_share_one_database(tmp_path: Path, embedder: Embedder, postgres: PostgresServer) -> None:
    """An article one process adds is found by another's open collection at once; two processes
    adding the same file at the same moment leave one article."""
    url = postgres.new_database()
    note = tmp_path / "ferry.txt"
    note.write_text("Night ferry\n\nThe night ferry to the outer isles returns in October with forty cabins.\n",
                    encoding="utf-8")
    with closing(KnowledgeBase(tmp_path / "a", embedder, backend=PostgresBackend(url))) as here:
        mine = here.collection("default")
        assert mine.search("night ferry cabins", "hybrid", 3) == []
        added = index_cli(tmp_path / "b", "add", str(note), "--json", database_url=url)
        assert json.loads(added.stdout)["status"] == "added", added.stderr
        for mode in SEARCH_MODES:
            hits = mine.search("night ferry cabins", mode, 3)
            assert hits and "forty cabins" in hits[0].text, mode

        same = tmp_path / "allotments.txt"
        same.write_text("Allotments\n\nThe waiting list for allotments has 212 households on it.\n", encoding="utf-8")
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = list(pool.map(lambda d: index_cli(tmp_path / d, "add", str(same), "--json", database_url=url),
                                 ["c", "d"]))
        statuses = sorted(json.loads(r.stdout)["status"] for r in runs)
        assert statuses == ["added", "unchanged"], [r.stderr for r in runs]
        assert len({json.loads(r.stdout)["article_id"] for r in runs}) == 1
        assert [a.title for a in mine.articles()] == ["Night ferry", "Allotments"]


def test_migrations_run_once_when_processes_start_together(postgres: PostgresServer) -> None:
    """Several engines opening an empty database at once: each migration runs once, none fails."""
    url = postgres.empty_database()
    with ThreadPoolExecutor(max_workers=4) as pool:
        backends = list(pool.map(lambda _: PostgresBackend(url, pool_size=1), range(4)))
    for backend in backends:
        backend.close()
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        assert rows == [(i, m.__name__) for i, m in enumerate(MIGRATIONS, start=1)]
        assert conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'").fetchone()
