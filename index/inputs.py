"""Turning what a user names on the command line (paths, folders, URLs, stdin, JSONL) into documents."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from .errors import InputError
from .limits import MAX_FILE_BYTES, check_bytes, check_count
from .sources import Document, UrlFetcher, extract_text, from_text, load_path, load_url

FILE_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"})

Loaded = tuple[str, "Document | InputError"]


def is_url(item: str) -> bool:
    """True for http(s) URLs."""
    return item.lower().startswith(("http://", "https://"))


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in FILE_EXTENSIONS)


def _load_one(item: str, fetcher: UrlFetcher, title: str | None) -> Document:
    if item == "-":
        # Bytes, decoded like a file's: binary or undecodable input is an InputError, not a traceback.
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        check_bytes(len(data))
        return from_text(extract_text(data, "stdin").text, title)
    doc = load_url(item, fetcher) if is_url(item) else load_path(Path(item).resolve())
    return replace(doc, title=title) if title else doc


def load_items(items: list[str], fetcher: UrlFetcher, title: str | None = None) -> Iterator[Loaded]:
    """Yield (label, document or the error that stopped it) for each item; folders are
    read recursively by extension, so one bad file never stops the others."""
    for item in items:
        path = Path(item)
        if item != "-" and not is_url(item) and path.is_dir():
            files = _files_under(path)
            if not files:
                yield item, InputError(f"no .txt, .md, .html or .pdf files under {item}")
            try:
                check_count(len(files), "the folder")
            except InputError as error:
                yield item, error
                continue
            for file in files:
                yield from load_items([str(file)], fetcher, title)
            continue
        if item != "-" and not is_url(item) and not path.exists():
            yield item, InputError(f"no such file: {item}")
            continue
        try:
            yield item, _load_one(item, fetcher, title)
        except InputError as error:
            yield item, error


def load_jsonl(path: Path, fetcher: UrlFetcher) -> Iterator[Loaded]:
    """Yield one document per line of `{"text"|"path"|"url": ..., "title", "url", "date"}`."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        yield str(path), InputError(f"cannot read {path}: {error}")
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        label = f"{path}:{number}"
        try:
            yield label, _from_record(json.loads(line), fetcher, label)
        except json.JSONDecodeError as error:
            yield label, InputError(f"line {number} is not JSON: {error.msg}")
        except InputError as error:
            yield label, error


def _from_record(record: object, fetcher: UrlFetcher, label: str) -> Document:
    if not isinstance(record, dict):
        raise InputError("a JSONL line must be an object with text, path or url")
    title = record.get("title")
    if "text" in record:
        doc = from_text(str(record["text"]), title)
    elif "path" in record:
        doc = load_path(Path(str(record["path"])).resolve())
    elif "url" in record:
        doc = load_url(str(record["url"]), fetcher)
    else:
        raise InputError("a JSONL line needs one of text, path or url")
    extra: dict[str, Any] = {k: str(record[k]) for k in ("title", "url", "date") if record.get(k)}
    if "date" in extra:
        doc = replace(doc, date_source="given")
    return replace(doc, **extra) if extra else doc
