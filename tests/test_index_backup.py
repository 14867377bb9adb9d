"""`python -m index backup DEST` and `restore`: consistent copies while the library is written."""
from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest

from index.cli import main
from index.embedding import Embedder
from index.library import KnowledgeBase
from index.sources import Document, from_text
from index.store.database import DB_FILE, INDEX_FILE
from tests.test_index_concurrency import run_cli


def consistent(db_path: Path) -> tuple[int, int]:
    """(articles, chunks) of a database whose chunks, full-text rows and articles agree."""
    with closing(sqlite3.connect(db_path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        chunks = [r[0] for r in db.execute("SELECT id FROM chunks ORDER BY id")]
        assert chunks == [r[0] for r in db.execute("SELECT rowid FROM chunks_fts ORDER BY rowid")]
        assert not db.execute("SELECT 1 FROM chunks WHERE article_id NOT IN (SELECT id FROM articles)").fetchall()
        return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]), len(chunks)


def test_backup_while_writing_then_restore_answers(tmp_path: Path, embedder: Embedder,
                                                   fixture_docs: list[Document],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A backup taken during a stream of adds is a consistent snapshot; restored into an
    empty folder it searches like the original (FAISS rebuilt from SQLite)."""
    data = tmp_path / "data"
    kb = KnowledgeBase(data, embedder)
    col = kb.collection("guild-42")
    col.add_many(fixture_docs)
    extra = [from_text(f"Bulletin {i}: the harbour ferry timetable changed on day {i} of the trial.", f"Bulletin {i}")
             for i in range(40)]
    writer = threading.Thread(target=lambda: [col.add(d) for d in extra])
    writer.start()
    try:
        assert main(["--data-dir", str(data), "backup", str(tmp_path / "backup")]) == 0
    finally:
        writer.join(120)
        kb.close()
    copy = tmp_path / "backup" / "collections" / "guild-42" / DB_FILE
    articles, chunks = consistent(copy)
    assert len(fixture_docs) <= articles <= len(fixture_docs) + len(extra)
    manifest = json.loads((tmp_path / "backup" / "backup.json").read_text())
    assert manifest["collections"] == [{"name": "guild-42", "articles": articles, "chunks": chunks}]
    assert not (copy.parent / INDEX_FILE).exists()
    with closing(sqlite3.connect(copy)) as db:  # one self-contained file, no -wal beside it
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"

    restored = tmp_path / "restored"
    assert main(["--data-dir", str(restored), "restore", str(tmp_path / "backup")]) == 0
    assert f"restored: guild-42 ({articles} articles, {chunks} chunks, {chunks} vectors)" in capsys.readouterr().out
    again = KnowledgeBase(restored, embedder)
    try:
        found = again.collection("guild-42").search("How many steps does the lighthouse staircase have?", "vector", 3)
        assert found and "lighthouse" in found[0].title.lower()
    finally:
        again.close()


def test_backup_taken_while_another_process_adds(tmp_path: Path, embedder: Embedder,
                                                  fixture_docs: list[Document]) -> None:
    """The CLI backs up while the CLI adds in another process: both succeed."""
    data = tmp_path / "data"
    kb = KnowledgeBase(data, embedder)
    kb.collection("default").add(fixture_docs[0])
    kb.close()
    folder = Path(__file__).parent / "fixtures" / "articles"
    adding = threading.Thread(target=lambda: run_cli(data, "add", str(folder)))
    adding.start()
    done = run_cli(data, "backup", str(tmp_path / "b"))
    adding.join(180)
    assert done.returncode == 0, done.stderr
    consistent(tmp_path / "b" / "collections" / "default" / DB_FILE)


def test_restore_refuses_to_overwrite_unless_asked(tmp_path: Path, embedder: Embedder,
                                                   fixture_docs: list[Document],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """An existing collection is kept unless --replace; a used backup folder is refused."""
    data = tmp_path / "data"
    kb = KnowledgeBase(data, embedder)
    kb.collection("default").add(fixture_docs[0])
    kb.close()
    assert main(["--data-dir", str(data), "backup", str(tmp_path / "b")]) == 0
    assert main(["--data-dir", str(data), "backup", str(tmp_path / "b")]) == 2
    assert "already exists" in capsys.readouterr().err
    kb = KnowledgeBase(data, embedder)
    kb.collection("default").add(fixture_docs[1])
    kb.close()
    assert main(["--data-dir", str(data), "restore", str(tmp_path / "b")]) == 2
    assert "--replace" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "restore", str(tmp_path / "b"), "--replace"]) == 0
    assert consistent(data / "collections" / "default" / DB_FILE)[0] == 1
    assert main(["--data-dir", str(data), "restore", str(tmp_path)]) == 2
    assert "not a backup" in capsys.readouterr().err
