"""`python -m index` and `python -m bot` work unchanged with DATABASE_URL set: the same commands,
the same output, every row in PostgreSQL and nothing in the data folder. Processes that load the
model run side by side, as in the SQLite CLI tests."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.answering.citation_markers import markers_in
from tests.conftest import FIXTURES
from tests.postgres_server import PostgresServer
from tests.test_index_query import REAL_HOSTILE

pytestmark = pytest.mark.usefixtures("one_torch_thread")
ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ("--data-dir", "data", "--collection", "news")
# The hostile questions a command line can carry (no NUL byte, no lone surrogate).
ARGV_HOSTILE = [q for q in REAL_HOSTILE if q.isprintable()]


def run(cwd: Path, url: str, module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m MODULE ARGS...` in `cwd` with DATABASE_URL set, offline, no developer settings."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"DISCORD_TOKEN", "DATA_DIR", "COLLECTION", "FETCH_ALLOW_HOSTS"} and not k.startswith("LLM_")}
    env.update(DATABASE_URL=url, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", OMP_NUM_THREADS="1",
               PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=180, stdin=subprocess.DEVNULL, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    return done


def test_index_and_bot_commands_work_unchanged_on_postgresql(tmp_path: Path, postgres: PostgresServer) -> None:
    url = postgres.new_database()
    tram, lighthouse = str(FIXTURES / "harbour-tram.txt"), str(FIXTURES / "lighthouse.html")
    added = json.loads(run(tmp_path, url, "index", *LIBRARY, "add", tram, lighthouse, "--json").stdout
                       .splitlines()[0])
    assert isinstance(added, dict) and added["status"] == "added" and added["chunks"] >= 1
    queries = tmp_path / "queries.txt"
    queries.write_text("How much did the tram line cost?\nlighthouse staircase steps\n", encoding="utf-8")
    questions = tmp_path / "questions.txt"
    questions.write_text("How many steps does the lighthouse staircase have?\n"
                         "What is the boiling point of mercury?\n", encoding="utf-8")
    with ThreadPoolExecutor(max_workers=4) as pool:
        again, vector, hybrid, asked = pool.map(lambda args: run(tmp_path, url, *args), [
            ("index", *LIBRARY, "add", tram, "--json"),
            ("index", *LIBRARY, "search", "--queries", str(queries), "--mode", "vector", "-k", "2"),
            ("index", *LIBRARY, "search", "--queries", str(queries), "--mode", "hybrid", "-k", "2"),
            ("bot", "ask", *LIBRARY, "--questions", str(questions), "--json"),
        ])
    assert json.loads(again.stdout.splitlines()[0])["status"] == "unchanged"
    for found in (vector, hybrid):
        tram_hits, lighthouse_hits = (json.loads(line) for line in found.stdout.splitlines())
        assert "tram" in tram_hits[0]["title"].lower() and "lighthouse" in lighthouse_hits[0]["title"].lower()
    steps, mercury = (json.loads(line) for line in asked.stdout.splitlines())
    assert not steps["abstained"] and steps["citations"] and "lighthouse" in steps["citations"][0]["title"].lower()
    assert markers_in(steps["answer"]) == [c["n"] for c in steps["citations"]]
    assert mercury["abstained"]

    hostile = tmp_path / "hostile.txt"
    hostile.write_text("\n".join(q for q in ARGV_HOSTILE if q) + "\n", encoding="utf-8")
    answers = run(tmp_path, url, "index", *LIBRARY, "search", "--mode", "keyword", "--queries", str(hostile))
    assert len(answers.stdout.splitlines()) == len([q for q in ARGV_HOSTILE if q])
    assert all(isinstance(json.loads(line), list) for line in answers.stdout.splitlines())
    assert json.loads(run(tmp_path, url, "index", *LIBRARY, "search", "--json", "--", "").stdout) == []
    listed = json.loads(run(tmp_path, url, "index", *LIBRARY, "list", "--json").stdout)
    assert len(listed) == 2
    run(tmp_path, url, "index", *LIBRARY, "remove", str(listed[0]["id"]))
    stats = json.loads(run(tmp_path, url, "index", *LIBRARY, "stats", "--json").stdout)
    assert stats["articles"] == 1 and stats["chunks"] == listed[1]["chunks"]
    assert not (tmp_path / "data" / "collections").exists(), "nothing was written to the data folder"
