"""Large inputs: each limit in index/limits.py refuses at once, with a message that says
the size, the limit and what to do; nothing is half-added."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from index import limits
from index.cli import main
from index.errors import InputError
from index.library import KnowledgeBase
from index.sources import Document, from_text, load_bytes


def sparse_file(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no disk space."""
    with path.open("wb") as out:
        out.truncate(size)
    return path


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    big = sparse_file(tmp_path / "log.txt", 50_000_000)
    page = sparse_file(tmp_path / "page.html", limits.MAX_HTML_BYTES + 1)
    small = tmp_path / "note.txt"
    small.write_text("Harbour note\n\nThe ferry now runs every forty minutes on weekdays.\n", encoding="utf-8")
    code = main(["--data-dir", str(tmp_path / "data"), "add", str(big), str(page), str(small), "--json"])
    captured = capsys.readouterr()
    assert code == 1  # the others are reported and skipped; the small note is added
    assert '"status": "added"' in captured.out
    assert f"error: {big}: too large: 50.0 MB; the limit for a file is 20.0 MB per article" in captured.err
    assert f"error: {page}: too large: 5.0 MB; the limit for an HTML page is 5.0 MB per article" in captured.err
    assert "Traceback" not in captured.err


def test_an_upload_over_the_limit_is_refused() -> None:
    with pytest.raises(InputError, match="the limit for an HTML page is 5.0 MB"):
        load_bytes(b" " * (limits.MAX_HTML_BYTES + 1), "page.html", "page.html")


def test_text_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    too_long = "The ferry runs. " * (limits.MAX_ARTICLE_CHARS // 16 + 1)
    with pytest.raises(InputError, match=r"too long: 2,000,016 characters of text; the limit is 2,000,000"):
        from_text(too_long, "Log")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(too_long.encode())))
    assert main(["--data-dir", str(tmp_path / "data"), "add", "-"]) == 1


def test_the_knowledge_base_refuses_what_the_loaders_would(kb: KnowledgeBase) -> None:
    """A document built another way (Discord, JSONL) meets the same limit, before any write."""
    col = kb.collection("default")
    ok = from_text("The ferry runs every forty minutes.", "Ferry")
    huge = Document(text="word " * (limits.MAX_ARTICLE_CHARS // 5 + 1), title="Huge", source="pasted")
    with pytest.raises(InputError, match="Huge: too long"):
        col.add_many([ok, huge])
    assert col.articles() == []


def test_too_many_articles_in_one_add(tmp_path: Path, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(limits, "MAX_ARTICLES_PER_ADD", 3)
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(4):
        (folder / f"n{i}.txt").write_text(f"Note {i}\n\nThe ferry ran {i} extra times.\n", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "data"), "add", str(folder)]) == 1
    assert (f"error: {folder}: the folder has 4 articles; the limit is 3 per add (add its sub-folders or parts "
            "one at a time)") in capsys.readouterr().err
    docs = [from_text(f"Note {i}: the ferry ran {i} extra times.", f"Note {i}") for i in range(4)]
    with pytest.raises(InputError, match="the limit is 3 per add"):
        kb.collection("default").add_many(docs)
