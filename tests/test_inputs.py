"""What users name on the command line: URL schemes that are refused, JSONL fields of the
wrong type, and errors that name their input once."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.errors import InputError
from index.inputs import describe, load_items, load_jsonl, refused_scheme
from index.sources import Document, UrlFetcher


@pytest.mark.parametrize("item", ["file:///etc/passwd", "FILE://localhost/etc/hostname", "gopher://example.org/1",
                                  "ftp://example.org/a.txt", "data://text/plain,hello"])
def test_other_url_schemes_say_the_scheme_is_not_allowed(item: str) -> None:
    ((label, error),) = list(load_items([item], UrlFetcher()))
    assert label == item and isinstance(error, InputError)
    scheme = item.split(":", 1)[0].lower()
    assert str(error).startswith(f"{scheme}:// URLs are not allowed") and "no such file" not in str(error)


@pytest.mark.parametrize("item", ["notes.txt", "C://notes.txt", "./a:b.txt", "mailto:someone", "https://x.org"])
def test_paths_and_web_urls_are_not_refused_for_their_scheme(item: str) -> None:
    assert refused_scheme(item) is None


def test_a_missing_file_is_named_once(tmp_path: Path) -> None:
    missing = str(tmp_path / "nosuchfile.txt")
    ((label, error),) = list(load_items([missing], UrlFetcher()))
    assert isinstance(error, Exception)
    assert describe(label, error).count("nosuchfile.txt") == 1


def test_jsonl_fields_must_be_strings(tmp_path: Path) -> None:
    lines = [{"text": 12345}, {"text": "A fine article about ferries.", "title": 7},
             {"text": "Another article about trams.", "date": ["2026"]}, {"url": "file:///etc/passwd"},
             {"text": "A good one about the harbour.", "title": "Harbour", "date": None}]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    loaded = list(load_jsonl(jsonl, UrlFetcher()))
    errors = [str(doc) for _, doc in loaded[:4]]
    assert errors[0].startswith('"text" must be a string, not int 12345')
    assert errors[1].startswith('"title" must be a string, not int')
    assert errors[2].startswith('"date" must be a string, not list')
    assert errors[3].startswith("file:// URLs are not allowed")
    good = loaded[4][1]
    assert isinstance(good, Document) and good.title == "Harbour" and good.title_given


def test_a_folder_is_read_without_its_own_notes_or_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# My articles\n\nThe stories I keep for the bot.\n", encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("All rights reserved by the author of these notes.\n", encoding="utf-8")
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "unfinished.md").write_text("A story not ready to be read yet.\n", encoding="utf-8")
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "ferry.txt").write_text("The Harlow ferry will run every hour from May.\n", encoding="utf-8")
    (tmp_path / "tram.md").write_text("Tram drivers in Varnholm voted to accept the pay offer.\n", encoding="utf-8")
    loaded = list(load_items([str(tmp_path)], UrlFetcher()))
    assert sorted(Path(label).name for label, _ in loaded) == ["ferry.txt", "tram.md"]
    assert all(isinstance(doc, Document) for _, doc in loaded)
    # Named on its own, a README is read like any other file.
    ((label, doc),) = list(load_items([str(tmp_path / "README.md")], UrlFetcher()))
    assert isinstance(doc, Document) and "stories I keep" in doc.text
