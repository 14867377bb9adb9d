"""Two `python -m index` processes adding the same URL at the same moment on one PostgreSQL.

The page changes between the two fetches (as a live news page does), so the content hash
cannot make them agree: only the collection's lock across processes, with the look-up by
URL inside it, leaves one article (added by one, updated in place by the other)."""
from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from index.embedding import Embedder
from index.library import KnowledgeBase
from index.store.postgres import PostgresBackend
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.usefixtures("one_torch_thread")
ROOT = Path(__file__).resolve().parents[1]


def edition(number: int) -> bytes:
    """The live page as its `number`-th reader sees it."""
    return (f"""<!doctype html><html><head><meta charset="utf-8"><title>Harbour works update</title></head>
<body><article><h1>Harbour works update</h1>
<p>Edition {number}: the harbour wall repairs moved on to the north pier this week, where divers are
replacing the old timber piles with concrete ones poured on site.</p>
<p>The harbour master said the ferry berth stays open throughout and that the work should end in
spring, weather permitting. Update number {number} of the day.</p></article></body></html>""").encode()


@pytest.fixture
def live_page() -> Iterator[str]:
    """A page on 127.0.0.1 that is different on every request."""
    served = itertools.count(1)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            body = edition(next(served))
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/harbour.html"
    server.shutdown()
    server.server_close()


def add_url(folder: Path, url: str, page: str) -> dict[str, object]:
    """`python -m index add PAGE --json` in its own process on the database at `url`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATA_DIR", "COLLECTION")}
    env.update(DATABASE_URL=url, FETCH_ALLOW_HOSTS="127.0.0.1", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               OMP_NUM_THREADS="1")
    done = subprocess.run([sys.executable, "-m", "index", "--data-dir", str(folder), "add", page, "--json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[0])
    return result


def test_two_processes_adding_one_changing_url_at_once_leave_one_article(
        tmp_path: Path, embedder: Embedder, postgres: PostgresServer, live_page: str) -> None:
    url = postgres.new_database()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda name: add_url(tmp_path / name, url, live_page), ["a", "b"]))
    assert sorted(str(r["status"]) for r in results) == ["added", "updated"], results
    assert results[0]["article_id"] == results[1]["article_id"]
    with closing(KnowledgeBase(tmp_path / "unused", embedder, backend=PostgresBackend(url))) as kb:
        library = kb.collection("default")
        (info,) = library.articles()
        assert info.url == live_page
        text = library.article(info.id).text
        assert text.count("Edition") == 1, "one edition, not two articles' text"
        hits = library.search("divers concrete piles north pier", "hybrid", 5)
        assert hits and {h.article_id for h in hits} == {info.id}
        assert library.stats().chunks == info.chunks
